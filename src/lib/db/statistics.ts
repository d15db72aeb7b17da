/**
 * Planner statistics after a bulk write. Postgres' autovacuum analyses changed tables on its own;
 * PGlite runs no autovacuum, so after loading thousands of rows its planner would still assume
 * near-empty tables and pick nested loops that turn the roll-up views (target_monthly_status)
 * from a tenth of a second into twenty. Tables the caller does not own are skipped by Postgres
 * with a warning, so this is safe for every role.
 */
import type { Queryable } from './types.ts';

export async function refreshPlannerStatistics(q: Queryable): Promise<void> {
  await q.exec('analyze');
}
