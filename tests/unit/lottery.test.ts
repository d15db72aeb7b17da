import { describe, expect, it } from 'vitest';
import { compareDraws, computeDraw, drawKey, GENERAL_POOL, sha256Hex, verifyDraw } from '../../src/lib/hearings/lottery.ts';

const entries = (n: number, category = 'citizen_representative') =>
  Array.from({ length: n }, (_, i) => ({ public_id: `P${String(i).padStart(7, '0')}`, category }));

describe('hearing lottery', () => {
  it('draw keys are SHA-256 of seed:public_id', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // sha256('seed:ABCDEFGH'), as `printf 'seed:ABCDEFGH' | sha256sum` prints it.
    expect(await drawKey('seed', 'ABCDEFGH')).toBe('69de692d345a61c569cb1e0c0c309331780e0f6a0bb0b6ca81744d7862343518');
  });

  it('is reproducible: the same seed and sign-ups give the same order', async () => {
    const a = await computeDraw('s3cret', entries(30), 10);
    const b = await computeDraw('s3cret', [...entries(30)].reverse(), 10);
    expect(a).toEqual(b);
    expect(a.filter((r) => r.drawn === 'selected')).toHaveLength(10);
    expect(a.map((r) => r.draw_order)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('selects everyone when there are no more sign-ups than seats', async () => {
    const draw = await computeDraw('x', entries(8), 10);
    expect(draw.every((r) => r.drawn === 'selected')).toBe(true);
  });

  it('fills reserved quotas first, in draw order', async () => {
    const all = [...entries(20), ...Array.from({ length: 5 }, (_, i) => ({ public_id: `E${i}`, category: 'expert' }))];
    const draw = await computeDraw('quota-seed', all, 6, { expert: 3 });
    const experts = draw.filter((r) => r.category === 'expert');
    const firstThreeExperts = experts.slice(0, 3).map((r) => r.public_id);
    expect(draw.filter((r) => r.drawn === 'selected')).toHaveLength(6);
    for (const id of firstThreeExperts) expect(draw.find((r) => r.public_id === id)?.drawn).toBe('selected');
  });

  it('an entrant in the general pool (a claim staff did not confirm) never fills a reserved seat', async () => {
    const experts = Array.from({ length: 3 }, (_, i) => ({ public_id: `E${i}`, category: 'expert' }));
    const unconfirmed = Array.from({ length: 10 }, (_, i) => ({ public_id: `G${i}`, category: GENERAL_POOL }));
    const draw = await computeDraw('claims', [...experts, ...unconfirmed], 4, { expert: 3, [GENERAL_POOL]: 2 });
    // The three confirmed experts take the reserved seats whatever their place in the draw; one general seat is left.
    for (const e of experts) expect(draw.find((r) => r.public_id === e.public_id)?.drawn).toBe('selected');
    expect(draw.filter((r) => r.category === GENERAL_POOL && r.drawn === 'selected')).toHaveLength(1);
  });

  it('is unbiased: each of 50 sign-ups for 10 seats is selected about 20% of the time over 2,000 seeds', async () => {
    const people = entries(50);
    const wins = new Map<string, number>();
    for (let s = 0; s < 2000; s++) {
      for (const r of await computeDraw(`seed-${s}`, people, 10)) if (r.drawn === 'selected') wins.set(r.public_id, (wins.get(r.public_id) ?? 0) + 1);
    }
    // Binomial(2000, 0.2): sd ≈ 17.9 selections; 5 sd either side of 400.
    for (const p of people) {
      const n = wins.get(p.public_id) ?? 0;
      expect(n).toBeGreaterThan(400 - 90);
      expect(n).toBeLessThan(400 + 90);
    }
  });

  it('reports where a published draw differs from the recomputation', async () => {
    const draw = await computeDraw('k', entries(5), 2);
    const tampered = draw.map((r, i) => (i === 0 ? { ...r, drawn: 'waitlisted' as const } : r));
    expect(compareDraws(draw, draw)).toEqual([]);
    expect(compareDraws(tampered, draw)).toEqual([{ public_id: draw[0]!.public_id, field: 'drawn', published: 'waitlisted', recomputed: 'selected' }]);
  });
});

describe('verifyDraw', () => {
  it('verifies a published draw from its seed, and catches a seed that does not match its commitment', async () => {
    const seed = 'published seed';
    const draws = await computeDraw(seed, entries(12), 4);
    const seedHash = await sha256Hex(seed);
    expect(await verifyDraw({ seed, seedHash, seats: 4, quotas: {}, draws })).toEqual({ hashMatches: true, mismatches: [] });
    const other = await verifyDraw({ seed: 'another seed', seedHash, seats: 4, quotas: {}, draws });
    expect(other.hashMatches).toBe(false);
    expect(other.mismatches.length).toBeGreaterThan(0);
  });
});
