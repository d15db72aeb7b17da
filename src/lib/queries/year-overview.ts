/** Build-time read: each assessment year's overview, as the anonymous public sees it. */
import type { Db } from '../db/types.ts';
import { YearOverviewSchema, type YearOverview } from '../schemas/year-overview.ts';
import { isoUtc } from '../db/sql-time.ts';

const SQL = `
with years as (select year, status from public.assessment_years),
status as (
  select s.*, u.code, u.name, u.name_en, u.kind
  from public.target_current_status s join public.units u on u.id = s.unit_id),
per_unit as (
  select year, code, name, name_en, kind, count(*)::int as targets,
         round(count(*) filter (where status in ('behind', 'not_completed'))::numeric / count(*), 3)::float8 as lagging,
         round(count(*) filter (where status in ('completed', 'on_track'))::numeric / count(*), 3)::float8 as good
  from status group by year, code, name, name_en, kind)
select y.year, y.status,
  (select count(*)::int from public.units where kind = 'municipal_unit') as municipal_units,
  (select count(*)::int from public.units where kind = 'district') as districts,
  (select count(*)::int from status s where s.year = y.year) as targets,
  (select jsonb_build_object(
     'completed', count(*) filter (where status = 'completed'),
     'on_track', count(*) filter (where status = 'on_track'),
     'behind', count(*) filter (where status = 'behind'),
     'not_completed', count(*) filter (where status = 'not_completed'),
     'no_report', count(*) filter (where status = 'no_report'))
   from status s where s.year = y.year) as by_status,
  (select max(period) from status s where s.year = y.year) as as_of_period,
  (select jsonb_build_object(
     'total', count(*),
     'completed', count(*) filter (where status = 'completed'),
     'at_risk', count(*) filter (where status in ('behind', 'not_completed')))
   from status s where s.year = y.year and s.is_public_commitment) as commitments,
  coalesce((select jsonb_agg(x) from (
     select jsonb_build_object('code', code, 'name', name, 'name_en', name_en, 'kind', kind, 'targets', targets, 'share', lagging) as x
     from per_unit p where p.year = y.year and lagging > 0 order by lagging desc, code limit 5) t), '[]') as most_behind,
  coalesce((select jsonb_agg(x) from (
     select jsonb_build_object('code', code, 'name', name, 'name_en', name_en, 'kind', kind, 'targets', targets, 'share', good) as x
     from per_unit p where p.year = y.year order by good desc, code limit 5) t), '[]') as most_ahead,
  (select jsonb_build_object('slug', slug, 'title', title, 'title_en', title_en, 'summary', summary,
            'summary_en', summary_en, 'published_at', ${isoUtc('published_at')})
   from public.bulletins b where left(b.period, 4)::int = y.year
   order by published_at desc, id desc limit 1) as latest_bulletin
from years y
order by y.year`;

export async function readYearOverviews(db: Db): Promise<YearOverview[]> {
  const rows = await db.asRole('anon', (tx) => tx.query(SQL));
  return rows.map((row) => YearOverviewSchema.parse(row));
}

/** The year the portal leads with: the active one, else the latest. */
export function currentYear(overviews: readonly YearOverview[]): YearOverview | undefined {
  return overviews.find((y) => y.status === 'active') ?? overviews.at(-1);
}
