/**
 * Checks-then-writes under load, and rate limits as data.
 * On Postgres (TEST_DATABASE_URL) the calls run on 20 connections at once: real concurrency.
 * On PGlite they are serialised by the adapter, and the rules must hold all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_RPCS } from '../../src/lib/citizen-rpcs.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError, TEST_DATABASE_URL } from './harness.ts';
import { callRpc, insertParticipation, json, newClient, writtenCounts, type Participation } from './participation-fixtures.ts';
import { contactToken, signUpVerified } from './hearing-signup-helpers.ts';

let db: Db;
/** The same database, with a pool of 20 connections on Postgres. */
let wide: Db;
let fx: Participation;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 3);
  const name = /\(test database (\w+)\)/.exec(db.location)?.[1];
  if (TEST_DATABASE_URL && name) {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    wide = await openPostgres(url.href, { max: 20 });
  } else {
    wide = db;
  }
});

afterAll(async () => {
  if (wide !== db) await wide?.close();
  await db?.close();
});

function settle(promises: Promise<unknown>[]) {
  return Promise.allSettled(promises).then((results) => ({
    fulfilled: results.filter((r) => r.status === 'fulfilled').length,
    codes: results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : [])),
  }));
}

describe('concurrency', () => {
  it('the same invitation token submitted 20 times at once is accepted exactly once', async () => {
    const token = fx.tokens[0]!;
    const before = await countRows(db, 'public.survey_responses');
    const { fulfilled, codes } = await settle(Array.from({ length: 20 }, () =>
      callRpc(wide, 'submit_survey_response', {
        survey_id: fx.survey.panel, token, answers: json([{ question_id: fx.question.rating, value: 4 }]),
      })));
    expect(fulfilled).toBe(1);
    expect(codes).toEqual(Array.from({ length: 19 }, () => 'PT410'));
    expect(await countRows(db, 'public.survey_responses')).toBe(before + 1);
    expect(await countRows(db, 'private.survey_invitations', 'used_at is not null')).toBe(1);
  });

  it('the same contact signing up 10 times at once gets one pending sign-up, and every call the same answer', async () => {
    const { fulfilled, codes } = await settle(Array.from({ length: 10 }, () =>
      callRpc(wide, 'sign_up_for_hearing', {
        hearing_id: fx.hearing.open, name: '并发测试', contact: 'race@example.invalid', category: 'citizen_representative',
      })));
    expect(fulfilled).toBe(10);
    expect(codes).toEqual([]);
    expect(await countRows(db, 'private.hearing_signups', `contact_key = 'race@example.invalid'`)).toBe(1);
  });

  it('the same contact confirmed and signing up 10 times at once with its token gets one sign-up; its owner is told of the rest', async () => {
    const token = await contactToken(db, 'race-token@example.invalid');
    const { fulfilled, codes } = await settle(Array.from({ length: 10 }, () =>
      callRpc(wide, 'sign_up_for_hearing', {
        hearing_id: fx.hearing.open, name: '并发测试', contact: 'race-token@example.invalid', category: 'citizen_representative', contact_token: token,
      })));
    expect(fulfilled).toBe(1);
    expect(codes).toEqual(Array.from({ length: 9 }, () => '23505'));
    expect(await countRows(db, 'private.hearing_signups', `contact_key = 'race-token@example.invalid'`)).toBe(1);
  });

  it('one browser answering an open survey 10 times at once is counted once; ten browsers behind one address, ten times', async () => {
    const context = newClient();
    const answer = (browser: string) => callRpc(wide, 'submit_survey_response', {
      survey_id: fx.survey.open, answers: json([{ question_id: fx.question.openRating, value: 3 }]), browser_token: browser,
    }, { context });
    const same = await settle(Array.from({ length: 10 }, () => answer('concurrency-one-browser-token')));
    expect(same.fulfilled).toBe(1);
    expect(same.codes).toEqual(Array.from({ length: 9 }, () => '23505'));
    const neighbours = await settle(Array.from({ length: 10 }, (_, i) => answer(`concurrency-neighbour-browser-${i}`)));
    expect(neighbours.fulfilled).toBe(10);
  });
});

describe('rate limits', () => {
  it('are data: over the limit a client gets PT429 (429) and nothing is written; other clients are not affected', async () => {
    await db.query(`update private.rate_limits set max_calls = 2, per = interval '1 hour' where rpc = 'submit_hall_opinion'`);
    try {
      const context = newClient();
      const submit = (ctx = context) => callRpc(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '限流测试意见' }, { context: ctx });
      await submit();
      // In SQL a refused call's charge rolls back with it (the gateway then charges it again in a
      // transaction of its own: gateway-contract.test.ts).
      await expectPgError(callRpc(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '' }, { context }), '23514');
      await submit();
      const before = await writtenCounts(db);
      const error = await expectPgError(submit(), 'PT429', /Too many submit_hall_opinion calls/);
      expect(error.detail).toMatch(/At most 2 calls per 01:00:00 are allowed from one address, refused ones included/);
      expect(error.hint).toMatch(/Try again after \d{4}-\d\d-\d\dT/);
      expect(await writtenCounts(db)).toEqual(before);
      await submit(newClient());
    } finally {
      await db.query(`update private.rate_limits set max_calls = 120, per = interval '1 hour' where rpc = 'submit_hall_opinion'`);
    }
  });

  it('count per RPC: one RPC\'s allowance does not use up another\'s', async () => {
    await db.query(`update private.rate_limits set max_calls = 1 where rpc in ('sign_up_for_hearing', 'check_hearing_signup')`);
    try {
      const context = newClient();
      const signup = await signUpVerified(db, {
        hearing_id: fx.hearing.open, name: '限流者', contact: 'limit@example.invalid', category: 'other',
      }, { context });
      await callRpc(db, 'check_hearing_signup', { code: signup.confirmation_code }, { context });
      await expectPgError(callRpc(db, 'check_hearing_signup', { code: signup.confirmation_code }, { context }), 'PT429');
      await expectPgError(callRpc(db, 'sign_up_for_hearing', {
        hearing_id: fx.hearing.open, name: '限流者', contact: 'limit2@example.invalid', category: 'other',
      }, { context }), 'PT429');
    } finally {
      await db.query(`update private.rate_limits set max_calls = 300 where rpc = 'sign_up_for_hearing'`);
      await db.query(`update private.rate_limits set max_calls = 600 where rpc = 'check_hearing_signup'`);
    }
  });

  it('every writing RPC has a limit; read-only figures have none', async () => {
    const rows = await db.query<{ rpc: string }>(`select rpc from private.rate_limits order by rpc`);
    expect(rows.map((r) => r.rpc)).toEqual([...FORM_RPCS].sort());
  });
});
