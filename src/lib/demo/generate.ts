/**
 * Generates the demo city as rows, deterministically from a seed and an "as of" date.
 * Nothing here reads the clock: the same inputs give byte-identical data.
 */
import { CITY, DISTRICTS, DIVISIONS, GIVEN, MUNICIPAL_UNITS, PEER_CITIES, SURNAMES, type UnitSpec } from './city.ts';
import {
  CATEGORY_WEIGHTS, FINDINGS_BAD, FINDINGS_GOOD, fitsTask, INDICATORS, ownsIndicator, TASKS, TEXTS, THEME,
  type Category, type IndicatorSpec, type ThemeTexts,
} from './indicators.ts';
import { departmentEn, departmentsFor } from './departments.ts';
import { Rng } from './rng.ts';

export type Row = Record<string, string | number | boolean | null>;

export interface DemoCity {
  seed: number;
  year: number;
  /** Closed years before `year` (`year - pastYears` … `year - 1`), each fully reported and assessed. */
  pastYears: number;
  /** The share of a unit's usual number of targets that each past year carries. */
  pastScale: number;
  /** Last month with reports filed (as of the given date). */
  lastPeriod: string;
  assessment_years: Row[];
  units: Row[];
  cadres: Row[];
  indicators: Row[];
  targets: Row[];
  target_baselines: Row[];
  progress_reports: Row[];
  supervision_records: Row[];
}

export interface DemoOptions {
  seed: number;
  /** The demo calendar: reports exist up to the month before this date. YYYY-MM-DD. */
  asOf: string;
  /** Closed years before the current one: a whole number from 1 to MAX_PAST_YEARS. Default 3. */
  pastYears?: number;
  /**
   * The share of a unit's usual number of targets that each past year carries, in (0, 1]:
   * 1 gives past years as many targets as the current year. Default 0.3 (never fewer than 5 a unit).
   */
  pastScale?: number;
}

export const DEFAULT_DEMO: Required<DemoOptions> = { seed: 2026, asOf: '2026-11-15', pastYears: 3, pastScale: 0.3 };

export const MAX_PAST_YEARS = 12;

/** The vertical baselines of a target reach this many years before its own year. */
const BASELINE_YEARS = 3;

/** The first year the database accepts (assessment years, baselines). */
const FIRST_YEAR = 2000;

/** The unit whose results are poor every year (市体育局): bottom of its pool two years running. */
export const STRUGGLING_UNIT = 'M047';

const pad = (n: number) => String(n).padStart(2, '0');
const period = (year: number, month: number) => `${year}-${pad(month)}`;
const round = (x: number, decimals: number) => Number(x.toFixed(decimals));

/** The last day of a month as YYYY-MM-DD. */
function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function parseAsOf(asOf: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
  if (!m || month < 1 || month > 12 || day < 1 || day > 31 || year < 2001 || year > 2099) {
    throw new Error(`--as-of must be a date YYYY-MM-DD between 2001 and 2099, got "${asOf}"`);
  }
  if (month === 1) throw new Error(`--as-of must be in February or later: January has no filed monthly reports yet`);
  return { year, month, day };
}

/**
 * The past years and their scale, checked; an error names the option and what it accepts.
 * The oldest baseline (three years before the first past year) must still be a year the database takes.
 */
export function demoHistory(options: DemoOptions): { pastYears: number; pastScale: number } {
  const pastYears = options.pastYears ?? DEFAULT_DEMO.pastYears;
  const pastScale = options.pastScale ?? DEFAULT_DEMO.pastScale;
  if (!Number.isInteger(pastYears) || pastYears < 1 || pastYears > MAX_PAST_YEARS) {
    throw new Error(`pastYears must be a whole number from 1 to ${MAX_PAST_YEARS}, got ${pastYears}`);
  }
  if (!Number.isFinite(pastScale) || pastScale <= 0 || pastScale > 1) {
    throw new Error(`pastScale must be a share above 0 and at most 1 (1 = as many targets as the current year), got ${pastScale}`);
  }
  const { year } = parseAsOf(options.asOf);
  const oldest = year - pastYears - BASELINE_YEARS;
  if (oldest < FIRST_YEAR) {
    throw new Error(`${pastYears} past years before ${year} need baselines from ${oldest}, before ${FIRST_YEAR}: choose fewer past years or a later date`);
  }
  return { pastYears, pastScale };
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
}

/** Splits 100 points across n items in proportion to shares, in steps of 0.5, summing exactly to total. */
function splitPoints(shares: number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const halves = shares.map((s) => Math.max(1, Math.floor(((s / sum) * total) * 2)));
  let rest = total * 2 - halves.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % halves.length) {
    if (rest > 0) {
      halves[i]!++;
      rest--;
    } else if (halves[i]! > 1) {
      halves[i]!--;
      rest++;
    }
  }
  return halves.map((h) => h / 2);
}

/** The texts that fit an indicator's theme. */
function textsFor(ind: IndicatorSpec): ThemeTexts {
  const theme = THEME[ind.code];
  if (!theme) throw new Error(`indicator ${ind.code} has no theme for its texts`);
  return TEXTS[theme];
}
const notesFor = (ind: IndicatorSpec) => textsFor(ind).notes;

/**
 * Reasons and remedy of a lagging or unfinished report, and the note of an on-track one, chosen for
 * the indicator: a report behind schedule gives why it lags (滞后原因), one not completed by its
 * deadline why it was not completed (未完成原因).
 */
function reportTexts(ind: IndicatorSpec, status: string, rng: Rng): { reason: string; remedy: string; note: string } {
  const texts = textsFor(ind);
  const reason = rng.pick(texts.reasons);
  const remedy = rng.pick(texts.remedies);
  const note = rng.pick(texts.notes);
  return {
    reason: status === 'not_completed' ? `未能按期完成，主要原因是${reason}。` : `进度滞后，主要原因是${reason}。`,
    remedy: status === 'not_completed' ? `${remedy}，限期补齐未完成任务。` : `${remedy}。`,
    note,
  };
}

/** An on-track report's progress: a cumulative share, a rate's current level, or a task's progress. */
function progressText(ind: IndicatorSpec, pct: number, actual: number | null, measure: string, note: string): string {
  if (actual !== null && ind.shape === 'rate') return `当前为${actual}${measure}，${note}。`;
  if (actual !== null) return `累计完成${actual}${measure}，占目标的${pct}%，${note}。`;
  return `累计完成${pct}%，${note}。`;
}

/** Good findings about a target: true of any target on schedule. */
const TARGET_FINDINGS_GOOD = [
  '推进有力，节点任务全部按期完成，予以通报表扬',
  '工作措施扎实，进展情况与上报材料一致',
  '群众反映良好，经验做法在全市推广',
];

interface Trajectory {
  performance: number;
  deadlineMonth: number;
}

export function generateDemoCity(options: DemoOptions = DEFAULT_DEMO): DemoCity {
  const { year, month: asOfMonth } = parseAsOf(options.asOf);
  const { pastYears, pastScale } = demoHistory(options);
  const lastMonth = asOfMonth - 1;
  const root = new Rng(options.seed);
  const city: DemoCity = {
    seed: options.seed,
    year,
    pastYears,
    pastScale,
    lastPeriod: period(year, lastMonth),
    assessment_years: [],
    units: [],
    cadres: [],
    indicators: [],
    targets: [],
    target_baselines: [],
    progress_reports: [],
    supervision_records: [],
  };

  for (let y = year - pastYears; y <= year; y++) {
    city.assessment_years.push({ year: y, status: y === year ? 'active' : 'closed' });
  }

  INDICATORS.forEach((ind, index) => {
    city.indicators.push({
      id: index + 1, code: ind.code, name: ind.name, name_en: ind.nameEn, category: ind.category,
      measure: ind.measure, measure_en: ind.measureEn, direction: ind.direction, max_value: ind.max,
    });
  });
  const indicatorId = new Map(INDICATORS.map((ind, index) => [ind.code, index + 1]));

  const specs: { spec: UnitSpec; kind: 'municipal_unit' | 'district'; code: string }[] = [
    ...MUNICIPAL_UNITS.map((spec, i) => ({ spec, kind: 'municipal_unit' as const, code: `M${String(i + 1).padStart(3, '0')}` })),
    ...DISTRICTS.map((spec, i) => ({ spec, kind: 'district' as const, code: `D${pad(i + 1)}` })),
  ];

  const people = root.fork('people');
  let cadreId = 0;
  let targetId = 0;
  let baselineId = 0;
  let reportId = 0;
  let recordId = 0;

  const closedYearsOf: ((years: number[]) => void)[] = [];
  specs.forEach(({ spec, kind, code }, index) => {
    const unitId = index + 1;
    const rng = root.fork(code);
    city.units.push({ id: unitId, code, name: spec.name, name_en: spec.nameEn, kind, sector: spec.sector, sort_order: index + 1 });

    // Cadres: the principal leader and deputies (city-managed cadres).
    const isDistrict = kind === 'district';
    const principalTitle = isDistrict ? ['区委书记', 'District Party Secretary'] : ['主要负责人', 'Principal leader'];
    const posts: [string, string][] = isDistrict
      ? [['区长', 'District Mayor'], ['常务副区长', 'Executive Deputy District Mayor'], ['副区长', 'Deputy District Mayor'], ['副区长', 'Deputy District Mayor'], ['区委副书记', 'Deputy Party Secretary']]
      : [['副职负责人', 'Deputy leader'], ['副职负责人', 'Deputy leader'], ['副职负责人', 'Deputy leader'], ['纪检监察组组长', 'Head of the discipline inspection team']];
    const deputyCount = isDistrict ? posts.length : rng.int(3, 4) + (rng.chance(0.5) ? 1 : 0);
    const unitCadres: number[] = [];
    const allPosts = [principalTitle as [string, string], ...posts.slice(0, Math.min(deputyCount, posts.length))];
    while (allPosts.length < deputyCount + 1) allPosts.push(['副职负责人', 'Deputy leader']);
    allPosts.forEach(([title, titleEn], k) => {
      cadreId++;
      unitCadres.push(cadreId);
      city.cadres.push({ id: cadreId, unit_id: unitId, name: personName(people), title, title_en: titleEn, is_principal: k === 0, sort_order: k + 1 });
    });
    const deputies = unitCadres.slice(1);

    // One year of this unit: targets, baselines, reports and supervision records.
    const yearOfUnit = (year: number, lastMonth: number, rng: Rng, share: number) => {
      // Targets: only indicators and tasks that are the unit's function (INDICATOR_OWNERS, task roles);
      // points by category weights of its sector (districts differ by features).
      const self = { roles: spec.roles, district: isDistrict };
      const tasksOf = (ind: IndicatorSpec) => TASKS.filter((task) => task.indicator === ind.code && fitsTask(task, self));
      const pool = INDICATORS.filter((ind) => ownsIndicator(ind, self) && (ind.direction !== 'qualitative' || tasksOf(ind).length > 0));
      const weights = CATEGORY_WEIGHTS[spec.sector];
      // No more targets than the unit has distinct indicators and tasks for.
      const distinct = pool.filter((ind) => ind.direction !== 'qualitative').length
        + pool.reduce((n, ind) => n + (ind.direction === 'qualitative' ? tasksOf(ind).length : 0), 0);
      const wanted = Math.min(distinct, Math.max(5, Math.round((isDistrict ? rng.int(22, 28) : rng.int(12, 17)) * share)));
      const unitScale = isDistrict ? rng.range(2.5, 6) : rng.range(0.3, 1.4);
      // One unit falls short year after year, so that the rule for two bad years running
      // (suspension or demotion) shows at work; the draw is kept so every other unit stays the same.
      const drawnEffect = rng.normal(0, 0.06);
      const struggling = code === STRUGGLING_UNIT;
      const unitEffect = struggling ? -0.55 : drawnEffect;
      // The struggling unit completes nothing on time (a lucky draw must not lift it out of the bottom).
      const best = struggling ? 0.9 : 1.35;
      const chosen: IndicatorSpec[] = [];
      const categories = Object.keys(weights) as Category[];
      for (const category of categories) {
        const ofCategory = pool.filter((ind) => ind.category === category);
        if (ofCategory.length > 0) chosen.push(rng.pick(ofCategory));
      }
      while (chosen.length < wanted) {
        const category = rng.pick(categories);
        const ofCategory = pool.filter((ind) => ind.category === category);
        if (ofCategory.length === 0) continue;
        const ind = rng.pick(ofCategory);
        // Quantitative indicators appear once per unit; qualitative tasks may repeat with other tasks.
        if (ind.direction !== 'qualitative' && chosen.includes(ind)) {
          if (chosen.filter((c) => c.direction !== 'qualitative').length >= pool.filter((p) => p.direction !== 'qualitative').length) {
            chosen.push(rng.pick(pool.filter((p) => p.direction === 'qualitative')));
          }
          continue;
        }
        chosen.push(ind);
      }
      const shares = chosen.map((ind) => {
        const sameCategory = chosen.filter((c) => c.category === ind.category).length;
        return ((weights[ind.category] ?? 5) / sameCategory) * rng.range(0.8, 1.2);
      });
      const points = splitPoints(shares, 100);
      const usedTasks = new Set<string>();

      chosen.forEach((ind, k) => {
        targetId++;
        const id = targetId;
        const tcode = `${year}-${code}-${pad(k + 1)}`;
        const deadlineMonth = rng.chance(0.75) ? 12 : rng.pick([6, 9, 10, 11]);
        const leader = rng.pick(deputies);
        // The draw of old is kept (the rest of the city stays the same); it picks among the
        // departments whose work the indicator is.
        const owners = departmentsFor(ind.code, isDistrict);
        const department = owners[DIVISIONS.indexOf(rng.pick(DIVISIONS)) % owners.length]!;
        let title: string;
        let titleEn: string;
        let quality: string | null = null;
        let value: number | null = null;
        if (ind.direction === 'qualitative') {
          const options = tasksOf(ind).filter((t) => !usedTasks.has(t.title));
          const task = options.length > 0 ? rng.pick(options) : rng.pick(tasksOf(ind));
          usedTasks.add(task.title);
          title = task.title;
          titleEn = task.titleEn;
          quality = task.quality;
        } else {
          const r = ind.shape === 'cumulative' && ind.measure !== '%' ? unitScale : rng.range(0.92, 1.08);
          // Near its ceiling a rate varies by its distance to it (97 % ± a little, never 102 %).
          const scaled = ind.max !== null && ind.direction === 'higher' && ind.base > 0.8 * ind.max
            ? ind.max - (ind.max - ind.base) * (1 + (1 - r) * 5)
            : ind.base * r;
          value = round(scaled, ind.decimals);
          if (value === 0) value = 1;
          const shown = `${value}${ind.measure === '%' ? '%' : ind.measure}`;
          title = ind.direction === 'lower' ? `${ind.name}控制在${shown}以内` : `${ind.name}达到${shown}`;
          titleEn = ind.direction === 'lower'
            ? `${ind.nameEn}: keep within ${value}${ind.measureEn === '%' ? '%' : ` ${ind.measureEn}`}`
            : `${ind.nameEn}: reach ${value}${ind.measureEn === '%' ? '%' : ` ${ind.measureEn}`}`;
          quality = '数据以统计部门核定口径为准';
        }
        const isCommitment = rng.chance(0.22);
        // A few targets were added late and still await approval: they must not appear publicly.
        const status = rng.chance(0.02) ? 'approved' : 'published';
        city.targets.push({
          id, code: tcode, year, unit_id: unitId, parent_id: null, indicator_id: indicatorId.get(ind.code)!,
          title, title_en: titleEn, description: null, target_value: value, weight: points[k]!,
          deadline: monthEnd(year, deadlineMonth), quality_requirement: quality, responsible_leader_id: leader,
          responsible_department: department, responsible_department_en: departmentEn(department), responsible_person: personName(people),
          is_public_commitment: isCommitment,
          commitment_text: isCommitment ? `${CITY.name}${spec.name.replace(/^市/, '')}承诺：${year}年${deadlineMonth}月底前${title}。` : null,
          status, published_at: status === 'published' ? `${year}-02-01T10:00:00+08:00` : null,
        });

        const trajectory: Trajectory = {
          performance: Math.min(best, Math.max(0.45, rng.normal(1.04 + unitEffect, 0.13))),
          deadlineMonth,
        };

        // Baselines: three previous years, peer cities, functional benchmark; a value past the
        // indicator's ceiling is mirrored below it (a peer city at 104 % of a 97 % rate is at 90 %).
        const within = (x: number) => (ind.max !== null && x > ind.max ? Math.max(0, 2 * ind.max - x) : x);
        if (value !== null) {
          const g = ind.growth !== 0 ? ind.growth : 0.0;
          for (let back = BASELINE_YEARS; back >= 1; back--) {
            baselineId++;
            const past = ind.shape === 'rate' && ind.growth === 0 ? value * rng.range(0.85, 1.1) : value / Math.pow(1 + g, back) * rng.range(0.96, 1.04);
            city.target_baselines.push({ id: baselineId, target_id: id, kind: 'vertical', year: year - back, peer_name: null, value: round(within(past), ind.decimals), note: null });
          }
          for (const peer of PEER_CITIES) {
            baselineId++;
            city.target_baselines.push({ id: baselineId, target_id: id, kind: 'horizontal', year: null, peer_name: peer.name, value: round(within(value * rng.range(0.8, 1.2)), ind.decimals), note: null });
          }
          baselineId++;
          city.target_baselines.push({ id: baselineId, target_id: id, kind: 'benchmark', year: null, peer_name: null, value: round(within(value * rng.range(0.95, 1.1)), ind.decimals), note: '依据单位职能和可达水平测算' });
        }

        const parentRow = city.targets[city.targets.length - 1]!;
        /**
         * A rate's level for a performance (1 = exactly the target) and a small jitter, or a given level;
         * within the indicator's ceiling, which a bounded rate approaches but never passes.
         */
        const rateLevel = (target: number, performance: number, jitter: number, given?: number): number => {
          const p = Math.min(performance, 1.2);
          let level: number;
          if (given !== undefined) level = given;
          else if (ind.direction === 'lower') level = target / (p * jitter);
          else if (ind.max !== null && p >= 1) level = (target + (ind.max - target) * Math.min(1, (p - 1) / 0.35) * 0.8) * jitter;
          else level = target * p * jitter;
          if (ind.max !== null) level = Math.min(ind.max, level);
          return round(level, Math.max(ind.decimals, 1));
        };
        const rateProgress = (target: number, level: number): number => {
          const ratio = ind.direction === 'lower' ? target / level : level / target;
          return round(Math.min(99.9, ratio * 100), 1);
        };
        const reportFor = (rowId: number, rowCode: string, rowTitle: string, rowValue: number | null, t: Trajectory, rrng: Rng) => {
          for (let m = 1; m <= lastMonth; m++) {
            const expected = Math.min(1, m / t.deadlineMonth);
            const achieved = Math.min(1, expected * t.performance * rrng.range(0.97, 1.03));
            const due = m >= t.deadlineMonth;
            let status: string;
            if (ind.shape === 'rate') {
              status = due ? (t.performance >= 0.98 ? 'completed' : 'not_completed') : t.performance >= 0.93 ? 'on_track' : 'behind';
            } else if (achieved >= 1) status = 'completed';
            else if (due) status = 'not_completed';
            else status = achieved >= expected * 0.9 ? 'on_track' : 'behind';
            const completed = status === 'completed';
            // Progress follows the actual value: the share of a cumulative target reached so far, or
            // how close a rate's level is to its target (100 only once the target is confirmed met).
            let pct = round(achieved * 100, 1);
            let actual: number | null = null;
            if (rowValue !== null) {
              if (ind.shape === 'cumulative') actual = round(rowValue * achieved, ind.decimals);
              else {
                const noise = rrng.range(0.99, 1.01);
                // A completed rate meets its target: its level is never on the wrong side of it.
                actual = rateLevel(rowValue, completed ? Math.max(1, t.performance) : t.performance, completed ? 1 + Math.abs(noise - 1) : noise);
                pct = rateProgress(rowValue, actual);
              }
            }
            const measure = ind.measure ?? '';
            const filedDay = rrng.chance(0.08) ? rrng.int(6, 12) : rrng.int(1, 5);
            const filedMonth = m === 12 ? 1 : m + 1;
            const filedYear = m === 12 ? year + 1 : year;
            const reportedAt = `${filedYear}-${pad(filedMonth)}-${pad(filedDay)}T${pad(rrng.int(9, 17))}:${pad(rrng.int(0, 59))}:00+08:00`;
            reportId++;
            const base = {
              id: reportId, target_id: rowId, period: period(year, m), status, actual_value: actual,
              progress_pct: completed ? 100 : pct,
              result_text: null as string | null, progress_text: null as string | null,
              reasons_text: null as string | null, remedy_text: null as string | null,
              supersedes_id: null as number | null, correction_reason: null as string | null, reported_at: reportedAt,
            };
            const texts = reportTexts(ind, status, rrng);
            if (completed) {
              base.result_text = actual !== null && ind.shape === 'cumulative'
                ? `${rowTitle}已完成，实际完成${actual}${measure}。`
                : actual !== null
                  ? `${rowTitle}已完成，实际为${actual}${measure}，经核查符合质量要求。`
                  : `${rowTitle}已全部完成，经核查符合质量要求。`;
            } else if (status === 'on_track') {
              base.progress_text = progressText(ind, pct, actual, measure, texts.note);
            } else {
              base.reasons_text = texts.reason;
              base.remedy_text = texts.remedy;
            }
            city.progress_reports.push(base);
            // About one report in a hundred is corrected later: a new row supersedes it. The corrected
            // figure stays between the neighbouring months' and its progress follows it.
            if (rrng.chance(0.01)) {
              reportId++;
              const shift = rrng.range(0.98, 1.02);
              let fixedPct = completed ? 100 : round(Math.min(99.9, pct * shift), 1);
              let fixedActual: number | null = null;
              if (rowValue !== null && ind.shape === 'cumulative') {
                const fixed = completed ? Math.max(1, shift) : Math.min(0.999, achieved * shift);
                fixedActual = round(rowValue * fixed, ind.decimals);
                if (!completed) fixedPct = round(fixed * 100, 1);
              } else if (rowValue !== null && actual !== null) {
                fixedActual = rateLevel(rowValue, 1, 1, actual * shift);
                if (!completed) fixedPct = rateProgress(rowValue, fixedActual);
                else if (ind.direction === 'lower' ? fixedActual > rowValue : fixedActual < rowValue) fixedActual = actual;
              }
              city.progress_reports.push({
                ...base, id: reportId, progress_pct: fixedPct, actual_value: fixedActual,
                progress_text: base.progress_text === null ? null : progressText(ind, fixedPct, fixedActual, measure, rrng.pick(notesFor(ind))),
                supersedes_id: base.id, correction_reason: '经核实，原上报数据有误，予以更正。',
                reported_at: `${filedYear}-${pad(filedMonth)}-${pad(Math.min(28, filedDay + rrng.int(2, 9)))}T10:00:00+08:00`,
              });
            }
            if (status === 'completed' || status === 'not_completed') break;
          }
          void rowCode;
        };
        // A decomposed target files no reports of its own (its status rolls up from its sub-targets),
        // so the reports drawn for it are dropped again once it is split below.
        const ownReports = { index: city.progress_reports.length, lastId: reportId };
        if (status === 'published') reportFor(id, tcode, title, value, trajectory, rng.fork(`${tcode}-reports`));
        const dropOwnReports = () => {
          city.progress_reports.length = ownReports.index;
          reportId = ownReports.lastId;
        };

        // Decomposition (一级抓一级): some targets are split among divisions as sub-targets.
        const decomposable = ind.shape === 'task' || (ind.shape === 'cumulative' && ind.measure !== '%');
        if (decomposable && rng.chance(0.18) && status === 'published') {
          dropOwnReports();
          const parts = rng.int(2, 3);
          const phases = [['完成前期手续和方案设计', 'Preparatory work and design'], ['完成主体建设任务', 'Main construction'], ['完成验收并投入使用', 'Acceptance and opening']] as const;
          const splits = splitPoints(Array.from({ length: parts }, () => rng.range(0.7, 1.3)), 100);
          for (let p = 0; p < parts; p++) {
            targetId++;
            const subId = targetId;
            const subDeadline = ind.shape === 'task' ? Math.max(1, Math.round((deadlineMonth * (p + 1)) / parts)) : deadlineMonth;
            const subValue = value === null ? null : round((value * splits[p]!) / 100, ind.decimals);
            const division = owners[(owners.indexOf(department) + p + 1) % owners.length]!;
            const subTitle = ind.shape === 'task' ? `${title}：${phases[p === parts - 1 ? 2 : p]![0]}` : `${title}（${division}承担${subValue}${ind.measure}）`;
            const subTitleEn = ind.shape === 'task' ? `${titleEn}: ${phases[p === parts - 1 ? 2 : p]![1]}` : `${titleEn} (share of ${departmentEn(division)}: ${subValue}${ind.measureEn === '%' ? '%' : ` ${ind.measureEn}`})`;
            const subCode = `${tcode}.${p + 1}`;
            city.targets.push({
              ...parentRow, id: subId, code: subCode, parent_id: id, title: subTitle, title_en: subTitleEn,
              target_value: subValue, weight: splits[p]!, deadline: monthEnd(year, subDeadline),
              responsible_department: division, responsible_department_en: departmentEn(division), responsible_person: personName(people),
              is_public_commitment: false, commitment_text: null,
            });
            const subTrajectory: Trajectory = {
              performance: Math.min(best, Math.max(0.45, trajectory.performance + rng.normal(0, 0.06))),
              deadlineMonth: subDeadline,
            };
            // Three levels (unit → division → section): a task's preparatory phase is split again.
            if (ind.shape === 'task' && parts === 3 && p === 0) {
              const sections = [['完成立项和用地手续', 'Project approval and land procedures'], ['完成方案设计并通过评审', 'Design completed and reviewed']] as const;
              const sectionSplits = splitPoints([rng.range(0.8, 1.2), rng.range(0.8, 1.2)], 100);
              sections.forEach(([zh, en], q) => {
                targetId++;
                const sectionCode = `${subCode}.${q + 1}`;
                const sectionDeadline = q === 0 ? Math.max(1, subDeadline - 1) : subDeadline;
                city.targets.push({
                  ...parentRow, id: targetId, code: sectionCode, parent_id: subId,
                  title: `${title}：${zh}`, title_en: `${titleEn}: ${en}`, target_value: null, weight: sectionSplits[q]!,
                  deadline: monthEnd(year, sectionDeadline), responsible_department: division, responsible_department_en: departmentEn(division),
                  responsible_person: personName(people), is_public_commitment: false, commitment_text: null,
                });
                const sectionTrajectory: Trajectory = {
                  performance: Math.min(best, Math.max(0.45, subTrajectory.performance + rng.normal(0, 0.04))),
                  deadlineMonth: sectionDeadline,
                };
                reportFor(targetId, sectionCode, `${title}：${zh}`, null, sectionTrajectory, rng.fork(`${sectionCode}-reports`));
              });
            } else {
              reportFor(subId, subCode, subTitle, subValue, subTrajectory, rng.fork(`${subCode}-reports`));
            }
          }
        }
      });

      // Supervision records (日常监控) of every method through the year.
      const srng = rng.fork('supervision');
      // A finding names a published target of the unit and of its own year, inspected after publication.
      const unitTargets = city.targets.filter((t) => t.unit_id === unitId && t.year === year && t.status === 'published' && t.parent_id === null);
      const methods: [string, number][] = [
        ['monthly_report', srng.int(1, 3)], ['quarterly_dispatch', srng.int(1, 2)], ['semiannual_inspection', 1],
        ['random_check', srng.int(0, 2)], ['push_inspection', srng.int(0, 1)], ['research_inspection', srng.int(0, 1)],
        ['open_inspection', srng.int(0, 1)], ['covert_visit', srng.int(0, 1)],
      ];
      // A finding about a target speaks of that target's field; one about the unit, of its reporting.
      const findingText = (target: Row | undefined, good: boolean, frng: Rng): string => {
        if (!target) return (good ? frng.pick(FINDINGS_GOOD) : frng.pick(FINDINGS_BAD)) + '。';
        const ind = INDICATORS[(target.indicator_id as number) - 1]!;
        const text = good ? frng.pick(TARGET_FINDINGS_GOOD) : frng.pick(textsFor(ind).findings);
        return `「${target.title as string}」：${text}。`;
      };
      for (const [method, count] of methods) {
        for (let c = 0; c < count; c++) {
          recordId++;
          const good = srng.chance(0.45 + unitEffect * 2);
          const target = srng.chance(0.6) && unitTargets.length > 0 ? srng.pick(unitTargets) : undefined;
          // Targets are published on 1 February: a finding about one comes later.
          const month = method === 'semiannual_inspection' ? 7 : srng.int(target ? 2 : 1, lastMonth);
          const conductedOn = `${year}-${pad(month)}-${pad(srng.int(target && month === 2 ? 2 : 1, 28))}`;
          city.supervision_records.push({
            id: recordId, year, unit_id: unitId, target_id: target ? (target.id as number) : null, method,
            conducted_on: conductedOn, created_at: `${conductedOn}T18:00:00+08:00`,
            finding: findingText(target, good, srng),
            finding_en: null,
            score_delta: good ? round(srng.range(0.5, 2), 1) : -round(srng.range(0.5, 3), 1),
            is_public: srng.chance(0.65),
          });
        }
      }
    };
    yearOfUnit(year, lastMonth, rng, 1);
    // Earlier years (fewer targets unless pastScale is 1, every month reported) feed the multi-year assessment.
    closedYearsOf.push((years) => {
      for (const y of years) yearOfUnit(y, 12, root.fork(`${code}-${y}`), pastScale);
    });
  });
  // The default city's past years first, as they always were, then any older ones: its rows (ids,
  // names and draws alike) stay as they are in a longer history of the same scale. Each fork draws
  // from the root, so the order of the years, not only their labels, decides every later draw.
  const closed = Array.from({ length: pastYears }, (_, i) => year - pastYears + i);
  const recent = year - DEFAULT_DEMO.pastYears;
  for (const years of [closed.filter((y) => y >= recent), closed.filter((y) => y < recent)]) {
    for (const addClosedYears of closedYearsOf) addClosedYears(years);
  }

  return city;
}
