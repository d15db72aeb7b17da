/**
 * The staff side of participation, through the CLI commands' functions: moderation, invitations
 * written once to a CSV (hashes only in the database), and the sign-up export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/lib/usage-error.ts';
import { invitationStatus, issueInvitations } from '../../src/lib/surveys/invitations.ts';
import { listOpinions, publishOpinions, rejectOpinions, respondToOpinion } from '../../src/lib/hall/opinions.ts';
import { csvField } from '../../src/lib/private-csv.ts';
import { exportSignups, listClaims, reviewClaim } from '../../src/lib/hearings/signups.ts';
import { signUpVerified } from './hearing-signup-helpers.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { callRpc, insertParticipation, json, type Participation } from './participation-fixtures.ts';

let db: Db;
let fx: Participation;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 1);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-cli-'));
});

afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** An opinion whose author left a verified contact (a token as verify_contact hands it out). */
const submit = async (body: string) => {
  const [row] = await db.query<{ token: string }>(
    `select private.issue_contact_token(private.contact_key('author@example.invalid', 'contact')) ->> 'contact_token' as token`);
  return (await callRpc<{ id: number }>(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body, contact_token: row!.token })).id;
};

describe('opinions', () => {
  it('lists pending opinions without contacts; publishes and rejects all or none', async () => {
    const a = await submit('意见甲：增加公交班次');
    const b = await submit('意见乙：延长图书馆开放时间');
    const pending = await listOpinions(db, { status: 'pending', limit: 100 });
    expect(pending.map((o) => o.id)).toEqual(expect.arrayContaining([a, b]));
    expect(JSON.stringify(pending)).not.toContain('author@example.invalid');

    await expect(publishOpinions(db, [a, 999999])).rejects.toBeInstanceOf(UsageError);
    expect(await countRows(db, 'public.hall_opinions', `id = $1 and status = 'pending'`, [a])).toBe(1);

    expect(await publishOpinions(db, [a])).toBe(1);
    expect(await rejectOpinions(db, [b], '含有个人信息')).toBe(1);
    await expect(publishOpinions(db, [b])).rejects.toBeInstanceOf(UsageError);
    const rejected = await listOpinions(db, { status: 'rejected', limit: 10 });
    expect(rejected.find((o) => o.id === b)?.rejection_reason).toBe('含有个人信息');
  });

  it('responds once, as a unit, to a published opinion only', async () => {
    const c = await submit('意见丙：公开补贴标准');
    await expect(respondToOpinion(db, c, 'PT-A', '已公开。')).rejects.toThrow(/not a published opinion/);
    await publishOpinions(db, [c]);
    await expect(respondToOpinion(db, c, 'NOPE', '已公开。')).rejects.toThrow(/No unit/);
    await respondToOpinion(db, c, 'PT-A', '补贴标准已在网站公布。');
    await expectPgError(respondToOpinion(db, c, 'PT-A', '再次答复'), 'PT409', /already has an official response/);
    const [row] = await db.asRole('anon', (tx) =>
      tx.query<{ response_text: string }>(`select response_text from public.hall_opinions where id = $1`, [c]));
    expect(row!.response_text).toBe('补贴标准已在网站公布。');
  });
});

describe('invitations', () => {
  it('writes N tokens once to a new CSV; the database keeps hashes; each token answers once', async () => {
    const file = path.join(dir, 'tokens.csv');
    const { count } = await issueInvitations(db, { survey: 'panel-survey', group: 'representative', count: 5, file, siteUrl: 'https://gongshi.example' });
    expect(count).toBe(5);
    const lines = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('survey,group,token,link');
    expect(lines).toHaveLength(6);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const tokens = lines.slice(1).map((l) => l.split(',')[2]!);
    const hashes = JSON.stringify(await db.query(`select token_hash from private.survey_invitations`));
    for (const token of tokens) {
      expect(token).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(hashes).not.toContain(token);
    }
    // The link carries its own token in the fragment, which browsers never send to a server.
    expect(lines[1]!.split(',')[3]).toBe(`https://gongshi.example/surveys/panel-survey/#token=${tokens[0]}`);
    const answered = await callRpc(db, 'submit_survey_response', {
      survey_id: fx.survey.panel, token: tokens[0]!, answers: json([{ question_id: fx.question.rating, value: 3 }]),
    });
    expect(answered).toMatchObject({ respondent_group: 'representative' });
    expect(await invitationStatus(db, 'panel-survey')).toEqual(expect.arrayContaining([
      { respondent_group: 'representative', issued: 5, used: 1 },
    ]));
  });

  it('never overwrites a file, and writes nothing (neither file nor invitations) when refused', async () => {
    const file = path.join(dir, 'exists.csv');
    fs.writeFileSync(file, 'keep me');
    const before = await countRows(db, 'private.survey_invitations');
    await expect(issueInvitations(db, { survey: 'panel-survey', group: 'citizen', count: 2, file })).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');

    const other = path.join(dir, 'open.csv');
    await expect(issueInvitations(db, { survey: 'open-survey', group: 'citizen', count: 2, file: other })).rejects.toThrow(/open survey/);
    await expect(issueInvitations(db, { survey: 'panel-survey', group: 'Citizen!', count: 2, file: other })).rejects.toThrow(/not a respondent group/);
    expect(fs.existsSync(other)).toBe(false);
    expect(await countRows(db, 'private.survey_invitations')).toBe(before);
  });
});

describe('signups export', () => {
  it('writes names and contacts of a hearing to a new owner-only file, formulas defused', async () => {
    await signUpVerified(db, {
      hearing_id: fx.hearing.open, name: '孙八', contact: 'sun@example.invalid', category: 'npc_deputy', district_id: fx.base.unitB,
      statement: '=HYPERLINK("http://evil.example","点我")',
    });
    // A sign-up whose contact never confirmed its code is nobody yet: not exported.
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, name: '未确认', contact: 'unconfirmed@example.invalid', category: 'other' });
    const file = path.join(dir, 'signups.csv');
    const { count } = await exportSignups(db, fx.hearing.open, file);
    expect(count).toBe(1);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('孙八');
    expect(text).toContain('sun@example.invalid');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    await expect(exportSignups(db, 424242, path.join(dir, 'none.csv'))).rejects.toThrow(/No hearing/);
    expect(fs.existsSync(path.join(dir, 'none.csv'))).toBe(false);
  });

  it('claims lists reserved-category claims with contacts masked; review confirms or refuses them', async () => {
    const claim = await signUpVerified(db, { hearing_id: fx.hearing.open, name: '周九', contact: 'zhou.jiu@example.invalid', category: 'expert' });
    const before = await listClaims(db, fx.hearing.open);
    const row = before.rows.find((r) => r.public_id === claim.public_id)!;
    expect(row).toMatchObject({ name: '周九', contact: 'z***@example.invalid', category: 'expert', review: 'claimed' });
    expect(JSON.stringify(before.rows)).not.toContain('zhou.jiu@example.invalid');
    await expect(reviewClaim(db, fx.hearing.open, claim.public_id, 'refused', null)).rejects.toThrow(/needs a reason/);
    expect(await reviewClaim(db, fx.hearing.open, claim.public_id.toLowerCase(), 'refused', '未提供专家证明')).toMatchObject({ review: 'refused', reason: '未提供专家证明' });
    expect(await reviewClaim(db, fx.hearing.open, claim.public_id, 'confirmed', null)).toMatchObject({ review: 'confirmed', reason: null });
    expect((await listClaims(db, fx.hearing.open)).rows.find((r) => r.public_id === claim.public_id)).toMatchObject({ review: 'confirmed' });
  });

  it('csvField quotes and defuses', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(null)).toBe('');
  });
});
