/** Writes a generated demo city into an empty database, in one transaction. */
import type { Db } from '../db/types.ts';
import { insertRows, syncIdentity } from '../db/insert.ts';
import { refreshPlannerStatistics } from '../db/statistics.ts';
import { PeriodFiguresSchema } from '../schemas/period-figures.ts';
import { renderBulletin } from '../bulletins/render.ts';
import type { DemoCity } from './generate.ts';
import { generateDemoSurveys } from './surveys.ts';
import { loadDemoParticipation } from './participation.ts';
import { loadDemoDecisions } from './decisions.ts';
import { loadDemoAccountability } from './accountability.ts';
import { loadDemoLeaderReports } from './leader-reports.ts';
import { loadDemoCommitmentChanges } from './commitment-changes.ts';
import { loadDemoCorrections } from './corrections.ts';
import { periodFiguresAsOf } from './figures.ts';
import type { Queryable } from '../db/types.ts';

/** Tables in load order (parents first). */
const TABLES = [
  'assessment_years', 'indicators', 'units', 'cadres', 'targets', 'target_baselines',
  'progress_reports', 'supervision_records',
] as const;

export interface LoadProgress {
  start(total: number): void;
  tick(n: number): void;
  done(): void;
}

export class DatabaseNotEmptyError extends Error {
  constructor(units: number) {
    super(`The database already holds ${units} units. The demo city is only loaded into an empty database (use --reset to replace everything).`);
    this.name = 'DatabaseNotEmptyError';
  }
}

export async function countUnits(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(`select count(*)::int as n from public.units`);
  return row?.n ?? 0;
}

/** Removes all data, participation and personal data included (`seed --reset`); the triggers that guard history are bypassed for this. */
export async function clearCity(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(`set local session_replication_role = replica`);
    await tx.exec(`truncate public.bulletins, public.supervision_records, public.progress_reports,
      public.target_baselines, public.targets, public.cadres, public.units, public.indicators,
      public.assessment_years restart identity cascade`);
  });
}

export async function loadDemoCity(db: Db, city: DemoCity, progress?: LoadProgress): Promise<{ bulletins: number }> {
  const total = TABLES.reduce((n, t) => n + city[t].length, 0);
  progress?.start(total);
  let bulletins = 0;
  await db.transaction(async (tx) => {
    const [existing] = await tx.query<{ n: number }>(`select count(*)::int as n from public.units`);
    if ((existing?.n ?? 0) > 0) throw new DatabaseNotEmptyError(existing!.n);
    for (const table of TABLES) {
      await insertRows(tx, `public.${table}`, city[table], (n) => progress?.tick(n));
      if (table !== 'assessment_years') await syncIdentity(tx, `public.${table}`);
    }
    await refreshPlannerStatistics(tx);
    // One published bulletin for every month with reports; figures come from SQL.
    const [lastYear, lastMonth] = city.lastPeriod.split('-').map(Number) as [number, number];
    for (let m = 1; m <= lastMonth; m++) {
      const period = `${lastYear}-${String(m).padStart(2, '0')}`;
      const publishedMonth = m === 12 ? 1 : m + 1;
      const publishedYear = m === 12 ? lastYear + 1 : lastYear;
      const publishedAt = `${publishedYear}-${String(publishedMonth).padStart(2, '0')}-10T10:00:00+08:00`;
      const figures = PeriodFiguresSchema.parse(await periodFiguresAsOf(tx, 'monthly', period, publishedAt));
      const text = renderBulletin(figures);
      await tx.query(
        `insert into public.bulletins (id, slug, kind, period, title, title_en, summary, summary_en, body, body_en, stats, created_at, published_at)
         values ($11, $1, 'monthly', $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $10)`,
        [text.slug, period, text.title, text.title_en, text.summary, text.summary_en, text.body, text.body_en,
         JSON.stringify(figures), publishedAt, m],
      );
      bulletins++;
    }
    await syncIdentity(tx, 'public.bulletins');
    await loadAssessmentHistory(tx, city);
    await loadDemoAccountability(tx, city);
    await loadDemoParticipation(tx, city);
    await loadDemoDecisions(tx, city);
    await loadDemoLeaderReports(tx, city);
    await loadDemoCommitmentChanges(tx, city);
  });
  progress?.done();
  return { bulletins };
}

/**
 * Mass-evaluation surveys for every unit and year, an annual bulletin for each past year, the past
 * years' assessments published, oldest first (at fixed dates, so the data stays deterministic), and
 * this year's computed as a draft.
 */
async function loadAssessmentHistory(tx: Queryable, city: DemoCity): Promise<void> {
  const [after] = await tx.query<{ survey: number; question: number; response: number }>(
    `select (select coalesce(max(id), 0) from public.surveys)::int as survey,
            (select coalesce(max(id), 0) from public.survey_questions)::int as question,
            (select coalesce(max(id), 0) from public.survey_responses)::int as response`,
  );
  const surveys = generateDemoSurveys(city, city.seed, after!);
  for (const table of ['surveys', 'survey_questions', 'survey_responses', 'survey_answers'] as const) {
    await insertRows(tx, `public.${table}`, surveys[table]);
    if (table !== 'survey_answers') await syncIdentity(tx, `public.${table}`);
  }
  const [{ id: lastBulletin } = { id: 0 }] = await tx.query<{ id: number }>(`select coalesce(max(id), 0)::int as id from public.bulletins`);
  let bulletinId = lastBulletin;
  for (let year = city.year - city.pastYears; year < city.year; year++) {
    const figures = PeriodFiguresSchema.parse(await periodFiguresAsOf(tx, 'annual', String(year), `${year + 1}-01-20T10:00:00+08:00`));
    const text = renderBulletin(figures);
    bulletinId++;
    await tx.query(
      `insert into public.bulletins (id, slug, kind, period, title, title_en, summary, summary_en, body, body_en, stats, created_at, published_at)
       values ($1, $2, 'annual', $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $11)`,
      [bulletinId, text.slug, String(year), text.title, text.title_en, text.summary, text.summary_en, text.body, text.body_en,
       JSON.stringify(figures), `${year + 1}-01-20T10:00:00+08:00`],
    );
    await tx.query(`select private.compute_assessment($1, null, $2)`, [year, `${year + 1}-03-01T10:00:00+08:00`]);
    await tx.query(`select private.publish_assessment($1, $2)`, [year, `${year + 1}-03-15T10:00:00+08:00`]);
  }
  await syncIdentity(tx, 'public.bulletins');
  // Last year's corrected report, erratum and corrected assessment version (in the spring).
  await loadDemoCorrections(tx, city);
  await tx.query(`select private.compute_assessment($1, null, $2)`, [city.year, `${city.lastPeriod}-28T10:00:00+08:00`]);
}
