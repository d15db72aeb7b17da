/**
 * E-mail subscriptions (issue 14): double opt-in, answers that never tell what an address already
 * has, one-click unsubscribe, and the notifications that progress reports and bulletins cause —
 * once per event and subscriber, and one digest per unit subscriber for a whole import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { renderRow } from '../../src/lib/outbox/render.ts';
import { bulletinRow, insertBase, insertRow, reportRow, targetRow, type Base } from './fixtures.ts';
import { createTestDb, expectPgError } from './harness.ts';
import { callRpc, newClient, type Args } from './participation-fixtures.ts';

type Rpc = 'subscribe' | 'confirm_subscription' | 'unsubscribe';

let db: Db;
let base: Base;
let target: number;
let draftTarget: number;
let otherTarget: number;

const WRITTEN = [
  'private.subscriptions', 'private.subscription_confirmations', 'private.outbox', 'private.rate_limit_buckets',
] as const;

async function counts(q: Queryable = db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of WRITTEN) {
    const [row] = await q.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = row!.n;
  }
  return out;
}

async function refused(name: Rpc, args: Args, code: string, message?: RegExp) {
  const before = await counts();
  const error = await expectPgError(callRpc(db, name, args), code, message);
  expect(error.hint?.length ?? 0, 'a hint').toBeGreaterThan(5);
  expect(await counts(), `nothing written by ${name} failing with ${code}`).toEqual(before);
  return error;
}

interface Message {
  id: number;
  idempotency_key: string;
  recipient: string;
  locale: string;
  template: string;
  payload: Record<string, unknown>;
}

async function messages(where = 'true', params: unknown[] = []): Promise<Message[]> {
  return db.query<Message>(
    `select id::int, idempotency_key, recipient, locale, template, payload from private.outbox where ${where} order by id`, params);
}

/** The confirmation token of the newest confirmation mail to `email`, as its reader finds it. */
async function confirmToken(email: string): Promise<string> {
  const [row] = await db.query<{ token: string }>(
    `select payload ->> 'token' as token from private.outbox where recipient = $1 and template = 'subscription_confirm'
     order by id desc limit 1`, [email]);
  return row!.token;
}

let serial = 0;
const address = (label: string) => `${label}.${++serial}@example.org`;

/** Subscribes and confirms; the unsubscribe token. */
async function activeSubscriber(email: string, kind: string, topicId: number | null, locale = 'zh-CN'): Promise<string> {
  await callRpc(db, 'subscribe', { email, topic_kind: kind, topic_id: topicId, locale });
  const answer = await callRpc<{ unsubscribe_token: string }>(db, 'confirm_subscription', { token: await confirmToken(email) });
  return answer.unsubscribe_token;
}

beforeAll(async () => {
  db = await createTestDb();
  base = await db.transaction(async (tx) => insertBase(tx, 'SB'));
  target = await insertRow(db, 'public.targets', targetRow(base));
  otherTarget = await insertRow(db, 'public.targets', targetRow(base, { unit_id: base.unitB, responsible_leader_id: base.principalB }));
  draftTarget = await insertRow(db, 'public.targets', targetRow(base, { status: 'draft' }));
});

afterAll(async () => {
  await db?.close();
});

describe('subscribe', () => {
  it('stores a pending subscription and mails a confirmation link, nothing else', async () => {
    const email = address('new');
    const before = await counts();
    const answer = await callRpc<Record<string, unknown>>(db, 'subscribe', { email: ` ${email.toUpperCase()} `, topic_kind: 'target', topic_id: target, locale: 'en' });
    expect(answer).toEqual({ request_id: expect.stringMatching(/^[0-9A-Z]{16}$/) as string, sent_to: expect.stringMatching(/^n\*\*\*@example\.org$/) as string, valid_days: 7 });
    const [row] = await db.query<{ status: string; locale: string; target_id: number }>(
      `select status, locale, target_id::int from private.subscriptions where contact_key = $1`, [email]);
    expect(row).toEqual({ status: 'pending', locale: 'en', target_id: target });
    const sent = await messages(`recipient = $1`, [email]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.template).toBe('subscription_confirm');
    expect(sent[0]!.locale).toBe('en');
    expect(sent[0]!.payload).toMatchObject({
      token: expect.stringMatching(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/) as string,
      topic: { kind: 'target', id: target, path: `/targets/${target}/` },
      valid_days: 7,
    });
    const after = await counts();
    expect(after['private.subscriptions']).toBe(before['private.subscriptions']! + 1);
    expect(after['private.outbox']).toBe(before['private.outbox']! + 1);
  });

  it('answers byte for byte the same for a new, pending, active, unsubscribed or throttled address (request_id apart)', async () => {
    const body = (answer: Record<string, unknown>) => JSON.stringify({ ...answer, request_id: 'X' });
    const email = address('same');
    const args = { email, topic_kind: 'unit', topic_id: base.unitA, locale: 'zh-CN' };
    const asNew = await callRpc<Record<string, unknown>>(db, 'subscribe', args);
    const asPending = await callRpc<Record<string, unknown>>(db, 'subscribe', args);
    const token = (await callRpc<{ unsubscribe_token: string }>(db, 'confirm_subscription', { token: await confirmToken(email) })).unsubscribe_token;
    const mailsBefore = (await messages(`recipient = $1`, [email])).length;
    const asActive = await callRpc<Record<string, unknown>>(db, 'subscribe', args);
    expect((await messages(`recipient = $1`, [email])).length, 'an active subscription gets no second mail').toBe(mailsBefore);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from private.subscriptions where contact_key = $1`, [email]) as [{ n: number }];
    expect(n, 'and no second subscription').toBe(1);
    await callRpc(db, 'unsubscribe', { token });
    const asUnsubscribed = await callRpc<Record<string, unknown>>(db, 'subscribe', args);
    // Three mails today: the fourth request sends nothing, and says so no differently.
    const asThrottled = await callRpc<Record<string, unknown>>(db, 'subscribe', args);
    expect((await messages(`recipient = $1 and template = 'subscription_confirm'`, [email])).length).toBe(3);
    const bodies = [asNew, asPending, asActive, asUnsubscribed, asThrottled].map(body);
    expect(new Set(bodies).size).toBe(1);
    expect(new Set([asNew, asPending, asActive, asUnsubscribed, asThrottled].map((a) => a['request_id'])).size).toBe(5);
  });

  it('sends at most three confirmation mails per address and day, whatever the topics', async () => {
    const email = address('limit');
    await callRpc(db, 'subscribe', { email, topic_kind: 'bulletins' });
    await callRpc(db, 'subscribe', { email, topic_kind: 'unit', topic_id: base.unitA });
    await callRpc(db, 'subscribe', { email, topic_kind: 'unit', topic_id: base.unitB });
    await callRpc(db, 'subscribe', { email, topic_kind: 'target', topic_id: target });
    expect((await messages(`recipient = $1`, [email])).length).toBe(3);
    // A day later the address may be sent to again.
    await db.query(`update private.subscription_confirmations set sent_at = sent_at - interval '25 hours' where contact_key = $1`, [email]);
    await callRpc(db, 'subscribe', { email, topic_kind: 'target', topic_id: target });
    expect((await messages(`recipient = $1`, [email])).length).toBe(4);
  });

  it('treats the same address written differently as one subscriber', async () => {
    await callRpc(db, 'subscribe', { email: 'Jane.Doe+news@gmail.com', topic_kind: 'bulletins' });
    await callRpc(db, 'subscribe', { email: 'janedoe@googlemail.com', topic_kind: 'bulletins' });
    const rows = await db.query<{ contact_key: string }>(`select contact_key from private.subscriptions where contact_key like 'janedoe%'`);
    expect(rows).toEqual([{ contact_key: 'janedoe@gmail.com' }]);
  });

  it.each([
    ['a missing email (400)', { topic_kind: 'bulletins' }, '23502', /email is required/],
    ['a phone number (400: e-mail only)', { email: '13812345678', topic_kind: 'bulletins' }, '22023', /e-mail only/],
    ['something that is no address (400)', { email: 'call me', topic_kind: 'bulletins' }, '22023', /email/],
    ['an email over 254 characters (400)', { email: `${'a'.repeat(250)}@example.org`, topic_kind: 'bulletins' }, '22001', /email/],
    ['a missing topic_kind (400)', { email: 'x@example.org' }, '23502', /topic_kind is required/],
    ['an unknown topic_kind (400)', { email: 'x@example.org', topic_kind: 'weather' }, '22023', /not something to subscribe to/],
    ['bulletins with a topic_id (400)', { email: 'x@example.org', topic_kind: 'bulletins', topic_id: 1 }, '22023', /topic_id must be left out/],
    ['a unit without topic_id (400)', { email: 'x@example.org', topic_kind: 'unit' }, '23502', /topic_id is required/],
    ['topic_id of the wrong type (400)', { email: 'x@example.org', topic_kind: 'unit', topic_id: 'abc' }, '22P02'],
    ['an unknown locale (400)', { email: 'x@example.org', topic_kind: 'bulletins', locale: 'fr' }, '22023', /language/],
    ['an unknown unit (404)', { email: 'x@example.org', topic_kind: 'unit', topic_id: 987654 }, 'PT404', /no unit/],
    ['an unknown target (404)', { email: 'x@example.org', topic_kind: 'target', topic_id: 987654 }, 'PT404', /no published target/],
  ] as [string, Args, string, RegExp?][])('refuses %s, writing nothing', async (_label, args, code, message) => {
    if (code === '22P02') {
      const before = await counts();
      await expectPgError(callRpc(db, 'subscribe', args), code);
      expect(await counts()).toEqual(before);
      return;
    }
    await refused('subscribe', args, code, message);
  });

  it('refuses a target that is not published (404), like an unknown one', async () => {
    await refused('subscribe', { email: 'x@example.org', topic_kind: 'target', topic_id: draftTarget }, 'PT404', /no published target/);
  });

  it('is limited per address only as a coarse flood guard', async () => {
    const [limit] = await db.query<{ max_calls: number }>(`select max_calls from private.rate_limits where rpc = 'subscribe'`);
    expect(limit!.max_calls).toBeGreaterThanOrEqual(100);
    await db.query(`update private.rate_limits set max_calls = 2 where rpc = 'subscribe'`);
    try {
      const client = newClient();
      await callRpc(db, 'subscribe', { email: address('flood'), topic_kind: 'bulletins' }, { context: client });
      await callRpc(db, 'subscribe', { email: address('flood'), topic_kind: 'bulletins' }, { context: client });
      await expectPgError(callRpc(db, 'subscribe', { email: address('flood'), topic_kind: 'bulletins' }, { context: client }), 'PT429');
    } finally {
      await db.query(`update private.rate_limits set max_calls = 120 where rpc = 'subscribe'`);
    }
  });
});

describe('confirm_subscription', () => {
  it('makes the subscription active; the link works again without harm', async () => {
    const email = address('confirm');
    await callRpc(db, 'subscribe', { email, topic_kind: 'unit', topic_id: base.unitA });
    const token = await confirmToken(email);
    const first = await callRpc<Record<string, unknown>>(db, 'confirm_subscription', { token: token.toLowerCase().replaceAll('-', ' ') });
    expect(first).toMatchObject({ status: 'active', topic: { kind: 'unit', id: base.unitA, path: '/units/SB-A/', name: '测试局甲' } });
    expect(first['unsubscribe_token']).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    const again = await callRpc(db, 'confirm_subscription', { token });
    expect(again).toEqual(first);
    const [row] = await db.query<{ status: string }>(`select status from private.subscriptions where contact_key = $1`, [email]);
    expect(row!.status).toBe('active');
  });

  it('a newer confirmation mail replaces the older link', async () => {
    const email = address('newer');
    await callRpc(db, 'subscribe', { email, topic_kind: 'bulletins' });
    const older = await confirmToken(email);
    await callRpc(db, 'subscribe', { email, topic_kind: 'bulletins' });
    const newer = await confirmToken(email);
    expect(newer).not.toBe(older);
    await refused('confirm_subscription', { token: older }, 'PT403', /not valid/);
    await callRpc(db, 'confirm_subscription', { token: newer });
  });

  it('refuses an expired link (410) and a cancelled subscription (410)', async () => {
    const email = address('expired');
    await callRpc(db, 'subscribe', { email, topic_kind: 'unit', topic_id: base.unitB });
    const token = await confirmToken(email);
    await db.query(`update private.subscriptions set confirm_expires_at = now() - interval '1 minute' where contact_key = $1`, [email]);
    await refused('confirm_subscription', { token }, 'PT410', /expired/);

    const other = address('cancelled');
    await callRpc(db, 'subscribe', { email: other, topic_kind: 'unit', topic_id: base.unitB });
    const otherToken = await confirmToken(other);
    const unsubscribeToken = (await callRpc<{ unsubscribe_token: string }>(db, 'confirm_subscription', { token: otherToken })).unsubscribe_token;
    await callRpc(db, 'unsubscribe', { token: unsubscribeToken });
    // Unsubscribing forgets the confirmation link: it is unknown now.
    await refused('confirm_subscription', { token: otherToken }, 'PT403');
  });

  it.each([
    ['a missing token (400)', {}, '23502', /token is required/],
    ['an empty token (400)', { token: '  ' }, '23502', /token is required/],
    ['a token of the wrong length (400)', { token: 'ABCD-EFGH' }, '22023', /not a subscription token/],
    ['a token of 10,000 characters (400)', { token: 'A'.repeat(10_000) }, '22023', /not a subscription token/],
    ['an unknown token (403)', { token: '0000-0000-0000-0000-0000-0000' }, 'PT403', /not valid/],
  ] as [string, Args, string, RegExp][])('refuses %s, writing nothing', async (_label, args, code, message) => {
    await refused('confirm_subscription', args, code, message);
  });
});

describe('unsubscribe', () => {
  it('ends a subscription, and again is fine', async () => {
    const email = address('leave');
    const token = await activeSubscriber(email, 'target', target);
    const first = await callRpc(db, 'unsubscribe', { token });
    expect(first).toMatchObject({ status: 'unsubscribed', topic: { kind: 'target', id: target } });
    expect(await callRpc(db, 'unsubscribe', { token })).toEqual(first);
    const [row] = await db.query<{ status: string }>(`select status from private.subscriptions where contact_key = $1`, [email]);
    expect(row!.status).toBe('unsubscribed');
  });

  it('subscribing again after an unsubscribe needs a new confirmation, and old links stop working', async () => {
    const email = address('again');
    const oldToken = await activeSubscriber(email, 'bulletins', null);
    await callRpc(db, 'unsubscribe', { token: oldToken });
    const newToken = await activeSubscriber(email, 'bulletins', null);
    expect(newToken).not.toBe(oldToken);
    await refused('unsubscribe', { token: oldToken }, 'PT403', /not valid/);
    await callRpc(db, 'unsubscribe', { token: newToken });
  });

  it.each([
    ['a missing token (400)', {}, '23502', /token is required/],
    ['a malformed token (400)', { token: 'hello' }, '22023', /not a subscription token/],
    ['an unknown token (403)', { token: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ' }, 'PT403', /not valid/],
  ] as [string, Args, string, RegExp][])('refuses %s, writing nothing', async (_label, args, code, message) => {
    await refused('unsubscribe', args, code, message);
  });
});

describe('notifications', () => {
  const period = (month: number) => `${base.year}-${String(month).padStart(2, '0')}`;

  it('a report on a target: one progress_update per target subscriber and one digest per unit subscriber', async () => {
    const targetFan = address('target-fan');
    const unitFan = address('unit-fan');
    const otherUnitFan = address('other-unit-fan');
    const pendingFan = address('pending-fan');
    const leftFan = address('left-fan');
    await activeSubscriber(targetFan, 'target', target, 'en');
    await activeSubscriber(unitFan, 'unit', base.unitA);
    await activeSubscriber(otherUnitFan, 'unit', base.unitB);
    await callRpc(db, 'subscribe', { email: pendingFan, topic_kind: 'target', topic_id: target });
    await callRpc(db, 'unsubscribe', { token: await activeSubscriber(leftFan, 'target', target) });

    const report = await insertRow(db, 'public.progress_reports', reportRow(target, { period: period(1) }));
    const fans = [targetFan, unitFan, otherUnitFan, pendingFan, leftFan];
    const sent = await messages(`template = 'progress_update' and recipient = any($1)`, [fans]);
    expect(sent.map((m) => [m.recipient, m.idempotency_key.replace(/\d+/g, 'N')])).toEqual([
      [targetFan, 'progress:N:N'],
      [unitFan, 'progress_digest:N:N'],
    ]);
    const [toTarget, toUnit] = sent as [Message, Message];
    expect(toTarget.idempotency_key).toMatch(new RegExp(`^progress:${report}:\\d+$`));
    expect(toTarget.locale).toBe('en');
    expect(toTarget.payload).toMatchObject({
      token: expect.stringMatching(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/) as string,
      topic: { kind: 'target', id: target },
      total: 1,
      reports: [{ id: report, period: period(1), status: 'on_track', path: `/targets/${target}/`, is_correction: false }],
    });
    expect(toUnit.payload).toMatchObject({ topic: { kind: 'unit', id: base.unitA }, total: 1, reports: [{ id: report }] });
    // The token in the message unsubscribes its reader.
    await callRpc(db, 'unsubscribe', { token: toTarget.payload['token'] as string });
  });

  it('reports on an unpublished target tell nobody', async () => {
    const unitFan = address('quiet-unit-fan');
    await activeSubscriber(unitFan, 'unit', base.unitA);
    const before = (await messages(`template = 'progress_update'`)).length;
    await insertRow(db, 'public.progress_reports', reportRow(draftTarget, { period: period(1) }));
    expect((await messages(`template = 'progress_update'`)).length).toBe(before);
  });

  it('an import of many reports in one transaction is one digest per unit subscriber, listing 50 and counting all', async () => {
    const unitFan = address('digest-fan');
    const targetFan = address('digest-target-fan');
    await activeSubscriber(unitFan, 'unit', base.unitB);
    await activeSubscriber(targetFan, 'target', otherTarget);
    const reports = await db.transaction(async (tx) => {
      const ids: number[] = [];
      const targets: number[] = [];
      for (let i = 0; i < 60; i++) {
        targets.push(await insertRow(tx, 'public.targets', targetRow(base, { unit_id: base.unitB, responsible_leader_id: base.principalB })));
      }
      // Several statements, as the importer's batches are: still one transaction, one digest.
      for (let i = 0; i < targets.length; i += 25) {
        const values = targets.slice(i, i + 25).map((t) => `(${t}, '${period(2)}', 'on_track', 10, '按计划推进。')`);
        const rows = await tx.query<{ id: number }>(
          `insert into public.progress_reports (target_id, period, status, progress_pct, progress_text) values ${values.join(', ')} returning id::int`);
        ids.push(...rows.map((r) => r.id));
      }
      ids.push(await insertRow(tx, 'public.progress_reports', reportRow(otherTarget, { period: period(2) })));
      return ids;
    });
    const toUnitFan = await messages(`recipient = $1 and template = 'progress_update'`, [unitFan]);
    expect(toUnitFan).toHaveLength(1);
    expect(toUnitFan[0]!.payload['total']).toBe(61);
    expect((toUnitFan[0]!.payload['reports'] as unknown[]).length).toBe(50);
    const toTargetFan = await messages(`recipient = $1 and template = 'progress_update'`, [targetFan]);
    expect(toTargetFan.map((m) => m.idempotency_key)).toEqual([expect.stringMatching(new RegExp(`^progress:${reports.at(-1)}:`))]);
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from private.subscription_notice_batches`) as [{ n: number }];
    expect(n, 'batches are emptied at commit').toBe(0);

    // The next import is the next digest.
    await insertRow(db, 'public.progress_reports', reportRow(otherTarget, { period: period(3) }));
    expect(await messages(`recipient = $1 and template = 'progress_update'`, [unitFan])).toHaveLength(2);
  });

  it('a rolled-back import sends nothing', async () => {
    const unitFan = address('rollback-fan');
    await activeSubscriber(unitFan, 'unit', base.unitB);
    await expect(db.transaction(async (tx) => {
      await insertRow(tx, 'public.progress_reports', reportRow(otherTarget, { period: period(4) }));
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await messages(`recipient = $1 and template = 'progress_update'`, [unitFan])).toHaveLength(0);
  });

  it('a published bulletin: one bulletin_published per bulletins subscriber, once', async () => {
    const fan = address('bulletin-fan');
    const enFan = address('bulletin-fan-en');
    const pending = address('bulletin-pending');
    await activeSubscriber(fan, 'bulletins', null);
    await activeSubscriber(enFan, 'bulletins', null, 'en');
    await callRpc(db, 'subscribe', { email: pending, topic_kind: 'bulletins' });
    const draft = await insertRow(db, 'public.bulletins', bulletinRow({ period: `${base.year}-05` }));
    const recipients = [fan, enFan, pending];
    expect(await messages(`template = 'bulletin_published' and recipient = any($1)`, [recipients]), 'a draft tells nobody').toHaveLength(0);
    await db.query(`update public.bulletins set published_at = now() where id = $1`, [draft]);
    const sent = await messages(`template = 'bulletin_published' and recipient = any($1)`, [recipients]);
    expect(sent.map((m) => [m.recipient, m.locale])).toEqual([[fan, 'zh-CN'], [enFan, 'en']]);
    expect(sent[0]!.idempotency_key).toMatch(new RegExp(`^bulletin:${draft}:\\d+$`));
    expect(sent[0]!.payload).toMatchObject({
      token: expect.any(String) as string,
      bulletin: { kind: 'monthly', period: `${base.year}-05`, is_erratum: false, title: expect.any(String) as string },
    });
    // Published directly, too.
    const direct = await insertRow(db, 'public.bulletins', bulletinRow({ period: `${base.year}-06`, published_at: new Date().toISOString() }));
    expect(await messages(`template = 'bulletin_published' and recipient = $1`, [fan])).toHaveLength(2);
    expect((await messages(`idempotency_key like $1`, [`bulletin:${direct}:%`])).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the messages render', () => {
  it('every subscription message the database enqueued renders with its template, with List-Unsubscribe where due', async () => {
    const rows = await db.query<Message & { channel: 'email' }>(
      `select id::int, idempotency_key, channel, recipient, locale, template, payload from private.outbox
       where template in ('subscription_confirm', 'progress_update', 'bulletin_published') order by id`);
    expect(new Set(rows.map((r) => r.template))).toEqual(new Set(['subscription_confirm', 'progress_update', 'bulletin_published']));
    for (const row of rows) {
      const rendered = renderRow({ ...row, locale: row.locale as 'zh-CN' | 'en' }, 'https://gongshi.example.org');
      const token = row.payload['token'] as string;
      if (row.template === 'subscription_confirm') {
        expect(rendered.text).toContain(`${row.locale === 'en' ? '/en' : ''}/subscriptions/confirm/#${token}`);
        expect(rendered.headers).toBeUndefined();
        continue;
      }
      const prefix = row.locale === 'en' ? 'https://gongshi.example.org/en' : 'https://gongshi.example.org';
      expect(rendered.text).toContain(`${prefix}/subscriptions/unsubscribe/#${token}`);
      expect(rendered.headers).toEqual({
        'List-Unsubscribe': `<${prefix}/subscriptions/unsubscribe/?token=${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
    }
  });
});
