import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/lib/demo/rng.ts';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('is deterministic: the same seed gives the same sequence', () => {
    expect(draws(new Rng(2026), 50)).toEqual(draws(new Rng(2026), 50));
  });

  it('gives different sequences for different seeds', () => {
    const a = draws(new Rng(1), 20);
    expect(draws(new Rng(2), 20)).not.toEqual(a);
    // Seeds are taken as unsigned 32-bit integers.
    expect(draws(new Rng(1 + 2 ** 32), 20)).toEqual(a);
  });

  it('next() is uniform-ish in [0, 1)', () => {
    const xs = draws(new Rng(42), 2000);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(new Set(xs).size).toBe(xs.length);
  });

  it('int(min, max) stays within both bounds, inclusive, and reaches each of them', () => {
    const rng = new Rng(7);
    const seen = new Map<number, number>();
    for (let i = 0; i < 600; i++) {
      const x = rng.int(-2, 3);
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThanOrEqual(3);
      seen.set(x, (seen.get(x) ?? 0) + 1);
    }
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(new Rng(7).int(5, 5)).toBe(5);
  });

  it('range(min, max) stays within [min, max)', () => {
    const rng = new Rng(9);
    for (let i = 0; i < 200; i++) {
      const x = rng.range(0.8, 1.2);
      expect(x).toBeGreaterThanOrEqual(0.8);
      expect(x).toBeLessThan(1.2);
    }
  });

  it('chance(0) never and chance(1) always', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 50; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });

  it('pick() returns items of the list and refuses an empty one', () => {
    const rng = new Rng(5);
    const items = ['a', 'b', 'c'] as const;
    const picked = new Set(Array.from({ length: 60 }, () => rng.pick(items)));
    expect([...picked].sort()).toEqual(['a', 'b', 'c']);
    expect(() => rng.pick([])).toThrow(/empty/);
  });

  it('shuffle() is a deterministic permutation that leaves its input alone', () => {
    const input = Array.from({ length: 20 }, (_, i) => i);
    const copy = [...input];
    const shuffled = new Rng(11).shuffle(input);
    expect(input).toEqual(copy);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(shuffled).not.toEqual(input);
    expect(new Rng(11).shuffle(input)).toEqual(shuffled);
  });

  it('normal() centres on its mean', () => {
    const rng = new Rng(13);
    const xs = Array.from({ length: 2000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeGreaterThan(9.8);
    expect(mean).toBeLessThan(10.2);
    expect(sd).toBeGreaterThan(1.8);
    expect(sd).toBeLessThan(2.2);
    for (const x of xs) expect(Number.isFinite(x)).toBe(true);
  });

  it('fork() gives deterministic children that differ by label', () => {
    const child = (label: string) => draws(new Rng(2026).fork(label), 10);
    expect(child('people')).toEqual(child('people'));
    expect(child('people')).not.toEqual(child('M001'));
    // A fork does not replay its parent.
    const parent = new Rng(2026);
    const forked = parent.fork('x');
    expect(draws(forked, 10)).not.toEqual(draws(parent, 10));
  });
});
