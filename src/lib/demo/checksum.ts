/** A checksum over all public data: equal checksums mean byte-identical rows. */
import type { Db } from '../db/types.ts';

export const CHECKED_TABLES = [
  'assessment_years', 'indicators', 'units', 'cadres', 'targets', 'target_baselines',
  'progress_reports', 'supervision_records', 'bulletins',
] as const;

export async function cityChecksum(db: Db): Promise<string> {
  return db.transaction(async (tx) => {
    // Timestamps print in the session's time zone; fix it so the text is the same everywhere.
    await tx.exec(`set local timezone = 'UTC'`);
    const parts: string[] = [];
    for (const table of CHECKED_TABLES) {
      const order = table === 'assessment_years' ? 'year' : 'id';
      const [row] = await tx.query<{ h: string | null }>(
        `select md5(string_agg(t::text, E'\\n' order by t.${order})) as h from public.${table} t`,
      );
      parts.push(`${table}:${row?.h ?? 'empty'}`);
    }
    const [total] = await tx.query<{ h: string }>(`select md5($1) as h`, [parts.join('\n')]);
    return total!.h;
  });
}
