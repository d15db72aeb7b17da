/**
 * The demo city's leaders' half-year reports: every cadre reports on every half year whose due
 * date (31 July, 31 January) fell before the demo's month, to the fictional city leader in
 * charge of the unit's sector. A few reports come late and two are never submitted, so the unit
 * pages show all three marks. Deterministic: a function of the city and its seed, no clock.
 */
import { insertRows, syncIdentity } from '../db/insert.ts';
import type { Queryable } from '../db/types.ts';
import { GIVEN, SURNAMES } from './city.ts';
import type { DemoCity, Row } from './generate.ts';
import { Rng } from './rng.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD plus n days (UTC calendar arithmetic, no clock). */
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The city leaders in charge (分管市领导), by the units' sector; posts fixed, names drawn. */
const POSTS: Record<string, string> = {
  economy: '常务副市长', urban: '副市长', social: '副市长', governance: '副市长', party: '市委副书记',
  core_urban: '市长', new_area: '市长', suburban: '市长', ecological: '市长',
};

const DONE = ['按进度推进', '总体进展顺利', '稳步推进', '完成半年任务'];
const ACTIONS = [
  '建立周调度、月通报工作机制', '梳理问题清单并逐项落实整改', '深入基层开展调研', '协调解决跨部门难题',
  '加强与区市的协同配合', '组织开展专项督导', '完善工作台账和考核细则', '推动政策措施落地见效',
];
const PRINCIPAL = [
  '召开党组会议专题研究目标推进', '带头领办重点难点任务', '组织班子成员分片包干督促落实', '坚持每月听取目标进展汇报',
];
const WATCH = ['开展目标落实情况专项监督', '对滞后事项开展约谈提醒', '抽查目标台账真实性', '督促整改督查发现的问题'];
const NEXT = [
  '补齐短板，确保全年目标如期完成', '聚焦滞后事项，倒排工期、挂图作战', '巩固提升已完成事项成效', '加强统筹调度，确保年度任务落实',
];

interface Half {
  year: number;
  half: 1 | 2;
  period: string;
  due: string;
}

/** Half years of the city's assessment years whose due date is in a month before the demo's. */
function dueHalves(city: DemoCity): Half[] {
  const halves: Half[] = [];
  for (const { year } of city.assessment_years as { year: number }[]) {
    for (const half of [1, 2] as const) {
      const due = half === 1 ? `${year}-07-31` : `${year + 1}-01-31`;
      if (due.slice(0, 7) > city.lastPeriod) continue;
      halves.push({ year, half, period: `${year}-H${half}`, due });
    }
  }
  return halves;
}

export function generateDemoLeaderReports(city: DemoCity): Row[] {
  const rng = new Rng(city.seed).fork('leader-reports');
  const leaders = new Map(Object.entries(POSTS).map(([sector, post]) =>
    [sector, `${post}${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.chance(0.6) ? rng.pick(GIVEN) : ''}`]));
  const units = new Map(city.units.map((u) => [u.id as number, u]));
  const halves = dueHalves(city);
  // Nothing may fall on or after the first day of the demo's own month.
  const [y, m] = city.lastPeriod.split('-').map(Number) as [number, number];
  const limit = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  // Two deputies never report on the latest half year: the pages show "not submitted".
  const latest = halves.at(-1)?.period;
  const deputies = city.cadres.filter((c) => !c.is_principal);
  const missing = new Set([rng.pick(deputies), rng.pick(deputies)].map((c) => `${c.id as number}|${latest}`));

  const rows: Row[] = [];
  for (const half of halves) {
    const ofYear = city.targets.filter((t) => t.year === half.year && t.parent_id === null && t.status === 'published');
    for (const cadre of city.cadres) {
      const id = cadre.id as number;
      if (missing.has(`${id}|${half.period}`)) continue;
      const unit = units.get(cadre.unit_id as number)!;
      const ownTargets = ofYear.filter((t) => t.unit_id === unit.id && t.responsible_leader_id === id);
      const unitTargets = ofYear.filter((t) => t.unit_id === unit.id);
      if (unitTargets.length === 0) continue;
      const r = rng.fork(`${id}-${half.period}`);
      const when = half.half === 1 ? '上半年' : '下半年';
      const next = half.half === 1 ? '下半年' : '下一年度';
      let summary: string;
      if (cadre.is_principal) {
        const lead = r.pick(unitTargets).title as string;
        summary = `${when}，主持${unit.name as string}全面工作，${r.pick(PRINCIPAL)}，带领班子推进年度${unitTargets.length}项目标，其中“${lead}”进展较快。${next}将${r.pick(NEXT)}。`;
      } else if (ownTargets.length === 0) {
        summary = `${when}，聚焦${unit.name as string}年度目标落实，${r.pick(WATCH)}，${r.pick(ACTIONS)}。${next}将${r.pick(NEXT)}。`;
      } else {
        const [first, second] = r.shuffle(ownTargets);
        const named = `“${first!.title as string}”${second ? `、“${second.title as string}”` : ''}`;
        const count = ownTargets.length > 2 ? `等${ownTargets.length}项` : '';
        summary = `${when}，分管的${named}${count}目标${r.pick(DONE)}，${r.pick(ACTIONS)}。${next}将${r.pick(NEXT)}。`;
      }
      // Most report in the last two weeks before the due date; a few (1.5 %) come late.
      let submitted = r.chance(0.015) ? addDays(half.due, r.int(1, 20)) : addDays(half.due, -r.int(0, 14));
      let published = addDays(submitted, r.int(2, 9));
      if (published >= limit) {
        submitted = addDays(half.due, -r.int(3, 14));
        published = addDays(submitted, 2);
      }
      rows.push({
        cadre_id: id, unit_id: unit.id as number, period: half.period,
        reported_to: leaders.get(unit.sector as string) ?? `市长${SURNAMES[0]!}${GIVEN[0]!}`, reported_to_en: null,
        summary, summary_en: null, submitted_on: submitted,
        published_at: `${published}T10:00:00+08:00`, created_at: `${submitted}T09:00:00+08:00`,
      });
    }
  }
  return rows.map((row, i) => ({ id: i + 1, ...row }));
}

export async function loadDemoLeaderReports(tx: Queryable, city: DemoCity): Promise<void> {
  const rows = generateDemoLeaderReports(city);
  if (rows.length === 0) return;
  await insertRows(tx, 'public.leader_reports', rows);
  await syncIdentity(tx, 'public.leader_reports');
}
