-- Outbound messages: an outbox filled by the transactions that cause a message, drained by a sender
-- (src/lib/outbox/sender.ts) that delivers by SMTP, an SMS webhook or, locally, files.
--
-- Delivery is at-least-once. A sender claims rows with a lease (status 'sending', locked_until);
-- if it crashes after the transport accepted a message but before mark_message_sent, the lease
-- runs out and the message is sent once more. That is the only way a message repeats: the
-- idempotency key names the event that causes the message (e.g. 'contact_code:<challenge id>'),
-- so one event is never enqueued twice, and a sent row is never claimed again.
--
-- Secrets: payload keys named `code` or `token` (at any depth) are removed once a row is sent or
-- has finally failed; what stays is the recipient, template, locale and the non-secret payload.

create table private.outbox (
  id bigint generated always as identity primary key,
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 200),
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null check (length(recipient) between 3 and 320),
  locale text not null check (locale in ('zh-CN', 'en')),
  template text not null check (template ~ '^[a-z][a-z0-9_]{0,62}$'),
  payload jsonb not null default '{}'::jsonb check (jsonb_typeof(payload) = 'object'),
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts int not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_error text check (length(last_error) <= 1000),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  constraint sent_at_when_sent check ((status = 'sent') = (sent_at is not null)),
  constraint leased_when_sending check ((status = 'sending') = (locked_until is not null))
);
comment on table private.outbox is
  'Messages to send (e-mail, SMS): one row per event (idempotency_key), drained at-least-once by the sender.';
create index outbox_queued_idx on private.outbox (next_attempt_at) where status = 'queued';
create index outbox_leased_idx on private.outbox (locked_until) where status = 'sending';
create index outbox_recipient_idx on private.outbox (recipient);
alter table private.outbox enable row level security;
revoke all on private.outbox from public, anon, authenticated;

create table private.undeliverable_recipients (
  recipient text primary key check (length(recipient) between 3 and 320),
  channel text not null check (channel in ('email', 'sms')),
  reason text not null check (length(reason) between 1 and 1000),
  message_id bigint references private.outbox (id) on delete set null,
  marked_at timestamptz not null default now()
);
comment on table private.undeliverable_recipients is
  'Contacts that refused a message permanently (e.g. SMTP 550, SMS webhook 4xx): never sent to again.';
create index undeliverable_recipients_message_idx on private.undeliverable_recipients (message_id);
alter table private.undeliverable_recipients enable row level security;
revoke all on private.undeliverable_recipients from public, anon, authenticated;

-- Removes the secret keys (`code`, `token`) from a payload, at any depth.
create or replace function private.scrub_secrets(p_payload jsonb) returns jsonb
language plpgsql immutable
set search_path = ''
as $$
begin
  case jsonb_typeof(p_payload)
    when 'object' then
      return coalesce((select jsonb_object_agg(e.key, private.scrub_secrets(e.value))
                       from jsonb_each(p_payload) e where e.key not in ('code', 'token')), '{}'::jsonb);
    when 'array' then
      return coalesce((select jsonb_agg(private.scrub_secrets(a.value) order by a.n)
                       from jsonb_array_elements(p_payload) with ordinality a(value, n)), '[]'::jsonb);
    else
      return p_payload;
  end case;
end
$$;
comment on function private.scrub_secrets(jsonb) is 'A payload without its keys named code or token (at any depth).';

create or replace function private.enqueue_message(
  p_key text, p_recipient text, p_locale text, p_template text, p_payload jsonb
) returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_id bigint;
  v_channel text;
  v_refused text;
begin
  if p_key is null or length(p_key) not between 1 and 200 then
    raise exception using errcode = '22023', message = 'A message needs an idempotency key of 1 to 200 characters.',
      hint = 'Name the event that causes the message, e.g. contact_code:<challenge id>.';
  end if;
  if p_recipient is null or length(p_recipient) not between 3 and 320 then
    raise exception using errcode = '22023', message = 'A message needs a recipient (a normalised contact key).',
      hint = 'Pass private.contact_key(...) of the contact.';
  end if;
  if p_locale is null or p_locale not in ('zh-CN', 'en') then
    raise exception using errcode = '22023', message = format('Unknown message locale %L.', p_locale),
      hint = 'Use zh-CN or en.';
  end if;
  if p_template is null or p_template !~ '^[a-z][a-z0-9_]{0,62}$' then
    raise exception using errcode = '22023', message = format('Bad message template name %L.', p_template),
      hint = 'Use a template name of src/lib/outbox/templates.';
  end if;
  if p_payload is not null and jsonb_typeof(p_payload) <> 'object' then
    raise exception using errcode = '22023', message = 'A message payload must be a JSON object.';
  end if;
  v_channel := private.contact_channel(p_recipient);
  select u.reason into v_refused from private.undeliverable_recipients u where u.recipient = p_recipient;
  insert into private.outbox as o (idempotency_key, channel, recipient, locale, template, payload, status, last_error)
  values (
    p_key, v_channel, p_recipient, p_locale, p_template,
    case when v_refused is null then coalesce(p_payload, '{}'::jsonb) else private.scrub_secrets(coalesce(p_payload, '{}'::jsonb)) end,
    case when v_refused is null then 'queued' else 'failed' end,
    case when v_refused is null then null else left('Recipient is undeliverable: ' || v_refused, 1000) end
  )
  on conflict (idempotency_key) do nothing
  returning o.id into v_id;
  if v_id is null then
    select o.id into v_id from private.outbox o where o.idempotency_key = p_key;
  elsif v_refused is null then
    -- Wakes a sender that LISTENs (delivered at commit; nothing happens if nobody listens).
    perform pg_notify('gongshi_outbox', v_id::text);
  end if;
  return v_id;
end
$$;
comment on function private.enqueue_message(text, text, text, text, jsonb) is
  'Queues a message for the event p_key (once: the same key again returns the first id); '
  'a recipient known to be undeliverable gets a failed row at once.';

-- Runs the scheduled producers (hearing reminders and the like): the sender calls it before it
-- drains (`outbox run`), and while watching at most once a minute. Later migrations define
-- private.enqueue_scheduled_messages() (the hearings migration does, for the reminder the day
-- before); until one exists this does nothing. Looked up at run time with to_regprocedure, so this
-- migration does not depend on migrations that come after it.
create or replace function private.run_scheduled_messages() returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  if to_regprocedure('private.enqueue_scheduled_messages()') is not null then
    execute 'select private.enqueue_scheduled_messages()';
  end if;
end
$$;
comment on function private.run_scheduled_messages() is
  'Sender: calls private.enqueue_scheduled_messages() when a migration defines it.';

-- Attempts before a message is given up (each claim counts one).
create or replace function private.outbox_max_attempts() returns int
language sql immutable
set search_path = ''
as $$ select 8 $$;

-- The wait before the next attempt after `p_attempts` attempts: 1 minute doubling, at most 2 hours
-- (1, 2, 4, 8, 16, 32, 64, 120 minutes).
create or replace function private.outbox_backoff(p_attempts int) returns interval
language sql immutable
set search_path = ''
as $$ select least(interval '1 minute' * power(2, greatest(p_attempts, 1) - 1), interval '2 hours') $$;

create or replace function private.claim_messages(p_batch int default 20, p_lease_seconds int default 300)
returns setof private.outbox
language plpgsql security definer
set search_path = ''
as $$
begin
  if p_batch is null or p_batch not between 1 and 1000 then
    raise exception using errcode = '22023', message = 'The batch size must be from 1 to 1000.';
  end if;
  if p_lease_seconds is null or p_lease_seconds not between 10 and 86400 then
    raise exception using errcode = '22023', message = 'The lease must be from 10 to 86400 seconds.';
  end if;
  -- A lease that ran out means the sender stopped mid-message (crash, kill). After the last
  -- allowed attempt the message is given up rather than retried forever.
  update private.outbox o
  set status = 'failed', locked_until = null, payload = private.scrub_secrets(o.payload),
      last_error = left(format('Gave up after %s attempts (the sender stopped while sending); last error: %s',
                               o.attempts, coalesce(o.last_error, 'none')), 1000)
  where o.status = 'sending' and o.locked_until < now() and o.attempts >= private.outbox_max_attempts();
  -- Two senders never take the same row: skip locked skips the rows another claim holds.
  return query
  with picked as (
    select o.id from private.outbox o
    where (o.status = 'queued' and o.next_attempt_at <= now())
       or (o.status = 'sending' and o.locked_until < now())
    order by o.next_attempt_at, o.id
    limit p_batch
    for update skip locked
  )
  update private.outbox o
  set status = 'sending', attempts = o.attempts + 1, locked_until = now() + make_interval(secs => p_lease_seconds)
  from picked
  where o.id = picked.id
  returning o.*;
end
$$;
comment on function private.claim_messages(int, int) is
  'Sender: leases up to p_batch due messages (queued and due, or with a lease that ran out), counting an attempt.';

create or replace function private.mark_message_sent(p_id bigint) returns boolean
language plpgsql security definer
set search_path = ''
as $$
begin
  update private.outbox o
  set status = 'sent', sent_at = now(), locked_until = null, payload = private.scrub_secrets(o.payload)
  where o.id = p_id and o.status = 'sending';
  return found;
end
$$;
comment on function private.mark_message_sent(bigint) is
  'Sender: records a delivered message and removes its secrets; false when it was not being sent.';

-- p_outcome: 'retry' (temporary: again after the backoff, until the last attempt), 'permanent'
-- (this message cannot be sent: unknown template, bad payload) or 'undeliverable' (the recipient
-- refused permanently: recorded, and every queued message to it fails too). Returns the new status.
create or replace function private.mark_message_failed(p_id bigint, p_error text, p_outcome text default 'retry')
returns text
language plpgsql security definer
set search_path = ''
as $$
declare
  v_row private.outbox;
  v_error text := left(coalesce(nullif(trim(p_error), ''), 'unknown error'), 1000);
begin
  if p_outcome is null or p_outcome not in ('retry', 'permanent', 'undeliverable') then
    raise exception using errcode = '22023', message = format('Unknown failure outcome %L.', p_outcome),
      hint = 'Use retry, permanent or undeliverable.';
  end if;
  select * into v_row from private.outbox o where o.id = p_id for update;
  if not found or v_row.status <> 'sending' then
    return v_row.status;
  end if;
  if p_outcome = 'retry' and v_row.attempts < private.outbox_max_attempts() then
    update private.outbox o
    set status = 'queued', locked_until = null, last_error = v_error,
        next_attempt_at = now() + private.outbox_backoff(o.attempts)
    where o.id = p_id;
    return 'queued';
  end if;
  update private.outbox o
  set status = 'failed', locked_until = null, payload = private.scrub_secrets(o.payload),
      last_error = case when p_outcome = 'retry'
                        then left(format('Gave up after %s attempts: %s', o.attempts, v_error), 1000)
                        else v_error end
  where o.id = p_id;
  if p_outcome = 'undeliverable' then
    insert into private.undeliverable_recipients (recipient, channel, reason, message_id)
    values (v_row.recipient, v_row.channel, v_error, p_id)
    on conflict (recipient) do nothing;
    update private.outbox o
    set status = 'failed', payload = private.scrub_secrets(o.payload),
        last_error = left('Recipient is undeliverable: ' || v_error, 1000)
    where o.recipient = v_row.recipient and o.status = 'queued';
  end if;
  return 'failed';
end
$$;
comment on function private.mark_message_failed(bigint, text, text) is
  'Sender: records a failed attempt: retry after a backoff, fail the message, or mark its recipient undeliverable.';

-- Staff: lets a recipient receive messages again (the mailbox exists again, the number was fixed).
create or replace function private.forget_undeliverable(p_recipient text) returns boolean
language plpgsql security definer
set search_path = ''
as $$
begin
  delete from private.undeliverable_recipients u where u.recipient = p_recipient;
  return found;
end
$$;
comment on function private.forget_undeliverable(text) is 'Staff: removes a recipient from the undeliverable list.';

-- service_role runs the sender (the tables themselves stay closed to it: everything goes through
-- these functions).
grant execute on function
  private.enqueue_message(text, text, text, text, jsonb),
  private.run_scheduled_messages(),
  private.claim_messages(int, int),
  private.mark_message_sent(bigint),
  private.mark_message_failed(bigint, text, text),
  private.forget_undeliverable(text)
to service_role;
