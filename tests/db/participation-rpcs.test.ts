/**
 * Every citizen RPC with good and bad input: each bad input gets its own SQLSTATE (the HTTP status
 * PostgREST derives from it is in the comment) and writes nothing at all, counted table by table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, RoleContext } from '../../src/lib/db/types.ts';
import { createTestDb, expectPgError } from './harness.ts';
import { Json } from './fixtures.ts';
import {
  callRpc, insertParticipation, json, newClient, writtenCounts, type Args, type CitizenRpc, type Participation,
} from './participation-fixtures.ts';
import { signUpVerified } from './hearing-signup-helpers.ts';

let db: Db;
let fx: Participation;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 6);
});

afterAll(async () => {
  await db?.close();
});

/** Expects the call to fail with `code` and to leave every participation table as it was. */
async function refused(name: CitizenRpc, args: Args, code: string, message?: RegExp, context?: RoleContext) {
  const before = await writtenCounts(db);
  const error = await expectPgError(callRpc(db, name, args, context ? { context } : {}), code, message);
  expect(error.message.length, 'a message').toBeGreaterThan(5);
  expect(await writtenCounts(db), `nothing written by ${name} failing with ${code}`).toEqual(before);
  return error;
}

const long = (n: number) => '长'.repeat(n);

describe('submit_hall_opinion', () => {
  it('stores a pending opinion, and the verified contact in private', async () => {
    const [verified] = await db.query<{ token: string }>(
      `select private.issue_contact_token(private.contact_key('wang@example.invalid', 'contact')) ->> 'contact_token' as token`);
    const before = await writtenCounts(db);
    const result = await callRpc<{ id: number; status: string }>(db, 'submit_hall_opinion', {
      topic_id: fx.topic.open, body: '  建议在小区增设充电桩。  ', display_name: '小王', contact_token: verified!.token,
    });
    expect(result.status).toBe('pending');
    const [row] = await db.query<{ body: string; display_name: string }>(`select body, display_name from public.hall_opinions where id = $1`, [result.id]);
    expect(row).toEqual({ body: '建议在小区增设充电桩。', display_name: '小王' });
    const after = await writtenCounts(db);
    expect(after['public.hall_opinions']).toBe(before['public.hall_opinions']! + 1);
    expect(after['private.hall_opinion_contacts']).toBe(before['private.hall_opinion_contacts']! + 1);
  });

  it.each([
    ['missing topic_id (400)', { body: '意见内容' }, '23502', /topic_id is required/],
    ['missing body (400)', { topic_id: 'TOPIC' }, '23502', /body is required/],
    ['topic_id of the wrong type (400)', { topic_id: 'abc', body: '意见内容' }, '22P02'],
    ['an empty body (400)', { topic_id: 'TOPIC', body: ' \n ' }, '23514', /body must not be empty/],
    ['a body of one character (400)', { topic_id: 'TOPIC', body: '好' }, '23514', /too short/],
    ['a body over 2000 characters (400)', { topic_id: 'TOPIC', body: long(2001) }, '22001', /body is too long/],
    ['a display name over 40 characters (400)', { topic_id: 'TOPIC', body: '意见内容', display_name: long(41) }, '22001', /display_name/],
    ['a contact token that cannot be one (400)', { topic_id: 'TOPIC', body: '意见内容', contact_token: 'call me' }, '22023', /not a contact token/],
    ['an unknown contact token (403)', { topic_id: 'TOPIC', body: '意见内容', contact_token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, 'PT403', /not valid/],
    ['an unknown topic (404)', { topic_id: 987654, body: '意见内容' }, 'PT404', /no hall topic/],
  ] as [string, Args, string, RegExp?][])('refuses %s', async (_label, args, code, message) => {
    const resolved = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v === 'TOPIC' ? fx.topic.open : v]));
    await refused('submit_hall_opinion', resolved, code, message);
  });

  it('refuses a closed topic and one not open yet (409)', async () => {
    await refused('submit_hall_opinion', { topic_id: fx.topic.closed, body: '意见内容' }, 'PT409', /not open/);
    await refused('submit_hall_opinion', { topic_id: fx.topic.upcoming, body: '意见内容' }, 'PT409', /not open/);
  });
});

describe('hall_topic_stats', () => {
  it('counts a topic\'s opinions by status', async () => {
    const stats = await callRpc<Record<string, unknown>>(db, 'hall_topic_stats', { topic_id: fx.topic.closed });
    expect(stats).toMatchObject({ topic_id: fx.topic.closed, open: false, submitted: 0, published: 0 });
    const open = await callRpc<{ published: number; rejected: number; pending: number }>(db, 'hall_topic_stats', { topic_id: fx.topic.open });
    expect(open.published).toBe(1);
    expect(open.rejected).toBe(1);
    expect(open.pending).toBeGreaterThanOrEqual(1);
  });

  it('refuses missing (400), wrong type (400) and unknown ids (404)', async () => {
    await refused('hall_topic_stats', {}, '23502');
    await refused('hall_topic_stats', { topic_id: 'x' }, '22P02');
    await refused('hall_topic_stats', { topic_id: 424242 }, 'PT404');
  });
});

describe('sign_up_for_hearing, check_hearing_signup, withdraw_hearing_signup', () => {
  const person = (contact: string): Args & { contact: string } => ({ name: '李四', contact, category: 'affected_resident' });

  // Confirmed sign-ups (the contact verified; tests/db/hearing-signups.test.ts tries the code flow itself).
  it('signs up, checks and withdraws by code; a withdrawn contact may sign up again', async () => {
    const signup = await signUpVerified(db, {
      hearing_id: fx.hearing.open, ...person('139 1234 5678'), district_id: fx.base.unitB, statement: '我家就在项目旁边。',
    });
    expect(signup.status).toBe('registered');
    expect(signup.public_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const [stored] = await db.query<{ code_hash: string; contact_key: string }>(
      `select code_hash, contact_key from private.hearing_signups where public_id = $1`, [signup.public_id]);
    expect(stored!.contact_key).toBe('+8613912345678');
    expect(stored!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await db.query(`select * from private.hearing_signups`))).not.toContain(signup.confirmation_code);

    // The code is read leniently: lower case, spaces instead of dashes.
    const lenient = signup.confirmation_code.toLowerCase().replaceAll('-', ' ');
    expect(await callRpc(db, 'check_hearing_signup', { code: lenient })).toMatchObject({ status: 'registered', hearing_id: fx.hearing.open });
    expect(await callRpc(db, 'withdraw_hearing_signup', { code: signup.confirmation_code }))
      .toMatchObject({ status: 'withdrawn', previous_status: 'registered' });
    expect(await callRpc(db, 'check_hearing_signup', { code: signup.confirmation_code })).toMatchObject({ status: 'withdrawn' });
    await refused('withdraw_hearing_signup', { code: signup.confirmation_code }, 'PT410', /already been withdrawn/);

    const again = await signUpVerified(db, { hearing_id: fx.hearing.open, ...person('13912345678') });
    expect(again.status).toBe('registered');
  });

  it('tells a second sign-up of the same contact, however it is written, only to its owner (409 with its token)', async () => {
    const first = await signUpVerified(db, { hearing_id: fx.hearing.open, ...person('Zhao@Example.invalid') });
    await refused('sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person(' zhao@example.INVALID '), contact_token: first.contact_token }, '23505', /already signed up/);
    // Without the token, the same answer as for anyone: a message to the contact.
    expect(await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person(' zhao@example.INVALID ') })).toMatchObject({ status: 'code_sent' });
  });

  it.each([
    ['missing hearing_id', { ...{ name: '李四', contact: 'a@example.invalid', category: 'other' } }, '23502', /hearing_id is required/],
    ['missing name', { hearing_id: 'OPEN', contact: 'a@example.invalid', category: 'other' }, '23502', /name is required/],
    ['missing contact', { hearing_id: 'OPEN', name: '李四', category: 'other' }, '23502', /contact is required/],
    ['missing category', { hearing_id: 'OPEN', name: '李四', contact: 'a@example.invalid' }, '23502', /category is required/],
    ['hearing_id of the wrong type', { hearing_id: 'one', name: '李四', contact: 'a@example.invalid', category: 'other' }, '22P02'],
    ['a one-character name', { hearing_id: 'OPEN', name: '李', contact: 'a@example.invalid', category: 'other' }, '23514', /name is too short/],
    ['a name over 40 characters', { hearing_id: 'OPEN', name: long(41), contact: 'a@example.invalid', category: 'other' }, '22001', /name is too long/],
    ['an unknown category', { hearing_id: 'OPEN', name: '李四', contact: 'a@example.invalid', category: 'mayor' }, '22023', /not a sign-up category/],
    ['a malformed contact', { hearing_id: 'OPEN', name: '李四', contact: '12ab', category: 'other' }, '22023', /neither an e-mail/],
    ['a district that is not a district', { hearing_id: 'OPEN', name: '李四', contact: 'a@example.invalid', category: 'other', district_id: 'UNIT_A' }, '22023', /no district/],
    ['a statement over 1000 characters', { hearing_id: 'OPEN', name: '李四', contact: 'a@example.invalid', category: 'other', statement: long(1001) }, '22001', /statement/],
    ['an unknown hearing (404)', { hearing_id: 31337, name: '李四', contact: 'a@example.invalid', category: 'other' }, 'PT404', /no hearing/],
    ['a language the portal does not have', { hearing_id: 'OPEN', name: '李四', contact: 'a@example.invalid', category: 'other', locale: 'fr' }, '22023', /not a language/],
  ] as [string, Args, string, RegExp?][])('refuses %s', async (_label, args, code, message) => {
    const resolved = Object.fromEntries(Object.entries(args).map(([k, v]) => [
      k, v === 'OPEN' ? fx.hearing.open : v === 'UNIT_A' ? fx.base.unitA : v]));
    await refused('sign_up_for_hearing', resolved, code, message);
  });

  it('refuses sign-ups outside the window: not yet open, closed, held, cancelled (409)', async () => {
    for (const hearing of [fx.hearing.upcoming, fx.hearing.closed, fx.hearing.held, fx.hearing.cancelled]) {
      await refused('sign_up_for_hearing', { hearing_id: hearing, ...person('window@example.invalid') }, 'PT409', /not open/);
    }
  });

  it('refuses missing (400), malformed (400) and unknown (404) confirmation codes', async () => {
    for (const name of ['check_hearing_signup', 'withdraw_hearing_signup'] as const) {
      await refused(name, {}, '23502', /code is required/);
      await refused(name, { code: 'ABC-123' }, '22023', /not a confirmation code/);
      await refused(name, { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, 'PT404', /No sign-up has this confirmation code/);
    }
  });

  it('refuses to withdraw from a hearing already held (409)', async () => {
    await db.query(
      `insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, category, status, code_hash)
       values ($1, 'HE1D0001', '王五', 'w@example.invalid', 'w@example.invalid', 'expert', 'selected',
               private.code_hash(private.normalize_code('HELD-HELD-HELD-HELD')))`,
      [fx.hearing.held],
    );
    await refused('withdraw_hearing_signup', { code: 'HE1D-HE1D-HE1D-HE1D' }, 'PT409', /can no longer be withdrawn/);
    expect(await callRpc(db, 'check_hearing_signup', { code: 'held-held-held-held' })).toMatchObject({ status: 'selected', hearing_status: 'held' });
  });
});

describe('hearing_availability', () => {
  it('counts seats and sign-ups', async () => {
    const stats = await callRpc<{ seats: number; signups: number; seats_left: number; signup_open: boolean }>(
      db, 'hearing_availability', { hearing_id: fx.hearing.closed });
    expect(stats).toMatchObject({ seats: 3, signups: 0, seats_left: 3, signup_open: false });
  });

  it('refuses missing (400), wrong type (400) and unknown ids (404)', async () => {
    await refused('hearing_availability', {}, '23502');
    await refused('hearing_availability', { hearing_id: '1e3' }, '22P02');
    await refused('hearing_availability', { hearing_id: 99999 }, 'PT404');
  });
});

describe('submit_survey_response', () => {
  const rating = (value: unknown = 4) => json([{ question_id: fx.question.rating, value }]);

  it('takes a panel response with a token once; the token is used up (410) and the day of use kept', async () => {
    const token = fx.tokens[0]!;
    const before = await writtenCounts(db);
    const result = await callRpc<{ respondent_group: string; answers: number }>(db, 'submit_survey_response', {
      survey_id: fx.survey.panel,
      token: ` ${token.toLowerCase()} `,
      answers: json([
        { question_id: fx.question.rating, value: 5 },
        { question_id: fx.question.choice, value: 'yes' },
        { question_id: fx.question.text, value: '<script>alert(1)</script> 办事很快' },
      ]),
    });
    expect(result).toMatchObject({ respondent_group: 'citizen', answers: 3 });
    const after = await writtenCounts(db);
    expect(after['public.survey_responses']).toBe(before['public.survey_responses']! + 1);
    expect(after['public.survey_answers']).toBe(before['public.survey_answers']! + 3);
    const [used] = await db.query<{ exact: boolean }>(
      `select used_at = date_trunc('day', now(), 'UTC') as exact from private.survey_invitations where used_at is not null`);
    expect(used!.exact).toBe(true);
    await refused('submit_survey_response', { survey_id: fx.survey.panel, token, answers: rating() }, 'PT410', /already been used/);
  });

  it('takes one quick open response per browser token, whatever the address (409 on the second)', async () => {
    const context = newClient();
    const answers = json([{ question_id: fx.question.openRating, value: 2 }]);
    const browser = 'participation-rpcs-browser-1';
    expect(await callRpc(db, 'submit_survey_response', { survey_id: fx.survey.open, answers, browser_token: browser }, { context }))
      .toMatchObject({ respondent_group: 'public', verification: 'quick' });
    await refused('submit_survey_response', { survey_id: fx.survey.open, answers, browser_token: browser }, '23505', /already been answered/);
    // Another browser behind the same address may answer (tests/db/open-surveys.test.ts has the rest).
    expect(await callRpc(db, 'submit_survey_response', {
      survey_id: fx.survey.open, answers, browser_token: 'participation-rpcs-browser-2' }, { context })).toMatchObject({ answers: 1 });
  });

  it.each([
    ['missing survey_id', { answers: 'RATING' }, '23502', /survey_id is required/],
    ['an open response without contact or browser token', { survey_id: 'OPEN', answers: json([{ question_id: 'Q_OPEN', value: 3 }]) }, '23502', /contact_token or browser_token/],
    ['missing answers', { survey_id: 'PANEL', token: 'TOKEN' }, '23502', /answers is required/],
    ['survey_id of the wrong type', { survey_id: 'panel', answers: 'RATING' }, '22P02'],
    ['answers that are not an array', { survey_id: 'PANEL', token: 'TOKEN', answers: json({ q: 1 }) }, '22023', /must be a JSON array/],
    ['an answer without question_id', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ value: 3 }]) }, '22023', /needs a question_id/],
    ['a panel response without token', { survey_id: 'PANEL', answers: 'RATING' }, '23502', /token is required/],
    ['a malformed token', { survey_id: 'PANEL', token: 'ABCD', answers: 'RATING' }, '22023', /not an invitation token/],
    ['an unknown token (403)', { survey_id: 'PANEL', token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', answers: 'RATING' }, 'PT403', /not valid for this survey/],
    ['another survey\'s token (403)', { survey_id: 'PANEL', token: 'OTHER', answers: 'RATING' }, 'PT403', /not valid for this survey/],
    ['an unknown survey (404)', { survey_id: 777777, answers: 'RATING' }, 'PT404', /no survey/],
    ['a rating of 6', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ question_id: 'Q_RATING', value: 6 }]) }, '22023', /rating from 1 to 5/],
    ['a rating sent as a string', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ question_id: 'Q_RATING', value: '5' }]) }, '22023', /rating from 1 to 5/],
    ['a choice not offered', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ question_id: 'Q_RATING', value: 3 }, { question_id: 'Q_CHOICE', value: 'maybe' }]) }, '22023', /not one of the choices/],
    ['a question of another survey', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ question_id: 'Q_OPEN', value: 3 }]) }, '22023', /not part of this survey/],
    ['a question answered twice', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ question_id: 'Q_RATING', value: 3 }, { question_id: 'Q_RATING', value: 4 }]) }, '22023', /answered twice/],
    ['a required question unanswered', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ question_id: 'Q_CHOICE', value: 'yes' }]) }, '23514', /required question/],
    ['a text answer over 2000 characters', { survey_id: 'PANEL', token: 'TOKEN', answers: json([{ question_id: 'Q_RATING', value: 3 }, { question_id: 'Q_TEXT', value: long(2001) }]) }, '22001', /too long/],
  ] as [string, Args, string, RegExp?][])('refuses %s', async (_label, args, code, message) => {
    const ids: Record<string, number> = {
      Q_RATING: fx.question.rating, Q_CHOICE: fx.question.choice, Q_TEXT: fx.question.text, Q_OPEN: fx.question.openRating,
    };
    const resolve = (v: unknown): unknown => {
      if (v === 'PANEL') return fx.survey.panel;
      if (v === 'OPEN') return fx.survey.open;
      if (v === 'TOKEN') return fx.tokens[5];
      if (v === 'OTHER') return fx.otherToken;
      if (v === 'RATING') return rating();
      if (v instanceof Json && Array.isArray(v.value)) {
        return json((v.value as Record<string, unknown>[]).map((a) => ({
          ...a, question_id: typeof a['question_id'] === 'string' ? ids[a['question_id']] : a['question_id'] })));
      }
      return v;
    };
    const resolved = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, resolve(v)])) as Args;
    await refused('submit_survey_response', resolved, code, message);
    // The token used in these cases is still unused afterwards.
    const [row] = await db.query<{ used: boolean }>(
      `select used_at is not null as used from private.survey_invitations where token_hash = private.code_hash(private.normalize_code($1))`,
      [fx.tokens[5]],
    );
    expect(row!.used).toBe(false);
  });

  it('refuses a closed survey (409) and leaves its token unused', async () => {
    await refused('submit_survey_response', {
      survey_id: fx.survey.closedPanel, token: fx.closedToken,
      answers: json([{ question_id: (await db.query<{ id: number }>(`select id::int from public.survey_questions where survey_id = $1`, [fx.survey.closedPanel]))[0]!.id, value: 3 }]),
    }, 'PT409', /not open/);
  });
});

describe('survey_stats', () => {
  it('publishes aggregates only, in whole batches while the survey is open', async () => {
    const stats = await callRpc<{ responses: number; published_every: number; questions: { kind: string; distribution: unknown; answers: number }[] }>(
      db, 'survey_stats', { survey_id: fx.survey.panel });
    expect(stats.published_every).toBeGreaterThan(1);
    expect(stats.responses % stats.published_every).toBe(0);
    expect(stats.questions.map((q) => q.kind)).toEqual(['rating', 'choice', 'text']);
    expect(JSON.stringify(stats)).not.toContain('办事很快');
  });

  it('refuses missing (400), wrong type (400) and unknown ids (404)', async () => {
    await refused('survey_stats', {}, '23502');
    await refused('survey_stats', { survey_id: 'all' }, '22P02');
    await refused('survey_stats', { survey_id: 5555 }, 'PT404');
  });
});
