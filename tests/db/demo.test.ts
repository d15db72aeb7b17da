/**
 * The demo city: what it contains once loaded, that it depends on its seed alone, that it is
 * only ever loaded into an empty database, and that the period figures computed from it add up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { cityChecksum, CHECKED_TABLES } from '../../src/lib/demo/checksum.ts';
import { DEFAULT_DEMO, generateDemoCity, STRUGGLING_UNIT, type DemoCity } from '../../src/lib/demo/generate.ts';
import { clearCity, DatabaseNotEmptyError, loadDemoCity } from '../../src/lib/demo/load.ts';
import { PeriodFiguresSchema, type PeriodFigures } from '../../src/lib/schemas/period-figures.ts';
import { readOpenDataYears } from '../../src/lib/queries/opendata.ts';
import { verifyAssessmentInputs } from '../../src/lib/verify/assessment-inputs.ts';
import { verifyAssessmentYear } from '../../src/lib/verify/assessments.ts';
import { verifyLotteries } from '../../src/lib/verify/lotteries.ts';
import { verifyBulletins } from '../../src/lib/verify/bulletins.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';

const METHODS = [
  'covert_visit',
  'monthly_report',
  'open_inspection',
  'push_inspection',
  'quarterly_dispatch',
  'random_check',
  'research_inspection',
  'semiannual_inspection',
];
const MONTHS = Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

let db: Db;
let city: DemoCity;

beforeAll(async () => {
  city = generateDemoCity();
  db = await createTestDb();
  const result = await loadDemoCity(db, city);
  expect(result).toEqual({ bulletins: 10 });
});

afterAll(async () => {
  await db?.close();
});

async function one<T extends object>(sql: string, params: unknown[] = []): Promise<T> {
  const [row] = await db.query<T>(sql, params);
  return row!;
}

describe('generateDemoCity', () => {
  it('defaults to seed 2026 as of 2026-11-15: reports up to 2026-10', () => {
    expect(city).toEqual(generateDemoCity({ seed: 2026, asOf: '2026-11-15' }));
    expect(city.year).toBe(2026);
    expect(city.lastPeriod).toBe('2026-10');
  });

  it('is deterministic: the same options give deep-equal output', () => {
    expect(generateDemoCity({ ...DEFAULT_DEMO })).toEqual(city);
  });

  it('depends on the seed', () => {
    const other = generateDemoCity({ ...DEFAULT_DEMO, seed: 7 });
    expect(other.units).toEqual(city.units);
    expect(other.cadres).not.toEqual(city.cadres);
    expect(other.targets).not.toEqual(city.targets);
    expect(other.progress_reports).not.toEqual(city.progress_reports);
  });
});

describe('the loaded demo city', () => {
  it('has 90 municipal units and 12 districts', async () => {
    const rows = await db.query<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from public.units group by kind order by kind`,
    );
    expect(rows).toEqual([
      { kind: 'district', n: 12 },
      { kind: 'municipal_unit', n: 90 },
    ]);
  });

  it('has at least 510 cadres and exactly one principal leader per unit', async () => {
    expect(await countRows(db, 'public.cadres')).toBeGreaterThanOrEqual(510);
    const row = await one<{ units: number; one_principal: number }>(
      `select count(*)::int as units,
              count(*) filter (where (select count(*) from public.cadres c where c.unit_id = u.id and c.is_principal) = 1)::int
                as one_principal
       from public.units u`,
    );
    expect(row).toEqual({ units: 102, one_principal: 102 });
  });

  it('has targets of the current year and of the three years before, decomposed and publicly committed ones among them', async () => {
    const row = await one<{
      total: number;
      this_year: number;
      sub: number;
      commitments: number;
      unpublished: number;
      units: number;
    }>(
      `select count(*)::int as total,
              count(*) filter (where year = 2026)::int as this_year,
              count(*) filter (where parent_id is not null)::int as sub,
              count(*) filter (where is_public_commitment)::int as commitments,
              count(*) filter (where status <> 'published')::int as unpublished,
              count(distinct unit_id)::int as units
       from public.targets`,
    );
    expect(row.this_year).toBeGreaterThanOrEqual(1500);
    const years = await db.query<{ year: number }>(`select distinct year from public.targets order by year`);
    expect(years.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    expect(row.sub).toBeGreaterThan(0);
    expect(row.commitments).toBeGreaterThan(0);
    expect(row.units).toBe(102);
    // Targets that await approval have no reports.
    expect(row.unpublished).toBeGreaterThan(0);
    expect(
      await countRows(
        db,
        'public.progress_reports r join public.targets t on t.id = r.target_id',
        `t.status <> 'published'`,
      ),
    ).toBe(0);
  });

  it('decomposes targets level by level: three-level chains whose parents file no reports and roll up', async () => {
    const [deepest] = await db.query<{ depth: number; chains: number }>(
      `select max(depth)::int as depth, count(distinct target_id) filter (where depth = 2)::int as chains
       from public.target_leaves`,
    );
    expect(deepest!.depth).toBe(2);
    expect(deepest!.chains).toBeGreaterThan(0);
    // Progress is reported on the leaves only.
    expect(await countRows(db, 'public.progress_reports r', `exists (select 1 from public.targets c where c.parent_id = r.target_id)`)).toBe(0);
    // A completed parent has only completed sub-targets.
    expect(await countRows(db, `public.target_current_status p join public.target_current_status c on c.parent_id = p.target_id`,
      `p.status = 'completed' and c.status <> 'completed'`)).toBe(0);
  });

  it('has vertical (three previous years), horizontal and benchmark baselines', async () => {
    const kinds = await db.query<{ kind: string; years: number[] | null; n: number }>(
      `select kind, array_agg(distinct year order by year) filter (where year is not null) as years, count(*)::int as n
       from public.target_baselines group by kind order by kind`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['benchmark', 'horizontal', 'vertical']);
    // This year's targets compare with the three years before; each earlier year's with its own three.
    const current = await db.query<{ year: number }>(
      `select distinct b.year from public.target_baselines b join public.targets t on t.id = b.target_id
       where t.year = 2026 and b.kind = 'vertical' order by b.year`,
    );
    expect(current.map((y) => y.year)).toEqual([2023, 2024, 2025]);
    expect(kinds.find((k) => k.kind === 'vertical')!.years).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    // Every target with baselines has one per previous year.
    const incomplete = await countRows(
      db,
      `(select target_id from public.target_baselines group by target_id
        having count(distinct year) filter (where kind = 'vertical') <> 3) x`,
    );
    expect(incomplete).toBe(0);
  });

  it('has progress reports for every month 2026-01..2026-10 (and all twelve of earlier years), of all four statuses, with corrections', async () => {
    const periods = await db.query<{ period: string }>(
      `select distinct period from public.progress_reports where period >= '2026' order by period`,
    );
    expect(periods.map((p) => p.period)).toEqual(MONTHS);
    const earlier = await one<{ n: number }>(`select count(distinct period)::int as n from public.progress_reports where period < '2026'`);
    expect(earlier.n).toBe(36);
    const statuses = await db.query<{ status: string }>(
      `select distinct status from public.progress_reports order by status`,
    );
    expect(statuses.map((s) => s.status)).toEqual(['behind', 'completed', 'not_completed', 'on_track']);
    const corrections = await one<{ n: number; mismatched: number }>(
      `select count(*)::int as n,
              count(*) filter (where o.target_id <> c.target_id or o.period <> c.period)::int as mismatched
       from public.progress_reports c join public.progress_reports o on o.id = c.supersedes_id`,
    );
    expect(corrections.n).toBeGreaterThan(0);
    expect(corrections.mismatched).toBe(0);
  });

  it('has supervision records of all eight methods', async () => {
    const rows = await db.query<{ method: string }>(
      `select distinct method from public.supervision_records order by method`,
    );
    expect(rows.map((r) => r.method)).toEqual(METHODS);
  });

  it('has ten published monthly bulletins, 2026-01..2026-10, an annual bulletin for each earlier year and an erratum of the last', async () => {
    const rows = await db.query<{ slug: string; period: string; published: boolean }>(
      `select slug, period, published_at is not null as published from public.bulletins where kind = 'monthly' order by period`,
    );
    expect(rows).toEqual(MONTHS.map((period) => ({ slug: `monthly-${period}`, period, published: true })));
    const annual = await db.query<{ period: string; erratum: boolean }>(
      `select period, supersedes_id is not null as erratum from public.bulletins where kind = 'annual' and published_at is not null order by period, id`);
    expect(annual).toEqual([
      { period: '2023', erratum: false }, { period: '2024', erratum: false }, { period: '2025', erratum: false }, { period: '2025', erratum: true },
    ]);
    expect(await countRows(db, 'public.bulletins')).toBe(14);
  });
});

describe('the demo assessment history', () => {
  it('has three published years (the last corrected once) and this year as a draft, with groups below the minimum sample excluded', async () => {
    const runs = await db.query<{ year: number; version: number; published: boolean }>(
      `select year, version, published_at is not null as published from public.assessment_runs order by year, version`,
    );
    expect(runs).toEqual([
      { year: 2023, version: 1, published: true }, { year: 2024, version: 1, published: true },
      { year: 2025, version: 1, published: true }, { year: 2025, version: 2, published: true }, { year: 2026, version: 1, published: false },
    ]);
    const perYear = await db.query<{ year: number; units: number; excellent: number; excluded_groups: number }>(
      `select year, count(*)::int as units, count(*) filter (where grade = 'excellent')::int as excellent,
              sum((select count(*) from jsonb_array_elements(mass_groups) g where not (g ->> 'included')::boolean))::int as excluded_groups
       from public.annual_assessments a
       where a.run_id = (select max(r.id) from public.assessment_runs r where r.year = a.year) group by year order by year`,
    );
    for (const y of perYear) {
      expect(y.units).toBe(102);
      expect(y.excellent).toBeGreaterThanOrEqual(20);
      expect(y.excluded_groups).toBeGreaterThan(0);
    }
    const panel = await one<{ answers: number }>(`select count(*)::int as answers from public.survey_answers`);
    expect(panel.answers).toBeGreaterThan(100_000);
  });

  it('shows the two-years-running rule at work: a unit admonished, then suspended or demoted the next year, with a case for it', async () => {
    const suspended = await db.query<{ year: number; code: string; previous: string; cases: number }>(
      `select a.year, u.code, p.consequence as previous,
              (select count(*)::int from public.accountability_cases c
               where c.assessment_run_id = a.run_id and c.unit_id = a.unit_id and c.measure in ('suspension', 'demotion')) as cases
       from public.assessment_results a
       join public.units u on u.id = a.unit_id
       join public.assessment_results p on p.unit_id = a.unit_id and p.year = a.year - 1
       where a.consequence = 'suspension_or_demotion'
       order by a.year`);
    expect(suspended.length).toBeGreaterThan(0);
    expect(suspended.every((s) => s.previous !== 'none' && s.previous !== 'award')).toBe(true);
    expect(suspended.some((s) => s.code === STRUGGLING_UNIT && s.cases === 1)).toBe(true);
  });
});

describe('the demo city recomputed from its open data alone (the verifier, as anon reads it)', () => {
  it('reproduces every published part, total, rank, grade and consequence, and every lottery', async () => {
    const years = await readOpenDataYears(db);
    const assessed = years.filter((y) => y.annual_assessments.length > 0);
    expect(assessed.map((y) => y.year)).toEqual([2023, 2024, 2025]);
    for (const y of assessed) {
      const rules = y.assessment_rules[0]!;
      const previous = years.find((p) => p.year === y.year - 1)?.annual_assessments ?? [];
      expect(verifyAssessmentYear(y.year, y.annual_assessments, rules, previous)).toEqual([]);
      // Findings that are not public reach the open data as aggregates, so the scores add up.
      expect(y.monitoring_inputs.some((m) => !m.is_public)).toBe(true);
      expect(verifyAssessmentInputs(y.year, y.annual_assessments, rules, {
        targetScores: y.assessment_target_scores,
        massGroups: y.mass_evaluation_groups,
        monitoring: y.monitoring_inputs,
        supervision: y.supervision_records,
      })).toEqual([]);
    }
    const draws = years.filter((y) => y.hearing_draws.length > 0);
    expect(draws.length).toBeGreaterThan(0);
    for (const y of draws) expect((await verifyLotteries(y.year, y.hearing_draws)).findings).toEqual([]);
  });

  it('reproduces every bulletin\'s headline figures from the reports filed before its cut-off', async () => {
    const years = await readOpenDataYears(db);
    const withFigures = years.filter((y) => y.bulletin_figures.length > 0);
    expect(withFigures.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    let checked = 0;
    for (const y of withFigures) {
      for (const b of y.bulletins) expect(Date.parse(b.cutoff_at)).toBeLessThanOrEqual(Date.parse(b.published_at));
      // The snapshot's counted reports are the SQL roll-up as of the cut-off; the verifier checks them too.
      const counted = new Map(y.bulletin_reports.map((r) => [r.bulletin, r.report_ids]));
      expect(counted.size).toBe(new Set(y.bulletin_figures.map((f) => f.bulletin)).size);
      const { bulletins, findings } = verifyBulletins({
        bulletins: y.bulletins, figures: y.bulletin_figures, targets: y.targets, reports: y.progress_reports, counted,
      });
      expect(findings, `${y.year}`).toEqual([]);
      checked += bulletins;
    }
    // Ten monthly, three annual and the erratum of the last annual bulletin.
    expect(checked).toBe(14);
  });

  it('keeps every published assessment version as data: the one in force among them', async () => {
    for (const y of (await readOpenDataYears(db)).filter((x) => x.annual_assessments.length > 0)) {
      const inForce = y.annual_assessments[0]!.version;
      expect(y.annual_assessment_versions.filter((r) => r.version === inForce)).toEqual(y.annual_assessments);
      expect(new Set(y.annual_assessment_versions.map((r) => r.version)).size).toBe(inForce);
      // A superseded version still reproduces from its own published rows.
      for (const [version, rows] of Map.groupBy(y.annual_assessment_versions, (r) => r.version)) {
        if (version !== inForce) expect(verifyAssessmentYear(y.year, rows, y.assessment_rules[0]!, null), `${y.year} v${version}`).toEqual([]);
      }
    }
  });

  it('publishes no input of this year\'s draft assessment', async () => {
    const current = (await readOpenDataYears(db)).find((y) => y.year === city.year)!;
    expect(current.annual_assessments).toEqual([]);
    expect(current.assessment_target_scores).toEqual([]);
    expect(current.monitoring_inputs).toEqual([]);
    expect(current.assessment_rules).toHaveLength(1);
  });
});

describe('the demo accountability cases', () => {
  it('rest on each kind of basis, with dates in order up to the as-of day; some are not (yet) public; persons stay private', async () => {
    const cases = await db.query<{ basis_kind: string; published: boolean; decided: boolean; consequence: string | null; person: boolean }>(
      `select c.basis_kind, c.published_at is not null as published, c.decided_on is not null as decided, a.consequence,
              exists (select 1 from private.accountability_case_persons p where p.case_id = c.id) as person
       from public.accountability_cases c
       left join public.annual_assessments a on a.run_id = c.assessment_run_id and a.unit_id = c.unit_id
       where c.decided_on is null
          or (c.opened_on <= c.decided_on and c.decided_on <= coalesce((c.published_at at time zone 'Asia/Shanghai')::date, c.decided_on)
              and coalesce(c.published_at, c.opened_on) <= '2026-11-15')
       order by c.case_no`);
    expect(cases.length).toBeGreaterThanOrEqual(6);
    expect(await countRows(db, 'public.accountability_cases')).toBe(cases.length);
    for (const kind of ['target', 'supervision', 'assessment']) {
      expect(cases.some((c) => c.basis_kind === kind && c.published), kind).toBe(true);
    }
    expect(cases.filter((c) => c.basis_kind === 'assessment').every((c) => c.consequence === 'admonishment' || c.consequence === 'suspension_or_demotion')).toBe(true);
    expect(cases.some((c) => !c.decided)).toBe(true);
    expect(cases.some((c) => c.decided && !c.published)).toBe(true);
    expect(cases.some((c) => c.published && !c.person)).toBe(true);
    expect(cases.filter((c) => c.person).length).toBeGreaterThanOrEqual(4);
  });
});

describe('private.period_figures', () => {
  let figures: PeriodFigures;

  beforeAll(async () => {
    const row = await one<{ f: unknown }>(`select private.period_figures('monthly', '2026-10') as f`);
    figures = PeriodFiguresSchema.parse(row.f);
  });

  const sum = (counts: PeriodFigures['by_status']) => Object.values(counts).reduce((a, b) => a + b, 0);

  it('adds up: statuses sum to the published targets of the year', async () => {
    const published = await countRows(db, 'public.targets', `year = 2026 and status = 'published'`);
    expect(figures).toMatchObject({
      kind: 'monthly',
      period: '2026-10',
      year: 2026,
      first_period: '2026-10',
      last_period: '2026-10',
    });
    expect(figures.targets).toBe(published);
    expect(sum(figures.by_status)).toBe(figures.targets);
    expect(figures.previous_by_status).not.toBeNull();
    expect(sum(figures.previous_by_status!)).toBe(figures.targets);
    // By October every published target has filed a report.
    expect(figures.by_status.no_report).toBe(0);
    expect(figures.by_status.completed).toBeGreaterThanOrEqual(figures.previous_by_status!.completed);
  });

  it('counts public commitments and supervision of the month consistently', async () => {
    const commitments = await countRows(
      db,
      'public.targets',
      `year = 2026 and status = 'published' and is_public_commitment`,
    );
    expect(figures.commitments.total).toBe(commitments);
    expect(figures.commitments.completed + figures.commitments.at_risk).toBeLessThanOrEqual(commitments);
    const records = await countRows(
      db,
      'public.supervision_records',
      `year = 2026 and conducted_on between '2026-10-01' and '2026-10-31'`,
    );
    expect(figures.supervision.total).toBe(records);
    expect(Object.values(figures.supervision.by_method).reduce((a, b) => a + b, 0)).toBe(records);
    const publicRecords = await countRows(
      db,
      'public.supervision_records',
      `year = 2026 and is_public and conducted_on between '2026-10-01' and '2026-10-31'`,
    );
    expect(figures.supervision.public).toHaveLength(publicRecords);
    expect(figures.most_behind.length).toBeLessThanOrEqual(5);
  });

  it('is what the loaded October bulletin carries as its stats, as of its cut-off', async () => {
    const row = await one<{ stats: unknown; as_of: unknown }>(
      `select stats, private.period_figures('monthly', '2026-10', cutoff_at) as as_of from public.bulletins where period = '2026-10'`);
    expect(row.stats).toEqual(row.as_of);
    expect(PeriodFiguresSchema.parse(row.stats).targets).toBe(figures.targets);
  });

  it('covers a quarter as its three months', async () => {
    const row = await one<{ f: unknown }>(`select private.period_figures('quarterly', '2026-Q3') as f`);
    const quarter = PeriodFiguresSchema.parse(row.f);
    expect(quarter).toMatchObject({ first_period: '2026-07', last_period: '2026-09', targets: figures.targets });
    expect(sum(quarter.by_status)).toBe(quarter.targets);
    const records = await countRows(
      db,
      'public.supervision_records',
      `year = 2026 and conducted_on between '2026-07-01' and '2026-09-30'`,
    );
    expect(quarter.supervision.total).toBe(records);
  });

  it('rejects a malformed period or an unknown year with 22023', async () => {
    await expectPgError(
      db.query(`select private.period_figures('monthly', '2026-13')`),
      '22023',
      /"2026-13" is not a monthly period/,
    );
    await expectPgError(
      db.query(`select private.period_figures('quarterly', '2026-05')`),
      '22023',
      /is not a quarterly period/,
    );
    await expectPgError(
      db.query(`select private.period_figures('weekly', '2026-05')`),
      '22023',
      /is not a weekly period/,
    );
    await expectPgError(
      db.query(`select private.period_figures('annual', '1999')`),
      '22023',
      /Year 1999 is not an assessment year/,
    );
  });
});

describe('loading, clearing and checksums', () => {
  /** A second database, loaded from the same seed after a refused load and a clearCity. */
  let other: Db;
  let expected: string;

  /** md5 of each checked table's rows, like cityChecksum, optionally leaving out some columns. */
  async function tableHashes(
    target: Db,
    without: Partial<Record<string, string>> = {},
  ): Promise<Record<string, string>> {
    return target.transaction(async (tx) => {
      await tx.exec(`set local timezone = 'UTC'`);
      const out: Record<string, string> = {};
      for (const table of CHECKED_TABLES) {
        const order = table === 'assessment_years' ? 'year' : 'id';
        const row = without[table] ? `(to_jsonb(t) - '${without[table]}')::text` : 't::text';
        const [r] = await tx.query<{ h: string }>(
          `select md5(string_agg(${row}, E'\\n' order by t.${order})) as h from public.${table} t`,
        );
        out[table] = r!.h;
      }
      return out;
    });
  }

  beforeAll(async () => {
    expected = await cityChecksum(db);
    other = await createTestDb();
  });

  afterAll(async () => {
    await other?.close();
  });

  it('refuses to load into a non-empty database and writes nothing', async () => {
    // The seeded database itself: a second load is refused and changes nothing.
    await expect(loadDemoCity(db, city)).rejects.toBeInstanceOf(DatabaseNotEmptyError);
    expect(await cityChecksum(db)).toBe(expected);

    // A database holding one unit of its own.
    await other.query(
      `insert into public.units (code, name, kind, sector) values ('X01', '已有单位', 'district', 'core_urban')`,
    );
    const error = await loadDemoCity(other, generateDemoCity(DEFAULT_DEMO)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseNotEmptyError);
    expect((error as Error).message).toMatch(/already holds 1 units/);
    for (const table of CHECKED_TABLES) {
      expect(await countRows(other, `public.${table}`), table).toBe(table === 'units' ? 1 : 0);
    }
  });

  it('clearCity empties the database, which then takes the demo city', async () => {
    await clearCity(other);
    for (const table of CHECKED_TABLES) expect(await countRows(other, `public.${table}`), table).toBe(0);
    expect(await loadDemoCity(other, generateDemoCity(DEFAULT_DEMO))).toEqual({ bulletins: 10 });
  });

  it('the same seed gives byte-identical rows in another database (supervision_records.created_at aside)', async () => {
    const mine = await tableHashes(db, { supervision_records: 'created_at' });
    const theirs = await tableHashes(other, { supervision_records: 'created_at' });
    expect(theirs).toEqual(mine);
  });

  // KNOWN BUG (reported, not fixed here): supervision_records.created_at defaults to now() and the
  // generator does not set it, so two databases seeded with the same seed differ in that column
  // and cityChecksum differs. Remove `.fails` once the generator sets created_at.
  it('cityChecksum of two databases seeded with the same seed is equal', async () => {
    expect(await cityChecksum(other)).toBe(expected);
  });

  it('cityChecksum sees a changed row', async () => {
    const before = await cityChecksum(other);
    await other.query(`update public.units set name = '改名单位' where code = 'M001'`);
    expect(await cityChecksum(other)).not.toBe(before);
  });
});
