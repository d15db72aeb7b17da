-- Contacts: how an e-mail address or phone number becomes a verified person (DESIGN principle 10).
--
--   contact as typed ──private.contact_key──▶ normalised key (E.164 phone or canonical e-mail)
--   key ──send_contact_code──▶ one-time code in a message (outbox) ──take_contact_code──▶ verified
--   verified ──issue_contact_token──▶ a token the browser keeps, so later actions need no new code
--
-- The key is what "one per person" compares and where messages go. Codes and tokens are stored
-- as hashes only. Answers never say whether a contact is known: whatever differs goes into the
-- message to the contact's owner.

-- Phone numbers to E.164, default region CN: the national trunk prefix 0 and the international
-- prefix 00 are read as libphonenumber-js reads them (tests/db/contacts.test.ts compares the two).
create or replace function private.phone_e164(p_digits text) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  -- Full-width digits and plus sign (typed on Chinese keyboards) count as their ASCII forms.
  v text := translate(btrim(p_digits), '０１２３４５６７８９＋', '0123456789+');
  v_national text;
begin
  v := regexp_replace(v, '[\s().\-‐–—]', '', 'g');
  if v ~ '^\+86' then
    v_national := regexp_replace(substr(v, 4), '^0', '');
  elsif v ~ '^0086' then
    v_national := regexp_replace(substr(v, 5), '^0', '');
  elsif v ~ '^\+[1-9][0-9]{6,14}$' then
    return v;
  elsif v ~ '^00[1-9][0-9]{6,14}$' then
    return '+' || substr(v, 3);
  elsif v ~ '^0[1-9]' then
    v_national := substr(v, 2);
  else
    v_national := v;
  end if;
  -- Mainland numbers: mobiles 1[3-9]xxxxxxxxx; landlines area code (10, 2x or three digits) + 7–8 digits.
  if v_national ~ '^1[3-9][0-9]{9}$' or v_national ~ '^(10|2[0-9])[2-9][0-9]{7}$'
     or v_national ~ '^[3-9][0-9]{2}[2-9][0-9]{6,7}$' then
    return '+86' || v_national;
  end if;
  return null;
end
$$;
comment on function private.phone_e164(text) is 'A phone number in E.164 (default region CN), or null when it is not one.';

-- E-mail addresses lower-cased; for providers that deliver every variant to one mailbox, the
-- variants are folded: Gmail ignores dots and +tags, several others ignore +tags.
create or replace function private.email_key(p_email text) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v text := lower(btrim(p_email));
  v_local text;
  v_domain text;
begin
  if v !~ '^[^@\s]{1,64}@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$' then
    return null;
  end if;
  v_local := split_part(v, '@', 1);
  v_domain := split_part(v, '@', 2);
  if v_domain in ('gmail.com', 'googlemail.com') then
    v_domain := 'gmail.com';
    v_local := replace(split_part(v_local, '+', 1), '.', '');
  elsif v_domain in ('outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com', 'fastmail.com',
                     'proton.me', 'protonmail.com') then
    v_local := split_part(v_local, '+', 1);
  end if;
  if v_local = '' then
    return null;
  end if;
  return v_local || '@' || v_domain;
end
$$;
comment on function private.email_key(text) is 'An e-mail address in canonical form (provider aliases folded), or null when it is not one.';

-- Contact details (e-mail or phone), normalised: the one form compared for "once per person" and
-- the address messages go to; 22023 when neither.
create or replace function private.contact_key(p_contact text, p_field text) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v text := left(coalesce(p_contact, ''), 200);
begin
  if position('@' in v) > 0 then
    v := private.email_key(v);
  else
    v := private.phone_e164(v);
  end if;
  if v is null then
    raise exception using
      errcode = '22023',
      message = format('%s is neither an e-mail address nor a phone number.', p_field),
      detail = format('Got %s characters that match neither form.', length(p_contact)),
      hint = 'Give an e-mail address (name@example.org) or a mobile or landline number with its area code.';
  end if;
  return v;
end
$$;
comment on function private.contact_key(text, text) is
  'E-mail (canonical, lower case) or phone (E.164, default region CN): the form compared for duplicates and messaged.';

create or replace function private.contact_channel(p_key text) returns text
language sql immutable
set search_path = ''
as $$
  select case when p_key like '+%' then 'sms' else 'email' end
$$;
comment on function private.contact_channel(text) is 'How a normalised contact is reached: sms for phones, email otherwise.';

-- What an answer may show of a contact: enough for its owner to recognise it, not to read it.
create or replace function private.mask_contact(p_key text) returns text
language sql immutable
set search_path = ''
as $$
  select case
    when p_key like '+86%' and length(p_key) = 14 then '+86 ' || substr(p_key, 4, 3) || '****' || right(p_key, 4)
    when p_key like '+%' then left(p_key, 4) || repeat('*', greatest(length(p_key) - 6, 2)) || right(p_key, 2)
    else left(split_part(p_key, '@', 1), 1) || '***@' || split_part(p_key, '@', 2)
  end
$$;
comment on function private.mask_contact(text) is 'A normalised contact with most of it hidden, e.g. +86 138****8000 or a***@example.org.';

-- One-time codes sent to contacts. A code proves that whoever typed it reads that contact's
-- messages; its purpose and subject (e.g. one hearing sign-up) say what it confirms.
create table private.contact_codes (
  id bigint generated by default as identity primary key,
  -- Handed back to the requester to follow delivery (message_status); tells nothing else.
  request_id text not null unique check (request_id ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
  contact_key text not null check (length(contact_key) between 3 and 254),
  purpose text not null check (purpose in ('verify_contact', 'hearing_signup')),
  subject_id bigint,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  -- The message that carries the code; null when the contact's hourly budget was spent (throttled).
  outbox_id bigint,
  constraint contact_code_expires_after_creation check (expires_at > created_at)
);
comment on table private.contact_codes is
  'One-time codes sent to e-mail addresses and phones (hashes only), with what each confirms.';
create index contact_codes_contact_idx on private.contact_codes (contact_key, created_at);
alter table private.contact_codes enable row level security;

-- Verified contacts' tokens: the browser keeps one after a code was confirmed, so that later
-- actions of the same person need no new code until it expires.
create table private.contact_tokens (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  contact_key text not null check (length(contact_key) between 3 and 254),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  constraint contact_token_expires_after_creation check (expires_at > created_at)
);
comment on table private.contact_tokens is 'Hashes of verified-contact tokens held by browsers, with their contact and expiry.';
create index contact_tokens_contact_idx on private.contact_tokens (contact_key);
alter table private.contact_tokens enable row level security;

-- How long codes and tokens live, and how many codes one contact may be sent per hour (so that
-- nobody can flood another person's phone through the portal). Data, not scattered constants.
create or replace function private.contact_rules() returns jsonb
language sql immutable
set search_path = ''
as $$
  select '{"code_valid_minutes": 30, "codes_per_contact_per_hour": 5, "token_valid_days": 30}'::jsonb
$$;
comment on function private.contact_rules() is 'Lifetimes of contact codes and tokens, and the per-contact hourly code budget.';

-- One message to a contact under its hourly budget, recorded as a request that message_status can
-- follow; returns the request id. A contact_code message carries a fresh one-time code; any other
-- template (e.g. "you have already signed up") gets the same bookkeeping, with a code that is never
-- sent, so that its answer cannot be told apart. Past the contact's budget no message is sent, but
-- the answer is the same: the caller cannot tell.
create or replace function private.send_contact_message(
  p_contact_key text, p_purpose text, p_subject_id bigint, p_locale text, p_template text, p_payload jsonb)
returns text
language plpgsql volatile
set search_path = ''
as $$
declare
  v_rules jsonb := private.contact_rules();
  v_code text := private.new_code(8);
  v_request_id text := replace(private.new_code(16), '-', '');
  v_id bigint;
  v_sent_recently int;
  v_outbox_id bigint;
begin
  -- Serialises requests for one contact, so that the hourly budget holds under concurrency.
  perform pg_advisory_xact_lock(hashtextextended('contact_codes:' || p_contact_key, 0));
  select count(*) into v_sent_recently from private.contact_codes
  where contact_key = p_contact_key and outbox_id is not null and created_at > now() - interval '1 hour';
  insert into private.contact_codes (request_id, contact_key, purpose, subject_id, code_hash, expires_at)
  values (v_request_id, p_contact_key, p_purpose, p_subject_id, private.code_hash(private.normalize_code(v_code)),
          now() + make_interval(mins => (v_rules ->> 'code_valid_minutes')::int))
  returning id into v_id;
  if v_sent_recently < (v_rules ->> 'codes_per_contact_per_hour')::int then
    v_outbox_id := private.enqueue_message(
      p_template || ':' || v_id, p_contact_key, p_locale, p_template,
      coalesce(p_payload, '{}'::jsonb) || case when p_template = 'contact_code' then jsonb_build_object(
        'code', v_code, 'purpose', p_purpose, 'valid_minutes', (v_rules ->> 'code_valid_minutes')::int) else '{}'::jsonb end);
    update private.contact_codes set outbox_id = v_outbox_id where id = v_id;
  end if;
  return v_request_id;
end
$$;
comment on function private.send_contact_message(text, text, bigint, text, text, jsonb) is
  'Queues one message to a contact under its hourly budget (a contact_code one with a fresh code); returns the request id.';

-- Sends a fresh one-time code to a contact (through the outbox) and returns the request id.
create or replace function private.send_contact_code(
  p_contact_key text, p_purpose text, p_subject_id bigint, p_locale text, p_payload jsonb)
returns text
language sql volatile
set search_path = ''
as $$
  select private.send_contact_message(p_contact_key, p_purpose, p_subject_id, p_locale, 'contact_code', p_payload)
$$;
comment on function private.send_contact_code(text, text, bigint, text, jsonb) is
  'Creates a one-time code for a contact and queues the message carrying it; returns the request id.';

-- Uses a code: PT403 when it matches none sent to this contact for this purpose, PT410 when it
-- matched but has expired or was used. A refusal rolls back; guessing 40-bit codes within their
-- half hour is hopeless even where refused calls are not charged to the rate limit.
create or replace function private.take_contact_code(
  p_contact_key text, p_code text, p_purpose text, p_subject_id bigint)
returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  v_hash text := private.checked_code_hash(p_code, 'contact_code');
begin
  update private.contact_codes set used_at = now()
  where contact_key = p_contact_key and purpose = p_purpose and subject_id is not distinct from p_subject_id
    and code_hash = v_hash and used_at is null and expires_at > now();
  if found then
    return;
  end if;
  if exists (select 1 from private.contact_codes
             where contact_key = p_contact_key and purpose = p_purpose
               and subject_id is not distinct from p_subject_id and code_hash = v_hash) then
    raise exception using
      errcode = 'PT410',
      message = 'This code has expired or was already used.',
      detail = format('A code is valid for %s minutes and only once.', private.contact_rules() ->> 'code_valid_minutes'),
      hint = 'Ask for a new code.';
  end if;
  raise exception using
    errcode = 'PT403',
    message = 'This code is not valid.',
    detail = 'It matches no code we sent to this contact for this purpose.',
    hint = 'Check the code in the newest message we sent you, or ask for a new one.';
end
$$;
comment on function private.take_contact_code(text, text, text, bigint) is
  'Marks a matching unused code used; PT403 when none matches, PT410 when it expired or was used.';

create or replace function private.issue_contact_token(p_contact_key text) returns jsonb
language plpgsql volatile
set search_path = ''
as $$
declare
  v_token text := private.new_code(24);
  v_expires timestamptz := now() + make_interval(days => (private.contact_rules() ->> 'token_valid_days')::int);
begin
  insert into private.contact_tokens (token_hash, contact_key, expires_at)
  values (private.code_hash(private.normalize_code(v_token)), p_contact_key, v_expires);
  return jsonb_build_object('contact_token', v_token, 'contact_token_expires_at', v_expires);
end
$$;
comment on function private.issue_contact_token(text) is 'A new verified-contact token for a contact (only its hash is stored).';

-- The verified contact a token stands for; PT403 when the token is unknown or has expired.
create or replace function private.contact_of_token(p_token text) returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_key text;
begin
  select contact_key into v_key from private.contact_tokens
  where token_hash = private.checked_code_hash(p_token, 'contact_token') and expires_at > now();
  if not found then
    raise exception using
      errcode = 'PT403',
      message = 'This contact token is not valid or has expired.',
      detail = format('A contact token is valid for %s days after the contact was confirmed.',
                      private.contact_rules() ->> 'token_valid_days'),
      hint = 'Confirm your e-mail address or phone again with a new code.';
  end if;
  return v_key;
end
$$;
comment on function private.contact_of_token(text) is 'The contact key of a valid verified-contact token; PT403 otherwise.';

-- The language a message is written in: the page's language the person used.
create or replace function private.message_locale(p_locale text) returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_locale is null then
    return 'zh-CN';
  end if;
  if p_locale not in ('zh-CN', 'en') then
    raise exception using
      errcode = '22023',
      message = format('"%s" is not a language of this portal.', left(p_locale, 20)),
      detail = 'locale must be zh-CN or en.',
      hint = 'Send the language of the page the person uses.';
  end if;
  return p_locale;
end
$$;
comment on function private.message_locale(text) is 'A message language (zh-CN or en; zh-CN when missing); 22023 otherwise.';

-- Coarse per-address flood guards: hundreds of people behind one address (a carrier-grade NAT,
-- an office, a community centre) stay far below them; one person is limited per contact instead.
insert into private.rate_limits (rpc, max_calls, per) values
  ('request_contact_code', 300, interval '1 hour'),
  ('verify_contact', 600, interval '1 hour'),
  ('message_status', 3000, interval '1 hour')
on conflict (rpc) do nothing;

-- request_contact_code: sends a code to confirm a contact (for a later action with its token).
create or replace function rpc_impl.request_contact_code(p_contact text, p_locale text)
returns jsonb
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_key text;
  v_locale text;
  v_request_id text;
begin
  -- First, before any look-up: a client out of tokens learns nothing (see take_rate_token).
  perform private.take_rate_token('request_contact_code');
  v_key := private.contact_key(private.required_text(p_contact, 'contact', 3, 100), 'contact');
  v_locale := private.message_locale(p_locale);
  v_request_id := private.send_contact_code(v_key, 'verify_contact', null, v_locale, '{}'::jsonb);
  return jsonb_build_object(
    'request_id', v_request_id, 'sent_to', private.mask_contact(v_key),
    'valid_minutes', (private.contact_rules() ->> 'code_valid_minutes')::int);
end
$$;
comment on function rpc_impl.request_contact_code(text, text) is
  'Implements public.request_contact_code: queues a one-time code to the contact; the same answer for every contact.';

-- verify_contact: the code from the message in exchange for a verified-contact token.
create or replace function rpc_impl.verify_contact(p_contact text, p_code text)
returns jsonb
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_key text;
begin
  perform private.take_rate_token('verify_contact');
  v_key := private.contact_key(private.required_text(p_contact, 'contact', 3, 100), 'contact');
  perform private.take_contact_code(v_key, p_code, 'verify_contact', null);
  return private.issue_contact_token(v_key) || jsonb_build_object('contact', private.mask_contact(v_key));
end
$$;
comment on function rpc_impl.verify_contact(text, text) is
  'Implements public.verify_contact: checks the code and returns a verified-contact token.';

-- message_status: whether the message of a request has left (so a form can say "check the
-- address" when it cannot be delivered). Keyed by the request id only the requester holds.
create or replace function rpc_impl.message_status(p_request_id text)
returns jsonb
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_code private.contact_codes%rowtype;
  v_status text;
begin
  perform private.take_rate_token('message_status');
  if p_request_id is null then
    raise exception using
      errcode = '23502', message = 'request_id is required.',
      detail = 'The argument request_id was missing or null.',
      hint = 'Send the request_id from the answer to your request.';
  end if;
  select * into v_code from private.contact_codes
  where request_id = upper(btrim(left(p_request_id, 40)));
  if not found then
    raise exception using
      errcode = 'PT404', message = 'There is no such request.',
      detail = 'request_id matches no message we were asked to send.',
      hint = 'Send the request_id exactly as the answer to your request gave it.';
  end if;
  if v_code.outbox_id is null then
    v_status := 'throttled';
  else
    select case when o.status = 'sending' then 'queued' else o.status end into v_status
    from private.outbox o where o.id = v_code.outbox_id;
  end if;
  return jsonb_build_object('status', v_status, 'sent_to', private.mask_contact(v_code.contact_key));
end
$$;
comment on function rpc_impl.message_status(text) is
  'Implements public.message_status: queued, sent, failed or throttled, for the requester''s own message.';

create or replace function public.request_contact_code(contact text default null, locale text default null)
returns jsonb
language sql volatile
security invoker
set search_path = ''
as $$ select rpc_impl.request_contact_code(contact, locale) $$;
comment on function public.request_contact_code(text, text) is
  'Citizen RPC: sends a one-time code to an e-mail address or phone; the answer is the same for every contact.';

create or replace function public.verify_contact(contact text default null, code text default null)
returns jsonb
language sql volatile
security invoker
set search_path = ''
as $$ select rpc_impl.verify_contact(contact, code) $$;
comment on function public.verify_contact(text, text) is
  'Citizen RPC: confirms a contact with the code from our message; returns a token for later actions.';

create or replace function public.message_status(request_id text default null)
returns jsonb
language sql volatile
security invoker
set search_path = ''
as $$ select rpc_impl.message_status(request_id) $$;
comment on function public.message_status(text) is
  'Citizen RPC: whether the message for one of your requests was sent, is queued, or could not be delivered.';

revoke all on function
  rpc_impl.request_contact_code(text, text), rpc_impl.verify_contact(text, text), rpc_impl.message_status(text),
  public.request_contact_code(text, text), public.verify_contact(text, text), public.message_status(text)
  from public, anon, authenticated, service_role;
grant execute on function
  rpc_impl.request_contact_code(text, text), rpc_impl.verify_contact(text, text), rpc_impl.message_status(text),
  public.request_contact_code(text, text), public.verify_contact(text, text), public.message_status(text)
  to anon, authenticated, service_role;
