/**
 * Open surveys: one verified answer per confirmed contact (contact_token), one quick answer per
 * browser (browser_token), counted apart; a first answer is never refused as a repeat, and fifty
 * people behind one address each answer once. Bad input: its own SQLSTATE, nothing written.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, RoleContext } from '../../src/lib/db/types.ts';
import { createTestDb, expectPgError } from './harness.ts';
import {
  callRpc, insertParticipation, json, newClient, writtenCounts, type Args, type Participation,
} from './participation-fixtures.ts';

let db: Db;
let fx: Participation;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 2);
});

afterAll(async () => {
  await db?.close();
});

const browserToken = () => randomBytes(16).toString('base64url');

/** A verified-contact token for `contact`, as verify_contact would hand it out. */
async function contactToken(contact: string): Promise<string> {
  const [row] = await db.query<{ token: string }>(
    `select private.issue_contact_token(private.contact_key($1, 'contact')) ->> 'contact_token' as token`, [contact]);
  return row!.token;
}

/** A fresh open survey with one rating question (so each test's figures are its own). */
async function openSurvey(slug: string): Promise<{ survey: number; question: number }> {
  const [s] = await db.query<{ id: number }>(
    `insert into public.surveys (slug, year, unit_id, mode, title, description, opens_at)
     values ($1, $2, $3, 'open', '公开调查', '任何人可参与。', now() - interval '1 day') returning id::int`,
    [slug, fx.base.year, fx.base.unitA]);
  const [q] = await db.query<{ id: number }>(
    `insert into public.survey_questions (survey_id, position, kind, prompt, weight, required)
     values ($1, 1, 'rating', '您满意吗？', 1, true) returning id::int`, [s!.id]);
  return { survey: s!.id, question: q!.id };
}

const answer = (question: number, value = 4) => json([{ question_id: question, value }]);

async function refused(args: Args, code: string, message?: RegExp, context?: RoleContext) {
  const before = await writtenCounts(db);
  const error = await expectPgError(callRpc(db, 'submit_survey_response', args, context ? { context } : {}), code, message);
  expect(await writtenCounts(db), `nothing written when refused with ${code}`).toEqual(before);
  return error;
}

describe('open survey answers', () => {
  it('takes a quick answer per browser token and a verified one per contact, stored as their kind', async () => {
    const { survey, question } = await openSurvey('kinds-survey');
    const quick = await callRpc<{ verification: string; respondent_group: string }>(db, 'submit_survey_response', {
      survey_id: survey, answers: answer(question, 2), browser_token: browserToken() });
    expect(quick).toMatchObject({ verification: 'quick', respondent_group: 'public' });
    const verified = await callRpc<{ verification: string }>(db, 'submit_survey_response', {
      survey_id: survey, answers: answer(question, 5), contact_token: await contactToken('kinds@example.org') });
    expect(verified.verification).toBe('verified');
    const rows = await db.query<{ verification: string }>(
      `select verification from public.survey_responses where survey_id = $1 order by id`, [survey]);
    expect(rows.map((r) => r.verification)).toEqual(['quick', 'verified']);
    // Nothing personal is kept in the clear: hashes only, not linked to the response.
    const kept = await db.query<{ participant_hash: string }>(
      `select participant_hash from private.open_survey_participants where survey_id = $1`, [survey]);
    expect(kept).toHaveLength(2);
    expect(JSON.stringify(kept)).not.toContain('kinds@example.org');
  });

  it('refuses a repeat politely, per browser token and per contact however written (409), writing nothing', async () => {
    const { survey, question } = await openSurvey('repeat-survey');
    const token = browserToken();
    await callRpc(db, 'submit_survey_response', { survey_id: survey, answers: answer(question), browser_token: token });
    const quick = await refused({ survey_id: survey, answers: answer(question), browser_token: token }, '23505', /from this browser/);
    expect(quick.hint).toMatch(/earlier answers are counted/);

    await callRpc(db, 'submit_survey_response', {
      survey_id: survey, answers: answer(question), contact_token: await contactToken('Repeat.Person@gmail.com') });
    // Another token of the same contact (confirmed again, written differently): still one answer.
    const again = await contactToken('repeatperson+survey@googlemail.com');
    const verified = await refused({ survey_id: survey, answers: answer(question), contact_token: again }, '23505', /with this contact/);
    expect(verified.detail).toMatch(/one verified answer per confirmed contact/);
    // The same contact may still answer another survey, and a quick answer is a kind of its own.
    const other = await openSurvey('repeat-survey-2');
    expect(await callRpc(db, 'submit_survey_response', { survey_id: other.survey, answers: answer(other.question), contact_token: again }))
      .toMatchObject({ verification: 'verified' });
  });

  it('never tells a first-time browser it already answered: fifty people behind one address each answer once', async () => {
    const { survey, question } = await openSurvey('shared-address');
    const office: RoleContext = { headers: { 'x-forwarded-for': '198.51.100.50' } };
    const tokens = Array.from({ length: 50 }, browserToken);
    for (const [i, token] of tokens.entries()) {
      const result = await callRpc<{ verification: string }>(db, 'submit_survey_response', {
        survey_id: survey, answers: answer(question, 1 + (i % 5)), browser_token: token }, { context: office });
      expect(result.verification).toBe('quick');
    }
    // Fifty colleagues with confirmed contacts, from the same address, answer verified too.
    for (let i = 0; i < 50; i++) {
      await callRpc(db, 'submit_survey_response', {
        survey_id: survey, answers: answer(question, 3), contact_token: await contactToken(`colleague${i}@example.org`) }, { context: office });
    }
    const [row] = await db.query<{ quick: number; verified: number }>(
      `select count(*) filter (where verification = 'quick')::int as quick, count(*) filter (where verification = 'verified')::int as verified
       from public.survey_responses where survey_id = $1`, [survey]);
    expect(row).toEqual({ quick: 50, verified: 50 });
    // Each of them once: a second answer of any one is refused.
    await refused({ survey_id: survey, answers: answer(question), browser_token: tokens[17]! }, '23505', /from this browser/, office);
  });

  it('accepts the same new browser token sent ten times at once exactly once', async () => {
    const { survey, question } = await openSurvey('concurrent-survey');
    const token = browserToken();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () =>
      callRpc(db, 'submit_survey_response', { survey_id: survey, answers: answer(question), browser_token: token })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from public.survey_responses where survey_id = $1`, [survey]);
    expect(row!.n).toBe(1);
  });

  it('publishes verified and quick answers apart, labelled by kind, beside the total', async () => {
    const { survey, question } = await openSurvey('apart-survey');
    for (let i = 0; i < 7; i++) {
      await callRpc(db, 'submit_survey_response', { survey_id: survey, answers: answer(question, 1), browser_token: browserToken() });
    }
    for (let i = 0; i < 3; i++) {
      await callRpc(db, 'submit_survey_response', {
        survey_id: survey, answers: answer(question, 5), contact_token: await contactToken(`apart${i}@example.org`) });
    }
    type KindStats = { responses: number; questions: { answers: number; mean: number; distribution: Record<string, number> }[] };
    type Stats = KindStats & { by_verification: Record<string, KindStats> };
    // Ten responses: a full batch, so the open survey's figures are published.
    const stats = await callRpc<Stats>(db, 'survey_stats', { survey_id: survey });
    expect(stats.responses).toBe(10);
    expect(Object.keys(stats.by_verification)).toEqual(['quick', 'verified']);
    expect(stats.by_verification['verified']).toMatchObject({ responses: 3, questions: [{ answers: 3, mean: 5 }] });
    expect(stats.by_verification['quick']).toMatchObject({ responses: 7, questions: [{ answers: 7, mean: 1 }] });
    expect(stats.by_verification['quick']!.questions[0]!.distribution).toMatchObject({ 1: 7, 5: 0 });
    // A panel survey has one kind: invitation.
    const panel = await callRpc<Stats>(db, 'survey_stats', { survey_id: fx.survey.panel });
    expect(Object.keys(panel.by_verification)).toEqual(['invitation']);
  });
});

describe('open survey answers: bad input (400/403/409), nothing written', () => {
  it.each([
    ['neither contact_token nor browser_token (400)', {}, '23502', /contact_token or browser_token is required/],
    ['both tokens (400)', { browser_token: 'BROWSER', contact_token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, '22023', /not both/],
    ['an invitation token (400)', { token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', browser_token: 'BROWSER' }, '22023', /takes no invitation token/],
    ['a browser token too short (400)', { browser_token: 'abc' }, '22023', /not a browser token/],
    ['a browser token with other characters (400)', { browser_token: `${'x'.repeat(30)}';--` }, '22023', /not a browser token/],
    ['a browser token of 100,000 characters (400)', { browser_token: 'y'.repeat(100_000) }, '22023', /not a browser token/],
    ['a malformed contact token (400)', { contact_token: 'not-a-token' }, '22023', /not a contact token/],
    ['an unknown contact token (403)', { contact_token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, 'PT403', /not valid or has expired/],
  ] as [string, Args, string, RegExp][])('refuses %s', async (_label, args, code, message) => {
    const resolved = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, v === 'BROWSER' ? browserToken() : v]));
    await refused({ survey_id: fx.survey.open, answers: answer(fx.question.openRating), ...resolved }, code, message);
  });

  it('refuses an expired contact token (403)', async () => {
    const token = await contactToken('expired@example.org');
    await db.query(`update private.contact_tokens set created_at = now() - interval '31 days', expires_at = now() - interval '1 day'`);
    await refused({ survey_id: fx.survey.open, answers: answer(fx.question.openRating), contact_token: token }, 'PT403', /expired/);
  });

  it('refuses contact and browser tokens on a panel survey (400) and leaves the invitation unused', async () => {
    const answers = json([{ question_id: fx.question.rating, value: 3 }]);
    await refused({ survey_id: fx.survey.panel, token: fx.tokens[0]!, answers, browser_token: browserToken() }, '22023', /invitation token only/);
    await refused({ survey_id: fx.survey.panel, token: fx.tokens[0]!, answers, contact_token: await contactToken('panel@example.org') },
      '22023', /invitation token only/);
    const [row] = await db.query<{ used: boolean }>(
      `select used_at is not null as used from private.survey_invitations where token_hash = private.code_hash(private.normalize_code($1))`,
      [fx.tokens[0]]);
    expect(row!.used).toBe(false);
  });

  it('a bad answer with a new browser token writes nothing, so the token still answers later', async () => {
    const token = browserToken();
    await refused({ survey_id: fx.survey.open, answers: answer(fx.question.openRating, 9), browser_token: token }, '22023', /rating from 1 to 5/);
    expect(await callRpc(db, 'submit_survey_response', {
      survey_id: fx.survey.open, answers: answer(fx.question.openRating), browser_token: token }, { context: newClient() }))
      .toMatchObject({ verification: 'quick' });
  });

  it('refuses a response whose kind does not fit its survey, whoever writes it (400)', async () => {
    await expectPgError(db.query(
      `insert into public.survey_responses (survey_id, respondent_group, verification) values ($1, 'public', 'invitation')`,
      [fx.survey.open]), '23514', /does not fit/);
    await expectPgError(db.query(
      `insert into public.survey_responses (survey_id, respondent_group, verification) values ($1, 'citizen', 'quick')`,
      [fx.survey.panel]), '23514', /does not fit/);
  });
});
