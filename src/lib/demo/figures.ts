/** A bulletin's figures as the demo publishes them: as of its cut-off (its publication). */
import type { Queryable } from '../db/types.ts';

/**
 * private.period_figures as of `cutoff`: only reports filed before it count. Databases migrated
 * before the cut-off existed take the two-argument form (every report filed so far).
 */
export async function periodFiguresAsOf(tx: Queryable, kind: string, period: string, cutoff: string): Promise<unknown> {
  const [has] = await tx.query<{ ok: boolean }>(
    `select to_regprocedure('private.period_figures(text, text, timestamptz)') is not null as ok`);
  const [row] = has?.ok
    ? await tx.query<{ figures: unknown }>(`select private.period_figures($1, $2, $3::timestamptz) as figures`, [kind, period, cutoff])
    : await tx.query<{ figures: unknown }>(`select private.period_figures($1, $2) as figures`, [kind, period]);
  return row!.figures;
}
