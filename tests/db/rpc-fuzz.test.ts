/**
 * Bad-input fuzzing of every citizen RPC through the gateway (issue 9): per RPC at least 500
 * property-based calls (tests/db/rpc-fuzz-arbitraries.ts) over HTTP to the real portal server.
 * Each must be answered with a success or a PostgREST-shaped 4xx error — never a 5xx — and the
 * rows a call may write change only when it succeeds, and then only as that RPC may change them.
 *
 * A failure prints fast-check's seed and path; RPC_FUZZ_SEED=<seed> replays a run, and
 * RPC_FUZZ_RUNS=<n> runs more cases per RPC (never fewer than 500).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RPC_INPUT_SCHEMAS } from '../../src/lib/citizen-rpc-schemas.ts';
import { FORM_RPCS } from '../../src/lib/citizen-rpcs.ts';
import type { Db } from '../../src/lib/db/types.ts';
import type { GatewayKeys } from '../../src/lib/auth/gateway-keys.ts';
import { createTestDb } from './harness.ts';
import { startTestPortal, type TestPortal } from './test-portal.ts';
import { CITIZEN_RPCS, insertParticipation, WRITTEN_TABLES, writtenCounts, type CitizenRpc } from './participation-fixtures.ts';
import {
  encodePairs, randomCode, requestArbitrary, type FuzzContext, type FuzzRequest, type SignupCodes, type SubscriptionTokens,
} from './rpc-fuzz-arbitraries.ts';

const RUNS = Math.max(500, Number(process.env['RPC_FUZZ_RUNS']) || 0);
const SEED = process.env['RPC_FUZZ_SEED'] ? Number(process.env['RPC_FUZZ_SEED']) : undefined;
/** The one address of "shared" requests; every other request comes from an address of its own. */
const SHARED_CLIENT = '192.0.2.1';

let db: Db;
let portal: TestPortal;
let base: string;
let keys: GatewayKeys;
let context: FuzzContext;
const logged: string[] = [];

/**
 * What the fixture's state is made of: the row count of every table a call may write
 * (WRITTEN_TABLES, as writtenCounts() reads them, in one statement) and the updates a call may make.
 */
const SNAPSHOT_SQL = `select ${[
  ...WRITTEN_TABLES.map((table) => `(select count(*) from ${table})::int as "${table}"`),
  `(select count(*) from private.survey_invitations where used_at is not null)::int as "invitations used"`,
  `(select count(*) from private.hearing_signups where status = 'withdrawn')::int as "sign-ups withdrawn"`,
  `(select coalesce(sum(charged), 0) from private.rate_limit_buckets)::int as "rate-limit charges"`,
  `(select count(*) from private.subscriptions)::int as "subscriptions"`,
  `(select count(*) from private.subscriptions where status = 'active')::int as "subscriptions active"`,
  `(select count(*) from private.subscriptions where status = 'unsubscribed')::int as "subscriptions ended"`,
  `(select count(*) from private.subscription_confirmations)::int as "confirmation mails"`,
].join(', ')}`;

type Snapshot = Record<string, number>;
const snapshot = async () => (await db.query<Snapshot>(SNAPSHOT_SQL))[0]!;

type Range = readonly [min: number, max: number];
/**
 * What a successful call may change (anything not named must stay as it was). A rate-limited RPC
 * charges the call to the client's token bucket: a new bucket, or the same one charged once more
 * (private.take_rate_token).
 */
const COUNTED = { 'private.rate_limit_buckets': [0, 1], 'rate-limit charges': [1, 1] } as const satisfies Record<string, Range>;
/** Rate-limited RPCs: a refused call of one is charged too (by the gateway), except a 429. */
const LIMITED: ReadonlySet<CitizenRpc> = new Set(FORM_RPCS);
const ALLOWED_ON_SUCCESS: Record<CitizenRpc, (result: Record<string, unknown>) => Record<string, Range>> = {
  hall_topic_stats: () => ({}),
  hearing_availability: () => ({}),
  survey_stats: () => ({}),
  check_hearing_signup: () => COUNTED,
  withdraw_hearing_signup: () => ({ ...COUNTED, 'sign-ups withdrawn': [1, 1] }),
  // A new contact's sign-up is a new pending row and a code (or, with its token, a confirmed row, a
  // new token and the confirmation message); a pending or signed-up contact's adds no sign-up.
  sign_up_for_hearing: () => ({
    ...COUNTED, 'private.hearing_signups': [0, 1], 'private.contact_codes': [0, 1], 'private.contact_tokens': [0, 1], 'private.outbox': [0, 1],
  }),
  // A code and, unless the contact's hourly budget is spent, its message.
  request_contact_code: () => ({ ...COUNTED, 'private.contact_codes': [1, 1], 'private.outbox': [0, 1] }),
  verify_contact: () => ({ ...COUNTED, 'private.contact_tokens': [1, 1] }),
  message_status: () => COUNTED,
  // The code confirms the pending sign-up: a token and the confirmation message.
  confirm_hearing_signup: () => ({ ...COUNTED, 'private.contact_tokens': [1, 1], 'private.outbox': [1, 1] }),
  submit_hall_opinion: () => ({ ...COUNTED, 'public.hall_opinions': [1, 1], 'private.hall_opinion_contacts': [0, 1] }),
  // A new address is a new pending subscription; an unsubscribed one becomes pending again; a
  // confirmation mail is sent unless the subscription is active or the address had 3 today.
  subscribe: () => ({
    ...COUNTED, subscriptions: [0, 1], 'subscriptions ended': [-1, 0], 'confirmation mails': [0, 1], 'private.outbox': [0, 1],
  }),
  confirm_subscription: () => ({ ...COUNTED, 'subscriptions active': [0, 1] }),
  unsubscribe: () => ({ ...COUNTED, 'subscriptions ended': [0, 1], 'subscriptions active': [-1, 0] }),
  submit_survey_response: (result) => {
    const answers = Number(result['answers']);
    const open = result['respondent_group'] === 'public';
    return {
      ...COUNTED,
      'public.survey_responses': [1, 1],
      'public.survey_answers': [answers, answers],
      'private.open_survey_participants': open ? [1, 1] : [0, 0],
      'invitations used': open ? [0, 0] : [1, 1],
    };
  },
};

/**
 * The RPCs' zod input schemas, the forms' friendly first check: a call one of them accepts (no
 * unknown key either) but the database refuses with 400 is reported — a form would send it and
 * get the database's message instead of its own.
 */
const SCHEMAS = RPC_INPUT_SCHEMAS;

interface Tally {
  cases: number;
  ok: number;
  statuses: Map<number, number>;
  codes: Map<string, number>;
  /** Accepted by the zod schema, refused by the database with 400: SQLSTATE and message. */
  zodAcceptedRefused: Map<string, number>;
  ms: number;
}
const tallies = new Map<CitizenRpc, Tally>();
const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Signs up the confirmation codes the check and withdraw calls draw from: open and closed hearings
 * (withdrawable), held and cancelled ones (409), and sign-ups already withdrawn (410).
 */
async function insertSignups(fx: FuzzContext['fx']): Promise<SignupCodes> {
  const plan: [keyof SignupCodes, number, string, number][] = [
    ['open', fx.hearing.open, 'registered', 400],
    ['closed', fx.hearing.closed, 'registered', 60],
    ['held', fx.hearing.held, 'selected', 20],
    ['cancelled', fx.hearing.cancelled, 'registered', 20],
    ['withdrawn', fx.hearing.open, 'withdrawn', 20],
  ];
  const codes: SignupCodes = { open: [], closed: [], held: [], cancelled: [], withdrawn: [] };
  const rows = plan.flatMap(([kind, hearing, status, count]) =>
    Array.from({ length: count }, (_, i) => {
      const code = randomCode(16);
      codes[kind].push(code);
      return { hearing, status, code, publicId: randomCode(8).replaceAll('-', ''), contact: `${kind}-${i}@example.invalid` };
    }));
  await db.query(
    `insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, category, status, withdrawn_at, code_hash)
     select r.hearing_id, r.public_id, '测试代表', r.contact, r.contact, 'other', r.status,
            case when r.status = 'withdrawn' then now() end, private.code_hash(private.normalize_code(r.code))
     from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) as r(hearing_id, public_id, contact, status, code)`,
    [rows.map((r) => r.hearing), rows.map((r) => r.publicId), rows.map((r) => r.contact), rows.map((r) => r.status), rows.map((r) => r.code)],
  );
  return codes;
}

/** Pending sign-ups of the open hearing, each sent a code (read from the outbox, as its owner reads the message). */
async function insertPendingSignups(fx: FuzzContext['fx']): Promise<FuzzContext['pendingSignups']> {
  await db.query(
    `with s as (
       insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, category, status)
       select $1, private.new_signup_public_id(), '待确认', 'fuzz-pending-' || n || '@example.invalid', 'fuzz-pending-' || n || '@example.invalid',
              'other', 'pending'
       from generate_series(1, 60) n returning id, contact_key)
     select private.send_contact_code(contact_key, 'hearing_signup', id, 'zh-CN', '{}') from s`, [fx.hearing.open]);
  return db.query<{ contact: string; code: string }>(
    `select recipient as contact, payload ->> 'code' as code from private.outbox
     where template = 'contact_code' and recipient like 'fuzz-pending-%' order by id`);
}

/** Contacts sent a code to confirm them (read from the outbox, as their owners read it), and every request id. */
async function insertContactCodes(): Promise<Pick<FuzzContext, 'contactCodes' | 'requestIds'>> {
  await db.query(
    `select private.send_contact_code('fuzz-verify-' || n || '@example.invalid', 'verify_contact', null, 'zh-CN', '{}')
     from generate_series(1, 60) n`);
  const contactCodes = await db.query<{ contact: string; code: string }>(
    `select recipient as contact, payload ->> 'code' as code from private.outbox
     where template = 'contact_code' and recipient like 'fuzz-verify-%' order by id`);
  const requests = await db.query<{ request_id: string }>(`select request_id from private.contact_codes order by id`);
  return { contactCodes, requestIds: requests.map((r) => r.request_id) };
}

/** Pending subscriptions (their confirmation tokens) and the unsubscribe tokens of all of them. */
async function insertSubscriptions(fx: FuzzContext['fx']): Promise<SubscriptionTokens> {
  const confirm = Array.from({ length: 100 }, () => randomCode(24));
  await db.query(
    `insert into private.subscriptions (contact_key, topic_kind, unit_id, locale, confirm_token_hash, confirm_expires_at,
                                        unsubscribe_nonce, unsubscribe_token_hash)
     select 'fuzz-' || x.n || '@example.invalid', 'unit', $2, 'zh-CN', private.code_hash(private.normalize_code(x.c)),
            now() + interval '7 days', gen_random_uuid(), 'placeholder-' || x.n
     from unnest($1::text[]) with ordinality as x (c, n)`, [confirm, fx.base.unitA]);
  const rows = await db.query<{ token: string }>(
    `update private.subscriptions
     set unsubscribe_token_hash = private.code_hash(private.normalize_code(private.subscription_unsubscribe_token(unsubscribe_nonce)))
     where contact_key like 'fuzz-%@example.invalid'
     returning private.subscription_unsubscribe_token(unsubscribe_nonce) as token`);
  return { confirm, unsubscribe: rows.map((r) => r.token) };
}

beforeAll(async () => {
  db = await createTestDb();
  const fx = await insertParticipation(db, 300);
  const contactTokens = await db.query<{ token: string }>(
    `select private.issue_contact_token(private.contact_key('fuzz-contact-' || n || '@example.invalid', 'contact')) ->> 'contact_token' as token
     from generate_series(1, 20) n`);
  context = {
    fx, codes: await insertSignups(fx), subscriptions: await insertSubscriptions(fx), contactTokens: contactTokens.map((r) => r.token),
    pendingSignups: await insertPendingSignups(fx), ...(await insertContactCodes()),
  };
  const counts = await writtenCounts(db);
  expect(Object.fromEntries(Object.entries(await snapshot()).filter(([k]) => k in counts))).toEqual(counts);

  // Rate limits: every request comes from an address of its own, as the gateway behind a trusted
  // proxy sees it (trustProxy + X-Real-IP), so that per-client limits do not turn most calls
  // into 429s and hide the paths under test. The limits themselves stay as migrated; one request in
  // ten comes from one shared address, which still reaches PT429.
  portal = await startTestPortal(db, { trustProxy: true, logError: (m, e) => logged.push(`${m}: ${String(e)}`) });
  ({ base, keys } = portal);
});

afterAll(async () => {
  portal?.close();
  await db?.close();
  if (tallies.size === 0) return;
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ×${v}`).join('; ') || '-';
  const lines = [...tallies].map(([rpc, t]) => [
    `${rpc.padEnd(24)} cases ${t.cases}, 2xx ${t.ok}, 4xx ${t.cases - t.ok} (${[...t.statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')}), ${(t.ms / 1000).toFixed(1)} s`,
    `${' '.repeat(26)}codes: ${top(t.codes, 12)}`,
    ...(t.zodAcceptedRefused.size > 0 ? [`${' '.repeat(26)}zod accepted, database refused (400): ${top(t.zodAcceptedRefused, 4)}`] : []),
  ].join('\n'));
  console.log(`RPC fuzzing on ${db?.kind ?? '?'}${SEED === undefined ? '' : ` (seed ${SEED})`}:\n${lines.join('\n')}`);
});

let addresses = 0;
function clientAddress(request: FuzzRequest): string {
  if (request.sharedClient) return SHARED_CLIENT;
  addresses++;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

async function send(rpc: CitizenRpc, request: FuzzRequest) {
  const headers: Record<string, string> = { apikey: keys.anonKey, 'x-real-ip': clientAddress(request) };
  if (request.contentType !== '') headers['content-type'] = request.contentType;
  const body = request.body.kind === 'args' ? encodePairs(request.body.pairs) : request.body.body;
  const response = await fetch(`${base}/rest/v1/rpc/${rpc}`, { method: 'POST', headers, body });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const describeRequest = (request: FuzzRequest) =>
  (request.body.kind === 'args' ? encodePairs(request.body.pairs) : `${request.body.label}: ${String(request.body.body)}`).slice(0, 300);

async function checkCall(rpc: CitizenRpc, request: FuzzRequest, tally: Tally): Promise<void> {
  const before = await snapshot();
  const response = await send(rpc, request);
  const after = await snapshot();
  const what = `${rpc} ${response.status} ${response.text.slice(0, 300)}\n  request: ${describeRequest(request)}`;
  tally.cases++;
  bump(tally.statuses, response.status);

  expect(response.status, what).toBeLessThan(500);
  expect(response.type, what).toBe('application/json; charset=utf-8');
  const body: unknown = JSON.parse(response.text);
  expect(body, what).toBeTypeOf('object');
  expect(body, what).not.toBeNull();
  const result = body as Record<string, unknown>;

  if (response.status >= 400) {
    expect(Object.keys(result).sort(), what).toEqual(['code', 'details', 'hint', 'message']);
    expect(result['code'], what).toMatch(/^[0-9A-Z]{5,8}$/);
    expect(result['message'], what).toBeTypeOf('string');
    expect((result['message'] as string).trim(), what).not.toBe('');
    for (const key of ['details', 'hint']) expect(result[key] === null || typeof result[key] === 'string', `${what}\n  ${key}`).toBe(true);
    // A refused call rolls back entirely; the gateway then charges it, in a transaction of its
    // own, to the client's rate-limit bucket (not a 429: that call did nothing).
    const charged = LIMITED.has(rpc) && response.status !== 429 ? 1 : 0;
    const expected: Snapshot = { ...before, 'rate-limit charges': before['rate-limit charges']! + charged };
    const { 'private.rate_limit_buckets': bucketsAfter, ...restAfter } = after;
    const { 'private.rate_limit_buckets': bucketsBefore, ...restExpected } = expected;
    expect(restAfter, `${what}\n  a refused call changed rows`).toEqual(restExpected);
    expect(bucketsAfter! - bucketsBefore!, `${what}\n  buckets`).toBeLessThanOrEqual(charged);
    bump(tally.codes, result['code'] as string);
    const schema = SCHEMAS[rpc];
    if (response.status === 400 && schema && request.body.kind === 'args' && schema.strict().safeParse(Object.fromEntries(request.body.pairs)).success) {
      bump(tally.zodAcceptedRefused, `${result['code'] as string} ${result['message'] as string}`);
    }
    return;
  }

  expect(response.status, what).toBe(200);
  expect(Array.isArray(body), what).toBe(false);
  tally.ok++;
  bump(tally.codes, '2xx');
  const allowed = ALLOWED_ON_SUCCESS[rpc](result);
  for (const key of Object.keys(before)) {
    const delta = after[key]! - before[key]!;
    const [min, max] = allowed[key] ?? [0, 0];
    expect(delta >= min && delta <= max, `${what}\n  ${key} changed by ${delta}, allowed ${min}..${max}`).toBe(true);
  }
}

describe('every citizen RPC through the gateway, with generated bad input', () => {
  it('the generators cover every RPC anon may call', async () => {
    const callable = await db.query<{ name: string }>(
      `select p.proname::text as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'execute') order by 1`,
    );
    expect(Object.keys(ALLOWED_ON_SUCCESS).sort()).toEqual(callable.map((r) => r.name).sort());
  });

  it('premise: behind the trusted proxy, each X-Real-IP address is a client of its own', async () => {
    const body = JSON.stringify({ topic_id: context.fx.topic.open, body: '前提检查的意见' });
    const call = (address: string) =>
      fetch(`${base}/rest/v1/rpc/submit_hall_opinion`, {
        method: 'POST', headers: { apikey: keys.anonKey, 'content-type': 'application/json', 'x-real-ip': address }, body,
      }).then((r) => r.status);
    const buckets = () => db.query<{ n: number; charged: number }>(
      `select count(*)::int as n, coalesce(sum(charged), 0)::int as charged from private.rate_limit_buckets where rpc = 'submit_hall_opinion'`);
    const [before] = await buckets();
    expect([await call('198.51.100.1'), await call('198.51.100.2, 10.0.0.1'), await call('198.51.100.1')]).toEqual([200, 200, 200]);
    // Two clients (two buckets), charged three calls.
    expect(await buckets()).toEqual([{ n: before!.n + 2, charged: before!.charged + 3 }]);
  });

  it.each(CITIZEN_RPCS)(`%s: ${RUNS} calls, each a success or a PostgREST 4xx, writing only on success`, async (rpc) => {
    const tally: Tally = { cases: 0, ok: 0, statuses: new Map(), codes: new Map(), zodAcceptedRefused: new Map(), ms: 0 };
    tallies.set(rpc, tally);
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(rpc, context), (request) => checkCall(rpc, request, tally)),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    tally.ms = performance.now() - started;
    // The generators reach both branches: some calls succeed and some are refused.
    expect(tally.ok, `${rpc}: successes`).toBeGreaterThanOrEqual(10);
    expect(tally.cases - tally.ok, `${rpc}: refusals`).toBeGreaterThanOrEqual(10);
    expect(logged, 'unexpected errors logged by the gateway').toEqual([]);
  }, 300_000);
});
