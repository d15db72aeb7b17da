/** Build-time reads of units with everything their public page shows, as the anonymous public sees it. */
import type { Db } from '../db/types.ts';
import { UnitDetailSchema, type UnitDetail } from '../schemas/unit.ts';
import { readTargetSummaries } from './targets.ts';
import { groupBy } from './group.ts';
import { readLeaderReports } from './leader-reports.ts';
import { readAccountabilityCases } from './accountability.ts';

const UNITS_SQL = `select id, code, name, name_en, kind, sector from public.units order by sort_order, code`;
const CADRES_SQL = `select id, unit_id, name, title, title_en, is_principal from public.cadres order by unit_id, sort_order, id`;
const WEIGHTS_SQL = `
select t.unit_id, t.year, i.category, sum(t.weight)::float8 as points, count(*)::int as targets
from public.targets t join public.indicators i on i.id = t.indicator_id
where t.parent_id is null
group by t.unit_id, t.year, i.category
order by t.unit_id, t.year, points desc, i.category`;
// Status of each unit's top-level targets at the end of every month that has reports (the
// database's roll-up rule decides a decomposed target's status).
const TREND_SQL = `
with periods as (select distinct period from public.current_progress_reports)
select s.unit_id, p.period, jsonb_build_object(
         'completed', count(*) filter (where s.status = 'completed'),
         'on_track', count(*) filter (where s.status = 'on_track'),
         'behind', count(*) filter (where s.status = 'behind'),
         'not_completed', count(*) filter (where s.status = 'not_completed'),
         'no_report', count(*) filter (where s.status = 'no_report')) as counts
from public.target_monthly_status s
join periods p on left(p.period, 4)::int = s.year and right(p.period, 2)::int = s.month
where s.parent_id is null
group by s.unit_id, p.period
order by s.unit_id, p.period`;
const FINDINGS_SQL = `
select id, unit_id, year, method, conducted_on::text as conducted_on, finding, finding_en,
       score_delta::float8 as score_delta, target_id
from public.supervision_records order by unit_id, conducted_on desc, id desc`;

export async function readUnitDetails(db: Db): Promise<UnitDetail[]> {
  return db.asRole('anon', async (tx) => {
    const units = await tx.query<{ id: number; code: string }>(UNITS_SQL);
    const byUnit = (rows: { unit_id: number }[]) => groupBy(rows, (r) => r.unit_id);
    const cadres = byUnit(await tx.query<{ unit_id: number }>(CADRES_SQL));
    const weights = byUnit(await tx.query<{ unit_id: number }>(WEIGHTS_SQL));
    const trend = byUnit(await tx.query<{ unit_id: number }>(TREND_SQL));
    const findings = byUnit(await tx.query<{ unit_id: number }>(FINDINGS_SQL));
    const targets = groupBy(await readTargetSummaries(tx), (t) => t.unit_code);
    const leaderReports = await readLeaderReports(tx);
    const accountability = await readAccountabilityCases(tx);
    return units.map((u) =>
      UnitDetailSchema.parse({
        ...u,
        cadres: cadres.get(u.id) ?? [],
        targets: targets.get(u.code) ?? [],
        weights: weights.get(u.id) ?? [],
        trend: trend.get(u.id) ?? [],
        findings: findings.get(u.id) ?? [],
        leader_reports: leaderReports.get(u.id) ?? [],
        accountability: accountability.get(Number(u.id)) ?? [],
      }),
    );
  });
}
