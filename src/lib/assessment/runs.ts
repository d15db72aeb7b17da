/**
 * The annual assessment as staff run it: compute a draft (recomputable until published), publish
 * it, read a version. Scoring is SQL (private.compute_assessment, publish_assessment) with the
 * year's rules from assessment_years.
 */
import type { Db } from '../db/types.ts';

export interface AssessmentRun {
  id: number;
  version: number;
  published_at: string | null;
  /** Why a published result was corrected (a new version); null for the first. */
  reason: string | null;
}

/** One unit's result in a run, numbers as text exactly as the database rounded them. */
export interface AssessmentResultRow {
  pool: string;
  rank_in_pool: number;
  code: string;
  name: string;
  target_score: string;
  mass_score: string | null;
  mass_margin: string | null;
  mass_sample_size: number;
  monitoring_score: string;
  total_score: string;
  grade: string;
  consequence: string;
}

/** Computes the year's draft; after publication, a correction needs a reason and becomes a new version. */
export async function computeAssessment(db: Db, year: number, reason: string | null): Promise<void> {
  await db.transaction((tx) => tx.query(`select private.compute_assessment($1, $2)`, [year, reason]));
}

/** Publishes the year's draft; it can never be changed afterwards. */
export async function publishAssessment(db: Db, year: number): Promise<void> {
  await db.transaction((tx) => tx.query(`select private.publish_assessment($1)`, [year]));
}

/**
 * A run of the year with its rows, municipal units first, by rank: the given version, else the
 * draft if there is one, else the latest version. Undefined when none was computed.
 */
export async function readAssessment(
  db: Db, year: number, version?: number,
): Promise<{ run: AssessmentRun; rows: AssessmentResultRow[] } | undefined> {
  const [run] = await db.query<AssessmentRun>(
    `select id, version, published_at::text as published_at, reason from public.assessment_runs
     where year = $1 and ($2::int is null or version = $2::int)
     order by (published_at is null) desc, version desc limit 1`,
    [year, version ?? null],
  );
  if (!run) return undefined;
  const rows = await db.query<AssessmentResultRow>(
    `select a.pool, a.rank_in_pool, u.code, u.name, a.target_score::text, a.mass_score::text, a.mass_margin::text,
            a.mass_sample_size, a.monitoring_score::text, a.total_score::text, a.grade, a.consequence
     from public.annual_assessments a join public.units u on u.id = a.unit_id
     where a.run_id = $1 order by a.pool desc, a.rank_in_pool, u.code`,
    [run.id],
  );
  return { run, rows };
}
