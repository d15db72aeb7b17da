/** The verifier's lottery check over rows shaped like the open dataset hearing-draws. */
import { describe, expect, it } from 'vitest';
import { computeDraw, sha256Hex } from '../../src/lib/hearings/lottery.ts';
import type { HearingDrawRow } from '../../src/lib/schemas/opendata/hearing-draws.ts';
import { parseReservedSeats, verifyLotteries } from '../../src/lib/verify/lotteries.ts';

async function hearing(seed: string, entrants: number): Promise<HearingDrawRow[]> {
  const entries = Array.from({ length: entrants }, (_, i) => ({ public_id: `S${String(i + 1).padStart(4, '0')}`, category: i % 5 === 0 ? 'npc_deputy' : 'general' }));
  const drawn = await computeDraw(seed, entries, 6, { npc_deputy: 2 });
  const seed_hash = await sha256Hex(seed);
  return drawn.map((d) => ({
    year: 2026, hearing_id: 7, hearing_title: '公交票价调整听证会', decision_slug: 'bus-fare', held_at: '2026-05-20T01:30:00Z',
    seats: 6, reserved_seats: 'npc_deputy:2', seed_hash, seed_committed_at: '2026-04-01T00:00:00Z', signups_opened_at: '2026-04-02T00:00:00Z',
    seed, public_id: d.public_id, category: d.category, district_code: null, draw_key: d.draw_key, draw_order: d.draw_order,
    drawn: d.drawn, current_status: d.drawn, listed_name: null,
  }));
}

describe('verifying published lotteries', () => {
  it('reads reserved seats as published and refuses what it cannot read', () => {
    expect(parseReservedSeats('expert:1; npc_deputy:2')).toEqual({ expert: 1, npc_deputy: 2 });
    expect(parseReservedSeats('')).toEqual({});
    expect(() => parseReservedSeats('expert=1')).toThrow(/not category:seats/);
  });

  it('passes an honest draw', async () => {
    expect(await verifyLotteries(2026, await hearing('f3a1c9', 20))).toEqual({ hearings: 1, findings: [] });
  });

  it('flags seats reserved for the general pool and a category no entrant is drawn in', async () => {
    const rows = (await hearing('f3a1c9', 10)).map((r) => ({ ...r, reserved_seats: 'general:1; npc_deputy:2' }));
    rows[0] = { ...rows[0]!, category: 'mayor' };
    const problems = (await verifyLotteries(2026, rows)).findings.map((f) => f.problem);
    expect(problems).toEqual(expect.arrayContaining([
      'seats are reserved for the general pool (general:1; npc_deputy:2), which is no category',
      `${rows[0].public_id}: "mayor" is not a category entrants are drawn in`,
    ]));
  });

  it('names a swapped result, a seed that is not the committed one, and a commitment made too late', async () => {
    const rows = await hearing('f3a1c9', 20);
    const selected = rows.findIndex((r) => r.drawn === 'selected' && r.category === 'general');
    const waitlisted = rows.findIndex((r) => r.drawn === 'waitlisted');
    rows[selected] = { ...rows[selected]!, drawn: 'waitlisted' };
    rows[waitlisted] = { ...rows[waitlisted]!, drawn: 'selected' };
    const { findings } = await verifyLotteries(2026, rows);
    const problems = findings.map((f) => f.problem);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([
      `${rows[selected].public_id}: drawn published waitlisted, recomputed selected`,
      `${rows[waitlisted].public_id}: drawn published selected, recomputed waitlisted`,
    ]));

    const reseeded = (await hearing('f3a1c9', 20)).map((r) => ({ ...r, seed_hash: '0'.repeat(64), seed_committed_at: '2026-04-03T00:00:00Z' }));
    expect((await verifyLotteries(2026, reseeded)).findings.map((f) => f.problem)).toEqual([
      'the seed\'s hash was published at 2026-04-03T00:00:00Z, after sign-ups opened at 2026-04-02T00:00:00Z',
      `the revealed seed does not hash to the commitment ${'0'.repeat(64)}`,
    ]);
  });
});
