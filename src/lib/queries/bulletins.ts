/** Build-time read of published bulletins, newest first. */
import type { Db } from '../db/types.ts';
import { PeriodFiguresSchema } from '../schemas/period-figures.ts';
import { BulletinSchema, type Bulletin } from '../schemas/bulletin.ts';
import { isoUtc } from '../db/sql-time.ts';

const SQL = `
select b.id, b.slug, b.kind, b.period, b.title, b.title_en, b.summary, b.summary_en, b.body, b.body_en, b.stats,
       ${isoUtc('b.published_at')} as published_at, ${isoUtc('b.cutoff_at')} as cutoff_at,
       (select jsonb_build_object('slug', o.slug, 'title', o.title, 'title_en', o.title_en)
          from public.bulletins o where o.id = b.supersedes_id) as supersedes,
       (select jsonb_build_object('slug', n.slug, 'title', n.title, 'title_en', n.title_en)
          from public.bulletins n where n.supersedes_id = b.id) as superseded_by,
       b.correction_reason
from public.bulletins b
order by b.published_at desc, b.id desc`;

export async function readBulletins(db: Db): Promise<Bulletin[]> {
  const rows = await db.asRole('anon', (tx) => tx.query<Record<string, unknown>>(SQL));
  return rows.map((row) => {
    const stats = PeriodFiguresSchema.safeParse(row['stats']);
    return BulletinSchema.parse({ ...row, stats: stats.success ? stats.data : null });
  });
}
