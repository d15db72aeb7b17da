/**
 * Kept records cannot be emptied with TRUNCATE (issue 19): row triggers guard UPDATE and DELETE,
 * but TRUNCATE fires none. Every role is refused, on every table the docs call append-only or
 * final: the owner by a statement trigger (PT409), the API roles by a missing privilege (42501).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { createTestDb, expectPgError } from './harness.ts';

const KEPT_RECORDS = [
  'public.progress_reports', 'public.bulletins', 'public.target_commitment_changes',
  'public.assessment_runs', 'public.annual_assessments', 'public.assessment_target_scores',
  'private.cadre_evaluations', 'public.decisions', 'public.decision_events', 'public.hearing_draws',
  'public.hall_opinions', 'public.survey_responses', 'public.survey_answers',
];

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe.each(KEPT_RECORDS)('TRUNCATE %s', (table) => {
  it('is refused for the owner by its trigger (PT409), even with CASCADE', async () => {
    await expectPgError(db.exec(`truncate ${table} cascade`), 'PT409');
  });

  it.each(['service_role', 'authenticated', 'anon'] as const)('is refused for %s (42501)', async (role) => {
    await expectPgError(db.asRole(role, (tx) => tx.exec(`truncate ${table}`)), '42501');
  });
});
