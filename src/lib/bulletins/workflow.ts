/**
 * The bulletin workflow (通报): drafting a bulletin from a period's figures, publishing it, and
 * correcting a published one with an erratum that supersedes it. The database decides what is
 * allowed (supabase/migrations/20261130000600_bulletins.sql); this module renders the
 * text and returns the rows.
 */
import type { Db, Queryable } from '../db/types.ts';
import { bulletinSlug, renderBulletin } from './render.ts';
import { PeriodFiguresSchema, type PeriodFigures } from '../schemas/period-figures.ts';
import { isoUtc } from '../db/sql-time.ts';
import { BULLETIN_KINDS, type BulletinKind } from '../domain/bulletins.ts';

export { BULLETIN_KINDS, type BulletinKind };

/** A bulletin row as staff see it (drafts included). */
export interface BulletinRecord {
  id: number;
  slug: string;
  kind: BulletinKind;
  period: string;
  title: string;
  title_en: string | null;
  summary: string;
  summary_en: string | null;
  body: string;
  body_en: string | null;
  supersedes_id: number | null;
  supersedes_slug: string | null;
  superseded_by_slug: string | null;
  correction_reason: string | null;
  created_at: string;
  published_at: string | null;
}

/** A refused step, with a message for the person who asked (the CLI prints it without a stack trace, exit code 1). */
export class BulletinError extends Error {
  override name = 'BulletinError';
}

const RECORD_SQL = `
select b.id, b.slug, b.kind, b.period, b.title, b.title_en, b.summary, b.summary_en, b.body, b.body_en,
       b.supersedes_id, o.slug as supersedes_slug, n.slug as superseded_by_slug, b.correction_reason,
       ${isoUtc('b.created_at')} as created_at,
       ${isoUtc('b.published_at')} as published_at
from public.bulletins b
left join public.bulletins o on o.id = b.supersedes_id
left join public.bulletins n on n.supersedes_id = b.id`;

/** Finds a bulletin by id or slug; BulletinError when there is none. */
async function resolve(tx: Queryable, ref: string): Promise<BulletinRecord> {
  const byId = /^\d{1,15}$/.test(ref);
  const [row] = await tx.query<BulletinRecord>(`${RECORD_SQL} where ${byId ? 'b.id = $1::bigint' : 'b.slug = $1'}`, [ref]);
  if (!row) throw new BulletinError(`There is no bulletin with the ${byId ? 'id' : 'slug'} "${ref}". "bulletin list" shows them all.`);
  return row;
}

async function recordById(tx: Queryable, id: number): Promise<BulletinRecord> {
  const [row] = await tx.query<BulletinRecord>(`${RECORD_SQL} where b.id = $1`, [id]);
  return row!;
}

/** The period's slug, or the next free revision of it (monthly-2026-10-r2, -r3 …). */
async function freeSlug(tx: Queryable, kind: BulletinKind, period: string): Promise<string> {
  const base = bulletinSlug(kind, period);
  const rows = await tx.query<{ slug: string }>(
    `select slug from public.bulletins where slug = $1 or slug like $1 || '-r%'`,
    [base],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-r${n}`)) n++;
  return `${base}-r${n}`;
}

/** What a new draft is written with: the record's own columns and the period's figures. */
type NewBulletin = Pick<BulletinRecord,
  'slug' | 'kind' | 'period' | 'title' | 'title_en' | 'summary' | 'summary_en' | 'body' | 'body_en' | 'supersedes_id' | 'correction_reason'>
  & { stats: unknown };

async function insertBulletin(tx: Queryable, b: NewBulletin): Promise<BulletinRecord> {
  const [row] = await tx.query<{ id: number }>(
    `insert into public.bulletins
       (slug, kind, period, title, title_en, summary, summary_en, body, body_en, stats, supersedes_id, correction_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11, $12)
     returning id`,
    [b.slug, b.kind, b.period, b.title, b.title_en, b.summary, b.summary_en, b.body, b.body_en,
     JSON.stringify(b.stats ?? {}), b.supersedes_id, b.correction_reason],
  );
  return recordById(tx, row!.id);
}

/** The figures of a finished period (the database refuses unfinished, unknown or empty periods). */
async function draftFigures(tx: Queryable, kind: BulletinKind, period: string, asOf: string | undefined): Promise<PeriodFigures> {
  const [row] = await tx.query<{ figures: unknown }>(
    `select private.bulletin_draft_figures($1, $2, $3::date) as figures`,
    [kind, period, asOf ?? null],
  );
  return PeriodFiguresSchema.parse(row!.figures);
}

/**
 * Writes a draft from figures already computed: the last step of `bulletin draft`, on its own so
 * the benchmark can time drafting a period the demo calendar has not finished.
 */
export async function insertDraft(tx: Queryable, figures: PeriodFigures): Promise<BulletinRecord> {
  const text = renderBulletin(figures);
  const slug = await freeSlug(tx, figures.kind, figures.period);
  return insertBulletin(tx, { ...text, slug, kind: figures.kind, period: figures.period, stats: figures, supersedes_id: null, correction_reason: null });
}

export interface DraftOptions {
  kind: BulletinKind;
  period: string;
  /** The day the draft is written for (YYYY-MM-DD); default today in Asia/Shanghai. */
  asOf?: string | undefined;
}

/** `bulletin draft`: the period's figures as a new draft, all in one transaction as the service role. */
export async function draftBulletin(db: Db, options: DraftOptions): Promise<BulletinRecord> {
  return db.asRole('service_role', async (tx) => insertDraft(tx, await draftFigures(tx, options.kind, options.period, options.asOf)));
}

/** `bulletin publish`: the database checks the state under a row lock and sets published_at. */
export async function publishBulletin(db: Db, ref: string): Promise<BulletinRecord> {
  return db.asRole('service_role', async (tx) => {
    const bulletin = await resolve(tx, ref);
    await tx.query(`select id from private.publish_bulletin($1)`, [bulletin.id]);
    return recordById(tx, bulletin.id);
  });
}

export interface CorrectOptions {
  reason: string;
  /** Hand-written Markdown bodies; without them the erratum is drafted from fresh figures. */
  body?: string | undefined;
  bodyEn?: string | undefined;
  asOf?: string | undefined;
}

/** `bulletin correct`: a draft erratum that supersedes a published bulletin (publish it to take effect). */
export async function correctBulletin(db: Db, ref: string, options: CorrectOptions): Promise<BulletinRecord> {
  const reason = options.reason.trim();
  if (reason.length < 2) throw new BulletinError('A correction needs its reason: --reason "…" (what was wrong).');
  return db.asRole('service_role', async (tx) => {
    const old = await resolve(tx, ref);
    // Checked by the database as well (check_bulletin_erratum); asked first for a friendlier message.
    if (old.published_at === null) {
      throw new BulletinError(`Bulletin ${old.slug} is still a draft: edit it or draft the period again, a correction is for published bulletins.`);
    }
    if (old.superseded_by_slug !== null) {
      throw new BulletinError(`Bulletin ${old.slug} is already corrected by ${old.superseded_by_slug}: correct that one instead.`);
    }
    // Fresh figures, or the old text and figures with a hand-written body.
    let text: Pick<NewBulletin, 'title' | 'title_en' | 'summary' | 'summary_en' | 'body' | 'body_en'>;
    let stats: unknown;
    if (options.body === undefined) {
      const figures = await draftFigures(tx, old.kind, old.period, options.asOf);
      text = renderBulletin(figures);
      stats = figures;
    } else {
      const [row] = await tx.query<{ stats: unknown }>(`select stats from public.bulletins where id = $1`, [old.id]);
      stats = row!.stats;
      text = { title: old.title, title_en: old.title_en, summary: old.summary, summary_en: old.summary_en, body: options.body, body_en: options.bodyEn ?? null };
    }
    const publishedOn = new Date(old.published_at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const note = `**更正说明**：本通报更正${publishedOn}发布的《${old.title}》。更正原因：${reason}`;
    const noteEn = `**Correction**: this bulletin corrects "${old.title_en ?? old.title}" published on ${publishedOn}. Reason: ${reason}`;
    return insertBulletin(tx, {
      slug: await freeSlug(tx, old.kind, old.period),
      kind: old.kind,
      period: old.period,
      title: `${stripCorrected(text.title)}（更正）`,
      title_en: text.title_en ? `${stripCorrected(text.title_en)} (corrected)` : null,
      summary: text.summary,
      summary_en: text.summary_en,
      body: `${note}\n\n${text.body}`,
      body_en: text.body_en ? `${noteEn}\n\n${text.body_en}` : null,
      stats,
      supersedes_id: old.id,
      correction_reason: reason,
    });
  });
}

/** A correction of a correction keeps one marker. */
function stripCorrected(title: string): string {
  return title.replace(/（更正）$/, '').replace(/ \(corrected\)$/, '');
}

export async function showBulletin(db: Db, ref: string): Promise<BulletinRecord> {
  return db.asRole('service_role', (tx) => resolve(tx, ref));
}

export async function listBulletins(db: Db, filter: { kind?: BulletinKind | undefined; drafts?: boolean } = {}): Promise<BulletinRecord[]> {
  return db.asRole('service_role', (tx) =>
    tx.query<BulletinRecord>(
      `${RECORD_SQL}
       where ($1::text is null or b.kind = $1) and (not $2 or b.published_at is null)
       order by b.published_at desc nulls first, b.created_at desc, b.id desc`,
      [filter.kind ?? null, filter.drafts ?? false],
    ),
  );
}
