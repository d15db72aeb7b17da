-- The RPC foundation: what every citizen RPC shares — the rpc_impl schema, client keys and hashes,
-- rate limits (token buckets), argument checks, and the codes and tokens handed to citizens.
--
-- How a citizen call reaches data it may not read (DESIGN principles 6 and 7):
--
--   supabase-js .rpc('x')  →  public.x         security invoker, granted to anon one by one
--                          →  rpc_impl.x       security definer, set search_path = ''
--                          →  public.* / private.* tables, with the owner's rights
--
-- PostgREST exposes only schema public, and Supabase's guidance is to keep security definer
-- functions out of every exposed schema. The definer functions cannot live in private either:
-- calling them would need USAGE on private for anon, and private stays closed to the API roles
-- (the foundation migration). So they live in rpc_impl, a schema that is not exposed, holds
-- functions only — no table, view or sequence, ever — and grants execute on each of them to the
-- API roles one by one. USAGE on rpc_impl reveals nothing but these functions, and each of them
-- validates its whole input itself, so calling one directly is no different from calling its
-- public wrapper. The wrappers stay thin: the rules live in one place.
--
-- Errors: every RPC raises an explicit SQLSTATE with message, detail and hint. PostgREST turns
-- them into HTTP statuses: 23502/23514/22001/22023 → 400, 23505 → 409, PTxxx → xxx
-- (PT404 unknown id, PT409 window closed, PT403 token not valid, PT410 already used, PT429 too
-- many calls). An error rolls the whole call back: nothing is written, not even the rate-limit
-- count, so only accepted calls count against a limit; guessing codes and tokens is made
-- hopeless by their length (80 and 120 random bits), not by the limit.

create schema if not exists rpc_impl;
revoke all on schema rpc_impl from public;
grant usage on schema rpc_impl to anon, authenticated, service_role;
comment on schema rpc_impl is
  'Security definer implementations of the citizen RPCs. Functions only, never tables; not exposed by PostgREST.';
-- Functions created here later are executable by nobody until granted one by one.
alter default privileges in schema rpc_impl revoke execute on functions from public, anon, authenticated, service_role;

-- Installation secrets: the salt that keeps hashed client addresses from being reversed by
-- hashing all 2^32 IPv4 addresses.
create table private.installation_secrets (
  name text primary key,
  value text not null check (length(value) >= 32)
);
comment on table private.installation_secrets is 'Secrets generated once per database (salts).';
alter table private.installation_secrets enable row level security;
insert into private.installation_secrets (name, value)
values ('client_hash_salt', encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'))
on conflict (name) do nothing;

-- One request header as PostgREST (or the local gateway) set it; names are lower case.
create or replace function private.request_header(p_name text) returns text
language sql stable
set search_path = ''
as $$
  select nullif(btrim(coalesce(nullif(current_setting('request.headers', true), ''), '{}')::jsonb ->> lower(p_name)), '')
$$;
comment on function private.request_header(text) is 'A header of the current API request, or null.';

-- The caller's address: the proxy's own headers first (Cloudflare in front of Supabase, then a
-- reverse proxy or the local gateway), else the first X-Forwarded-For entry. Deployments behind
-- another proxy adapt this one function.
create or replace function private.client_address() returns text
language sql stable
set search_path = ''
as $$
  select coalesce(
    private.request_header('cf-connecting-ip'),
    private.request_header('x-real-ip'),
    nullif(btrim(split_part(private.request_header('x-forwarded-for'), ',', 1)), ''),
    'unknown')
$$;
comment on function private.client_address() is 'The calling client''s address from the request headers.';

-- The client a limit applies to: an IPv4 address, or an IPv6 address's /64 (one subscriber's
-- network: an attacker with one /64 must not get 2^64 fresh clients). Anything that is no
-- address is kept as it is.
create or replace function private.client_key() returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_address text := private.client_address();
  v_inet inet;
begin
  if v_address !~ '^[0-9A-Fa-f:.]{2,45}$' then
    return v_address;
  end if;
  begin
    v_inet := v_address::inet;
  exception when invalid_text_representation then
    return v_address;
  end;
  if family(v_inet) = 6 then
    return host(network(set_masklen(v_inet, 64))) || '/64';
  end if;
  return host(v_inet);
end
$$;
comment on function private.client_key() is 'The client''s address as limits count it: IPv6 grouped by /64.';

-- What is stored about a client: a salted hash of its address, never the address.
create or replace function private.client_hash() returns text
language sql stable
set search_path = ''
as $$
  select encode(sha256(convert_to(
    (select value from private.installation_secrets where name = 'client_hash_salt') || '|' || private.client_key(),
    'UTF8')), 'hex')
$$;
comment on function private.client_hash() is 'Salted SHA-256 of the client (IPv6 by /64): rate limits and one-answer-per-client.';

-- Rate limits are data: staff tune them with an UPDATE, tests lower them.
create table private.rate_limits (
  rpc text primary key check (rpc ~ '^[a-z_]{2,63}$'),
  max_calls int not null check (max_calls > 0),
  per interval not null check (per >= interval '1 second' and per <= interval '7 days')
);
comment on table private.rate_limits is
  'Calls allowed per client and RPC: a token bucket of max_calls that refills evenly over per; an RPC without a row is not limited.';
alter table private.rate_limits enable row level security;

-- One token bucket per RPC and client. A bucket refills continuously, so there is no window
-- boundary at which a client could make twice the limit in a moment.
create table private.rate_limit_buckets (
  rpc text not null references private.rate_limits (rpc) on delete cascade,
  client_hash text not null,
  tokens double precision not null,
  refilled_at timestamptz not null,
  -- Calls charged to this client, accepted and refused alike (for the office and the tests).
  charged bigint not null default 0 check (charged >= 0),
  primary key (rpc, client_hash)
);
comment on table private.rate_limit_buckets is 'Token bucket per RPC and hashed client; charged counts every call.';
alter table private.rate_limit_buckets enable row level security;

-- Refills the current client's bucket for p_rpc for the time since its last call and takes one
-- token, keeping at least p_floor; returns what is left (below 0: the call is over the limit). The
-- bucket row stays locked until the transaction ends, so one client's calls of one RPC are charged
-- one after the other.
create or replace function private.spend_rate_token(p_limit private.rate_limits, p_floor double precision)
returns double precision
language sql volatile
set search_path = ''
as $$
  insert into private.rate_limit_buckets as b (rpc, client_hash, tokens, refilled_at, charged)
  values (p_limit.rpc, private.client_hash(), greatest(p_limit.max_calls - 1, p_floor), now(), 1)
  on conflict (rpc, client_hash) do update
    set tokens = greatest(least(p_limit.max_calls,
                   b.tokens + p_limit.max_calls / extract(epoch from p_limit.per) * greatest(extract(epoch from now() - b.refilled_at), 0)) - 1,
                 p_floor),
        refilled_at = now(),
        charged = b.charged + 1
  returning tokens
$$;
comment on function private.spend_rate_token(private.rate_limits, double precision) is
  'Takes one token from the client''s bucket (refilled first); returns what is left.';

-- Charges one call of p_rpc to the current client; PT429 when its bucket is empty. Each citizen
-- RPC calls this first, before looking anything up, so that a client out of tokens learns nothing
-- more (and a PT429 rolls the charge back: an empty bucket is not overdrawn by calls it refused).
create or replace function private.take_rate_token(p_rpc text) returns void
language plpgsql volatile
set search_path = ''
as $$
declare
  v_limit private.rate_limits%rowtype;
  v_tokens double precision;
begin
  select * into v_limit from private.rate_limits where rpc = p_rpc;
  if not found then
    return;
  end if;
  v_tokens := private.spend_rate_token(v_limit, '-Infinity');
  if v_tokens < 0 then
    raise exception using
      errcode = 'PT429',
      message = format('Too many %s calls from this address.', p_rpc),
      detail = format('At most %s calls per %s are allowed from one address, refused ones included.', v_limit.max_calls, v_limit.per),
      hint = format('Try again after %s.', to_char(
        (now() + make_interval(secs => ceil(-v_tokens * extract(epoch from v_limit.per) / v_limit.max_calls))) at time zone 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  end if;
end
$$;
comment on function private.take_rate_token(text) is 'Charges one call to the client''s bucket; raises PT429 when it is empty.';

-- A refused call rolls back its own charge with everything else it did. The gateway therefore
-- charges it again in a transaction of its own (as service_role), so that wrong codes, used
-- tokens, duplicates and invalid input meet the limit too. Never raises; no bucket goes below 0.
create or replace function private.charge_refused_call(p_rpc text) returns void
language plpgsql volatile
security definer
set search_path = ''
as $$
declare
  v_limit private.rate_limits%rowtype;
begin
  select * into v_limit from private.rate_limits where rpc = p_rpc;
  if found then
    perform private.spend_rate_token(v_limit, 0);
  end if;
end
$$;
comment on function private.charge_refused_call(text) is 'Gateway: charges a refused call to the client''s bucket, outside the refused transaction.';
grant execute on function private.charge_refused_call(text) to service_role;

-- Text arguments: trimmed; 23502 when missing, 23514 when blank or too short, 22001 when too long.
create or replace function private.required_text(p_value text, p_field text, p_min int, p_max int) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v text := btrim(p_value, E' \t\r\n\u3000');
begin
  if p_value is null then
    raise exception using
      errcode = '23502',
      message = format('%s is required.', p_field),
      detail = format('The argument %s was missing or null.', p_field),
      hint = format('Send %s as a JSON string.', p_field);
  end if;
  if length(v) < p_min then
    raise exception using
      errcode = '23514',
      message = case when v = '' then format('%s must not be empty.', p_field)
                     else format('%s is too short.', p_field) end,
      detail = format('%s has %s characters; at least %s are needed.', p_field, length(v), p_min),
      hint = format('Write at least %s characters.', p_min);
  end if;
  if length(v) > p_max then
    raise exception using
      errcode = '22001',
      message = format('%s is too long.', p_field),
      detail = format('%s has %s characters; at most %s are allowed.', p_field, length(v), p_max),
      hint = format('Shorten %s to %s characters.', p_field, p_max);
  end if;
  return v;
end
$$;
comment on function private.required_text(text, text, int, int) is 'A required text argument, trimmed and checked.';

-- Optional text arguments: null when missing or blank; 22001 when too long.
create or replace function private.optional_text(p_value text, p_field text, p_max int) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v text := nullif(btrim(p_value, E' \t\r\n\u3000'), '');
begin
  if length(v) > p_max then
    raise exception using
      errcode = '22001',
      message = format('%s is too long.', p_field),
      detail = format('%s has %s characters; at most %s are allowed.', p_field, length(v), p_max),
      hint = format('Shorten %s to %s characters.', p_field, p_max);
  end if;
  return v;
end
$$;
comment on function private.optional_text(text, text, int) is 'An optional text argument: trimmed, null when blank.';

-- A required id argument: 23502 when missing.
create or replace function private.required_id(p_value bigint, p_field text) returns bigint
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_value is null then
    raise exception using
      errcode = '23502',
      message = format('%s is required.', p_field),
      detail = format('The argument %s was missing or null.', p_field),
      hint = format('Send %s as a whole number.', p_field);
  end if;
  return p_value;
end
$$;
comment on function private.required_id(bigint, text) is 'A required id argument.';

-- Codes and tokens handed to citizens: Crockford base32 (no I, L, O, U), grouped by four with
-- dashes. Input is read leniently: case, spaces and dashes do not matter, O means 0, I and L mean 1.
create or replace function private.normalize_code(p_code text) returns text
language sql immutable
set search_path = ''
as $$
  -- Codes are 16–32 characters with separators; anything over 64 is cut before the regular
  -- expression runs (it stays too long to pass any form check), so a huge argument costs nothing.
  select translate(upper(regexp_replace(left(coalesce(p_code, ''), 65), '[\s-]', '', 'g')), 'OIL', '011')
$$;
comment on function private.normalize_code(text) is 'A code or token as typed, in canonical form (may still be invalid).';

create or replace function private.code_hash(p_normalized text) returns text
language sql immutable
set search_path = ''
as $$
  select encode(sha256(convert_to(p_normalized, 'UTF8')), 'hex')
$$;
comment on function private.code_hash(text) is 'SHA-256 (hex) of a normalised code or token: the only form stored.';

-- p_length random characters of the code alphabet, grouped by four: 5 random bits each.
create or replace function private.new_code(p_length int) returns text
language plpgsql volatile
set search_path = ''
as $$
declare
  v_alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  v_bytes bytea := sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));
  v_code text := '';
begin
  if p_length not between 4 and 32 then
    raise exception using errcode = '22023', message = format('Code length %s is out of range 4..32.', p_length);
  end if;
  for i in 0 .. p_length - 1 loop
    if i > 0 and i % 4 = 0 then
      v_code := v_code || '-';
    end if;
    v_code := v_code || substr(v_alphabet, get_byte(v_bytes, i) % 32 + 1, 1);
  end loop;
  return v_code;
end
$$;
comment on function private.new_code(int) is 'A fresh random code such as 7KQ2-M9XD-…; only its hash is ever stored.';

-- The one check of a code or token as a citizen typed it: 23502 when it is missing, 22023 when it
-- cannot be one of its kind; else the hash it is stored under. Each kind's length and the words its
-- holder is told are data here.
create or replace function private.checked_code_hash(p_code text, p_kind text) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v text := private.normalize_code(p_code);
  k record;
begin
  select * into k from (values
    -- A hearing sign-up's confirmation code, shown once when signing up.
    ('confirmation_code', 16, false, 'A confirmation code',
     'code is required.', 'The argument code was missing or null.',
     'Send the confirmation code you were given when you signed up.',
     'This is not a confirmation code.',
     'Copy the code exactly as shown when you signed up, for example 7KQ2-M9XD-4HBT-PW3N.'),
    -- A panel survey's single-use invitation token; a blank one counts as missing.
    ('invitation_token', 24, true, 'An invitation token',
     'token is required for a panel survey.', 'Panel surveys are answered with a single-use invitation token.',
     'Enter the invitation token from your letter or message.',
     'This is not an invitation token.',
     'Copy the token exactly as printed, for example 7KQ2-M9XD-4HBT-PW3N-A8EF-Q2RS.'),
    -- A one-time code sent to an e-mail address or phone to confirm it (contacts migration).
    ('contact_code', 8, false, 'A contact code',
     'code is required.', 'The argument code was missing or null.',
     'Enter the code from the message we sent you.',
     'This is not a code from our message.',
     'Copy the 8 letters and digits from the message, for example 7KQ2-M9XD.'),
    -- A verified contact's token, kept by the browser after a code was confirmed.
    ('contact_token', 24, true, 'A contact token',
     'contact_token is required.', 'The argument contact_token was missing or null.',
     'Confirm your e-mail address or phone with a code first.',
     'This is not a contact token.',
     'Confirm your e-mail address or phone again with a new code.'),
    -- A subscription's confirmation or unsubscribe token, carried by the link in our message.
    ('subscription_token', 24, true, 'A subscription token',
     'token is required.', 'The argument token was missing or empty.',
     'Open the link from the message: it carries the token.',
     'This is not a subscription token.',
     'Open the link exactly as it is in the message, or copy all of it.')
  ) as kinds (kind, code_length, blank_is_missing, called, missing_message, missing_detail, missing_hint,
              invalid_message, invalid_hint)
  where kinds.kind = p_kind;
  if not found then
    raise exception using
      errcode = '22023', message = format('"%s" is not a kind of code.', p_kind),
      hint = 'Use confirmation_code, invitation_token, contact_code, contact_token or subscription_token.';
  end if;
  if p_code is null or (k.blank_is_missing and btrim(p_code) = '') then
    raise exception using
      errcode = '23502', message = k.missing_message, detail = k.missing_detail, hint = k.missing_hint;
  end if;
  if v !~ format('^[0-9A-HJKMNP-TV-Z]{%s}$', k.code_length) then
    raise exception using
      errcode = '22023',
      message = k.invalid_message,
      detail = format('%s has %s letters and digits; got %s after removing spaces and dashes.', k.called, k.code_length, length(v)),
      hint = k.invalid_hint;
  end if;
  return private.code_hash(v);
end
$$;
comment on function private.checked_code_hash(text, text) is
  'Checks the form of a confirmation code or invitation token (p_kind) and returns its hash.';
