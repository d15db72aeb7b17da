/**
 * Contract test of the local gateway: supabase-js (the islands' client) against the portal server
 * on a random port over a test database. Statuses and error bodies are PostgREST's
 * (docs.postgrest.org → Errors; Transactions → access modes).
 */
import { createClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { keysFromSecret, type GatewayKeys } from '../../src/lib/auth/gateway-keys.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPgliteInWorker } from '../../src/lib/db/pglite-thread.ts';
import { countRows, createTestDb, TEST_DATABASE_URL } from './harness.ts';
import { startTestPortal, type TestPortal } from './test-portal.ts';
import { insertParticipation, type Participation } from './participation-fixtures.ts';
import { contactToken } from './hearing-signup-helpers.ts';

let db: Db;
let fx: Participation;
let portal: TestPortal;
let base: string;
let keys: GatewayKeys;
const options = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
const connect = (key: string, headers: Record<string, string> = {}) => createClient(base, key, { ...options, global: { headers } });
let anon: ReturnType<typeof connect>;
let service: ReturnType<typeof connect>;
const logged: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 4);
  await db.exec(`
    create function public.staff_only() returns int language sql as 'select 42';
    revoke all on function public.staff_only() from public, anon, authenticated;
    grant execute on function public.staff_only() to service_role;
    create function public.boom() returns int language plpgsql as $$
      begin raise exception using errcode = 'XX000', message = 'internal secret: table private.x'; end $$;
    grant execute on function public.boom() to anon;
    create function public.nothing() returns void language sql as 'select';
    grant execute on function public.nothing() to anon;
    create function public.numbers(n int) returns setof int language sql stable as 'select generate_series(1, n)';
    grant execute on function public.numbers(int) to anon;
    create function public.slow(seconds float8) returns int language sql volatile as 'select 1 from pg_sleep(seconds)';
    grant execute on function public.slow(float8) to anon;
  `);
  // Every call here comes from one socket address; the status-mapping tests below refuse many
  // calls, which the gateway charges, so their limits are raised (rate limits are data). The
  // rate-limit tests set their own.
  await db.exec(`update private.rate_limits set max_calls = 10000`);
  portal = await startTestPortal(db, { maxBodyBytes: 4096, logError: (m) => logged.push(m) });
  ({ base, keys } = portal);
  anon = connect(keys.anonKey);
  service = connect(keys.serviceRoleKey);
});

afterAll(async () => {
  portal?.close();
  await db?.close();
});

function post(fn: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/rest/v1/rpc/${fn}`, {
    method: 'POST',
    headers: { apikey: keys.anonKey, 'content-type': 'application/json', ...headers },
    body,
  });
}

const errorShape = (body: unknown) => expect(Object.keys(body as object).sort()).toEqual(['code', 'details', 'hint', 'message']);

describe('successful calls', () => {
  it('POST with named JSON arguments: 200 and the function result', async () => {
    const response = await anon.rpc('submit_hall_opinion', { topic_id: fx.topic.open, body: '网关提交的意见' });
    expect(response.error).toBeNull();
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ status: 'pending', topic_id: fx.topic.open });
  });

  it('GET of a stable function with arguments from the query string', async () => {
    const response = await anon.rpc('hearing_availability', { hearing_id: fx.hearing.open }, { get: true });
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ hearing_id: fx.hearing.open, seats: 3 });
  });

  it('set-returning functions give an array; void functions 204', async () => {
    expect((await anon.rpc('numbers', { n: 3 })).data).toEqual([1, 2, 3]);
    const response = await post('nothing', '{}');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('passes the client address in request.headers: a spoofed X-Forwarded-For is replaced', async () => {
    // Rate limits count per client address: calls claiming other addresses are charged to the socket's.
    const spoofed = ['203.0.113.1', '203.0.113.2'];
    const hashes = await db.transaction(async (tx) => {
      const out: string[] = [];
      for (const address of spoofed) {
        await tx.query(`select set_config('request.headers', $1, true)`, [JSON.stringify({ 'x-forwarded-for': address })]);
        out.push((await tx.query<{ h: string }>(`select private.client_hash() as h`))[0]!.h);
      }
      return out;
    });
    const body = JSON.stringify({ topic_id: fx.topic.open, body: '声称来自别处的意见' });
    expect((await post('submit_hall_opinion', body, { 'x-forwarded-for': spoofed[0]! })).status).toBe(200);
    expect((await post('submit_hall_opinion', body, {
      'x-forwarded-for': spoofed[1]!, 'x-real-ip': spoofed[1]!, 'cf-connecting-ip': spoofed[1]!,
    })).status).toBe(200);
    expect(await countRows(db, 'private.rate_limit_buckets', 'client_hash = any($1::text[])', [hashes])).toBe(0);
  });

  it('the service_role key calls what anon may not', async () => {
    const response = await service.rpc('staff_only');
    expect(response.status).toBe(200);
    expect(response.data).toBe(42);
  });
});

describe('errors from the database: PostgREST status mapping and body', () => {
  it.each([
    ['23502 missing argument → 400', 'submit_hall_opinion', () => ({ body: '意见' }), 400, '23502'],
    ['22P02 wrong type → 400', 'submit_hall_opinion', () => ({ topic_id: 'abc', body: '意见' }), 400, '22P02'],
    ['22001 too long → 400', 'submit_hall_opinion', () => ({ topic_id: fx.topic.open, body: 'x'.repeat(2001) }), 400, '22001'],
    ['23514 empty → 400', 'submit_hall_opinion', () => ({ topic_id: fx.topic.open, body: '  ' }), 400, '23514'],
    ['22023 invalid value → 400', 'sign_up_for_hearing', () => ({ hearing_id: fx.hearing.open, name: '王五', contact: 'x@example.invalid', category: 'mayor' }), 400, '22023'],
    ['PT404 unknown id → 404', 'hall_topic_stats', () => ({ topic_id: 123456 }), 404, 'PT404'],
    ['PT409 closed window → 409', 'submit_hall_opinion', () => ({ topic_id: fx.topic.closed, body: '意见内容' }), 409, 'PT409'],
    ['PT403 invalid token → 403', 'submit_survey_response', () => ({ survey_id: fx.survey.panel, token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', answers: [{ question_id: fx.question.rating, value: 3 }] }), 403, 'PT403'],
  ] as [string, string, () => Record<string, unknown>, number, string][])('%s', async (_label, fn, args, status, code) => {
    const response = await anon.rpc(fn, args());
    expect(response.status).toBe(status);
    expect(response.data).toBeNull();
    expect(response.error).toMatchObject({ code });
    expect(response.error!.message.length).toBeGreaterThan(3);
    errorShape(response.error);
  });

  it('23505 duplicate → 409, and a used token → 410', async () => {
    // With a token for the contact, its owner may learn of the duplicate (without one, everyone gets the same answer).
    const person = { hearing_id: fx.hearing.open, name: '赵六', contact: 'dup@example.invalid', category: 'expert', contact_token: await contactToken(db, 'dup@example.invalid') };
    expect((await anon.rpc('sign_up_for_hearing', person)).status).toBe(200);
    const duplicate = await anon.rpc('sign_up_for_hearing', person);
    expect(duplicate.status).toBe(409);
    expect(duplicate.error).toMatchObject({ code: '23505' });
    expect(duplicate.error!.details).toMatch(/^Sign-up [0-9A-Z]{8}, status registered\.$/);
    expect(duplicate.error!.hint).toMatch(/confirmation code/);

    const args = { survey_id: fx.survey.panel, token: fx.tokens[0], answers: [{ question_id: fx.question.rating, value: 5 }] };
    expect((await anon.rpc('submit_survey_response', args)).status).toBe(200);
    const again = await anon.rpc('submit_survey_response', args);
    expect(again.status).toBe(410);
    expect(again.error).toMatchObject({ code: 'PT410' });
  });

  it('PT429 → 429 once the rate limit is reached, and nothing is written', async () => {
    await db.query(`update private.rate_limits set max_calls = 1 where rpc = 'check_hearing_signup'`);
    try {
      const signup = await anon.rpc('sign_up_for_hearing', {
        hearing_id: fx.hearing.open, name: '钱七', contact: 'rate@example.invalid', category: 'other', contact_token: await contactToken(db, 'rate@example.invalid'),
      });
      const code = (signup.data as { confirmation_code: string }).confirmation_code;
      expect((await anon.rpc('check_hearing_signup', { code })).status).toBe(200);
      const limited = await anon.rpc('check_hearing_signup', { code });
      expect(limited.status).toBe(429);
      expect(limited.error).toMatchObject({ code: 'PT429' });
    } finally {
      await db.query(`update private.rate_limits set max_calls = 60 where rpc = 'check_hearing_signup'`);
    }
  });

  it('42501 → 401 for anon, 403 for an authenticated user', async () => {
    const forAnon = await anon.rpc('staff_only');
    expect(forAnon.status).toBe(401);
    expect(forAnon.error).toMatchObject({ code: '42501' });
    const userJwt = await new SignJWT({ role: 'authenticated', sub: '00000000-0000-4000-8000-000000000001' })
      .setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(keys.secret);
    const user = connect(keys.anonKey, { Authorization: `Bearer ${userJwt}` });
    const forUser = await user.rpc('staff_only');
    expect(forUser.status).toBe(403);
    expect(forUser.error).toMatchObject({ code: '42501' });
  });

  it('a volatile function called with GET runs read-only: 25006 → 405, nothing written', async () => {
    const before = await countRows(db, 'public.hall_opinions');
    const response = await anon.rpc('submit_hall_opinion', { topic_id: fx.topic.open, body: '用GET提交' }, { get: true });
    expect(response.status).toBe(405);
    expect(response.error).toMatchObject({ code: '25006' });
    expect(await countRows(db, 'public.hall_opinions')).toBe(before);
  });

  it('anything else is 500 without internals', async () => {
    logged.length = 0;
    const response = await anon.rpc('boom');
    expect(response.status).toBe(500);
    expect(response.error).toMatchObject({ code: 'XX000', message: 'The request could not be completed.' });
    expect(JSON.stringify(response.error)).not.toMatch(/secret|private/);
    expect(logged.join('\n')).toMatch(/boom/);
  });
});

describe('errors from the gateway itself', () => {
  it('an unknown function → 404 PGRST202 with a hint', async () => {
    const response = await anon.rpc('submit_hall_opinon', { topic_id: 1 });
    expect(response.status).toBe(404);
    expect(response.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.submit_hall_opinon(topic_id) in the schema cache',
      hint: 'Perhaps you meant to call the function public.submit_hall_opinion',
    });
  });

  it('an unknown argument name → 404 PGRST202 naming the real parameters', async () => {
    const response = await anon.rpc('hall_topic_stats', { topic: 1 });
    expect(response.status).toBe(404);
    expect(response.error).toMatchObject({ code: 'PGRST202', hint: 'Perhaps you meant to call the function public.hall_topic_stats(topic_id)' });
  });

  it('functions outside schema public cannot be reached: 406 PGRST106, and unsafe names 404', async () => {
    const privateCall = await anon.schema('private').rpc('client_hash');
    expect(privateCall.status).toBe(406);
    expect(privateCall.error).toMatchObject({ code: 'PGRST106' });
    const implCall = await anon.schema('rpc_impl').rpc('submit_hall_opinion', { p_topic_id: 1 });
    expect(implCall.status).toBe(406);
    for (const name of ['rpc_impl.submit_hall_opinion', 'x;drop', '"q"']) {
      const response = await post(encodeURIComponent(name), '{}');
      expect(response.status, name).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe('PGRST202');
    }
  });

  it('no key → 401 PGRST302; a bad signature or an expired JWT → 401 PGRST301', async () => {
    const none = await fetch(`${base}/rest/v1/rpc/hall_topic_stats`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    const noneBody: unknown = await none.json();
    errorShape(noneBody);
    expect(noneBody).toMatchObject({ code: 'PGRST302' });

    const forged = await keysFromSecret('another-secret-that-is-long-enough-to-sign', 'forged');
    const bad = await connect(forged.anonKey).rpc('hall_topic_stats', { topic_id: fx.topic.open });
    expect(bad.status).toBe(401);
    expect(bad.error).toMatchObject({ code: 'PGRST301', message: 'JWSError JWSInvalidSignature' });

    const expiredJwt = await new SignJWT({ role: 'anon' }).setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(keys.secret);
    const expired = await post('hall_topic_stats', '{}', { apikey: expiredJwt });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await expired.json()).toMatchObject({ code: 'PGRST301', message: 'JWT expired' });

    const garbage = await post('hall_topic_stats', '{}', { apikey: 'not-a-jwt' });
    expect(garbage.status).toBe(401);
  });

  it('a JWT whose role is not an API role → 401', async () => {
    const jwt = await new SignJWT({ role: 'postgres' }).setProtectedHeader({ alg: 'HS256' }).sign(keys.secret);
    const response = await post('hall_topic_stats', '{}', { apikey: jwt });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'PGRST301' });
  });

  it('bodies: invalid JSON → 400 PGRST102, not JSON → 415 PGRST107, too large → 413', async () => {
    const invalid = await post('hall_topic_stats', '{"topic_id": ');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'PGRST102' });
    const array = await post('hall_topic_stats', '[1]');
    expect(array.status).toBe(400);
    const text = await post('hall_topic_stats', 'topic_id=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: 'PGRST107' });
    const large = await post('submit_hall_opinion', JSON.stringify({ topic_id: fx.topic.open, body: 'x'.repeat(5000) }));
    expect(large.status).toBe(413);
    errorShape(await large.json());
  });

  it('other methods → 405 PGRST101; other paths → 404 PGRST125', async () => {
    const put = await fetch(`${base}/rest/v1/rpc/hall_topic_stats`, { method: 'PUT', headers: { apikey: keys.anonKey } });
    expect(put.status).toBe(405);
    expect(await put.json()).toMatchObject({ code: 'PGRST101' });
    for (const route of ['/rest/v1/hall_opinions', '/rest/v1/', '/rest/v1/rpc/']) {
      const response = await fetch(`${base}${route}`, { headers: { apikey: keys.anonKey } });
      expect(response.status, route).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'PGRST125' });
    }
  });

  it('CORS: preflight allows the headers supabase-js sends; responses carry Access-Control-Allow-Origin', async () => {
    const preflight = await fetch(`${base}/rest/v1/rpc/submit_hall_opinion`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey, authorization, content-type, x-client-info, content-profile',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/x-client-info/);
    const response = await anon.rpc('hall_topic_stats', { topic_id: fx.topic.open });
    expect(response.status).toBe(200);
    const raw = await post('hall_topic_stats', JSON.stringify({ topic_id: fx.topic.open }), { origin: 'https://example.org' });
    expect(raw.headers.get('access-control-allow-origin')).toBe('*');
    expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the static site is still served beside the gateway', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>site</title>');
    expect(response.headers.get('content-security-policy')).toMatch(/object-src 'none'/);
  });
});

describe('rate limits through the gateway: refused attempts count', () => {
  const withdraw = (code: string, address: string) =>
    post('withdraw_hearing_signup', JSON.stringify({ code }), { 'x-real-ip': address });

  it('guessing confirmation codes meets a 429: each wrong code is charged though its call rolled back', async () => {
    await db.exec(`update private.rate_limits set max_calls = 5, per = interval '1 hour' where rpc = 'withdraw_hearing_signup'`);
    await db.exec(`delete from private.rate_limit_buckets where rpc = 'withdraw_hearing_signup'`);
    try {
      // Without a trusted proxy the socket address counts, whatever X-Real-IP claims.
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await withdraw(`ZZZZ-ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}`, `198.51.100.${i}`)).status);
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
      const refused = (await (await withdraw('ZZZZ-ZZZZ-ZZZZ-ZZ99', '198.51.100.99')).json()) as { code: string; detail: string };
      expect(refused).toMatchObject({ code: 'PT429' });
      // The charges are in the database: five refused calls, none of them written anything else.
      const [bucket] = await db.query<{ charged: number }>(`select charged::int from private.rate_limit_buckets where rpc = 'withdraw_hearing_signup'`);
      expect(bucket!.charged).toBe(5);
    } finally {
      await db.exec(`update private.rate_limits set max_calls = 10000 where rpc = 'withdraw_hearing_signup'`);
      await db.exec(`delete from private.rate_limit_buckets where rpc = 'withdraw_hearing_signup'`);
    }
  });

  it('the bucket refills evenly: no window boundary lets a client through at twice the rate', async () => {
    await db.exec(`update private.rate_limits set max_calls = 2, per = interval '1 hour' where rpc = 'check_hearing_signup'`);
    // A fresh bucket: earlier tests in this file emptied this client's.
    await db.exec(`delete from private.rate_limit_buckets where rpc = 'check_hearing_signup'`);
    try {
      const check = () => post('check_hearing_signup', JSON.stringify({ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).then((r) => r.status);
      expect([await check(), await check(), await check()]).toEqual([404, 404, 429]);
      // Half an hour later one token has come back, not a fresh allowance of two.
      await db.exec(`update private.rate_limit_buckets set refilled_at = refilled_at - interval '30 minutes' where rpc = 'check_hearing_signup'`);
      expect([await check(), await check()]).toEqual([404, 429]);
    } finally {
      await db.exec(`update private.rate_limits set max_calls = 10000 where rpc = 'check_hearing_signup'`);
      await db.exec(`delete from private.rate_limit_buckets where rpc = 'check_hearing_signup'`);
    }
  });
});

describe('Prefer: tx=rollback', () => {
  it('is honoured: the answer is what the call would have done, and nothing is kept', async () => {
    const before = await countRows(db, 'public.hall_opinions');
    const response = await post('submit_hall_opinion', JSON.stringify({ topic_id: fx.topic.open, body: '只试不存的意见' }), { prefer: 'tx=rollback' });
    expect(response.status).toBe(200);
    expect(response.headers.get('preference-applied')).toBe('tx=rollback');
    expect(((await response.json()) as { status: string }).status).toBe('pending');
    expect(await countRows(db, 'public.hall_opinions')).toBe(before);
  });
});

describe('no client holds the gateway or the database for long', () => {
  it('a client with as many calls under way as the cap gets 429 at once; another client is served', async () => {
    // As npm start serves it: PGlite in a worker thread (in this thread pg_sleep would hold up the
    // server itself, and no third call could arrive while two are under way).
    const served = db.kind === 'pglite' ? await openPgliteInWorker(undefined) : db;
    if (served !== db) {
      await migrate(served);
      await served.exec(`create function public.slow(seconds float8) returns int language sql volatile as 'select 1 from pg_sleep(seconds)';
        grant execute on function public.slow(float8) to anon;`);
    }
    const capped = await startTestPortal(served, { trustProxy: true, maxConcurrentPerClient: 2 });
    try {
      const call = (address: string, seconds: number) => fetch(`${capped.base}/rest/v1/rpc/slow`, {
        method: 'POST',
        headers: { apikey: capped.keys.anonKey, 'content-type': 'application/json', 'x-real-ip': address },
        body: JSON.stringify({ seconds }),
      });
      const busy = [call('198.51.100.50', 0.4), call('198.51.100.50', 0.4)];
      await new Promise((resolve) => setTimeout(resolve, 50));
      const third = await call('198.51.100.50', 0);
      expect(third.status).toBe(429);
      expect(((await third.json()) as { code: string }).code).toBe('PT429');
      expect((await call('198.51.100.51', 0)).status).toBe(200);
      expect((await Promise.all(busy)).map((r) => r.status)).toEqual([200, 200]);
      // Once its calls are answered, the client is served again.
      expect((await call('198.51.100.50', 0)).status).toBe(200);
    } finally {
      capped.close();
      if (served !== db) await served.close();
    }
  });

  // PGlite (WASM) has no timer signals, so statement_timeout cannot fire there: with the database
  // in a worker thread a long statement holds the database, not the server (docs/security.md).
  it.runIf(TEST_DATABASE_URL)('on Postgres, a call running past statement_timeout is cancelled', async () => {
    const timed = await startTestPortal(db, { statementTimeoutMs: 200, logError: () => undefined });
    try {
      const started = performance.now();
      const response = await fetch(`${timed.base}/rest/v1/rpc/slow`, {
        method: 'POST', headers: { apikey: timed.keys.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 5 }),
      });
      expect(response.status).toBe(500);
      expect(((await response.json()) as { code: string }).code).toBe('57014');
      expect(performance.now() - started).toBeLessThan(4000);
    } finally {
      timed.close();
    }
  });
});

describe('JWT claims, when configured', () => {
  it('a key with another issuer or audience is refused (401 PGRST301); the configured ones pass', async () => {
    const strict = await startTestPortal(db, { jwtIssuer: 'https://auth.chenglan.example', jwtAudience: 'authenticated' });
    const lenient = await startTestPortal(db, { jwtIssuer: 'gongshi' });
    try {
      const stats = (base: string, key: string) => fetch(`${base}/rest/v1/rpc/hall_topic_stats`, {
        method: 'POST', headers: { apikey: key, 'content-type': 'application/json' }, body: JSON.stringify({ topic_id: fx.topic.open }),
      });
      // The test portals' anon key says iss "gongshi" and names no audience.
      const refused = await stats(strict.base, strict.keys.anonKey);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'PGRST301', message: 'JWT claim aud is not accepted' });
      const otherIssuer = await new SignJWT({ role: 'anon' }).setProtectedHeader({ alg: 'HS256' })
        .setIssuer('gongshi').setAudience('authenticated').sign(strict.keys.secret);
      expect(await (await stats(strict.base, otherIssuer)).json()).toMatchObject({ code: 'PGRST301', message: 'JWT claim iss is not accepted' });
      const matching = await new SignJWT({ role: 'anon' }).setProtectedHeader({ alg: 'HS256' })
        .setIssuer('https://auth.chenglan.example').setAudience('authenticated').sign(strict.keys.secret);
      expect((await stats(strict.base, matching)).status).toBe(200);
      expect((await stats(lenient.base, lenient.keys.anonKey)).status).toBe(200);
    } finally {
      strict.close();
      lenient.close();
    }
  });
});

