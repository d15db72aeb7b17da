/**
 * Contacts: normalisation (compared with libphonenumber-js for phones), one-time codes through the
 * outbox, verified-contact tokens, and answers that never tell whether a contact is known.
 */
import fc from 'fast-check';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactKey } from '../../src/lib/contacts/contact-key.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { createTestDb, expectPgError } from './harness.ts';
import { callRpc, newClient, writtenCounts, type Args, type CitizenRpc } from './participation-fixtures.ts';

let db: Db;

beforeAll(async () => {
  db = await createTestDb();
});

afterAll(async () => {
  await db?.close();
});

async function key(contact: string): Promise<string> {
  const [row] = await db.query<{ key: string }>(`select private.contact_key($1, 'contact') as key`, [contact]);
  return row!.key;
}

/** The code in the newest queued message to a contact, as the recipient reads it. */
async function lastCode(contactKey: string): Promise<string> {
  const [row] = await db.query<{ code: string }>(
    `select payload ->> 'code' as code from private.outbox where recipient = $1 and template = 'contact_code'
     order by id desc limit 1`, [contactKey]);
  return row!.code;
}

async function refused(name: CitizenRpc, args: Args, code: string, message?: RegExp) {
  const before = await writtenCounts(db);
  const error = await expectPgError(callRpc(db, name, args), code, message);
  expect(error.hint?.length ?? 0, 'a hint').toBeGreaterThan(5);
  expect(await writtenCounts(db), `nothing written by ${name} failing with ${code}`).toEqual(before);
}

describe('phone numbers become E.164 (default region CN), as libphonenumber-js reads them', () => {
  // Mobiles and landlines written the ways people write them; the expected value is libphonenumber's.
  const written = [
    '13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+8613812345678', '008613812345678',
    '(010) 6512 3456', '010-65123456', '+86 10 6512 3456', '+86 010 6512 3456', '021 5432 1098', '0755-2345 6789',
    '0571-8765432', '0871 6543 2109', '１３８１２３４５６７８', '＋86 139 8765 4321', '+44 20 7946 0958', '+1 415 555 0134',
    '0044 20 7946 0958', '199 0000 1234', '+852 2123 4567',
  ];
  it.each(written)('%s', async (input) => {
    const expected = parsePhoneNumberWithError(input.normalize('NFKC'), 'CN').number;
    expect(await key(input)).toBe(expected);
  });

  it('one number written three ways is one contact', async () => {
    const keys = new Set([await key('13912345678'), await key('+86 139-1234-5678'), await key('0086 (139) 1234 5678')]);
    expect([...keys]).toEqual(['+8613912345678']);
  });

  it.each(['12345', '6512 3456', '+86 12 3456', '138123456789', 'call me', '+0 123 456 789'])(
    'refuses %s with a clear error', async (input) => {
      const error = await expectPgError(key(input), '22023', /neither an e-mail address nor a phone number/);
      expect(error.hint).toMatch(/area code/);
    });
});

describe('e-mail addresses are lower-cased, with well-known providers\' aliases folded', () => {
  it.each([
    ['Wang.Xiao@Example.org', 'wang.xiao@example.org'],
    ['wang.xiao+hearing@example.org', 'wang.xiao+hearing@example.org'],
    ['Wang.Xiao+hearing@Gmail.com', 'wangxiao@gmail.com'],
    ['w.a.n.g@googlemail.com', 'wang@gmail.com'],
    ['li+news@outlook.com', 'li@outlook.com'],
    ['li.na+x@hotmail.com', 'li.na@hotmail.com'],
    ['zhao+a@icloud.com', 'zhao@icloud.com'],
    ['zhang.san@qq.com', 'zhang.san@qq.com'],
    ['  ZHOU@163.COM ', 'zhou@163.com'],
  ])('%s → %s', async (input, expected) => {
    expect(await key(input)).toBe(expected);
  });

  it.each(['a@b', '@example.org', 'a b@example.org', 'x@-example.org', '+tag@gmail.com'])('refuses %s', async (input) => {
    await expectPgError(key(input), '22023');
  });
});

describe("the forms' check (src/lib/contacts/contact-key.ts) gives the database's answer", () => {
  it('for generated phone numbers, e-mail addresses and junk', async () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const written = fc.oneof(
      fc.tuple(fc.constantFrom('', '+86', '+86 ', '0086', '+86 0', '0'), digits(7, 12), fc.constantFrom('', ' ', '-'))
        .map(([prefix, number, sep]) => prefix + number.replace(/(\d{3})(\d{4})/, `$1${sep}$2`)),
      fc.tuple(fc.constantFrom('+', '00', '+0'), digits(5, 16)).map(([p, n]) => p + n),
      fc.emailAddress(),
      fc.tuple(fc.constantFrom('Wang.Li', 'a+b', 'x.y+z', '+tag', '.'), fc.constantFrom('gmail.com', 'GoogleMail.com', 'outlook.com', 'qq.com', 'ex-ample.org', '-x.org'))
        .map(([local, domain]) => `${local}@${domain}`),
      fc.string({ maxLength: 30 }),
    );
    const samples = fc.sample(written, { numRuns: 400, seed: 20261130 });
    const rows = await db.query<{ input: string; key: string | null }>(
      `select input, case when input like '%@%' then private.email_key(left(input, 200)) else private.phone_e164(left(input, 200)) end as key
       from unnest($1::text[]) as input`, [samples]);
    const differing = rows.filter((r) => contactKey(r.input) !== r.key).map((r) => ({ ...r, ts: contactKey(r.input) }));
    expect(differing).toEqual([]);
    expect(rows.filter((r) => r.key !== null).length, 'the sample holds valid contacts too').toBeGreaterThan(100);
  });
});

describe('request_contact_code and verify_contact', () => {
  it('sends a code to the normalised contact and trades it for a token', async () => {
    const sent = await callRpc<{ request_id: string; sent_to: string; valid_minutes: number }>(
      db, 'request_contact_code', { contact: '138 0013 8000', locale: 'en' });
    expect(sent).toEqual({ request_id: expect.stringMatching(/^[0-9A-Z]{16}$/) as string, sent_to: '+86 138****8000', valid_minutes: 30 });
    const [message] = await db.query<{ channel: string; locale: string; template: string }>(
      `select channel, locale, template from private.outbox where recipient = '+8613800138000'`);
    expect(message).toEqual({ channel: 'sms', locale: 'en', template: 'contact_code' });
    const status = await callRpc<{ status: string }>(db, 'message_status', { request_id: sent.request_id });
    expect(status).toEqual({ status: 'queued', sent_to: '+86 138****8000' });

    const code = await lastCode('+8613800138000');
    const verified = await callRpc<{ contact_token: string; contact: string }>(
      db, 'verify_contact', { contact: '+86 13800138000', code: code.toLowerCase().replace('-', ' ') });
    expect(verified.contact).toBe('+86 138****8000');
    const [row] = await db.query<{ key: string }>(`select private.contact_of_token($1) as key`, [verified.contact_token]);
    expect(row!.key).toBe('+8613800138000');
    // Only hashes are stored.
    const [stored] = await db.query<{ n: number }>(
      `select count(*)::int as n from private.contact_tokens where token_hash = $1`, [verified.contact_token]);
    expect(stored!.n).toBe(0);

    // The code works once.
    await refused('verify_contact', { contact: '13800138000', code }, 'PT410', /expired or was already used/);
  });

  it('answers alike for every contact: only the request id differs', async () => {
    const ask = (contact: string) => callRpc<Record<string, unknown>>(db, 'request_contact_code', { contact });
    const first = await ask('same.person@example.org');
    const again = await ask('Same.Person@Example.org');
    const other = await ask('someone.else@example.org');
    const strip = ({ request_id: _ignored, sent_to: _masked, ...rest }: Record<string, unknown>) => rest;
    expect(strip(again)).toEqual(strip(first));
    expect(strip(other)).toEqual(strip(first));
    expect(again['sent_to']).toBe(first['sent_to']);
  });

  it('sends at most five codes an hour to one contact, and answers the same beyond that', async () => {
    const contact = 'flooded@example.org';
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await callRpc<{ request_id: string }>(db, 'request_contact_code', { contact }, { context: newClient() }));
    const [sent] = await db.query<{ n: number }>(`select count(*)::int as n from private.outbox where recipient = $1`, [contact]);
    expect(sent!.n).toBe(5);
    const last = await callRpc<{ status: string }>(db, 'message_status', { request_id: answers[6]!.request_id });
    expect(last.status).toBe('throttled');
  });

  it('refuses a wrong code (403) and a code for another contact', async () => {
    await callRpc(db, 'request_contact_code', { contact: 'a.person@example.org' });
    await callRpc(db, 'request_contact_code', { contact: 'b.person@example.org' });
    const codeOfB = await lastCode('b.person@example.org');
    await refused('verify_contact', { contact: 'a.person@example.org', code: codeOfB }, 'PT403', /not valid/);
    await refused('verify_contact', { contact: 'a.person@example.org', code: '0000-0000' }, 'PT403');
  });

  it('refuses an expired code (410)', async () => {
    await callRpc(db, 'request_contact_code', { contact: 'late@example.org' });
    const code = await lastCode('late@example.org');
    await db.query(`update private.contact_codes set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
                    where contact_key = 'late@example.org'`);
    await refused('verify_contact', { contact: 'late@example.org', code }, 'PT410');
  });

  it('refuses an expired contact token', async () => {
    await callRpc(db, 'request_contact_code', { contact: 'old.token@example.org' });
    const { contact_token } = await callRpc<{ contact_token: string }>(
      db, 'verify_contact', { contact: 'old.token@example.org', code: await lastCode('old.token@example.org') });
    await db.query(`update private.contact_tokens set created_at = now() - interval '40 days', expires_at = now() - interval '10 days'
                    where contact_key = 'old.token@example.org'`);
    await expectPgError(db.query(`select private.contact_of_token($1)`, [contact_token]), 'PT403', /not valid or has expired/);
    await expectPgError(db.query(`select private.contact_of_token('nonsense')`), '22023', /not a contact token/);
  });

  it.each([
    ['request_contact_code', {}, '23502', /contact is required/],
    ['request_contact_code', { contact: 'not a contact' }, '22023', /neither an e-mail address nor a phone number/],
    ['request_contact_code', { contact: 'x@example.org', locale: 'fr' }, '22023', /not a language/],
    ['request_contact_code', { contact: 'x'.repeat(101) + '@example.org' }, '22001', /too long/],
    ['verify_contact', { contact: 'x@example.org' }, '23502', /code is required/],
    ['verify_contact', { contact: 'x@example.org', code: 'abc' }, '22023', /not a code from our message/],
    ['message_status', {}, '23502', /request_id is required/],
    ['message_status', { request_id: 'NOSUCHREQUEST000' }, 'PT404', /no such request/],
  ] as [CitizenRpc, Args, string, RegExp][])('%s refuses %j with %s, writing nothing', async (name, args, code, message) => {
    await refused(name, args, code, message);
  });
});
