-- Foundation: privileges every later migration relies on, the private schema, shared triggers.

-- Functions are executable by PUBLIC by default, and Supabase adds anon/authenticated on public.
-- Citizens may execute only the RPCs granted to them one by one.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke execute on functions from public, anon, authenticated;

-- Personal data (contacts, sign-ups, tokens, cadre evaluations) lives here. PostgREST does not
-- expose this schema and the API roles cannot even look into it.
create schema if not exists private;
revoke all on schema private from public, anon, authenticated;
grant usage on schema private to service_role;
comment on schema private is 'Personal data and privileged helpers; never exposed through the API.';

-- Rows that are records of what was said or published are never edited or deleted.
-- Row triggers with this function guard UPDATE and DELETE, but TRUNCATE fires no row trigger, and
-- Supabase's default grants give service_role TRUNCATE on every public table. So every table of
-- records the portal promises never to lose also gets, in its own migration, a statement-level
-- BEFORE TRUNCATE trigger with this function (which holds even for the owner) and loses the
-- TRUNCATE privilege for every API role. `seed --reset` bypasses triggers as the owner, on purpose.
-- Lint 8 (tests/db/lints.test.ts) checks every table a refuse_change trigger guards.
create or replace function private.refuse_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception using
    errcode = 'PT409',
    message = format('%s rows cannot be changed: %s', tg_table_name, tg_argv[0]),
    detail = format('Attempted %s on %I.%I.', lower(tg_op), tg_table_schema, tg_table_name),
    hint = coalesce(tg_argv[1], 'Record a new row instead.');
end
$$;
comment on function private.refuse_change() is
  'Trigger: refuses UPDATE/DELETE/TRUNCATE on append-only or published rows (args: reason, hint).';

-- True when a jsonb object's numeric values add up to 1 (group weights and the like).
create or replace function private.weights_sum_to_one(weights jsonb) returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(weights) = 'object'
     and not exists (select 1 from jsonb_each(weights) w where jsonb_typeof(w.value) <> 'number' or (w.value)::numeric < 0)
     and abs(coalesce((select sum((w.value)::numeric) from jsonb_each(weights) w), 0) - 1) < 0.0001
$$;

-- Check constraints call it, so every role that may write those tables must be able to run it.
grant execute on function private.weights_sum_to_one(jsonb) to service_role;

-- When a step took effect: the staff CLI may name it (gongshi.at, e.g. the meeting's date);
-- the log keeps the recording time beside it, so a backdated entry is visible as such.
-- A step may be recorded late (backdated), never ahead of time: a post-dated close or outcome
-- would let staff close sign-ups or record a vote before the published date.
create or replace function private.effective_time() returns timestamptz
language plpgsql stable
set search_path = ''
as $$
declare
  v_at timestamptz := coalesce(nullif(current_setting('gongshi.at', true), '')::timestamptz, now());
begin
  if v_at > now() + interval '1 minute' then
    raise exception using errcode = '22023',
      message = format('A step cannot take effect in the future (%s).', v_at),
      hint = 'Record it when it has happened.';
  end if;
  return v_at;
end
$$;
grant execute on function private.effective_time() to service_role;
