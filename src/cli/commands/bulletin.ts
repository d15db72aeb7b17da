/**
 * `gongshi bulletin`: the assessment office drafts bulletins (通报) from a period's figures,
 * reviews and publishes them, and corrects a published one with an erratum that supersedes it.
 * The database decides what is allowed (supabase/migrations/20261130001100_bulletin_workflow.sql);
 * this file renders the text and reports the outcome.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { openDb } from '../../lib/db/open.ts';
import { pgErrorFields } from '../../lib/db/errors.ts';
import type { Db, Queryable } from '../../lib/db/types.ts';
import { bulletinSlug, renderBulletin } from '../../lib/bulletins/render.ts';
import { PeriodFiguresSchema, type PeriodFigures } from '../../lib/schemas/period-figures.ts';
import { isoUtc } from '../../lib/db/sql-time.ts';

export const BULLETIN_KINDS = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** A bulletin row as the staff CLI shows it. */
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

/** A message for the person at the terminal: printed without a stack trace, exit code 1. */
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

interface NewBulletin {
  slug: string;
  kind: BulletinKind;
  period: string;
  title: string;
  title_en: string | null;
  summary: string;
  summary_en: string | null;
  body: string;
  body_en: string | null;
  stats: unknown;
  supersedes_id: number | null;
  correction_reason: string | null;
}

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

// ---------------------------------------------------------------------------------------------
// The command: parsing, output, messages.

const stateOf = (b: BulletinRecord) => (b.published_at ? `published ${b.published_at}` : 'draft');

function describe(b: BulletinRecord): string {
  return [
    `Bulletin ${b.id} · ${b.slug} · ${b.kind} ${b.period} · ${stateOf(b)}`,
    ...(b.supersedes_slug ? [`Corrects ${b.supersedes_slug}: ${b.correction_reason ?? ''}`] : []),
    ...(b.superseded_by_slug ? [`Corrected by ${b.superseded_by_slug}`] : []),
  ].join('\n');
}

function parseAsOf(value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${text}".`);
  }
  return text;
}

function parseKind(value: string | boolean | undefined): BulletinKind {
  if (typeof value !== 'string') throw new UsageError(`bulletin draft needs --kind (${BULLETIN_KINDS.join(', ')}).`);
  if (!(BULLETIN_KINDS as readonly string[]).includes(value)) {
    throw new UsageError(`--kind must be one of ${BULLETIN_KINDS.join(', ')}, got "${value}".`);
  }
  return value as BulletinKind;
}

function oneRef(positionals: string[], action: string): string {
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`bulletin ${action} needs one bulletin id or slug.`);
  return positionals[0];
}

/** Database errors of the workflow, said the way the database says them (message, detail, hint). */
function explain(error: unknown): string | undefined {
  if (error instanceof BulletinError) return error.message;
  const pg = pgErrorFields(error);
  if (!pg) return undefined;
  if (pg.code === '42883' && /bulletin_draft_figures|publish_bulletin/.test(pg.message)) {
    return 'The database lacks the bulletin workflow. Run "npm run gongshi -- migrate" first.';
  }
  if (!['22023', 'P0002', '55000', 'PT409', '23505', '23514'].includes(pg.code)) return undefined;
  return [pg.message, pg.detail, pg.hint && `hint: ${pg.hint}`].filter(Boolean).join('\n  ');
}

export const bulletinCommand: Command = {
  name: 'bulletin',
  summary: 'Draft, review, publish and correct bulletins (通报)',
  help: `Usage: npm run gongshi -- bulletin <action> [options]

Actions:
  draft --kind K --period P [--as-of DATE]
        Compute the period's figures and write a draft bulletin (title, summary, Markdown body in
        Chinese and English): targets by status and their change, public commitments completed and
        at risk, units that did not report on time, units most behind, supervision findings.
        K: monthly | quarterly | semiannual | annual
        P: YYYY-MM | YYYY-Qn | YYYY-H1 / YYYY-H2 | YYYY
        The period must be finished: its last month's reports due (report day of the next month)
        by --as-of (default: today, Asia/Shanghai) and filed.
  show <id|slug> [--en]
        Print a bulletin (the English text with --en).
  publish <id|slug>
        Publish a draft. Published bulletins never change; rebuild the site to show it.
  correct <id|slug> --reason "…" [--body-file FILE.md [--body-en-file FILE.md]] [--as-of DATE]
        Draft an erratum that supersedes a published bulletin: from fresh figures, or with the
        Markdown body of FILE.md. Publish the erratum to take effect; both pages then say so.
  list [--kind K] [--drafts]
        Every bulletin, drafts first, then newest published first.

Bad input (unknown period, period not finished, nothing to report, publishing twice) is
refused with a message and nothing is written.`,
  options: {
    kind: { type: 'string' },
    period: { type: 'string' },
    'as-of': { type: 'string' },
    reason: { type: 'string' },
    'body-file': { type: 'string' },
    'body-en-file': { type: 'string' },
    en: { type: 'boolean' },
    drafts: { type: 'boolean' },
  },
  async run(values, positionals) {
    const [action, ...rest] = positionals;
    // Arguments are checked before the database is opened.
    let task: (db: Db) => Promise<void>;
    switch (action) {
      case 'draft': {
        const kind = parseKind(values['kind']);
        const period = values['period'];
        if (typeof period !== 'string' || period === '') throw new UsageError('bulletin draft needs --period.');
        const asOf = parseAsOf(values['as-of']);
        if (rest.length > 0) throw new UsageError(`bulletin draft takes no positional arguments, got "${rest.join(' ')}".`);
        task = async (db) => {
          const b = await draftBulletin(db, { kind, period, asOf });
          console.log(`Drafted bulletin ${b.id} (${b.slug}): ${b.title}\n\n${b.summary}\n`);
          console.log(`Review:  npm run gongshi -- bulletin show ${b.slug}\nPublish: npm run gongshi -- bulletin publish ${b.slug}`);
        };
        break;
      }
      case 'show': {
        const ref = oneRef(rest, 'show');
        const en = values['en'] === true;
        task = async (db) => {
          const b = await showBulletin(db, ref);
          const pick = (zh: string, english: string | null) => (en && english ? english : zh);
          console.log(`${describe(b)}\n\n# ${pick(b.title, b.title_en)}\n\n${pick(b.summary, b.summary_en)}\n\n${pick(b.body, b.body_en)}`);
        };
        break;
      }
      case 'publish': {
        const ref = oneRef(rest, 'publish');
        task = async (db) => {
          const b = await publishBulletin(db, ref);
          console.log(`Published bulletin ${b.id} (${b.slug}) at ${b.published_at}: ${b.title}`);
          if (b.supersedes_slug) console.log(`It supersedes ${b.supersedes_slug}; both pages say so.`);
          console.log('Rebuild the site (npm run build) to put it on the site and in the feeds.');
        };
        break;
      }
      case 'correct': {
        const ref = oneRef(rest, 'correct');
        const reason = values['reason'];
        if (typeof reason !== 'string' || reason.trim().length < 2) throw new UsageError('bulletin correct needs --reason "…" (what was wrong).');
        const bodyFile = values['body-file'];
        const bodyEnFile = values['body-en-file'];
        if (bodyEnFile !== undefined && bodyFile === undefined) throw new UsageError('--body-en-file needs --body-file as well.');
        const asOf = parseAsOf(values['as-of']);
        const body = typeof bodyFile === 'string' ? await readMarkdown(bodyFile) : undefined;
        const bodyEn = typeof bodyEnFile === 'string' ? await readMarkdown(bodyEnFile) : undefined;
        task = async (db) => {
          const b = await correctBulletin(db, ref, { reason, body, bodyEn, asOf });
          console.log(`Drafted erratum ${b.id} (${b.slug}) superseding ${b.supersedes_slug}: ${b.title}\n`);
          console.log(`Review:  npm run gongshi -- bulletin show ${b.slug}\nPublish: npm run gongshi -- bulletin publish ${b.slug}`);
        };
        break;
      }
      case 'list': {
        const kind = values['kind'] === undefined ? undefined : parseKind(values['kind']);
        const drafts = values['drafts'] === true;
        task = async (db) => {
          const rows = await listBulletins(db, { kind, drafts });
          if (rows.length === 0) {
            console.log('No bulletins.');
            return;
          }
          const width = Math.max(...rows.map((r) => r.slug.length));
          for (const b of rows) {
            const links = [b.supersedes_slug && `corrects ${b.supersedes_slug}`, b.superseded_by_slug && `corrected by ${b.superseded_by_slug}`].filter(Boolean).join(', ');
            console.log(`${String(b.id).padStart(5)}  ${b.slug.padEnd(width)}  ${(b.published_at ?? 'draft').padEnd(20)}  ${b.title}${links ? `  (${links})` : ''}`);
          }
        };
        break;
      }
      default:
        throw new UsageError(action ? `Unknown action "${action}".` : 'bulletin needs an action: draft, show, publish, correct or list.');
    }

    const db = await openDb();
    try {
      await task(db);
      return 0;
    } catch (error) {
      const message = explain(error);
      if (message === undefined) throw error;
      console.error(message);
      return 1;
    } finally {
      await db.close();
    }
  },
};

async function readMarkdown(file: string): Promise<string> {
  try {
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    if (text.trim() === '') throw new UsageError(`${file} is empty.`);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}
