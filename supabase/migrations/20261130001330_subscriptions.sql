-- E-mail subscriptions (issue 14): a unit's progress, a target's progress, new bulletins.
--
-- Double opt-in: subscribe() stores a pending subscription and mails a confirmation link (token in
-- the URL fragment); nothing else is ever sent until confirm_subscription() makes it active. Every
-- later message carries a one-click unsubscribe link (List-Unsubscribe) whose token is derived
-- from a per-subscription nonce and an installation secret, so it need not be stored: only its
-- hash is, for the look-up. unsubscribe() is idempotent.
--
-- Enumeration safety: subscribe() answers the same whether the address is new, pending, active or
-- unsubscribed, and whether a message was sent or held back by the per-contact limit (at most
-- three confirmation mails per address and day); only the random request_id differs.
--
-- Notifications (private.outbox, template names in src/lib/outbox/templates/subscriptions.ts):
--  - a progress report filed on a published target → progress_update to each active subscriber of
--    the target, one message per report (idempotency key progress:<report id>:<subscription id>);
--  - the same reports → one digest per unit subscriber per transaction (an import of a thousand
--    reports is one message per unit subscriber; key progress_digest:<batch id>:<subscription id>);
--  - a bulletin published → bulletin_published to each active bulletins subscriber
--    (key bulletin:<bulletin id>:<subscription id>).

create table private.subscriptions (
  id bigint generated always as identity primary key,
  -- private.contact_key(): the normalised e-mail address (never a phone: e-mail only).
  contact_key text not null check (length(contact_key) between 3 and 320 and contact_key !~ '^\+'),
  topic_kind text not null check (topic_kind in ('unit', 'target', 'bulletins')),
  unit_id bigint references public.units (id),
  target_id bigint references public.targets (id),
  locale text not null check (locale in ('zh-CN', 'en')),
  status text not null default 'pending' check (status in ('pending', 'active', 'unsubscribed')),
  -- The confirmation link's token (hash only); replaced by every new confirmation mail.
  confirm_token_hash text unique,
  confirm_expires_at timestamptz,
  -- The unsubscribe token is private.subscription_unsubscribe_token(unsubscribe_nonce); a new
  -- subscription after an unsubscribe gets a new nonce (old links stop working).
  unsubscribe_nonce uuid not null,
  unsubscribe_token_hash text not null unique,
  created_at timestamptz not null default now(),
  requested_at timestamptz not null default now(),
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  constraint topic_matches_kind check (
    case topic_kind
      when 'unit' then unit_id is not null and target_id is null
      when 'target' then target_id is not null and unit_id is null
      when 'bulletins' then unit_id is null and target_id is null
    end),
  constraint confirmed_when_active check (status <> 'active' or confirmed_at is not null),
  constraint unsubscribed_when_unsubscribed check ((status = 'unsubscribed') = (unsubscribed_at is not null))
);
comment on table private.subscriptions is
  'E-mail subscriptions to a unit''s or a target''s progress or to new bulletins: pending until confirmed (double opt-in).';
create unique index subscriptions_one_per_contact_and_topic
  on private.subscriptions (contact_key, topic_kind, (coalesce(unit_id, target_id, 0)));
create index subscriptions_unit_idx on private.subscriptions (unit_id, status);
create index subscriptions_target_idx on private.subscriptions (target_id, status);
create index subscriptions_active_bulletins_idx on private.subscriptions (topic_kind) where status = 'active';
alter table private.subscriptions enable row level security;
revoke all on private.subscriptions from public, anon, authenticated;

-- The confirmation mails sent per contact: the per-contact limit counts them.
create table private.subscription_confirmations (
  id bigint generated always as identity primary key,
  subscription_id bigint not null references private.subscriptions (id) on delete cascade,
  contact_key text not null,
  sent_at timestamptz not null default now()
);
comment on table private.subscription_confirmations is
  'Confirmation mails sent, per contact: at most three per address in 24 hours (rows older than a day are dropped).';
create index subscription_confirmations_contact_idx on private.subscription_confirmations (contact_key, sent_at);
create index subscription_confirmations_subscription_idx on private.subscription_confirmations (subscription_id);
alter table private.subscription_confirmations enable row level security;
revoke all on private.subscription_confirmations from public, anon, authenticated;

-- Progress reports filed in one transaction, gathered until it commits (see the triggers below).
create table private.subscription_notice_batches (
  id bigint generated always as identity primary key,
  txid bigint not null unique,
  created_at timestamptz not null default now()
);
comment on table private.subscription_notice_batches is
  'One row per transaction that filed progress reports while someone subscribes; emptied at commit.';
alter table private.subscription_notice_batches enable row level security;
revoke all on private.subscription_notice_batches from public, anon, authenticated;

create table private.subscription_notice_reports (
  batch_id bigint not null references private.subscription_notice_batches (id) on delete cascade,
  -- No foreign key: a batch lives only until its transaction commits, and a reference would make
  -- TRUNCATE of the kept progress_reports fail on the reference before its guard can answer.
  report_id bigint not null,
  primary key (batch_id, report_id)
);
create index subscription_notice_reports_report_idx on private.subscription_notice_reports (report_id);
comment on table private.subscription_notice_reports is 'The reports of a batch still to be announced to subscribers.';
alter table private.subscription_notice_reports enable row level security;
revoke all on private.subscription_notice_reports from public, anon, authenticated;

insert into private.installation_secrets (name, value)
values ('subscription_token_key', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'))
on conflict (name) do nothing;

-- Per-address flood guards only: one person is limited per contact (three confirmation mails a
-- day); hundreds of people behind one address stay far below these. unsubscribe is generous:
-- mail providers send one-click unsubscribes from a few addresses of their own.
insert into private.rate_limits (rpc, max_calls, per) values
  ('subscribe', 120, interval '1 hour'),
  ('confirm_subscription', 300, interval '1 hour'),
  ('unsubscribe', 3000, interval '1 hour')
on conflict (rpc) do nothing;

-- ---------------------------------------------------------------------------------------------
-- Tokens

-- The unsubscribe token of a nonce: 24 Crockford base32 characters (120 bits) grouped by four.
create or replace function private.subscription_unsubscribe_token(p_nonce uuid) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  v_bytes bytea := sha256(convert_to(
    (select value from private.installation_secrets where name = 'subscription_token_key') || '|unsubscribe|' || p_nonce::text,
    'UTF8'));
  v_token text := '';
begin
  for i in 0 .. 23 loop
    if i > 0 and i % 4 = 0 then
      v_token := v_token || '-';
    end if;
    v_token := v_token || substr(v_alphabet, get_byte(v_bytes, i) % 32 + 1, 1);
  end loop;
  return v_token;
end
$$;
comment on function private.subscription_unsubscribe_token(uuid) is
  'The unsubscribe token of a subscription (from its nonce and an installation secret); only its hash is stored.';

-- ---------------------------------------------------------------------------------------------
-- Topics

-- What a subscription is about, as messages and answers name it: {kind, id, path, name, name_en}.
create or replace function private.subscription_topic(p_kind text, p_unit_id bigint, p_target_id bigint) returns jsonb
language sql stable
set search_path = ''
as $$
  select case p_kind
    when 'unit' then (
      select jsonb_build_object('kind', 'unit', 'id', u.id, 'path', '/units/' || u.code || '/', 'name', u.name, 'name_en', u.name_en)
      from public.units u where u.id = p_unit_id)
    when 'target' then (
      select jsonb_build_object('kind', 'target', 'id', t.id, 'path', '/targets/' || t.id || '/',
                                'name', t.code || ' ' || t.title, 'name_en', t.code || ' ' || coalesce(t.title_en, t.title))
      from public.targets t where t.id = p_target_id)
    when 'bulletins' then jsonb_build_object('kind', 'bulletins', 'id', null, 'path', '/bulletins/', 'name', '通报', 'name_en', 'Bulletins')
  end
$$;
comment on function private.subscription_topic(text, bigint, bigint) is 'A subscription''s topic for messages and answers: kind, id, page path and names.';

-- ---------------------------------------------------------------------------------------------
-- Citizen RPCs

-- subscribe: a pending subscription and a confirmation mail; the same answer whatever the state.
create or replace function rpc_impl.subscribe(p_email text, p_topic_kind text, p_topic_id bigint, p_locale text)
returns jsonb
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_key text;
  v_kind text;
  v_locale text;
  v_unit_id bigint;
  v_target_id bigint;
  v_topic jsonb;
  v_sub private.subscriptions%rowtype;
  v_nonce uuid := gen_random_uuid();
  v_token text;
  v_sent_recently int;
  v_confirmation_id bigint;
begin
  -- First, before any look-up: a client out of tokens learns nothing (see take_rate_token).
  perform private.take_rate_token('subscribe');
  v_key := private.contact_key(private.required_text(p_email, 'email', 3, 254), 'email');
  if private.contact_channel(v_key) <> 'email' then
    raise exception using
      errcode = '22023',
      message = 'email must be an e-mail address: subscriptions are sent by e-mail only.',
      detail = 'A phone number was given.',
      hint = 'Give an e-mail address, for example name@example.org.';
  end if;
  v_kind := private.required_text(p_topic_kind, 'topic_kind', 1, 20);
  if v_kind not in ('unit', 'target', 'bulletins') then
    raise exception using
      errcode = '22023',
      message = format('"%s" is not something to subscribe to.', left(v_kind, 20)),
      detail = 'topic_kind must be unit, target or bulletins.',
      hint = 'Subscribe to a unit''s progress (unit), a target''s progress (target) or new bulletins (bulletins).';
  end if;
  v_locale := private.message_locale(p_locale);
  if v_kind = 'bulletins' then
    if p_topic_id is not null then
      raise exception using
        errcode = '22023', message = 'Bulletins are subscribed to as a whole: topic_id must be left out.',
        detail = format('topic_id %s was given with topic_kind bulletins.', p_topic_id),
        hint = 'Send topic_id only for a unit or a target.';
    end if;
  else
    perform private.required_id(p_topic_id, 'topic_id');
    if v_kind = 'unit' then
      v_unit_id := (select u.id from public.units u where u.id = p_topic_id);
      if v_unit_id is null then
        raise exception using
          errcode = 'PT404', message = format('There is no unit %s.', p_topic_id),
          detail = 'topic_id names no unit.', hint = 'Subscribe from the unit''s page.';
      end if;
    else
      v_target_id := (select t.id from public.targets t where t.id = p_topic_id and t.status = 'published');
      if v_target_id is null then
        raise exception using
          errcode = 'PT404', message = format('There is no published target %s.', p_topic_id),
          detail = 'topic_id names no published target.', hint = 'Subscribe from the target''s page.';
      end if;
    end if;
  end if;
  v_topic := private.subscription_topic(v_kind, v_unit_id, v_target_id);

  insert into private.subscriptions (contact_key, topic_kind, unit_id, target_id, locale, unsubscribe_nonce, unsubscribe_token_hash)
  values (v_key, v_kind, v_unit_id, v_target_id, v_locale, v_nonce,
          private.code_hash(private.normalize_code(private.subscription_unsubscribe_token(v_nonce))))
  on conflict (contact_key, topic_kind, (coalesce(unit_id, target_id, 0))) do nothing;
  select * into strict v_sub from private.subscriptions s
  where s.contact_key = v_key and s.topic_kind = v_kind and coalesce(s.unit_id, s.target_id, 0) = coalesce(v_unit_id, v_target_id, 0)
  for update;

  -- An active subscription stays as it is: no second subscription, no mail.
  if v_sub.status <> 'active' then
    if v_sub.status = 'unsubscribed' then
      -- Starting over: links from before the unsubscribe stop working.
      update private.subscriptions s
      set status = 'pending', unsubscribed_at = null, confirmed_at = null, confirm_token_hash = null, confirm_expires_at = null,
          unsubscribe_nonce = v_nonce,
          unsubscribe_token_hash = private.code_hash(private.normalize_code(private.subscription_unsubscribe_token(v_nonce)))
      where s.id = v_sub.id;
    end if;
    delete from private.subscription_confirmations c where c.contact_key = v_key and c.sent_at < now() - interval '1 day';
    select count(*) into v_sent_recently from private.subscription_confirmations c where c.contact_key = v_key;
    -- Beyond three mails a day to this address nothing is sent (and the earlier link keeps working).
    if v_sent_recently < 3 then
      v_token := private.new_code(24);
      update private.subscriptions s
      set locale = v_locale, requested_at = now(),
          confirm_token_hash = private.code_hash(private.normalize_code(v_token)),
          confirm_expires_at = now() + interval '7 days'
      where s.id = v_sub.id;
      insert into private.subscription_confirmations (subscription_id, contact_key) values (v_sub.id, v_key)
      returning id into v_confirmation_id;
      perform private.enqueue_message(
        'subscription_confirm:' || v_confirmation_id, v_key, v_locale, 'subscription_confirm',
        jsonb_build_object('token', v_token, 'topic', v_topic, 'valid_days', 7));
    end if;
  end if;
  return jsonb_build_object(
    'request_id', replace(private.new_code(16), '-', ''),
    'sent_to', private.mask_contact(v_key),
    'valid_days', 7);
end
$$;
comment on function rpc_impl.subscribe(text, text, bigint, text) is
  'Implements public.subscribe: a pending subscription and a confirmation mail (double opt-in); the same answer in every case.';

-- confirm_subscription: the confirmation link makes the subscription active (again: no harm).
create or replace function rpc_impl.confirm_subscription(p_token text)
returns jsonb
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_hash text;
  v_sub private.subscriptions%rowtype;
begin
  perform private.take_rate_token('confirm_subscription');
  v_hash := private.checked_code_hash(p_token, 'subscription_token');
  select * into v_sub from private.subscriptions s where s.confirm_token_hash = v_hash for update;
  if not found then
    raise exception using
      errcode = 'PT403', message = 'This confirmation link is not valid.',
      detail = 'The token matches no pending subscription; a newer confirmation mail replaces the link of an older one.',
      hint = 'Open the link of the most recent confirmation mail, or subscribe again.';
  end if;
  if v_sub.status = 'unsubscribed' then
    raise exception using
      errcode = 'PT410', message = 'This subscription was cancelled.',
      detail = format('It was unsubscribed on %s.', to_char(v_sub.unsubscribed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')),
      hint = 'Subscribe again on the page to receive these messages.';
  end if;
  if v_sub.status = 'pending' then
    if v_sub.confirm_expires_at <= now() then
      raise exception using
        errcode = 'PT410', message = 'This confirmation link has expired.',
        detail = 'A confirmation link works for 7 days.',
        hint = 'Subscribe again on the page: a new link will be sent.';
    end if;
    update private.subscriptions s set status = 'active', confirmed_at = now() where s.id = v_sub.id;
  end if;
  return jsonb_build_object(
    'status', 'active',
    'topic', private.subscription_topic(v_sub.topic_kind, v_sub.unit_id, v_sub.target_id),
    'unsubscribe_token', private.subscription_unsubscribe_token(v_sub.unsubscribe_nonce));
end
$$;
comment on function rpc_impl.confirm_subscription(text) is
  'Implements public.confirm_subscription: a pending subscription becomes active; an active one stays so.';

-- unsubscribe: idempotent; unknown tokens are refused (PT403).
create or replace function rpc_impl.unsubscribe(p_token text)
returns jsonb
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_hash text;
  v_sub private.subscriptions%rowtype;
begin
  perform private.take_rate_token('unsubscribe');
  v_hash := private.checked_code_hash(p_token, 'subscription_token');
  select * into v_sub from private.subscriptions s where s.unsubscribe_token_hash = v_hash for update;
  if not found then
    raise exception using
      errcode = 'PT403', message = 'This unsubscribe link is not valid.',
      detail = 'The token matches no subscription; after subscribing again, only the links of the new messages work.',
      hint = 'Open the unsubscribe link of the most recent message.';
  end if;
  if v_sub.status <> 'unsubscribed' then
    update private.subscriptions s
    set status = 'unsubscribed', unsubscribed_at = now(), confirm_token_hash = null, confirm_expires_at = null
    where s.id = v_sub.id;
  end if;
  return jsonb_build_object(
    'status', 'unsubscribed',
    'topic', private.subscription_topic(v_sub.topic_kind, v_sub.unit_id, v_sub.target_id));
end
$$;
comment on function rpc_impl.unsubscribe(text) is 'Implements public.unsubscribe: ends a subscription; again is fine.';

create or replace function public.subscribe(
  email text default null, topic_kind text default null, topic_id bigint default null, locale text default null)
returns jsonb
language sql volatile
security invoker
set search_path = ''
as $$ select rpc_impl.subscribe(email, topic_kind, topic_id, locale) $$;
comment on function public.subscribe(text, text, bigint, text) is
  'Citizen RPC: subscribe an e-mail address to a unit''s or target''s progress or to bulletins; a confirmation link is mailed.';

create or replace function public.confirm_subscription(token text default null)
returns jsonb
language sql volatile
security invoker
set search_path = ''
as $$ select rpc_impl.confirm_subscription(token) $$;
comment on function public.confirm_subscription(text) is 'Citizen RPC: confirm a subscription with the token of its confirmation link.';

create or replace function public.unsubscribe(token text default null)
returns jsonb
language sql volatile
security invoker
set search_path = ''
as $$ select rpc_impl.unsubscribe(token) $$;
comment on function public.unsubscribe(text) is 'Citizen RPC: end a subscription with the token of an unsubscribe link (again is fine).';

revoke all on function rpc_impl.subscribe(text, text, bigint, text), rpc_impl.confirm_subscription(text), rpc_impl.unsubscribe(text)
  from public, anon, authenticated, service_role;
grant execute on function rpc_impl.subscribe(text, text, bigint, text), rpc_impl.confirm_subscription(text), rpc_impl.unsubscribe(text)
  to anon, authenticated, service_role;
revoke all on function public.subscribe(text, text, bigint, text), public.confirm_subscription(text), public.unsubscribe(text)
  from public, anon, authenticated, service_role;
grant execute on function public.subscribe(text, text, bigint, text), public.confirm_subscription(text), public.unsubscribe(text)
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Notifications

-- What a message says about one report: enough for a line and a link, never the whole text.
create or replace function private.subscription_report_item(p_report_id bigint) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object(
    'id', r.id, 'period', r.period, 'status', r.status, 'progress_pct', r.progress_pct,
    'is_correction', r.supersedes_id is not null,
    'target_code', t.code, 'target_title', t.title, 'target_title_en', t.title_en,
    'path', '/targets/' || t.id || '/',
    'excerpt', left(btrim(coalesce(case r.status when 'completed' then r.result_text when 'on_track' then r.progress_text
                                            else r.reasons_text end, '')), 200))
  from public.progress_reports r join public.targets t on t.id = r.target_id
  where r.id = p_report_id
$$;
comment on function private.subscription_report_item(bigint) is 'One progress report as a subscription message lists it.';

-- Statement trigger: the reports just filed on published targets wait in a batch of their
-- transaction; nothing at all happens while nobody subscribes to progress.
create or replace function private.gather_progress_notices() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_batch bigint;
begin
  if not exists (select 1 from private.subscriptions s where s.status = 'active' and s.topic_kind in ('unit', 'target')) then
    return null;
  end if;
  insert into private.subscription_notice_batches (txid) values (txid_current()) on conflict (txid) do nothing;
  select b.id into v_batch from private.subscription_notice_batches b where b.txid = txid_current();
  insert into private.subscription_notice_reports (batch_id, report_id)
  select v_batch, a.id
  from added a join public.targets t on t.id = a.target_id
  where t.status = 'published'
  on conflict do nothing;
  return null;
end
$$;
comment on function private.gather_progress_notices() is
  'Trigger: progress reports on published targets wait in their transaction''s batch until it commits.';

create trigger gather_progress_notices after insert on public.progress_reports
  referencing new table as added
  for each statement execute function private.gather_progress_notices();

-- Deferred to commit: one message per target subscriber and report, one digest per unit
-- subscriber and batch. The batch is emptied, so a later statement of the same transaction (after
-- SET CONSTRAINTS … IMMEDIATE) starts a new one.
create or replace function private.send_progress_notices() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v record;
  v_unit record;
begin
  for v in
    select r.report_id, s.id as subscription_id, s.contact_key, s.locale, s.unsubscribe_nonce, t.id as target_id
    from private.subscription_notice_reports r
    join public.progress_reports p on p.id = r.report_id
    join public.targets t on t.id = p.target_id
    join private.subscriptions s on s.topic_kind = 'target' and s.target_id = t.id and s.status = 'active'
    where r.batch_id = new.id
    order by r.report_id, s.id
  loop
    perform private.enqueue_message(
      'progress:' || v.report_id || ':' || v.subscription_id, v.contact_key, v.locale, 'progress_update',
      jsonb_build_object(
        'token', private.subscription_unsubscribe_token(v.unsubscribe_nonce),
        'topic', private.subscription_topic('target', null, v.target_id),
        'reports', jsonb_build_array(private.subscription_report_item(v.report_id)),
        'total', 1));
  end loop;

  for v_unit in
    select t.unit_id, count(*)::int as total,
           (array_agg(r.report_id order by t.code, p.period, r.report_id))[1:50] as listed
    from private.subscription_notice_reports r
    join public.progress_reports p on p.id = r.report_id
    join public.targets t on t.id = p.target_id
    where r.batch_id = new.id
      and exists (select 1 from private.subscriptions s where s.topic_kind = 'unit' and s.unit_id = t.unit_id and s.status = 'active')
    group by t.unit_id
  loop
    for v in
      select s.id as subscription_id, s.contact_key, s.locale, s.unsubscribe_nonce
      from private.subscriptions s
      where s.topic_kind = 'unit' and s.unit_id = v_unit.unit_id and s.status = 'active'
      order by s.id
    loop
      perform private.enqueue_message(
        'progress_digest:' || new.id || ':' || v.subscription_id, v.contact_key, v.locale, 'progress_update',
        jsonb_build_object(
          'token', private.subscription_unsubscribe_token(v.unsubscribe_nonce),
          'topic', private.subscription_topic('unit', v_unit.unit_id, null),
          'reports', (select jsonb_agg(private.subscription_report_item(x.id) order by x.n)
                      from unnest(v_unit.listed) with ordinality as x (id, n)),
          'total', v_unit.total));
    end loop;
  end loop;

  delete from private.subscription_notice_batches b where b.id = new.id;
  return null;
end
$$;
comment on function private.send_progress_notices() is
  'Deferred trigger: at commit, progress_update per target subscriber and report, and one digest per unit subscriber and batch.';

create constraint trigger send_progress_notices after insert on private.subscription_notice_batches
  deferrable initially deferred
  for each row execute function private.send_progress_notices();

-- A bulletin is published when published_at is first set (by insert or update).
create or replace function private.send_bulletin_notices() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v record;
begin
  if new.published_at is null or (tg_op = 'UPDATE' and old.published_at is not null) then
    return null;
  end if;
  for v in
    select s.id, s.contact_key, s.locale, s.unsubscribe_nonce
    from private.subscriptions s
    where s.topic_kind = 'bulletins' and s.status = 'active'
    order by s.id
  loop
    perform private.enqueue_message(
      'bulletin:' || new.id || ':' || v.id, v.contact_key, v.locale, 'bulletin_published',
      jsonb_build_object(
        'token', private.subscription_unsubscribe_token(v.unsubscribe_nonce),
        'bulletin', jsonb_build_object(
          'slug', new.slug, 'kind', new.kind, 'period', new.period,
          'title', new.title, 'title_en', new.title_en,
          'summary', left(new.summary, 600), 'summary_en', left(new.summary_en, 600),
          'is_erratum', new.supersedes_id is not null)));
  end loop;
  return null;
end
$$;
comment on function private.send_bulletin_notices() is 'Trigger: bulletin_published to every active bulletins subscriber when a bulletin is published.';

create trigger send_bulletin_notices after insert or update of published_at on public.bulletins
  for each row execute function private.send_bulletin_notices();
