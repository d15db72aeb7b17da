/**
 * The hearing gate and the verifiable lottery, in the database: forbidden transitions fail for a
 * direct UPDATE as the service role as well as for the owner; the log records every step; the
 * lottery stored by close_hearing equals an independent recomputation from the published data.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { computeDraw } from '../../src/lib/hearings/lottery.ts';
import { readOpenDataYears } from '../../src/lib/queries/opendata.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { insertRow } from './fixtures.ts';
import { addSignups, openHearing, testSeed } from './hearing-lifecycle.ts';

let db: Db;
let unit = 0;
let seq = 0;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function decision(requiresHearing: boolean): Promise<{ id: number; slug: string }> {
  seq++;
  const slug = `decision-${seq}`;
  // Price adjustments always require a hearing; a regulation may go without one.
  const id = await insertRow(db, 'public.decisions', {
    slug, kind: requiresHearing ? 'price_adjustment' : 'regulation', title: `决策${seq}`, summary: '调整居民用水价格', unit_id: unit,
    requires_hearing: requiresHearing,
  });
  return { id, slug };
}

/** A hearing whose sign-ups have ended and whose date has come: it can be closed, then held. */
async function hearing(decisionId: number | null, seats = 10, seed = testSeed(`hearing-${++seq}`)): Promise<number> {
  return db.transaction((tx) => openHearing(tx, { unitId: unit, decisionId, seats, seed, opens: '-20 days', closes: '-2 days', held: '-1 day' }));
}


const setStatus = (q: Queryable, id: number, status: string, reason: string | null = null) =>
  q.query(`update public.decisions set status = $2, status_reason = coalesce($3, status_reason) where id = $1`, [id, status, reason]);
const asService = (fn: (q: Queryable) => Promise<unknown>) => db.asRole('service_role', fn);

beforeAll(async () => {
  db = await createTestDb();
  await insertRow(db, 'public.assessment_years', { year: 2026 });
  unit = await insertRow(db, 'public.units', { code: 'DC-1', name: '市水务局', kind: 'municipal_unit', sector: 'urban' });
});

afterAll(async () => {
  await db?.close();
});

describe('the decision state machine', () => {
  it('a decision starts as proposed and its creation is logged', async () => {
    const d = await decision(true);
    const events = await db.query(`select from_status, to_status from public.decision_events where decision_id = $1`, [d.id]);
    expect(events).toEqual([{ from_status: null, to_status: 'proposed' }]);
    await expectPgError(
      db.query(`insert into public.decisions (slug, kind, title, summary, unit_id, requires_hearing, status) values ('x-skip', 'other', '跳过', '跳过', $1, true, 'submitted')`, [unit]),
      '23514', /starts as proposed/,
    );
  });

  it('refuses every forbidden transition, for the owner and for service_role, and changes nothing', async () => {
    const d = await decision(true);
    for (const to of ['heard', 'submitted', 'decided', 'cleared']) {
      await expectPgError(setStatus(db, d.id, to), 'PT409');
      await expectPgError(asService((q) => setStatus(q, d.id, to)), 'PT409');
    }
    const [row] = await db.query<{ status: string }>(`select status from public.decisions where id = $1`, [d.id]);
    expect(row!.status).toBe('proposed');
    expect(await countRows(db, 'public.decision_events', 'decision_id = $1', [d.id])).toBe(1);
  });

  it('cannot schedule a hearing that does not exist, nor skip the gate to submitted', async () => {
    const d = await decision(true);
    await expectPgError(setStatus(db, d.id, 'hearing_scheduled'), 'PT409', /no open hearing/);
    await expectPgError(setStatus(db, d.id, 'cleared'), 'PT409', /requires a citizen-representative hearing/);
  });

  it('walks the whole path through a hearing whose majority did not oppose, logging each step', async () => {
    const d = await decision(true);
    const h = await hearing(d.id);
    await asService((q) => setStatus(q, d.id, 'hearing_scheduled', '已安排听证'));
    await addSignups(db, h, 10);
    await db.query(`select private.close_hearing($1, null)`, [h]);
    // A tie (5 against of 10 cast) is not a majority.
    await db.query(`select private.record_hearing_outcome($1, 4, 5, 1, '多数代表支持调整方案')`, [h]);
    await asService((q) => setStatus(q, d.id, 'cleared', '听证通过'));
    await asService((q) => setStatus(q, d.id, 'submitted', '提交常务会议审议'));
    await asService((q) => setStatus(q, d.id, 'decided', '常务会议通过'));
    const log = await db.query<{ to_status: string }>(`select to_status from public.decision_events where decision_id = $1 order by id`, [d.id]);
    expect(log.map((e) => e.to_status)).toEqual(['proposed', 'hearing_scheduled', 'heard', 'cleared', 'submitted', 'decided']);
    await expectPgError(setStatus(db, d.id, 'withdrawn', '太晚了'), 'PT409', /cannot go from decided/);
  });

  it('a majority against withdraws the decision with that reason, and it can never be submitted', async () => {
    const d = await decision(true);
    const h = await hearing(d.id);
    await setStatus(db, d.id, 'hearing_scheduled');
    await addSignups(db, h, 10);
    await db.query(`select private.close_hearing($1, null)`, [h]);
    await db.query(`select private.record_hearing_outcome($1, 3, 6, 1, '多数代表反对')`, [h]);
    const [row] = await db.query<{ status: string; status_reason: string }>(`select status, status_reason from public.decisions where id = $1`, [d.id]);
    expect(row!.status).toBe('withdrawn');
    expect(row!.status_reason).toMatch(/多数代表反对|majority/);
    await expectPgError(setStatus(db, d.id, 'cleared'), 'PT409');
  });

  it('a hearing with no votes cast gives no opinion: the decision cannot be cleared on it', async () => {
    const d = await decision(true);
    const h = await hearing(d.id);
    await setStatus(db, d.id, 'hearing_scheduled');
    await db.query(`select private.close_hearing($1, null)`, [h]);
    await db.query(`select private.record_hearing_outcome($1, 0, 0, 0, '无人到场')`, [h]);
    const [row] = await db.query<{ status: string }>(`select status from public.decisions where id = $1`, [d.id]);
    expect(row!.status).toBe('hearing_scheduled');
    await setStatus(db, d.id, 'heard');
    const error = await expectPgError(setStatus(db, d.id, 'cleared'), 'PT409', /requires a citizen-representative hearing/);
    expect(error.detail).toMatch(/No hearing of this decision has been held with votes cast/);
  });

  it('a decision that needs no hearing goes straight to cleared; withdrawing needs a reason', async () => {
    const d = await decision(false);
    await setStatus(db, d.id, 'cleared');
    await setStatus(db, d.id, 'submitted');
    await expectPgError(setStatus(db, d.id, 'withdrawn'), '23514', /needs a reason/);
    await setStatus(db, d.id, 'withdrawn', '政策调整');
  });

  it('the log is append-only', async () => {
    await expectPgError(db.query(`update public.decision_events set reason = 'x'`), 'PT409');
    await expectPgError(asService((q) => q.query(`delete from public.decision_events`)), 'PT409');
  });
});

describe('the verifiable lottery', () => {
  let h = 0;
  const seed = testSeed('the verifiable lottery');
  const ids: string[] = [];

  beforeAll(async () => {
    h = await hearing(null, 10, seed);
    await db.query(`insert into public.hearing_quotas (hearing_id, category, seats) values ($1, 'expert', 2)`, [h]);
    ids.push(...(await addSignups(db, h, 4, 'expert', 'expert')), ...(await addSignups(db, h, 26, 'citizen')));
  });

  it('refuses a revealed seed that does not match the commitment, changing nothing', async () => {
    await expectPgError(db.query(`select private.close_hearing($1, $2)`, [h, testSeed('another seed')]), '22023', /does not match/);
    const [row] = await db.query<{ status: string }>(`select status from public.hearings where id = $1`, [h]);
    expect(row!.status).toBe('open');
    expect(await countRows(db, 'public.hearing_draws', 'hearing_id = $1', [h])).toBe(0);
    await expectPgError(db.query(`select private.commit_lottery_seed($1, $2)`, [h, sha('another')]), 'PT409');
  });

  it('draws exactly what an independent recomputation from the published data gives', async () => {
    await db.query(`select private.close_hearing($1, $2)`, [h, seed]);
    const published = await db.asRole('anon', (q) =>
      q.query<{ public_id: string; category: string; draw_key: string; draw_order: number; drawn: 'selected' | 'waitlisted' }>(
        `select public_id, category, draw_key, draw_order, drawn from public.hearing_draws where hearing_id = $1 order by draw_order`, [h]),
    );
    const [pub] = await db.asRole('anon', (q) => q.query<{ lottery_seed: string; seats: number }>(`select lottery_seed, seats from public.hearings where id = $1`, [h]));
    const recomputed = await computeDraw(pub!.lottery_seed, published.map(({ public_id, category }) => ({ public_id, category })), pub!.seats, { expert: 2 });
    expect(published).toEqual(recomputed);
    expect(published.filter((r) => r.drawn === 'selected')).toHaveLength(10);
    // Quotas first: the two experts earliest in draw order are selected.
    const experts = published.filter((r) => r.category === 'expert');
    expect(experts.slice(0, 2).every((r) => r.drawn === 'selected')).toBe(true);
    // No names are published without consent.
    const names = await db.asRole('anon', (q) => q.query(`select listed_name from public.hearing_draws where hearing_id = $1 and listed_name is not null`, [h]));
    expect(names).toHaveLength(0);
  });

  it('the open data (dataset hearing-draws) alone is enough to recompute the draw', async () => {
    const rows = (await readOpenDataYears(db)).flatMap((y) => y.hearing_draws).filter((r) => r.hearing_id === h);
    expect(rows).toHaveLength(30);
    const first = rows[0]!;
    expect(sha(first.seed!)).toBe(first.seed_hash);
    expect(Date.parse(first.seed_committed_at)).toBeLessThanOrEqual(Date.parse(first.signups_opened_at));
    const quotas = Object.fromEntries(first.reserved_seats.split('; ').filter(Boolean).map((q) => q.split(':')).map(([c, n]) => [c!, Number(n)]));
    const recomputed = await computeDraw(first.seed!, rows.map(({ public_id, category }) => ({ public_id, category })), first.seats, quotas);
    expect(rows.map(({ public_id, category, draw_key, draw_order, drawn }) => ({ public_id, category, draw_key, draw_order, drawn }))).toEqual(recomputed);
    expect(rows.every((r) => r.listed_name === null)).toBe(true);
  });

  it('a withdrawal promotes the first on the waitlist, in draw order', async () => {
    const draws = await db.query<{ public_id: string; drawn: string }>(
      `select public_id, drawn from public.hearing_draws where hearing_id = $1 order by draw_order`, [h]);
    const leaving = draws.find((d) => d.drawn === 'selected' && !ids.slice(0, 4).includes(d.public_id))!;
    const firstWaiting = draws.find((d) => d.drawn === 'waitlisted')!;
    await db.query(`update private.hearing_signups set status = 'withdrawn', withdrawn_at = now() where hearing_id = $1 and public_id = $2`, [h, leaving.public_id]);
    const now = await db.query<{ public_id: string; current_status: string }>(
      `select public_id, current_status from public.hearing_draws where hearing_id = $1 and public_id in ($2, $3) order by public_id`,
      [h, leaving.public_id, firstWaiting.public_id]);
    expect(Object.fromEntries(now.map((r) => [r.public_id, r.current_status]))).toEqual({
      [leaving.public_id]: 'withdrawn', [firstWaiting.public_id]: 'selected',
    });
  });

  it('a hearing cannot go back, and its recorded outcome is final', async () => {
    await expectPgError(db.query(`update public.hearings set status = 'open' where id = $1`, [h]), 'PT409', /cannot go from closed to open/);
    await db.query(`select private.record_hearing_outcome($1, 6, 2, 1, '意见已记录')`, [h]);
    await expectPgError(db.query(`update public.hearings set votes_for = 9 where id = $1`, [h]), 'PT409', /final/);
    await expectPgError(db.query(`select private.record_hearing_outcome($1, 1, 1, 1, '再来一次')`, [h]), 'PT409');
  });

  it('without oversubscription everyone is selected, with no seed needed', async () => {
    const small = await hearing(null, 10);
    await addSignups(db, small, 6);
    await db.query(`select private.close_hearing($1, null)`, [small]);
    expect(await countRows(db, 'public.hearing_draws', `hearing_id = $1 and drawn = 'selected'`, [small])).toBe(6);
  });

  it('an oversubscribed hearing cannot be closed without its committed seed', async () => {
    const busy = await hearing(null, 2);
    await addSignups(db, busy, 3);
    await expectPgError(db.query(`select private.close_hearing($1, null)`, [busy]), '22023', /needs the committed seed/);
  });
});
