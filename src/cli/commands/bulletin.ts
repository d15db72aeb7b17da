/**
 * `gongshi bulletin`: the assessment office drafts bulletins (通报) from a period's figures,
 * reviews and publishes them, and corrects a published one with an erratum that supersedes it.
 * The workflow is src/lib/bulletins/workflow.ts; this file parses the options and reports the outcome.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { choice, flag, matching, optionalDate, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { pgErrorFields } from '../../lib/db/errors.ts';
import type { Db } from '../../lib/db/types.ts';
import {
  BULLETIN_KINDS, BulletinError, correctBulletin, draftBulletin, listBulletins, publishBulletin, showBulletin,
  type BulletinKind, type BulletinRecord,
} from '../../lib/bulletins/workflow.ts';

const stateOf = (b: BulletinRecord) => (b.published_at ? `published ${b.published_at}` : 'draft');

function describe(b: BulletinRecord): string {
  return [
    `Bulletin ${b.id} · ${b.slug} · ${b.kind} ${b.period} · ${stateOf(b)}`,
    ...(b.supersedes_slug ? [`Corrects ${b.supersedes_slug}: ${b.correction_reason ?? ''}`] : []),
    ...(b.superseded_by_slug ? [`Corrected by ${b.superseded_by_slug}`] : []),
  ].join('\n');
}

function parseKind(value: string | boolean | undefined): BulletinKind {
  if (typeof value !== 'string') throw new UsageError(`bulletin draft needs --kind (${BULLETIN_KINDS.join(', ')}).`);
  return choice(value, BULLETIN_KINDS, `--kind must be one of ${BULLETIN_KINDS.join(', ')}, got "${value}".`);
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
        const period = matching(values['period'], /./, 'bulletin draft needs --period.');
        const asOf = optionalDate(values['as-of'], 'as-of');
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
        const en = flag(values['en']);
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
          console.log('A running npm start republishes the site and feeds by itself; otherwise rebuild them (npm run build).');
        };
        break;
      }
      case 'correct': {
        const ref = oneRef(rest, 'correct');
        // Two characters at least, white space aside.
        const reason = matching(values['reason'], /\S.*\S/s, 'bulletin correct needs --reason "…" (what was wrong).');
        const bodyFile = text(values['body-file']);
        const bodyEnFile = text(values['body-en-file']);
        if (bodyEnFile !== undefined && bodyFile === undefined) throw new UsageError('--body-en-file needs --body-file as well.');
        const asOf = optionalDate(values['as-of'], 'as-of');
        const body = bodyFile === undefined ? undefined : await readMarkdown(bodyFile);
        const bodyEn = bodyEnFile === undefined ? undefined : await readMarkdown(bodyEnFile);
        task = async (db) => {
          const b = await correctBulletin(db, ref, { reason, body, bodyEn, asOf });
          console.log(`Drafted erratum ${b.id} (${b.slug}) superseding ${b.supersedes_slug}: ${b.title}\n`);
          console.log(`Review:  npm run gongshi -- bulletin show ${b.slug}\nPublish: npm run gongshi -- bulletin publish ${b.slug}`);
        };
        break;
      }
      case 'list': {
        const kind = values['kind'] === undefined ? undefined : parseKind(values['kind']);
        const drafts = flag(values['drafts']);
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
