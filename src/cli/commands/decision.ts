import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { requiredText } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import type { Queryable } from '../../lib/db/types.ts';
import { renderTable } from '../table.ts';

const KINDS = ['price_adjustment', 'construction_project', 'public_service', 'regulation', 'planning', 'other'];
/** Kinds that always require a hearing (the database refuses them without one). */
const HEARING_KINDS = ['price_adjustment', 'construction_project'];
const STATUSES = ['proposed', 'hearing_scheduled', 'heard', 'cleared', 'submitted', 'decided', 'withdrawn'];

const HELP = `Usage: npm run gongshi -- decision <action> [options]

  list                                   every decision with its status
  show <slug>                            a decision and its public log
  create --slug S --kind K --title T --summary S --unit CODE [--requires-hearing | --no-hearing]
         [--supersedes SLUG] [--title-en T] [--summary-en S]
  advance <slug> --to STATUS [--reason R]
  withdraw <slug> --reason R

Kinds: ${KINDS.join(', ')}
States: proposed → hearing_scheduled → heard → cleared → submitted → decided; withdrawn from any open state.
The database enforces the order and the hearing gate: a decision that requires a hearing cannot be
cleared or submitted until a hearing was held and its majority did not oppose. Price adjustments and
construction projects always require one (say nothing, or --requires-hearing); for other kinds say
which. Nobody can drop the requirement later. A decision that takes up an earlier one (--supersedes,
or the same kind and title) needs its own hearing if the earlier one needed one or was withdrawn.
Every step is logged publicly with --actor (default: $USER) and the reason.`;


async function actAs(tx: Queryable, actor: string): Promise<void> {
  await tx.query(`select set_config('gongshi.actor', $1, true)`, [actor]);
}

async function show(tx: Queryable, slug: string): Promise<string> {
  const [d] = await tx.query<{ id: number; title: string; kind: string; status: string; requires_hearing: boolean; status_reason: string | null }>(
    `select id, title, kind, status, requires_hearing, status_reason from public.decisions where slug = $1`, [slug]);
  if (!d) throw new UsageError(`There is no decision "${slug}". See: npm run gongshi -- decision list`);
  const log = await tx.query<{ at: string; from_status: string | null; to_status: string; actor: string; reason: string | null }>(
    `select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, from_status, to_status, actor, reason
     from public.decision_events where decision_id = $1 order by at, id`, [d.id]);
  return [
    `${slug}: ${d.title}`,
    `kind ${d.kind}, ${d.requires_hearing ? 'requires a hearing' : 'no hearing required'}, status ${d.status}${d.status_reason ? ` (${d.status_reason})` : ''}`,
    '',
    renderTable(['when', 'from', 'to', 'by', 'why'], log.map((e) => [e.at, e.from_status ?? '—', e.to_status, e.actor, e.reason ?? ''])),
  ].join('\n');
}

export const decisionCommand: Command = {
  name: 'decision',
  summary: 'Create major decisions and move them through the hearing gate',
  help: HELP,
  options: {
    slug: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, 'title-en': { type: 'string' },
    summary: { type: 'string' }, 'summary-en': { type: 'string' }, unit: { type: 'string' },
    'requires-hearing': { type: 'boolean' }, 'no-hearing': { type: 'boolean' }, supersedes: { type: 'string' },
    to: { type: 'string' }, reason: { type: 'string' }, actor: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, slugArg] = positionals;
    const actor = typeof values['actor'] === 'string' ? values['actor'] : (process.env['USER'] ?? 'staff');
    if (!action || !['list', 'show', 'create', 'advance', 'withdraw'].includes(action)) {
      throw new UsageError('decision needs an action: list, show, create, advance or withdraw.');
    }
    // Validate everything before touching the database.
    let planned: (tx: Queryable) => Promise<string>;
    if (action === 'list') {
      planned = async (tx) => {
        const rows = await tx.query<{ slug: string; kind: string; status: string; title: string }>(
          `select slug, kind, status, title from public.decisions order by created_at, id`);
        return rows.length === 0 ? 'No decisions yet.' : renderTable(['slug', 'kind', 'status', 'title'], rows.map((r) => [r.slug, r.kind, r.status, r.title]));
      };
    } else if (action === 'create') {
      const kind = requiredText(values['kind'], 'kind');
      if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}.`);
      if (values['requires-hearing'] && values['no-hearing']) {
        throw new UsageError('Give one of --requires-hearing and --no-hearing, not both.');
      }
      // Derived for the kinds that always need one; --no-hearing for those goes to the database,
      // which refuses it and says why.
      const derived = HEARING_KINDS.includes(kind) && !values['no-hearing'];
      if (!derived && !values['requires-hearing'] && !values['no-hearing']) {
        throw new UsageError(`Say whether this ${kind} decision requires a citizen-representative hearing: --requires-hearing or --no-hearing.`);
      }
      const row = {
        slug: requiredText(values['slug'], 'slug'), kind, title: requiredText(values['title'], 'title'), summary: requiredText(values['summary'], 'summary'),
        unit: requiredText(values['unit'], 'unit'), requires: derived || Boolean(values['requires-hearing']),
        supersedes: typeof values['supersedes'] === 'string' ? values['supersedes'].trim() : null,
        titleEn: typeof values['title-en'] === 'string' ? values['title-en'] : null,
        summaryEn: typeof values['summary-en'] === 'string' ? values['summary-en'] : null,
      };
      planned = async (tx) => {
        const [unit] = await tx.query<{ id: number }>(`select id from public.units where code = $1`, [row.unit]);
        if (!unit) throw new UsageError(`There is no unit with code "${row.unit}".`);
        let supersedes: number | null = null;
        if (row.supersedes) {
          const [earlier] = await tx.query<{ id: number }>(`select id from public.decisions where slug = $1`, [row.supersedes]);
          if (!earlier) throw new UsageError(`There is no decision "${row.supersedes}" to supersede. See: npm run gongshi -- decision list`);
          supersedes = earlier.id;
        }
        await tx.query(
          `insert into public.decisions (slug, kind, title, title_en, summary, summary_en, unit_id, requires_hearing, supersedes_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [row.slug, row.kind, row.title, row.titleEn, row.summary, row.summaryEn, unit.id, row.requires, supersedes]);
        return show(tx, row.slug);
      };
    } else {
      const slug = slugArg ?? '';
      if (!slug) throw new UsageError(`decision ${action} needs the decision's slug.`);
      const to = action === 'withdraw' ? 'withdrawn' : action === 'show' ? 'proposed' : requiredText(values['to'], 'to');
      if (!STATUSES.includes(to)) throw new UsageError(`--to must be one of ${STATUSES.join(', ')}.`);
      const reason = typeof values['reason'] === 'string' ? values['reason'].trim() : '';
      if (action === 'withdraw' && !reason) throw new UsageError('decision withdraw needs --reason.');
      planned = action === 'show'
        ? (tx) => show(tx, slug)
        : async (tx) => {
            const updated = await tx.query(`update public.decisions set status = $2, status_reason = $3 where slug = $1 returning id`, [slug, to, reason || null]);
            if (updated.length === 0) throw new UsageError(`There is no decision "${slug}".`);
            return show(tx, slug);
          };
    }
    const db = await openDb();
    try {
      const output = await db.transaction(async (tx) => {
        await actAs(tx, actor);
        return planned(tx);
      });
      console.log(output);
      return 0;
    } finally {
      await db.close();
    }
  },
};
