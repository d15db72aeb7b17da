-- The bulletin workflow of the staff CLI (gongshi bulletin draft | publish | correct): a draft is
-- only written for a finished period with something to report, publishing checks the bulletin's
-- state under a row lock, and an erratum supersedes exactly one published bulletin of its period.

-- One published original per kind and period: anything said later about the period is an erratum
-- (supersedes_id), so two drafts of the same period can never both be published, not even by two
-- staff members at the same moment.
create unique index bulletins_one_published_original_per_period
  on public.bulletins (kind, period) where published_at is not null and supersedes_id is null;

-- An erratum corrects a published bulletin of the same kind and period, and each bulletin is
-- corrected at most once (a later correction corrects the erratum).
create or replace function private.check_bulletin_erratum() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_old public.bulletins;
  v_other text;
begin
  if new.supersedes_id is null then
    return new;
  end if;
  select * into v_old from public.bulletins where id = new.supersedes_id;
  if v_old.id is null then
    raise exception using
      errcode = '23503',
      message = format('Bulletin %s does not exist, so it cannot be corrected.', new.supersedes_id);
  end if;
  if v_old.published_at is null then
    raise exception using
      errcode = '55000',
      message = format('Bulletin %s is a draft: only a published bulletin is corrected by an erratum.', v_old.slug),
      hint = 'Edit the draft or draft the period again; publish it first if it is right.';
  end if;
  if v_old.kind <> new.kind or v_old.period <> new.period then
    raise exception using
      errcode = '23514', constraint = 'erratum_matches_corrected_bulletin',
      message = format('An erratum of %s must be a %s bulletin for %s.', v_old.slug, v_old.kind, v_old.period),
      detail = format('The erratum is a %s bulletin for %s.', new.kind, new.period);
  end if;
  select b.slug into v_other from public.bulletins b where b.supersedes_id = new.supersedes_id and b.id <> new.id;
  if v_other is not null then
    raise exception using
      errcode = '23505', constraint = 'bulletins_supersedes_id_key',
      message = format('Bulletin %s is already corrected by %s.', v_old.slug, v_other),
      hint = format('Correct %s instead (or edit it while it is a draft).', v_other);
  end if;
  return new;
end
$$;
comment on function private.check_bulletin_erratum() is
  'Trigger: an erratum supersedes a published bulletin of the same kind and period, which no other erratum supersedes.';

create trigger check_bulletin_erratum before insert or update of supersedes_id, kind, period on public.bulletins
  for each row execute function private.check_bulletin_erratum();

-- The figures of a period for a new draft, once the period is over: its last month's reports were
-- due by p_as_of (report_due_day of the following month) and some have been filed. p_as_of
-- defaults to today in the city's calendar (Asia/Shanghai).
create or replace function private.bulletin_draft_figures(p_kind text, p_period text, p_as_of date default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  b record;
  v_as_of date := coalesce(p_as_of, (now() at time zone 'Asia/Shanghai')::date);
  v_due_day int;
  v_last_period text;
  v_due_on date;
begin
  select * into b from private.period_bounds(p_kind, p_period);
  select y.report_due_day into v_due_day from public.assessment_years y where y.year = b.year;
  if v_due_day is null then
    raise exception using
      errcode = '22023', message = format('Year %s is not an assessment year.', b.year),
      hint = 'Create the assessment year first, or check the period.';
  end if;
  if not exists (select 1 from public.targets t where t.year = b.year and t.status = 'published') then
    raise exception using
      errcode = 'P0002',
      message = format('Nothing to report for %s: %s has no published targets.', p_period, b.year),
      hint = 'Publish the year''s targets first, or choose another period.';
  end if;
  v_last_period := format('%s-%s', b.year, lpad(b.last_month::text, 2, '0'));
  v_due_on := (make_date(b.year, b.last_month, 1) + interval '1 month')::date + (v_due_day - 1);
  if v_due_on > v_as_of then
    raise exception using
      errcode = '55000',
      message = format('The %s period %s is not finished yet (as of %s).', p_kind, p_period, v_as_of),
      detail = format('Reports for %s are due by %s.', v_last_period, v_due_on),
      hint = format('Draft it on or after %s (or give the date the draft is for with --as-of).', v_due_on);
  end if;
  if not exists (
    select 1 from public.progress_reports r join public.targets t on t.id = r.target_id
    where t.year = b.year and t.status = 'published' and r.period = v_last_period) then
    raise exception using
      errcode = '55000',
      message = format('The %s period %s is not finished yet: no progress report has been filed for %s.',
                       p_kind, p_period, v_last_period),
      detail = format('Reports for %s were due by %s.', v_last_period, v_due_on),
      hint = 'Import the month''s progress reports first.';
  end if;
  return private.period_figures(p_kind, p_period);
end
$$;
comment on function private.bulletin_draft_figures(text, text, date) is
  'Figures for a new bulletin draft: 22023 for a malformed period or unknown year, P0002 when the year has no '
  'published targets, 55000 while the period is not finished as of p_as_of (default today, Asia/Shanghai).';

-- Publishes a draft. The row is locked first, so the checks and the write see the same state.
create or replace function private.publish_bulletin(p_id bigint) returns public.bulletins
language plpgsql
set search_path = ''
as $$
declare
  v public.bulletins;
  v_other public.bulletins;
begin
  select * into v from public.bulletins where id = p_id for update;
  if v.id is null then
    raise exception using
      errcode = 'P0002', message = format('There is no bulletin %s.', p_id),
      hint = 'gongshi bulletin list shows every bulletin.';
  end if;
  if v.published_at is not null then
    raise exception using
      errcode = 'PT409',
      message = format('Bulletin %s is already published.', v.slug),
      detail = format('Published at %s.', v.published_at),
      hint = format('A published bulletin never changes; issue a correction: gongshi bulletin correct %s --reason "…".', v.slug);
  end if;
  select * into v_other from public.bulletins where supersedes_id = v.id;
  if v_other.id is not null then
    raise exception using
      errcode = 'PT409',
      message = format('Bulletin %s is superseded by %s and cannot be published.', v.slug, v_other.slug),
      hint = format('Publish %s instead.', v_other.slug);
  end if;
  if v.supersedes_id is null then
    select * into v_other from public.bulletins
    where kind = v.kind and period = v.period and published_at is not null and supersedes_id is null;
    if v_other.id is not null then
      raise exception using
        errcode = 'PT409',
        message = format('The %s bulletin for %s is already published as %s.', v.kind, v.period, v_other.slug),
        detail = format('Published at %s; %s is a second draft of the same period.', v_other.published_at, v.slug),
        hint = format('To change what was published, issue a correction: gongshi bulletin correct %s --reason "…".',
                      v_other.slug);
    end if;
  end if;
  update public.bulletins set published_at = now() where id = v.id returning * into v;
  return v;
end
$$;
comment on function private.publish_bulletin(bigint) is
  'Publishes a draft bulletin: PT409 when it is published already, superseded, or its period already has a published '
  'original (a change is an erratum); P0002 when it does not exist.';

grant execute on function private.bulletin_draft_figures(text, text, date), private.publish_bulletin(bigint)
  to service_role;
