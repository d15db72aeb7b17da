/** The demo city's leaders' half-year reports: complete but for one or two, a few late, deterministic. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { generateDemoLeaderReports } from '../../src/lib/demo/leader-reports.ts';

const city = generateDemoCity(DEFAULT_DEMO);
const reports = generateDemoLeaderReports(city);
const due = (period: string) => (period.endsWith('H1') ? `${period.slice(0, 4)}-07-31` : `${Number(period.slice(0, 4)) + 1}-01-31`);

describe('generateDemoLeaderReports', () => {
  it('covers every half year due before the demo month (2023-H1 to 2026-H1 as of 2026-11-15)', () => {
    expect([...new Set(reports.map((r) => r.period))].sort()).toEqual(
      ['2023-H1', '2023-H2', '2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1']);
  });

  it('has a report from every cadre for every half year, but for one or two of the latest', () => {
    const periods = [...new Set(reports.map((r) => r.period))];
    const expected = city.cadres.length * periods.length;
    expect(expected - reports.length).toBeGreaterThanOrEqual(1);
    expect(expected - reports.length).toBeLessThanOrEqual(2);
    for (const period of periods.filter((p) => p !== '2026-H1')) {
      expect(reports.filter((r) => r.period === period)).toHaveLength(city.cadres.length);
    }
    expect(new Set(reports.map((r) => `${String(r.cadre_id)}|${String(r.period)}`)).size).toBe(reports.length);
  });

  it('has a few late reports, every one published after it was submitted and before the demo month', () => {
    const late = reports.filter((r) => (r.submitted_on as string) > due(r.period as string));
    expect(late.length).toBeGreaterThan(10);
    expect(late.length).toBeLessThan(reports.length * 0.1);
    for (const r of reports) {
      expect((r.published_at as string).slice(0, 10) >= (r.submitted_on as string)).toBe(true);
      expect((r.published_at as string) < '2026-11-01').toBe(true);
      expect((r.summary as string).length).toBeGreaterThanOrEqual(20);
      expect((r.summary as string).length).toBeLessThanOrEqual(2000);
    }
  });

  it('is deterministic', () => {
    expect(generateDemoLeaderReports(generateDemoCity(DEFAULT_DEMO))).toEqual(reports);
  });
});
