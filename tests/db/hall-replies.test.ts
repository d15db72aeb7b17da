/**
 * Hall opinions with a verified contact: submit_hall_opinion takes a contact token (never a plain
 * contact), keeps the contact key and the author's language in private, and the official reply
 * queues exactly one opinion_reply message. Bad tokens and languages: their own SQLSTATE, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishOpinions, respondToOpinion } from '../../src/lib/hall/opinions.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { createTestDb, expectPgError } from './harness.ts';
import { callRpc, insertParticipation, writtenCounts, type Args, type Participation } from './participation-fixtures.ts';

let db: Db;
let fx: Participation;

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 1);
});

afterAll(async () => {
  await db?.close();
});

async function contactToken(contact: string): Promise<string> {
  const [row] = await db.query<{ token: string }>(
    `select private.issue_contact_token(private.contact_key($1, 'contact')) ->> 'contact_token' as token`, [contact]);
  return row!.token;
}

interface OutboxRow { idempotency_key: string; recipient: string; locale: string; template: string; channel: string; payload: Record<string, unknown> }
const replies = (opinion: number) => db.query<OutboxRow>(
  `select idempotency_key, recipient, locale, template, channel, payload from private.outbox where idempotency_key = $1`,
  [`opinion_reply:${opinion}`]);

describe('submit_hall_opinion with a verified contact', () => {
  it('keeps the verified contact key and language in private, and says where the reply goes (masked)', async () => {
    const token = await contactToken('138 0013 8000');
    const result = await callRpc<{ id: number; reply_to: string }>(db, 'submit_hall_opinion', {
      topic_id: fx.topic.open, body: '建议在公园增设座椅。', contact_token: token, locale: 'en' });
    expect(result.reply_to).toBe('+86 138****8000');
    const [row] = await db.query(`select contact_key, locale from private.hall_opinion_contacts where opinion_id = $1`, [result.id]);
    expect(row).toEqual({ contact_key: '+8613800138000', locale: 'en' });
    // The token is reused for a later opinion without a new code.
    const second = await callRpc<{ id: number }>(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '再提一条。', contact_token: token });
    const [again] = await db.query(`select locale from private.hall_opinion_contacts where opinion_id = $1`, [second.id]);
    expect(again).toEqual({ locale: 'zh-CN' });
  });

  it('stores no contact without a token (a blank token is no token)', async () => {
    const result = await callRpc<{ id: number; reply_to: string | null }>(db, 'submit_hall_opinion', {
      topic_id: fx.topic.open, body: '匿名意见。', contact_token: '  ' });
    expect(result.reply_to).toBeNull();
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from private.hall_opinion_contacts where opinion_id = $1`, [result.id]);
    expect(row!.n).toBe(0);
  });

  it.each([
    ['a malformed contact token (400)', { contact_token: 'call me' }, '22023', /not a contact token/],
    ['an unknown contact token (403)', { contact_token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, 'PT403', /not valid or has expired/],
    ['a plain contact, no longer taken (PostgREST: no such function)', { contact: 'a@example.org' }, '42883'],
    ['a language the portal does not have (400)', { locale: 'fr' }, '22023', /not a language/],
  ] as [string, Args, string, RegExp?][])('refuses %s, writing nothing', async (_label, args, code, message) => {
    const before = await writtenCounts(db);
    await expectPgError(callRpc(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '意见内容', ...args }), code, message);
    expect(await writtenCounts(db)).toEqual(before);
  });

  it('refuses an expired contact token (403), writing nothing', async () => {
    const token = await contactToken('old@example.org');
    await db.query(`update private.contact_tokens set created_at = now() - interval '31 days', expires_at = now() - interval '1 day'
                    where contact_key = 'old@example.org'`);
    const before = await writtenCounts(db);
    await expectPgError(callRpc(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '过期的令牌', contact_token: token }), 'PT403', /expired/);
    expect(await writtenCounts(db)).toEqual(before);
  });
});

describe('the official reply reaches the author', () => {
  it('queues one opinion_reply message in the author\'s language when staff respond, and never a second', async () => {
    const opinion = (await callRpc<{ id: number }>(db, 'submit_hall_opinion', {
      topic_id: fx.topic.open, body: '请公开加装电梯的补贴标准。', contact_token: await contactToken('Author@Example.org'), locale: 'en' })).id;
    await publishOpinions(db, [opinion]);
    expect(await replies(opinion)).toHaveLength(0);
    await respondToOpinion(db, opinion, 'PT-A', '补贴标准已在网站公布。');
    const [message, ...more] = await replies(opinion);
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({
      recipient: 'author@example.org', locale: 'en', template: 'opinion_reply', channel: 'email',
      payload: { opinion_id: opinion, topic_slug: 'open-topic', response_text: '补贴标准已在网站公布。' },
    });
    // The response is given once; a second attempt is refused and queues nothing.
    await expectPgError(respondToOpinion(db, opinion, 'PT-A', '再次答复'), 'PT409', /already has an official response/);
    // Whatever else changes on the row, no second message.
    await db.query(`update public.hall_opinions set response_text = response_text where id = $1`, [opinion]);
    expect(await replies(opinion)).toHaveLength(1);
  });

  it('sends the reply by SMS to a phone, and nothing for an opinion without a verified contact', async () => {
    const withPhone = (await callRpc<{ id: number }>(db, 'submit_hall_opinion', {
      topic_id: fx.topic.open, body: '建议增加夜班公交。', contact_token: await contactToken('+86 139 0000 1111') })).id;
    const anonymous = (await callRpc<{ id: number }>(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: '不留联系方式的意见。' })).id;
    await publishOpinions(db, [withPhone, anonymous]);
    await respondToOpinion(db, withPhone, 'PT-A', '已增开夜班线路。');
    await respondToOpinion(db, anonymous, 'PT-A', '感谢建议。');
    expect(await replies(withPhone)).toMatchObject([{ channel: 'sms', recipient: '+8613900001111', locale: 'zh-CN' }]);
    expect(await replies(anonymous)).toHaveLength(0);
  });
});
