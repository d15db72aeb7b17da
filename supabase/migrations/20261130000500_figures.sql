-- Figures of a period (month, quarter, half-year, year), computed once here and used by
-- bulletins (通报) and the public pages. Status "as of" a period is the latest report in force
-- filed for that period or before.

-- Status of every published target at the end of each month of its year. A target without
-- sub-targets has its latest report in force filed for that month or before. A decomposed target's
-- status and progress follow its leaves (public.target_leaves): completed only when every leaf is,
-- not completed (or behind) when any leaf is, no report while no leaf has reported, on track
-- otherwise; its progress is the leaves' progress weighted by their share of its points.
create view public.target_monthly_status with (security_invoker = true) as
with own as not materialized (
  -- 'no_report' rather than null: bool_and/bool_or below skip nulls, and an unreported leaf must count.
  select t.id as target_id, t.year, m.month, coalesce(r.status, 'no_report') as status, r.period, r.progress_pct,
         r.actual_value, r.reported_at
  from public.published_targets t
  cross join generate_series(1, 12) as m (month)
  left join lateral (
    select c.status, c.period, c.progress_pct, c.actual_value, c.reported_at
    from public.current_progress_reports c
    where c.target_id = t.id and c.period <= format('%s-%s', t.year, lpad(m.month::text, 2, '0'))
    order by c.period desc
    limit 1) r on true),
rolled as (
  select l.target_id, o.year, o.month,
         count(*) filter (where l.leaf_id <> l.target_id)::int as leaves,
         case
           when bool_and(o.status = 'completed') then 'completed'
           when bool_or(o.status = 'not_completed') then 'not_completed'
           when bool_or(o.status = 'behind') then 'behind'
           when bool_and(o.status = 'no_report') then 'no_report'
           else 'on_track'
         end as status,
         case when bool_or(o.status <> 'no_report') then
           round(sum(l.share * case when o.status = 'completed' then 100 else coalesce(o.progress_pct, 0) end), 1)
         end as progress_pct,
         max(o.period) as period,
         max(o.reported_at) as reported_at
  from public.target_leaves l
  join own o on o.target_id = l.leaf_id
  group by l.target_id, o.year, o.month)
select r.target_id, r.year, r.month, t.unit_id, t.parent_id, t.is_public_commitment,
       r.status,
       case when r.leaves > 0 then r.progress_pct else o.progress_pct end as progress_pct,
       case when r.leaves > 0 then r.period else o.period end as period,
       case when r.leaves > 0 then r.reported_at else o.reported_at end as reported_at,
       o.actual_value,
       r.leaves
from rolled r
join public.targets t on t.id = r.target_id
join own o on o.target_id = r.target_id and o.month = r.month;
comment on view public.target_monthly_status is
  'Each published target''s status at the end of every month of its year; decomposed targets roll up from their leaves.';
revoke all on public.target_monthly_status from anon, authenticated;
grant select on public.target_monthly_status to anon, authenticated;

-- Each published target's status now: as of the end of its year's last month.
create view public.target_current_status with (security_invoker = true) as
  select target_id, year, unit_id, parent_id, is_public_commitment, status, period, progress_pct,
         actual_value, reported_at, leaves
  from public.target_monthly_status
  where month = 12;
comment on view public.target_current_status is
  'Each published target with its latest report in force (rolled up from its leaves when decomposed), or no_report.';
revoke all on public.target_current_status from anon, authenticated;
grant select on public.target_current_status to anon, authenticated;

create or replace function private.period_bounds(
  p_kind text, p_period text, out year int, out first_month int, out last_month int)
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_kind = 'monthly' and p_period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' then
    year := left(p_period, 4)::int; first_month := right(p_period, 2)::int; last_month := first_month;
  elsif p_kind = 'quarterly' and p_period ~ '^[0-9]{4}-Q[1-4]$' then
    year := left(p_period, 4)::int; last_month := right(p_period, 1)::int * 3; first_month := last_month - 2;
  elsif p_kind = 'semiannual' and p_period ~ '^[0-9]{4}-H[12]$' then
    year := left(p_period, 4)::int; last_month := right(p_period, 1)::int * 6; first_month := last_month - 5;
  elsif p_kind = 'annual' and p_period ~ '^[0-9]{4}$' then
    year := p_period::int; first_month := 1; last_month := 12;
  else
    raise exception using
      errcode = '22023',
      message = format('"%s" is not a %s period.', p_period, coalesce(p_kind, 'known')),
      hint = 'Use YYYY-MM (monthly), YYYY-Qn (quarterly), YYYY-H1/H2 (semiannual) or YYYY (annual).';
  end if;
end
$$;
comment on function private.period_bounds(text, text) is 'A bulletin period as year and month range; 22023 when malformed.';

-- Status of every published target of a year as of the end of a month (decomposed ones rolled up).
create or replace function private.target_status_asof(p_year int, p_month int)
returns table (target_id bigint, unit_id bigint, is_public_commitment boolean, status text, progress_pct numeric)
language sql stable
set search_path = ''
as $$
  select s.target_id, s.unit_id, s.is_public_commitment, s.status, s.progress_pct
  from public.target_monthly_status s
  where s.year = p_year and s.month = p_month
$$;

create or replace function private.status_counts(p_year int, p_month int) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'completed', count(*) filter (where s.status = 'completed'),
    'on_track', count(*) filter (where s.status = 'on_track'),
    'behind', count(*) filter (where s.status = 'behind'),
    'not_completed', count(*) filter (where s.status = 'not_completed'),
    'no_report', count(*) filter (where s.status = 'no_report'))
  from private.target_status_asof(p_year, p_month) s
$$;

-- The figures a bulletin reports for a period: status counts and their change, commitments,
-- units that reported late or not at all (未按时报送), units most behind, supervision findings.
-- As of p_cutoff (whole seconds, as published): only progress reports filed before it count, so a
-- report or correction filed later never changes a bulletin's figures. The roll-up is the views'
-- own (current_progress_reports, target_monthly_status) read as of the cut-off (gongshi.as_of);
-- without a cut-off, every report filed so far counts and cutoff_at is null.
create or replace function private.period_figures(p_kind text, p_period text, p_cutoff timestamptz default null)
returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  b record;
  v_due_day int;
  v_first_period text;
  v_last_period text;
  v_cutoff timestamptz := date_trunc('second', p_cutoff);
  v_outer text := current_setting('gongshi.as_of', true);
  v_result jsonb;
begin
  select * into b from private.period_bounds(p_kind, p_period);
  select report_due_day into v_due_day from public.assessment_years where year = b.year;
  if v_due_day is null then
    raise exception using errcode = '22023', message = format('Year %s is not an assessment year.', b.year),
      hint = 'Create the assessment year first.';
  end if;
  v_first_period := format('%s-%s', b.year, lpad(b.first_month::text, 2, '0'));
  v_last_period := format('%s-%s', b.year, lpad(b.last_month::text, 2, '0'));
  perform set_config('gongshi.as_of', coalesce(v_cutoff::text, ''), true);

  with status as (select * from private.target_status_asof(b.year, b.last_month)),
  months as (select generate_series(b.first_month, b.last_month) as m),
  -- The month in which a target was finished (completed, or not completed at its deadline).
  finished as (
    select c.target_id, min(right(c.period, 2)::int) as m
    from public.current_progress_reports c
    join public.targets t on t.id = c.target_id
    where t.year = b.year and left(c.period, 4)::int = b.year and c.status in ('completed', 'not_completed')
    group by c.target_id),
  -- A report is due for each month of the period from every target not finished before it.
  due as (
    select t.id as target_id, t.unit_id, months.m,
           format('%s-%s', b.year, lpad(months.m::text, 2, '0')) as period,
           make_date(b.year + (months.m / 12), (months.m % 12) + 1, v_due_day) as due_date
    from public.published_targets t
    cross join months
    left join finished f on f.target_id = t.id
    where t.year = b.year and (f.m is null or f.m >= months.m)
      -- A decomposed target's progress is its sub-targets' reports (its status rolls up from them).
      and not exists (select 1 from public.published_targets c where c.parent_id = t.id)),
  filing as (
    select due.unit_id,
           count(*) filter (where r.id is null) as missing,
           count(*) filter (where (r.reported_at at time zone 'Asia/Shanghai')::date > due.due_date) as late
    from due
    left join public.progress_reports r
      on r.target_id = due.target_id and r.period = due.period and r.supersedes_id is null
         and r.reported_at < coalesce(v_cutoff, 'infinity')
    group by due.unit_id),
  per_unit as (
    select s.unit_id,
           count(*) as targets,
           count(*) filter (where s.status in ('behind', 'not_completed')) as lagging,
           count(*) filter (where s.status = 'completed') as completed
    from status s group by s.unit_id),
  findings as (
    select r.* from public.supervision_records r
    where r.year = b.year and extract(month from r.conducted_on) between b.first_month and b.last_month
      and extract(year from r.conducted_on) = b.year)
  select jsonb_build_object(
    'kind', p_kind,
    'period', p_period,
    'year', b.year,
    'first_period', v_first_period,
    'last_period', v_last_period,
    'cutoff_at', to_char(v_cutoff at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    'targets', (select count(*) from status),
    'by_status', private.status_counts(b.year, b.last_month),
    'previous_by_status', case when b.first_month > 1 then private.status_counts(b.year, b.first_month - 1) end,
    'commitments', (select jsonb_build_object(
        'total', count(*),
        'completed', count(*) filter (where status = 'completed'),
        'at_risk', count(*) filter (where status in ('behind', 'not_completed')))
      from status where is_public_commitment),
    'late_units', coalesce((select jsonb_agg(jsonb_build_object(
        'code', u.code, 'name', u.name, 'name_en', u.name_en, 'late', f.late, 'missing', f.missing)
        order by f.missing + f.late desc, u.code)
      from filing f join public.units u on u.id = f.unit_id where f.late + f.missing > 0), '[]'),
    'most_behind', coalesce((select jsonb_agg(x order by (x->>'lagging_share')::numeric desc, x->>'code')
      from (select jsonb_build_object('code', u.code, 'name', u.name, 'name_en', u.name_en,
              'targets', p.targets, 'lagging', p.lagging,
              'lagging_share', round(p.lagging::numeric / p.targets, 3)) as x
            from per_unit p join public.units u on u.id = p.unit_id
            where p.lagging > 0
            order by p.lagging::numeric / p.targets desc, u.code limit 5) top), '[]'),
    'supervision', jsonb_build_object(
      'total', (select count(*) from findings),
      'by_method', coalesce((select jsonb_object_agg(method, n) from
         (select method, count(*) as n from findings group by method) m), '{}'),
      'public', coalesce((select jsonb_agg(jsonb_build_object(
          'unit_code', u.code, 'unit_name', u.name, 'unit_name_en', u.name_en, 'method', f.method,
          'conducted_on', f.conducted_on, 'finding', f.finding, 'score_delta', f.score_delta)
          order by f.conducted_on, f.id)
        from findings f join public.units u on u.id = f.unit_id where f.is_public), '[]')))
  into v_result;
  perform set_config('gongshi.as_of', coalesce(v_outer, ''), true);
  return v_result;
end
$$;
comment on function private.period_figures(text, text, timestamptz) is
  'Bulletin figures of a period as jsonb, counting only progress reports filed before p_cutoff (all when null); '
  'the staff CLI renders them as a bulletin.';

-- The staff CLI may run as service_role (DESIGN: staff work with the service role).
grant execute on function private.period_bounds(text, text), private.target_status_asof(int, int),
  private.status_counts(int, int), private.period_figures(text, text, timestamptz) to service_role;
