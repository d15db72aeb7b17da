/**
 * The demo city's size: how many past years it has (pastYears) and how many targets each carries
 * (pastScale). Generated only, not loaded: the loaded variant is tests/db/demo-scale.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO, generateDemoCity, type DemoCity, type Row } from '../../src/lib/demo/generate.ts';
import { generateDemoSurveys } from '../../src/lib/demo/surveys.ts';
import { generateDemoLeaderReports } from '../../src/lib/demo/leader-reports.ts';
import { seedCommand } from '../../src/cli/commands/seed.ts';
import { UsageError } from '../../src/cli/command.ts';

const big = generateDemoCity({ ...DEFAULT_DEMO, pastYears: 6, pastScale: 1 });
const PAST = [2020, 2021, 2022, 2023, 2024, 2025];

/** Top-level targets (published or still awaiting approval) of a unit in a year. */
function topLevel(city: DemoCity, unitId: number, year: number): number {
  return city.targets.filter((t) => t.unit_id === unitId && t.year === year && t.parent_id === null).length;
}

/** Targets without sub-targets: the ones that file reports. */
function leaves(city: DemoCity, year: number): Row[] {
  const parents = new Set(city.targets.map((t) => t.parent_id));
  return city.targets.filter((t) => t.year === year && t.status === 'published' && !parents.has(t.id));
}

describe('a city with six past years at full scale', () => {
  it('has seven assessment years: six closed, then the current one active', () => {
    expect(big.assessment_years).toEqual([
      ...PAST.map((year) => ({ year, status: 'closed' })),
      { year: 2026, status: 'active' },
    ]);
    expect(big.pastYears).toBe(6);
    expect(big.pastScale).toBe(1);
  });

  // Full scale means the current year's rule for every past year: each year a unit draws 12–17
  // targets (a district 22–28), at least 5, and never more than it has distinct indicators and
  // tasks for. A unit below the draw's floor this year has hit that cap, so every year has as many.
  it('gives every unit as many targets each past year as the current year, by the same rule', () => {
    for (const unit of big.units) {
      const [low, high] = unit.kind === 'district' ? [22, 28] : [12, 17];
      const current = topLevel(big, unit.id as number, 2026);
      for (const year of PAST) {
        const count = topLevel(big, unit.id as number, year);
        if (current < low) expect(count, `${String(unit.code)} ${year}`).toBe(current);
        else expect(count, `${String(unit.code)} ${year}`).toBeGreaterThanOrEqual(low);
        expect(count, `${String(unit.code)} ${year}`).toBeLessThanOrEqual(high);
      }
    }
    const total = (year: number) => big.targets.filter((t) => t.year === year).length;
    for (const year of PAST) expect(Math.abs(total(year) / total(2026) - 1)).toBeLessThan(0.05);
  });

  it('reports every month of every past year, each leaf target to its final status by its deadline', () => {
    const reports = new Map<number, Row[]>();
    for (const r of big.progress_reports) reports.set(r.target_id as number, [...(reports.get(r.target_id as number) ?? []), r]);
    for (const year of PAST) {
      const periods = new Set(big.progress_reports.filter((r) => (r.period as string).startsWith(`${year}-`)).map((r) => r.period));
      expect([...periods].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`));
      for (const target of leaves(big, year)) {
        const own = reports.get(target.id as number) ?? [];
        const last = own.at(-1);
        expect(last?.status, String(target.code)).toMatch(/^(completed|not_completed)$/);
        expect(`${last?.period as string}-01` <= (target.deadline as string)).toBe(true);
      }
    }
  });

  it('holds supervision records, a panel survey and both half-year leader reports for every unit and past year', () => {
    const surveys = generateDemoSurveys(big, big.seed, { survey: 0, question: 0, response: 0 }).surveys;
    const halves = generateDemoLeaderReports(big);
    for (const year of PAST) {
      for (const unit of big.units) {
        expect(big.supervision_records.some((s) => s.unit_id === unit.id && s.year === year && s.method === 'semiannual_inspection')).toBe(true);
        expect(surveys.filter((s) => s.unit_id === unit.id && s.year === year && s.mode === 'panel')).toHaveLength(1);
      }
      for (const period of [`${year}-H1`, `${year}-H2`]) expect(halves.filter((r) => r.period === period)).toHaveLength(big.cadres.length);
    }
  });
});

describe('the default size', () => {
  const city = generateDemoCity({ seed: DEFAULT_DEMO.seed, asOf: DEFAULT_DEMO.asOf });

  it('is three past years at scale 0.3, whether given or not', () => {
    expect(generateDemoCity({ ...DEFAULT_DEMO, pastYears: 3, pastScale: 0.3 })).toEqual(city);
    expect(city.assessment_years.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    expect(city.pastYears).toBe(3);
    expect(city.pastScale).toBe(0.3);
  });

  it('is kept row for row, ids included, by a longer history of the same scale, whose older years come after it', () => {
    const longer = generateDemoCity({ ...DEFAULT_DEMO, pastYears: 6 });
    expect(longer.units).toEqual(city.units);
    expect(longer.cadres).toEqual(city.cadres);
    for (const table of ['targets', 'target_baselines', 'progress_reports', 'supervision_records'] as const) {
      expect(longer[table].slice(0, city[table].length), table).toEqual(city[table]);
    }
    const added = longer.targets.slice(city.targets.length);
    expect([...new Set(added.map((t) => t.year))].sort()).toEqual([2020, 2021, 2022]);
    expect(new Set(longer.progress_reports.slice(city.progress_reports.length).map((r) => (r.period as string).slice(0, 4))))
      .toEqual(new Set(['2020', '2021', '2022']));
  });

  it('changes with the scale: full-scale past years carry more than twice the targets', () => {
    const full = generateDemoCity({ ...DEFAULT_DEMO, pastScale: 1 });
    const past = (c: DemoCity) => c.targets.filter((t) => (t.year as number) < 2026).length;
    expect(past(full)).toBeGreaterThan(2 * past(city));
    expect(full.targets.filter((t) => t.year === 2026)).toEqual(city.targets.filter((t) => t.year === 2026));
  });
});

describe('checking the size', () => {
  it.each([0, 13, 2.5, -1, Number.NaN])('refuses pastYears %s', (pastYears) => {
    expect(() => generateDemoCity({ ...DEFAULT_DEMO, pastYears })).toThrow(/pastYears must be a whole number from 1 to 12, got/);
  });

  it.each([0, -0.3, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses pastScale %s', (pastScale) => {
    expect(() => generateDemoCity({ ...DEFAULT_DEMO, pastScale })).toThrow(/pastScale must be a share above 0 and at most 1/);
  });

  it('refuses a history whose baselines would fall before 2000', () => {
    expect(() => generateDemoCity({ ...DEFAULT_DEMO, asOf: '2008-06-01', pastYears: 6 }))
      .toThrow('6 past years before 2008 need baselines from 1999, before 2000: choose fewer past years or a later date');
    expect(generateDemoCity({ ...DEFAULT_DEMO, asOf: '2009-06-01', pastYears: 6 }).assessment_years[0]).toEqual({ year: 2003, status: 'closed' });
  });

  it('accepts the bounds: one past year, twelve past years, a tiny scale', () => {
    expect(generateDemoCity({ ...DEFAULT_DEMO, pastYears: 1 }).assessment_years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(generateDemoCity({ ...DEFAULT_DEMO, pastYears: 12, pastScale: 0.01 }).assessment_years).toHaveLength(13);
  });
});

// The command checks its options before it opens any database, so these need none.
describe('seed --past-years and --past-scale', () => {
  it('names both options, their range and their defaults in --help', () => {
    expect(seedCommand.help).toMatch(/--past-years N +closed years before the current one, 1 to 12 \(default 3\)/);
    expect(seedCommand.help).toMatch(/--past-scale F[\s\S]*\(default 0\.3;/);
  });

  it.each([
    [{ 'past-years': '0' }, '--past-years must be a whole number from 1 to 12, got "0".'],
    [{ 'past-years': '13' }, '--past-years must be a whole number from 1 to 12, got "13".'],
    [{ 'past-years': '2.5' }, '--past-years must be a whole number from 1 to 12, got "2.5".'],
    [{ 'past-scale': '0' }, '--past-scale must be a number above 0 and at most 1 (such as 0.3, or 1 for full scale), got "0".'],
    [{ 'past-scale': '1.5' }, '--past-scale must be a number above 0 and at most 1 (such as 0.3, or 1 for full scale), got "1.5".'],
    [{ 'past-scale': 'full' }, '--past-scale must be a number above 0 and at most 1 (such as 0.3, or 1 for full scale), got "full".'],
    [{ 'as-of': '2008-06-01', 'past-years': '6' }, '6 past years before 2008 need baselines from 1999, before 2000: choose fewer past years or a later date.'],
  ])('refuses %o', async (values, message) => {
    const error = await seedCommand.run({ demo: true, ...values }, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
  });
});
