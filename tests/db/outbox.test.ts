/**
 * The outbox in SQL (supabase/migrations/20261130000070_outbox.sql): one row per event, leases
 * that two drainers never share, retries with a capped backoff, recipients that refuse for good,
 * and secrets that do not outlive their message.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db, Queryable, Role } from '../../src/lib/db/types.ts';
import { MESSAGE_CHANNELS, MESSAGE_STATUSES } from '../../src/lib/domain/messages.ts';
import { createTestDb, expectPgError, rolledBack, TEST_DATABASE_URL } from './harness.ts';

let db: Db;

beforeAll(async () => {
  db = await createTestDb();
});

afterAll(async () => {
  await db?.close();
});

beforeEach(async () => {
  await db.exec(`delete from private.undeliverable_recipients; delete from private.outbox;`);
});

interface OutboxRow {
  id: string;
  idempotency_key: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  payload: Record<string, unknown>;
  last_error: string | null;
  /** seconds from now */
  wait: number | null;
  locked_until: Date | null;
  sent_at: Date | null;
}

async function enqueue(key: string, recipient = 'person@example.org', payload: object = { code: 'ABCD2345', purpose: 'verify_contact', valid_minutes: 30 }, q: Queryable = db): Promise<number> {
  const [row] = await q.query<{ id: string }>(
    `select private.enqueue_message($1, $2, 'zh-CN', 'contact_code', $3::text::jsonb) as id`,
    [key, recipient, JSON.stringify(payload)],
  );
  return Number(row!.id);
}

async function claim(batch = 20, q: Queryable = db): Promise<number[]> {
  const rows = await q.query<{ id: string }>(`select id from private.claim_messages($1, 60)`, [batch]);
  return rows.map((r) => Number(r.id));
}

async function row(id: number): Promise<OutboxRow> {
  const [r] = await db.query<OutboxRow>(
    `select *, extract(epoch from next_attempt_at - now())::float8 as wait from private.outbox where id = $1`, [id]);
  return r!;
}

const fail = async (id: number, outcome: string, error = 'boom') =>
  (await db.query<{ status: string }>(`select private.mark_message_failed($1, $2, $3) as status`, [id, error, outcome]))[0]!.status;
const markSent = async (id: number) => (await db.query<{ ok: boolean }>(`select private.mark_message_sent($1) as ok`, [id]))[0]!.ok;
/** Lets the row's retry come due (or its lease run out) now. */
const makeDue = (id: number) =>
  db.query(`update private.outbox set next_attempt_at = now() - interval '1 second',
            locked_until = case when status = 'sending' then now() - interval '1 second' end where id = $1`, [id]);

describe('enqueue_message', () => {
  it('adds one row per idempotency key: the same event again returns the first id', async () => {
    const first = await enqueue('contact_code:1');
    const again = await enqueue('contact_code:1', 'someone-else@example.org', { code: 'ZZZZ9999', purpose: 'x', valid_minutes: 1 });
    expect(again).toBe(first);
    const rows = await db.query<OutboxRow>(`select * from private.outbox`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: 'person@example.org', status: 'queued', attempts: 0, channel: 'email' });
    expect(rows[0]!.payload['code']).toBe('ABCD2345');
  });

  it('takes the channel from the recipient: a phone number is an SMS', async () => {
    const id = await enqueue('contact_code:2', '+8613800138000');
    expect((await row(id)).channel).toBe('sms');
  });

  it('refuses bad input with 22023 and writes nothing', async () => {
    const cases: [string, unknown[]][] = [
      ['', ['a@example.org', 'en', 'contact_code', '{}']],
      ['k', [null, 'en', 'contact_code', '{}']],
      ['k', ['a@example.org', 'fr', 'contact_code', '{}']],
      ['k', ['a@example.org', 'en', 'Bad Name', '{}']],
      ['k', ['a@example.org', 'en', 'contact_code', '[1]']],
    ];
    for (const [key, [recipient, locale, template, payload]] of cases) {
      await expectPgError(
        db.query(`select private.enqueue_message($1, $2, $3, $4, $5::text::jsonb)`, [key, recipient, locale, template, payload]),
        '22023',
      );
    }
    expect(await db.query(`select 1 from private.outbox`)).toHaveLength(0);
  });

  it('notifies gongshi_outbox when a message is queued, so a listening sender wakes', async () => {
    if (!db.listen) return;
    const heard: string[] = [];
    const stop = await db.listen('gongshi_outbox', (payload) => heard.push(payload));
    try {
      const id = await enqueue('contact_code:notify');
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard).toContain(String(id));
    } finally {
      await stop();
    }
  });
});

describe('claim_messages', () => {
  it('leases due rows once, counting an attempt; a leased row is not claimed again until its lease runs out', async () => {
    const ids = [await enqueue('e:1'), await enqueue('e:2'), await enqueue('e:3')];
    expect(await claim(2)).toEqual(ids.slice(0, 2));
    expect(await claim(10)).toEqual(ids.slice(2));
    expect(await claim(10)).toEqual([]);
    const leased = await row(ids[0]!);
    expect(leased).toMatchObject({ status: 'sending', attempts: 1 });
    expect(leased.locked_until).not.toBeNull();
    await makeDue(ids[0]!);
    expect(await claim(10)).toEqual([ids[0]]);
    expect((await row(ids[0]!)).attempts).toBe(2);
  });

  it('does not claim a row whose retry is not yet due', async () => {
    const id = await enqueue('e:later');
    await claim();
    expect(await fail(id, 'retry')).toBe('queued');
    expect(await claim()).toEqual([]);
  });

  it('two drainers never take the same row', async () => {
    for (let i = 0; i < 40; i++) await enqueue(`e:many:${i}`);
    // Eight claims at once (truly concurrent on Postgres; queued one after another on PGlite).
    const claims = await Promise.all(Array.from({ length: 8 }, () => db.transaction((tx) => claim(3, tx))));
    const all = claims.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(24);
  });

  it.skipIf(!TEST_DATABASE_URL)('a claim skips the rows another open claim holds instead of waiting for them', async () => {
    for (let i = 0; i < 6; i++) await enqueue(`e:held:${i}`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first: number[] = [];
    const holder = db.transaction(async (tx) => {
      first = await claim(3, tx);
      await held;
    });
    while (first.length === 0) await new Promise((r) => setTimeout(r, 10));
    const second = await db.transaction((tx) => claim(10, tx));
    release();
    await holder;
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
  });

  it('checks its arguments', async () => {
    await expectPgError(db.query(`select * from private.claim_messages(0, 60)`), '22023');
    await expectPgError(db.query(`select * from private.claim_messages(10, 1)`), '22023');
  });
});

describe('mark_message_sent and mark_message_failed', () => {
  it('marks a sent message once and scrubs its secrets (keys code and token, at any depth)', async () => {
    const id = await enqueue('e:secret', 'person@example.org', {
      code: 'ABCD2345', purpose: 'verify_contact', valid_minutes: 30, link: { token: 't0k3n', path: '/x/' }, list: [{ token: 'a', keep: 1 }],
    });
    expect((await row(id)).payload['code']).toBe('ABCD2345');
    await claim();
    expect(await markSent(id)).toBe(true);
    const sent = await row(id);
    expect(sent.status).toBe('sent');
    expect(sent.sent_at).not.toBeNull();
    expect(sent.locked_until).toBeNull();
    expect(sent.payload).toEqual({ purpose: 'verify_contact', valid_minutes: 30, link: { path: '/x/' }, list: [{ keep: 1 }] });
    expect(await markSent(id), 'a second mark changes nothing').toBe(false);
    expect(await claim()).toEqual([]);
  });

  it('retries with a doubling backoff, capped, and gives up after the last attempt', async () => {
    const id = await enqueue('e:retry');
    const waits: number[] = [];
    let status = 'queued';
    while (status === 'queued') {
      await makeDue(id);
      expect(await claim()).toEqual([id]);
      status = await fail(id, 'retry', `451 try later ${waits.length + 1}`);
      if (status === 'queued') waits.push(Math.round((await row(id)).wait! / 60));
    }
    // Minutes: 1, 2, 4, … capped at 120; the eighth attempt is the last.
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]);
    const [{ cap }] = await db.query<{ cap: number }>(`select extract(epoch from private.outbox_backoff(20))::int / 60 as cap`) as [{ cap: number }];
    expect(cap).toBe(120);
    const given = await row(id);
    expect(given).toMatchObject({ status: 'failed', attempts: 8 });
    expect(given.last_error).toMatch(/^Gave up after 8 attempts: 451 try later 8/);
    expect(given.payload).not.toHaveProperty('code');
    await makeDue(id);
    expect(await claim()).toEqual([]);
  });

  it('gives up a message whose sender kept dying while sending it (the lease ran out after the last attempt)', async () => {
    const id = await enqueue('e:crashy');
    await db.query(`update private.outbox set attempts = private.outbox_max_attempts() - 1 where id = $1`, [id]);
    expect(await claim()).toEqual([id]);
    await makeDue(id);
    expect(await claim()).toEqual([]);
    const given = await row(id);
    expect(given.status).toBe('failed');
    expect(given.last_error).toMatch(/Gave up after 8 attempts \(the sender stopped while sending\)/);
    expect(given.payload).not.toHaveProperty('code');
  });

  it('fails a message for good without blaming its recipient (permanent)', async () => {
    const id = await enqueue('e:perm');
    const other = await enqueue('e:perm:2');
    await claim(1);
    expect(await fail(id, 'permanent', 'Unknown message template "nope"')).toBe('failed');
    expect(await row(id)).toMatchObject({ status: 'failed', last_error: 'Unknown message template "nope"' });
    expect(await db.query(`select 1 from private.undeliverable_recipients`)).toHaveLength(0);
    expect((await row(other)).status).toBe('queued');
  });

  it('records a recipient that refuses for good; its queued and its new messages fail at once, never retried', async () => {
    const id = await enqueue('e:550', 'gone@example.org');
    const queued = await enqueue('e:550:queued', 'gone@example.org');
    const bystander = await enqueue('e:550:other', 'fine@example.org');
    expect(await claim(1)).toEqual([id]);
    expect(await fail(id, 'undeliverable', '550 5.1.1 mailbox unknown')).toBe('failed');
    const [marked] = await db.query<{ recipient: string; channel: string; reason: string; message_id: string }>(
      `select recipient, channel, reason, message_id::text as message_id from private.undeliverable_recipients`);
    expect(marked).toMatchObject({ recipient: 'gone@example.org', channel: 'email', reason: '550 5.1.1 mailbox unknown', message_id: String(id) });
    expect(await row(queued)).toMatchObject({ status: 'failed', last_error: 'Recipient is undeliverable: 550 5.1.1 mailbox unknown' });
    expect((await row(queued)).payload).not.toHaveProperty('code');
    expect((await row(bystander)).status).toBe('queued');

    const later = await enqueue('e:550:later', 'gone@example.org');
    expect(await row(later)).toMatchObject({ status: 'failed', attempts: 0 });
    expect((await row(later)).payload).not.toHaveProperty('code');
    expect(await claim()).toEqual([bystander]);

    // Staff can let the contact receive messages again.
    const [{ removed }] = await db.query<{ removed: boolean }>(`select private.forget_undeliverable('gone@example.org') as removed`) as [{ removed: boolean }];
    expect(removed).toBe(true);
    expect((await row(await enqueue('e:550:after', 'gone@example.org'))).status).toBe('queued');
  });

  it('ignores marks for a message that is not being sent, and refuses unknown outcomes', async () => {
    const id = await enqueue('e:idle');
    expect(await fail(id, 'retry')).toBe('queued');
    expect((await row(id)).attempts).toBe(0);
    expect(await markSent(id)).toBe(false);
    await expectPgError(db.query(`select private.mark_message_failed($1, 'x', 'later')`, [id]), '22023');
  });

  it('holds the row rules: a known status, sent_at exactly when sent, a lease exactly while sending', async () => {
    const id = await enqueue('e:rules');
    await expectPgError(db.query(`update private.outbox set status = 'lost' where id = $1`, [id]), '23514');
    await expectPgError(db.query(`update private.outbox set status = 'sent' where id = $1`, [id]), '23514');
    await expectPgError(db.query(`update private.outbox set status = 'sending' where id = $1`, [id]), '23514');
    expect(MESSAGE_STATUSES).toContain('sending');
    expect(MESSAGE_CHANNELS).toEqual(['email', 'sms']);
  });
});

describe('scheduled messages', () => {
  it('run_scheduled_messages calls private.enqueue_scheduled_messages() when a migration defines it', async () => {
    const [{ defined }] = await db.query<{ defined: boolean }>(
      `select to_regprocedure('private.enqueue_scheduled_messages()') is not null as defined`) as [{ defined: boolean }];
    if (defined) {
      await db.query(`select private.run_scheduled_messages()`);
      return;
    }
    await db.query(`select private.run_scheduled_messages()`);
    const queued = await rolledBack(db, async (tx) => {
      await tx.exec(`create function private.enqueue_scheduled_messages() returns void language sql set search_path = ''
        as $$ select private.enqueue_message('reminder:test', 'person@example.org', 'en', 'contact_code', '{}') $$`);
      await tx.query(`select private.run_scheduled_messages()`);
      return tx.query(`select idempotency_key from private.outbox`);
    });
    expect(queued).toEqual([{ idempotency_key: 'reminder:test' }]);
  });
});

describe('privileges', () => {
  const as = <T>(role: Role, sql: string) => db.asRole(role, (tx) => tx.query<T & object>(sql));

  it('the API roles can neither read the outbox nor call its functions', async () => {
    for (const role of ['anon', 'authenticated'] as const) {
      await expectPgError(as(role, `select * from private.outbox`), '42501');
      await expectPgError(as(role, `select private.enqueue_message('k', 'a@example.org', 'en', 'contact_code', '{}')`), '42501');
      await expectPgError(as(role, `select * from private.claim_messages(1, 60)`), '42501');
    }
  });

  it('service_role can do what a sender does', async () => {
    const id = await enqueue('e:service');
    await db.asRole('service_role', async (tx) => {
      await tx.query(`select private.run_scheduled_messages()`);
      expect(await claim(5, tx)).toEqual([id]);
      await tx.query(`select private.mark_message_sent($1)`, [id]);
    });
    expect((await row(id)).status).toBe('sent');
    // The tables stay closed: a sender needs only the functions.
    await expectPgError(as('service_role', `select * from private.outbox`), '42501');
    await expectPgError(as('service_role', `delete from private.undeliverable_recipients`), '42501');
  });
});
