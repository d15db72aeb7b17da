/**
 * Load: 10,000 calls of every citizen RPC from 50 concurrent clients through the real
 * gateway on loopback, while staff close one hearing and draw its lottery halfway through.
 * Proven: no 5xx and no malformed answer, every acknowledged write present exactly once, no
 * invitation token counted twice, the drawn hearing never oversold — also when its selected
 * people all withdraw at once and the waitlist moves up. Throughput is printed, not asserted
 * (speed targets live in `npm run bench`).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CITIZEN_RPCS } from '../../src/lib/citizen-rpcs.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { runLoad, summarise } from '../load/driver.ts';
import { closeAndDraw, insertLoadFixture, liftRateLimits, type LoadFixture } from '../load/fixture.ts';
import { verifyLedger } from '../load/verify.ts';
import { createTestDb } from './harness.ts';
import { startTestPortal, type TestPortal } from './test-portal.ts';

const CALLS = 10_000;
const CLIENTS = 50;

let db: Db;
let portal: TestPortal;
let fx: LoadFixture;

beforeAll(async () => {
  db = await createTestDb();
  // Panel answers are 12 % of the calls and every token is sent twice.
  fx = await insertLoadFixture(db, Math.ceil((CALLS * 0.12) / 2) + 10);
  await liftRateLimits(db);
  // trustProxy: each client's X-Real-IP is its address, as behind the site's reverse proxy.
  portal = await startTestPortal(db, { trustProxy: true });
});

afterAll(async () => {
  portal?.close();
  await db?.close();
});

it(`holds ${CALLS.toLocaleString('en')} calls from ${CLIENTS} concurrent clients: nothing lost, duplicated or oversold`, async () => {
  const ledger = await runLoad({
    base: portal.base, anonKey: portal.keys.anonKey, fixture: fx, total: CALLS, clients: CLIENTS,
    halfway: () => closeAndDraw(db, fx),
    codeFor: async (contact) => {
      const [row] = await db.query<{ code: string }>(
        `select payload ->> 'code' as code from private.outbox where recipient = $1 and template = 'contact_code' order by id desc limit 1`, [contact]);
      return row!.code;
    },
    subscriptionTokenFor: async (email) => {
      const [row] = await db.query<{ token: string }>(
        `select payload ->> 'token' as token from private.outbox where recipient = $1 and template = 'subscription_confirm'
         order by id desc limit 1`, [email]);
      return row!.token;
    },
  });
  console.log(`load: ${summarise(ledger, CLIENTS)}`);
  expect(ledger.violations.slice(0, 10)).toEqual([]);
  expect(ledger.sent).toBe(CALLS);
  // Every kind of call was made and acknowledged many times.
  for (const rpc of CITIZEN_RPCS) {
    expect(ledger.statuses[rpc]?.[200] ?? 0, rpc).toBeGreaterThan(100);
  }
  // About one call in ten is a panel answer (MIX), each token sent twice: ~490 of each outcome.
  expect(ledger.panelResponses.size).toBeGreaterThan(400);
  expect(ledger.statuses['submit_survey_response']?.[410] ?? 0, 'the second use of each token is refused').toBeGreaterThan(400);

  const verified = await verifyLedger(db, fx, ledger, { complete: true });
  expect(verified.problems).toEqual([]);
  expect(verified.drawn).toMatchObject({ selected: fx.seats });
  expect(verified.drawn!.waitlisted).toBeGreaterThan(fx.seats);

  // Everyone selected withdraws at the same moment: each freed seat goes to the next on the
  // waitlist, and the seats are never oversold.
  const selected = await db.query<{ public_id: string }>(
    `select public_id from private.hearing_signups where hearing_id = $1 and status = 'selected'`, [fx.hearingDrawn]);
  const codes = new Map([...fx.seeded, ...ledger.signups.values()].map((s) => [s.publicId, s.code]));
  const answers = await Promise.all(selected.map(async ({ public_id }, i) => {
    const response = await fetch(`${portal.base}/rest/v1/rpc/withdraw_hearing_signup`, {
      method: 'POST',
      // Each person calls from an address of their own, named by the trusted proxy.
      headers: { apikey: portal.keys.anonKey, 'content-type': 'application/json', 'x-real-ip': `198.51.100.${i + 1}` },
      body: JSON.stringify({ code: codes.get(public_id)! }),
    });
    if (response.ok && ledger.signups.has(public_id)) ledger.withdrawn.add(public_id);
    return response.status;
  }));
  expect(answers).toEqual(selected.map(() => 200));
  const after = await verifyLedger(db, fx, ledger, { complete: true });
  expect(after.problems).toEqual([]);
  expect(after.drawn).toMatchObject({ selected: fx.seats, waitlisted: verified.drawn!.waitlisted - fx.seats });

  // The verifier can fail: an acknowledgement the database does not hold is reported as lost.
  const stored = ledger.opinions.size;
  ledger.opinions.set(2_000_000_000, 'an opinion acknowledged but never written');
  expect((await verifyLedger(db, fx, ledger, { complete: true })).problems).toEqual([
    'opinion 2000000000 acknowledged but missing',
    `opinions: ${stored + 1} acknowledged, ${stored} in the database (1 lost)`,
  ]);
}, 600_000);
