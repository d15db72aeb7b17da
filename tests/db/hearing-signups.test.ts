/**
 * Verified hearing sign-ups (issue 14), tried as a citizen and as an abuser would: the answer to a
 * sign-up never tells whether a contact is new, pending or signed up; a code confirms, a bad,
 * expired or reused one is refused with nothing written; only confirmed sign-ups enter the draw
 * and only staff-confirmed claims fill reserved seats; every event queues its message once; and
 * fifty neighbours behind one address all get through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { verifyHearing } from '../../src/lib/hearings/hearings.ts';
import { TEMPLATES } from '../../src/lib/outbox/templates/index.ts';
import { HEARING_TEMPLATES } from '../../src/lib/outbox/templates/hearings.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { cancelHearing, closeHearing, openHearing, recordOutcome, testSeed } from './hearing-lifecycle.ts';
import { codeSentTo, signUpByCode, signUpVerified } from './hearing-signup-helpers.ts';
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

const person = (contact: string, extra: Args = {}): Args & { contact: string } =>
  ({ name: '李四', contact, category: 'citizen_representative', locale: 'zh-CN', ...extra });

const outbox = (where: string, params: unknown[] = []) =>
  db.query<{ idempotency_key: string; template: string; recipient: string; locale: string; payload: Record<string, unknown> }>(
    `select idempotency_key, template, recipient, locale, payload from private.outbox where ${where} order by id`, params);

/** A hearing open now whose sign-ups end in `seconds` (it can be closed, for real, once they have). */
async function shortHearing(label: string, seats: number, seconds: number, held = '20 hours'): Promise<{ id: number; seed: string; closesAt: number }> {
  const seed = testSeed(label);
  const id = await db.transaction((tx) => openHearing(tx, {
    unitId: fx.base.unitA, seats, seed, opens: '-1 minute', closes: `${seconds} seconds`, held, title: `听证会 ${label}`,
  }));
  const [row] = await db.query<{ ms: number }>(`select (extract(epoch from signup_closes_at) * 1000)::float8 as ms from public.hearings where id = $1`, [id]);
  return { id, seed, closesAt: row!.ms };
}

const untilClosed = async (closesAt: number) => {
  const wait = closesAt - Date.now() + 50;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
};

describe('sign_up_for_hearing without a token: one answer for every contact', () => {
  it('answers new, pending and signed-up contacts byte for byte alike (apart from the request id), and tells only the owner', async () => {
    const hearing = fx.hearing.open;
    const signedUp = await signUpVerified(db, { hearing_id: hearing, ...person('Known@Example.invalid') });
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: hearing, ...person('pending@example.invalid') });
    const before = await db.query(`select * from private.hearing_signups where contact_key = 'known@example.invalid'`);

    const answers = [];
    for (const contact of ['brand-new@example.invalid', 'pending@example.invalid', 'KNOWN@example.invalid']) {
      answers.push(await callRpc<Record<string, unknown>>(db, 'sign_up_for_hearing', { hearing_id: hearing, ...person(contact, { name: '王五' }) }));
    }
    const masked = answers.map((a) => JSON.stringify({ ...a, request_id: 'R' }));
    // The masked contact differs because the contacts differ; mask that too and nothing is left.
    const bare = answers.map((a) => JSON.stringify({ ...a, request_id: 'R', sent_to: 'S' }));
    expect(new Set(bare).size).toBe(1);
    expect(bare[0]).toBe('{"status":"code_sent","sent_to":"S","request_id":"R","valid_minutes":30}');
    expect(masked[2]).toContain('"sent_to":"k***@example.invalid"');
    for (const a of answers) expect(a['request_id']).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);

    // Every request can be followed: message_status answers alike (queued), never "no such request".
    for (const a of answers) {
      expect(await callRpc(db, 'message_status', { request_id: a['request_id'] as string })).toMatchObject({ status: 'queued' });
    }
    // The known contact's sign-up is unchanged; its owner was told what exists, without a code.
    expect(await db.query(`select * from private.hearing_signups where contact_key = 'known@example.invalid'`)).toEqual(before);
    const [exists] = await outbox(`recipient = 'known@example.invalid' and template = 'signup_exists'`);
    expect(exists!.payload).toMatchObject({ public_id: signedUp.public_id, status: 'registered', hearing_id: hearing });
    expect(exists!.payload).not.toHaveProperty('code');
    // The pending one got a fresh code and its newest details.
    expect(await outbox(`recipient = 'pending@example.invalid' and template = 'contact_code'`)).toHaveLength(2);
    expect(await db.query(`select name, status from private.hearing_signups where contact_key = 'pending@example.invalid'`))
      .toEqual([{ name: '王五', status: 'pending' }]);
  });

  it('counts pending sign-ups nowhere public: hearing_availability counts confirmed ones only', async () => {
    const before = await callRpc<{ signups: number }>(db, 'hearing_availability', { hearing_id: fx.hearing.open });
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person('someone-pending@example.invalid') });
    expect(await callRpc(db, 'hearing_availability', { hearing_id: fx.hearing.open })).toMatchObject({ signups: before.signups });
  });
});

describe('confirm_hearing_signup', () => {
  it('confirms with the code from the message: public id, management code, contact token, and the confirmation queued once', async () => {
    const contact = '+86 139-0000-1111';
    const confirmed = await signUpByCode(db, { hearing_id: fx.hearing.open, ...person(contact, { category: 'expert', locale: 'en' }) });
    expect(confirmed).toMatchObject({ status: 'registered', hearing_id: fx.hearing.open, contact: '+86 139****1111' });
    expect(confirmed.confirmation_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(confirmed.contact_token).toMatch(/^[0-9A-HJKMNP-TV-Z-]{29}$/);
    const [row] = await db.query<{ status: string; confirmed_at: string | null; category_review: string; locale: string }>(
      `select status, confirmed_at, category_review, locale from private.hearing_signups where public_id = $1`, [confirmed.public_id]);
    expect(row).toMatchObject({ status: 'registered', category_review: 'claimed', locale: 'en' });
    expect(row!.confirmed_at).not.toBeNull();
    expect(await callRpc(db, 'check_hearing_signup', { code: confirmed.confirmation_code })).toMatchObject({ status: 'registered' });
    const messages = await outbox(`recipient = '+8613900001111' and template = 'signup_confirmed'`);
    expect(messages.map((m) => [m.idempotency_key, m.locale])).toEqual([[`signup_confirmed:${await signupId(confirmed.public_id)}`, 'en']]);
  });

  it('refuses a wrong (403), an expired (410) and a reused (410) code with a clear message, writing nothing', async () => {
    const contact = 'codes@example.invalid';
    const args = { hearing_id: fx.hearing.open, contact };
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person(contact) });
    const code = await codeSentTo(db, contact);
    const wrong = code.startsWith('A') ? 'BBBB-BBBB' : 'AAAA-AAAA';

    const refusedWithNothingWritten = async (code: string, sqlstate: string, message: RegExp) => {
      const before = { ...(await writtenCounts(db)), outbox: await countRows(db, 'private.outbox'), codes: await countRows(db, 'private.contact_codes', 'used_at is not null') };
      await expectPgError(callRpc(db, 'confirm_hearing_signup', { ...args, code }), sqlstate, message);
      expect({ ...(await writtenCounts(db)), outbox: await countRows(db, 'private.outbox'), codes: await countRows(db, 'private.contact_codes', 'used_at is not null') }).toEqual(before);
      expect(await db.query(`select status from private.hearing_signups where contact_key = $1`, [contact])).toEqual([{ status: 'pending' }]);
    };
    await refusedWithNothingWritten(wrong, 'PT403', /not valid/);
    await refusedWithNothingWritten('XX', '22023', /not a code from our message/);
    // A code for another contact's sign-up is no code for this one.
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person('other-codes@example.invalid') });
    await refusedWithNothingWritten(await codeSentTo(db, 'other-codes@example.invalid'), 'PT403', /not valid/);

    await db.query(`update private.contact_codes set created_at = now() - interval '31 minutes', expires_at = now() - interval '1 minute' where contact_key = $1`, [contact]);
    await refusedWithNothingWritten(code, 'PT410', /expired or was already used/);

    // A fresh code confirms; used again, it is refused.
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person(contact) });
    const fresh = await codeSentTo(db, contact);
    await callRpc(db, 'confirm_hearing_signup', { ...args, code: fresh });
    await expectPgError(callRpc(db, 'confirm_hearing_signup', { ...args, code: fresh }), 'PT410', /expired or was already used/);
  });

  it('refuses a code for a hearing whose sign-ups are not open (409), and bad input (400) before any look-up', async () => {
    await expectPgError(callRpc(db, 'confirm_hearing_signup', { hearing_id: fx.hearing.closed, contact: 'x@example.invalid', code: 'AAAA-AAAA' }), 'PT409', /not open/);
    await expectPgError(callRpc(db, 'confirm_hearing_signup', { hearing_id: 987654, contact: 'x@example.invalid', code: 'AAAA-AAAA' }), 'PT404', /no hearing/);
    await expectPgError(callRpc(db, 'confirm_hearing_signup', { hearing_id: fx.hearing.open, contact: 'nonsense', code: 'AAAA-AAAA' }), '22023', /neither an e-mail/);
    await expectPgError(callRpc(db, 'confirm_hearing_signup', { hearing_id: fx.hearing.open, contact: 'x@example.invalid' }), '23502', /code is required/);
  });
});

describe('sign_up_for_hearing with a contact token', () => {
  it('registers at once for the token\'s own contact; its owner may learn of a duplicate; any other token is ignored', async () => {
    const first = await signUpVerified(db, { hearing_id: fx.hearing.open, ...person('token@example.invalid', { consent_to_list: true }) });
    expect(first).toMatchObject({ status: 'registered' });
    expect(await db.query(`select consent_to_list from private.hearing_signups where public_id = $1`, [first.public_id])).toEqual([{ consent_to_list: true }]);
    const duplicate = await expectPgError(
      callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person('token@example.invalid'), contact_token: first.contact_token }),
      '23505', /already signed up/);
    expect(duplicate.detail).toContain(first.public_id);
    // Someone else's token, or a made-up one: the plain answer, a code to the contact given.
    for (const token of [first.contact_token, 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ', 'nonsense']) {
      expect(await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person('not-the-token@example.invalid'), contact_token: token }))
        .toMatchObject({ status: 'code_sent' });
    }
  });
});

async function signupId(publicId: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(`select id::int as id from private.hearing_signups where public_id = $1`, [publicId]);
  return row!.id;
}

describe('reserved categories are claims, reviewed by staff before the draw', () => {
  it('confirms or refuses (with a reason) while sign-ups are open, only reserved categories of confirmed sign-ups', async () => {
    const expert = await signUpVerified(db, { hearing_id: fx.hearing.open, ...person('review-expert@example.invalid', { category: 'expert' }) });
    const citizen = await signUpVerified(db, { hearing_id: fx.hearing.open, ...person('review-citizen@example.invalid') });
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person('review-pending@example.invalid', { category: 'npc_deputy' }) });
    const [pending] = await db.query<{ public_id: string }>(`select public_id from private.hearing_signups where contact_key = 'review-pending@example.invalid'`);
    const review = (publicId: string, decision: string, reason: string | null = null, hearing = fx.hearing.open) =>
      db.query(`select private.review_signup_claim($1, $2, $3, $4)`, [hearing, publicId, decision, reason]);

    await expectPgError(review(expert.public_id, 'refused'), '22023', /needs a reason/);
    await expectPgError(review(citizen.public_id, 'confirmed'), '22023', /needs no review/);
    await expectPgError(review(pending!.public_id, 'confirmed'), 'PT409', /only confirmed sign-ups/);
    await expectPgError(review('ZZZZZZZZ', 'confirmed'), 'PT404', /no sign-up/);
    await expectPgError(review(expert.public_id, 'approved'), '22023', /confirmed or refused/);
    await review(expert.public_id, 'refused', '无法核实专家身份');
    await review(expert.public_id, 'confirmed');
    expect(await db.query(`select category_review, review_reason from private.hearing_signups where public_id = $1`, [expert.public_id]))
      .toEqual([{ category_review: 'confirmed', review_reason: null }]);
    await expectPgError(review(expert.public_id, 'confirmed', null, fx.hearing.closed), 'PT409', /before the draw/);
  });
});

describe('the draw, and the messages people expect', () => {
  it('draws only confirmed sign-ups; only confirmed claims fill reserved seats; every entrant is told once; the verifier agrees', async () => {
    const h = await shortHearing('draw', 3, 4);
    await db.query(`insert into public.hearing_quotas (hearing_id, category, seats) values ($1, 'affected_resident', 2)`, [h.id]);
    const signups: Record<string, string> = {};
    for (let i = 0; i < 6; i++) {
      signups[`c${i}`] = (await signUpVerified(db, { hearing_id: h.id, ...person(`draw-c${i}@example.invalid`) })).public_id;
    }
    const confirmedClaim = (await signUpVerified(db, { hearing_id: h.id, ...person('draw-resident@example.invalid', { category: 'affected_resident' }) })).public_id;
    const refusedClaim = (await signUpVerified(db, { hearing_id: h.id, ...person('draw-refused@example.invalid', { category: 'affected_resident' }) })).public_id;
    const unreviewedClaim = (await signUpVerified(db, { hearing_id: h.id, ...person('draw-unreviewed@example.invalid', { category: 'affected_resident' }) })).public_id;
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: h.id, ...person('draw-pending@example.invalid') });
    await db.query(`select private.review_signup_claim($1, $2, 'confirmed', null)`, [h.id, confirmedClaim]);
    await db.query(`select private.review_signup_claim($1, $2, 'refused', '非项目周边居民')`, [h.id, refusedClaim]);

    await untilClosed(h.closesAt);
    await db.transaction((tx) => closeHearing(tx, h.id, h.seed));

    const draws = await db.query<{ public_id: string; category: string; drawn: string }>(
      `select public_id, category, drawn from public.hearing_draws where hearing_id = $1 order by draw_order`, [h.id]);
    expect(draws).toHaveLength(9);
    expect(await db.query(`select status from private.hearing_signups where contact_key = 'draw-pending@example.invalid'`)).toEqual([{ status: 'expired' }]);
    const byId = new Map(draws.map((d) => [d.public_id, d]));
    // The confirmed resident takes a reserved seat whatever its place; the other claims draw in the general pool.
    expect(byId.get(confirmedClaim)).toMatchObject({ category: 'affected_resident', drawn: 'selected' });
    expect(byId.get(refusedClaim)!.category).toBe('general');
    expect(byId.get(unreviewedClaim)!.category).toBe('general');
    expect(draws.filter((d) => d.drawn === 'selected')).toHaveLength(3);
    expect((await verifyHearing(db, h.id)).ok).toBe(true);

    const results = await outbox(`template like 'lottery_%' and payload ->> 'hearing_id' = $1`, [String(h.id)]);
    expect(results.map((m) => m.template).sort()).toEqual([...Array<string>(3).fill('lottery_selected'), ...Array<string>(6).fill('lottery_waitlisted')]);
    expect(new Set(results.map((m) => m.recipient)).size).toBe(9);
    expect(results.every((m) => m.idempotency_key.startsWith('lottery_result:'))).toBe(true);
    expect(results.some((m) => m.recipient === 'draw-pending@example.invalid')).toBe(false);

    // A selected person withdraws: the first waitlisted moves up and is told, once.
    const selected = draws.find((d) => d.drawn === 'selected' && d.public_id !== confirmedClaim)!;
    await db.query(`update private.hearing_signups set status = 'withdrawn', withdrawn_at = now() where public_id = $1`, [selected.public_id]);
    const promoted = await outbox(`template = 'waitlist_promoted' and payload ->> 'hearing_id' = $1`, [String(h.id)]);
    expect(promoted).toHaveLength(1);
    expect(promoted[0]!.payload['public_id']).toBe(draws.find((d) => d.drawn === 'waitlisted')!.public_id);

    // The day before: one reminder per selected person, however often the sender asks.
    await db.query(`select private.enqueue_scheduled_messages()`);
    await db.query(`select private.enqueue_scheduled_messages()`);
    const reminders = await outbox(`template = 'hearing_reminder' and payload ->> 'hearing_id' = $1`, [String(h.id)]);
    expect(reminders).toHaveLength(3);
    expect(reminders.every((m) => m.idempotency_key.endsWith(`:${h.id}`))).toBe(true);

    // Every message of these templates renders, by e-mail (selected, promoted, reminder with a calendar) and by SMS.
    for (const m of await outbox(`template = any($1)`, [HEARING_TEMPLATES.map((t) => t.name)])) {
      const template = TEMPLATES[m.template]!;
      const payload = template.payload.parse(m.payload);
      for (const channel of ['email', 'sms'] as const) {
        const rendered = template.render(payload, { locale: m.locale as 'zh-CN' | 'en', channel, siteUrl: 'https://gongshi.example', recipient: m.recipient });
        expect(rendered.text.length).toBeGreaterThan(10);
        if (channel === 'sms') expect(rendered.text.length, rendered.text).toBeLessThan(160);
        if (channel === 'email' && ['lottery_selected', 'waitlist_promoted', 'hearing_reminder'].includes(m.template)) {
          expect(rendered.attachments?.[0]?.content).toMatch(/BEGIN:VCALENDAR[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*LOCATION:/);
        }
      }
    }
  }, 30_000);

  it('tells everyone confirmed when a hearing is cancelled, and those left waiting once it is held — each once', async () => {
    const cancelled = await shortHearing('cancel', 5, 600);
    for (let i = 0; i < 3; i++) await signUpVerified(db, { hearing_id: cancelled.id, ...person(`cancel-${i}@example.invalid`) });
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: cancelled.id, ...person('cancel-pending@example.invalid') });
    await db.transaction((tx) => cancelHearing(tx, cancelled.id, '方案撤回'));
    const told = await outbox(`template = 'hearing_cancelled' and payload ->> 'hearing_id' = $1`, [String(cancelled.id)]);
    expect(told).toHaveLength(3);
    expect(told[0]!.payload['reason']).toBe('方案撤回');
    expect(await db.query(`select status from private.hearing_signups where contact_key = 'cancel-pending@example.invalid'`)).toEqual([{ status: 'expired' }]);

    const held = await shortHearing('held', 1, 3, '4 seconds');
    for (let i = 0; i < 3; i++) await signUpVerified(db, { hearing_id: held.id, ...person(`held-${i}@example.invalid`) });
    await untilClosed(held.closesAt + 1500);
    await db.transaction(async (tx) => {
      await closeHearing(tx, held.id, held.seed);
      await recordOutcome(tx, held.id, [1, 0, 0]);
    });
    const notSelected = await outbox(`template = 'lottery_not_selected' and payload ->> 'hearing_id' = $1`, [String(held.id)]);
    expect(notSelected).toHaveLength(2);
  }, 30_000);
});

describe('one person, one voice, without locking out neighbours', () => {
  it('fifty people behind one address each sign up and confirm, under the default limits', async () => {
    const context = { headers: { 'x-forwarded-for': '203.0.113.50' } };
    const h = await shortHearing('neighbours', 20, 3600);
    for (let i = 0; i < 50; i++) {
      const confirmed = await signUpByCode(db, { hearing_id: h.id, ...person(`neighbour-${i}@example.invalid`) }, { context });
      expect(confirmed.status).toBe('registered');
    }
    expect(await callRpc(db, 'hearing_availability', { hearing_id: h.id })).toMatchObject({ signups: 50 });
  }, 60_000);

  it('one contact is one sign-up however it is written', async () => {
    await signUpVerified(db, { hearing_id: fx.hearing.open, ...person('Zhao.Li+hearing@Gmail.com') });
    await callRpc(db, 'sign_up_for_hearing', { hearing_id: fx.hearing.open, ...person('zhaoli@googlemail.com') });
    expect(await countRows(db, 'private.hearing_signups', `contact_key = 'zhaoli@gmail.com'`)).toBe(1);
    expect(await outbox(`recipient = 'zhaoli@gmail.com' and template = 'signup_exists'`)).toHaveLength(1);
  });
});
