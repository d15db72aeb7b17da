/**
 * A demo city with a longer history (four past years) loads like the default one: every past year
 * has its annual bulletin and its published assessment, which the verifier reproduces from the open
 * data with the year before it, and the corrections chain stays on last year. Kept small (scale 0.3)
 * so it loads in well under a minute; the full-scale city is measured by the benchmark, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';
import { readOpenDataYears } from '../../src/lib/queries/opendata.ts';
import { verifyAssessmentYear } from '../../src/lib/verify/assessments.ts';
import { createTestDb } from './harness.ts';

const PAST = [2022, 2023, 2024, 2025];
let db: Db;

beforeAll(async () => {
  db = await createTestDb();
  await loadDemoCity(db, generateDemoCity({ ...DEFAULT_DEMO, pastYears: 4, pastScale: 0.3 }));
}, 300_000);

afterAll(async () => {
  await db?.close();
});

describe('a demo city with four past years', () => {
  it('has five assessment years, the four past ones published', async () => {
    expect(await db.query(`select year, status from public.assessment_years order by year`)).toEqual([
      ...PAST.map((year) => ({ year, status: 'published' })), { year: 2026, status: 'active' },
    ]);
  });

  it('publishes an annual bulletin for every past year, and an erratum of the last one only', async () => {
    const annual = await db.query<{ period: string; erratum: boolean }>(
      `select period, supersedes_id is not null as erratum from public.bulletins
       where kind = 'annual' and published_at is not null order by period, id`);
    expect(annual).toEqual([...PAST.map((period) => ({ period: String(period), erratum: false })), { period: '2025', erratum: true }]);
  });

  it('publishes every past year\'s assessment for every unit (last year corrected once) and keeps this year a draft', async () => {
    const runs = await db.query<{ year: number; version: number; published: boolean; units: number }>(
      `select r.year, r.version, r.published_at is not null as published,
              (select count(*)::int from public.annual_assessments a where a.run_id = r.id) as units
       from public.assessment_runs r order by r.year, r.version`);
    expect(runs).toEqual([
      ...PAST.map((year) => ({ year, version: 1, published: true, units: 102 })),
      { year: 2025, version: 2, published: true, units: 102 },
      { year: 2026, version: 1, published: false, units: 102 },
    ].sort((a, b) => a.year - b.year || a.version - b.version));
  });

  it('feeds every past year\'s mass evaluation from its own surveys', async () => {
    const perYear = await db.query<{ year: number; surveys: number }>(
      `select year, count(*)::int as surveys from public.surveys where mode = 'panel' and unit_id is not null group by year order by year`);
    expect(perYear).toEqual([...PAST, 2026].map((year) => ({ year, surveys: 102 })));
  });

  it('reproduces every published assessment from the open data, each year with the one before it', async () => {
    const years = await readOpenDataYears(db);
    const assessed = years.filter((y) => y.annual_assessments.length > 0);
    expect(assessed.map((y) => y.year)).toEqual(PAST);
    for (const y of assessed) {
      const previous = years.find((p) => p.year === y.year - 1)?.annual_assessments ?? [];
      expect(verifyAssessmentYear(y.year, y.annual_assessments, y.assessment_rules[0]!, previous), String(y.year)).toEqual([]);
    }
  });
});
