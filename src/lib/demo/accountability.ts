/**
 * The demo city's accountability cases (追责问责), read off what the demo already holds: the units
 * whose published assessment result was admonishment or suspension/demotion, the most negative
 * public supervision findings, and targets last reported not completed. Each case is opened after
 * its basis, decided and published before the demo's as-of month; one stays under investigation and
 * one is decided but not yet published (neither is public). Everyone held to account is fictional:
 * a (generated) cadre of the unit, or a made-up name. Dates come from the data and the seed only.
 */
import type { Queryable } from '../db/types.ts';
import { GIVEN, SURNAMES } from './city.ts';
import type { DemoCity } from './generate.ts';
import { Rng } from './rng.ts';

type Measure = 'written_inspection' | 'circulated_criticism' | 'admonishment' | 'suspension' | 'demotion';
type Role = 'direct' | 'principal_leadership' | 'important_leadership';

interface Plan {
  year: number;
  unit_id: number;
  basis: { kind: 'target'; target_id: number } | { kind: 'supervision'; supervision_id: number } | { kind: 'assessment'; run_id: number };
  opened_on: string;
  summary: [string, string];
  decision?: { measure: Measure; decided_on: string; text: [string, string]; published_on?: string };
  person: { cadre_id: number; role: Role } | { name: string; role: Role } | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const METHOD_ZH: Record<string, string> = {
  monthly_report: '月报告审核', quarterly_dispatch: '季度调度', semiannual_inspection: '半年检查', random_check: '随机抽查',
  push_inspection: '推进式督查', research_inspection: '调研式督查', open_inspection: '明查', covert_visit: '暗访',
};

type AssessmentMeasure = 'admonishment' | 'suspension' | 'demotion';
const ASSESSMENT_DECISIONS: Record<AssessmentMeasure, [string, string]> = {
  admonishment: [
    '经市目标绩效管理委员会研究，对单位主要负责人予以诫勉，责令单位30日内报送整改方案并在下一次季度调度中报告整改进展。',
    'The Target Performance Management Committee admonished the unit\'s principal leader and ordered a remedy plan within 30 days, with progress reported at the next quarterly dispatch.'],
  suspension: [
    '该单位连续两个年度考核不合格或位列末位，经研究，对单位主要负责人予以停职检查，由分管副职临时主持工作。',
    'Having failed or ranked in the bottom three two years running, the unit\'s principal leader was suspended for inspection; a deputy leads the unit in the meantime.'],
  demotion: [
    '该单位连续两个年度考核不合格或位列末位，经研究，对单位主要负责人予以降职处理。',
    'Having failed or ranked in the bottom three two years running, the unit\'s principal leader was demoted.'],
};

/** Opened a few days after the basis, decided some weeks later, published within a week. */
function timeline(rng: Rng, basisOn: string): { opened: string; decided: string; published: string } {
  const opened = addDays(basisOn, rng.int(5, 20));
  const decided = addDays(opened, rng.int(10, 30));
  return { opened, decided, published: addDays(decided, rng.int(2, 7)) };
}

export async function loadDemoAccountability(tx: Queryable, city: DemoCity): Promise<void> {
  const rng = new Rng(city.seed).fork('accountability');
  const [lastYear, lastMonth] = city.lastPeriod.split('-').map(Number) as [number, number];
  // Nothing is dated after the first day of the as-of month (the as-of day is in that month).
  const cap = lastMonth === 12 ? `${lastYear + 1}-01-01` : `${lastYear}-${pad(lastMonth + 1)}-01`;
  const plans: Plan[] = [];

  // 1. Published assessment results with a consequence: the principal leader answers for them.
  const results = await tx.query<{
    run_id: number; year: number; unit_id: number; unit_name: string; unit_name_en: string | null; consequence: string;
    grade: string; rank_in_pool: number; pool_size: number; total: string; published_on: string; principal_id: number | null;
  }>(
    `select a.run_id::int as run_id, a.year, a.unit_id::int as unit_id, u.name as unit_name, u.name_en as unit_name_en,
            a.consequence, a.grade, a.rank_in_pool, a.pool_size, a.total_score::text as total,
            (a.published_at at time zone 'Asia/Shanghai')::date::text as published_on,
            (select c.id::int from public.cadres c where c.unit_id = a.unit_id and c.is_principal) as principal_id
     from public.assessment_results a join public.units u on u.id = a.unit_id
     where a.consequence in ('admonishment', 'suspension_or_demotion')
     order by a.consequence desc, a.year desc, a.rank_in_pool desc, u.code`);
  const latestYear = Math.max(...results.map((r) => r.year));
  const chosen = [
    ...results.filter((r) => r.consequence === 'suspension_or_demotion').slice(0, 2),
    ...results.filter((r) => r.consequence === 'admonishment' && r.year === latestYear).slice(0, 3),
  ];
  for (const r of chosen) {
    const { opened, decided, published } = timeline(rng, r.published_on);
    const en = r.unit_name_en ?? r.unit_name;
    const failed = r.grade === 'fail';
    const standing = `${r.year}年度目标绩效考核总分${r.total}分，在同类单位中排名第${r.rank_in_pool}位（共${r.pool_size}个）${failed ? '，考核等次为不合格' : '，位列末位'}`;
    const standingEn = `scored ${r.total} in the ${r.year} assessment, ranking ${r.rank_in_pool} of ${r.pool_size} in its pool${failed ? ' with a failing grade' : ', in the bottom three'}`;
    const measure: AssessmentMeasure = r.consequence === 'admonishment' ? 'admonishment' : rng.pick(['suspension', 'demotion'] as const);
    plans.push({
      year: r.year, unit_id: r.unit_id, basis: { kind: 'assessment', run_id: r.run_id }, opened_on: opened,
      summary: [`${r.unit_name}${standing}，依规对单位主要负责人启动问责。`, `${en} ${standingEn}; accountability proceedings against its principal leader were opened.`],
      decision: { measure, decided_on: decided, text: ASSESSMENT_DECISIONS[measure], published_on: published },
      person: r.principal_id === null ? null : { cadre_id: r.principal_id, role: 'principal_leadership' },
    });
  }

  // 2. The most negative public findings, old enough to have been decided and published by now.
  const findings = await tx.query<{
    id: number; year: number; unit_id: number; unit_name: string; unit_name_en: string | null; method: string;
    conducted_on: string; delta: string; finding: string; deputy_id: number | null;
  }>(
    `select s.id::int as id, s.year, s.unit_id::int as unit_id, u.name as unit_name, u.name_en as unit_name_en, s.method,
            s.conducted_on::text as conducted_on, trim_scale(-s.score_delta)::text as delta, s.finding,
            (select c.id::int from public.cadres c where c.unit_id = s.unit_id and not c.is_principal
             order by c.sort_order, c.id limit 1) as deputy_id
     from public.supervision_records s join public.units u on u.id = s.unit_id
     where s.is_public and s.score_delta <= -2 and s.conducted_on <= $1::date - 60
     order by s.conducted_on desc, s.score_delta, s.id
     limit 4`, [cap]);
  findings.forEach((f, i) => {
    const { opened, decided, published } = timeline(rng, f.conducted_on);
    const en = f.unit_name_en ?? f.unit_name;
    // Findings about a target read 「title」：problem.
    const [, title, problem] = /^(?:「(.+?)」：)?(.*?)。?$/.exec(f.finding) ?? [];
    const summary: [string, string] = [
      `${METHOD_ZH[f.method] ?? '督查'}发现${f.unit_name}${title ? `在推进「${title}」中` : ''}存在问题：${problem ?? f.finding}，日常监控扣${f.delta}分。`,
      `Supervision found a problem at ${en} (${f.delta} points off its monitoring score); the finding is published with the unit's findings.`,
    ];
    const base = { year: f.year, unit_id: f.unit_id, basis: { kind: 'supervision' as const, supervision_id: f.id }, opened_on: opened, summary };
    if (i === 0) {
      // The newest: decided, not yet published, so not public.
      plans.push({ ...base, person: { name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`, role: 'direct' }, decision: {
        measure: 'admonishment', decided_on: decided,
        text: ['对直接责任人予以诫勉。', 'The person directly responsible was admonished.'],
      } });
    } else if (i === 1) {
      // A case about the unit itself: no one person is named.
      plans.push({ ...base, person: null, decision: {
        measure: 'circulated_criticism', decided_on: decided, published_on: published,
        text: ['对该单位予以通报批评，责令15日内完成整改并报送整改报告。', 'The unit was criticised in a circular and ordered to remedy the problem within 15 days and report back.'],
      } });
    } else if (i === 2) {
      plans.push({ ...base, person: f.deputy_id === null ? null : { cadre_id: f.deputy_id, role: 'important_leadership' }, decision: {
        measure: 'written_inspection', decided_on: decided, published_on: published,
        text: ['责令分管负责人作出书面检查，单位在全系统内通报整改情况。', 'The deputy leader in charge was ordered to submit a written self-criticism; the unit reports its remedy across its system.'],
      } });
    } else {
      plans.push({ ...base, person: { name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.pick(GIVEN)}`, role: 'direct' }, decision: {
        measure: 'written_inspection', decided_on: decided, published_on: published,
        text: ['责令直接责任人作出书面检查，并调离原岗位。', 'The person directly responsible was ordered to submit a written self-criticism and moved to other duties.'],
      } });
    }
  });

  // 3. Targets last reported not completed: last year's (decided and published), then this year's (under investigation).
  const targets = await tx.query<{
    id: number; year: number; unit_id: number; code: string; title: string; leader_id: number; person: string; reported_on: string;
  }>(
    `select t.id::int as id, t.year, t.unit_id::int as unit_id, t.code, t.title, t.responsible_leader_id::int as leader_id,
            t.responsible_person as person, (r.reported_at at time zone 'Asia/Shanghai')::date::text as reported_on
     from public.targets t
     cross join lateral (select c.status, c.reported_at from public.current_progress_reports c
                         where c.target_id = t.id order by c.period desc limit 1) r
     where t.status = 'published' and r.status = 'not_completed' and t.responsible_leader_id is not null
       and t.year between $1 - 1 and $1 and r.reported_at < $2::date - 30
     order by t.year, t.weight desc, t.code`, [city.year, cap]);
  const lastYears = targets.filter((t) => t.year < city.year);
  const current = targets.filter((t) => t.year === city.year);
  for (const t of lastYears.slice(0, 1)) {
    // Opened after the year's annual bulletin (20 January) made the shortfall public.
    const { opened, decided, published } = timeline(rng, `${t.year + 1}-01-20`);
    plans.push({
      year: t.year, unit_id: t.unit_id, basis: { kind: 'target', target_id: t.id }, opened_on: opened,
      summary: [`${t.year}年度目标「${t.title}」（${t.code}）到期未完成，年终考核认定未完成。`, `Target ${t.code} of ${t.year} was not completed by its deadline.`],
      decision: {
        measure: 'written_inspection', decided_on: decided, published_on: published,
        text: ['责令分管负责人作出书面检查，该目标纳入下一年度重点督查。', 'The deputy leader responsible was ordered to submit a written self-criticism; the target is followed up in next year\'s key supervision.'],
      },
      person: { cadre_id: t.leader_id, role: 'important_leadership' },
    });
  }
  for (const t of current.slice(0, 1)) {
    plans.push({
      year: t.year, unit_id: t.unit_id, basis: { kind: 'target', target_id: t.id }, opened_on: addDays(t.reported_on, rng.int(3, 10)),
      summary: [`目标「${t.title}」（${t.code}）报告未完成，已立案调查。`, `Target ${t.code} was reported not completed; an inquiry is under way.`],
      person: { name: t.person, role: 'direct' },
    });
  }

  // Numbered in the order opened, per year opened.
  plans.sort((a, b) => a.opened_on.localeCompare(b.opened_on) || a.unit_id - b.unit_id);
  const sequence = new Map<string, number>();
  for (const p of plans) {
    const openedYear = p.opened_on.slice(0, 4);
    const n = (sequence.get(openedYear) ?? 0) + 1;
    sequence.set(openedYear, n);
    const d = p.decision;
    const [row] = await tx.query<{ id: number }>(
      `insert into public.accountability_cases (case_no, unit_id, year, basis_kind, target_id, supervision_id, assessment_run_id,
         opened_on, summary, summary_en, measure, decided_on, decision_summary, decision_summary_en, published_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       returning id::int as id`,
      [`ZZ-${openedYear}-${String(n).padStart(3, '0')}`, p.unit_id, p.year, p.basis.kind,
       p.basis.kind === 'target' ? p.basis.target_id : null, p.basis.kind === 'supervision' ? p.basis.supervision_id : null,
       p.basis.kind === 'assessment' ? p.basis.run_id : null, p.opened_on, p.summary[0], p.summary[1],
       d?.measure ?? null, d?.decided_on ?? null, d?.text[0] ?? null, d?.text[1] ?? null,
       d?.published_on ? `${d.published_on}T10:00:00+08:00` : null, `${p.opened_on}T09:00:00+08:00`],
    );
    if (p.person) {
      await tx.query(
        `insert into private.accountability_case_persons (case_id, cadre_id, name, role) values ($1, $2, $3, $4)`,
        [row!.id, 'cadre_id' in p.person ? p.person.cadre_id : null, 'name' in p.person ? p.person.name : null, p.person.role],
      );
    }
  }
}
