/** `gongshi decision`: major decisions (src/lib/decisions/decisions.ts) through the hearing gate. */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { choice, flag, requiredText, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import type { Db } from '../../lib/db/types.ts';
import {
  advanceDecision, createDecision, DECISION_KINDS as KINDS, DECISION_STATUSES as STATUSES, HEARING_KINDS, listDecisions, showDecision,
  type DecisionDetail,
} from '../../lib/decisions/decisions.ts';
import { renderTable } from '../table.ts';

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


function formatDecision(d: DecisionDetail): string {
  return [
    `${d.slug}: ${d.title}`,
    `kind ${d.kind}, ${d.requires_hearing ? 'requires a hearing' : 'no hearing required'}, status ${d.status}${d.status_reason ? ` (${d.status_reason})` : ''}`,
    '',
    renderTable(['when', 'from', 'to', 'by', 'why'], d.log.map((e) => [e.at, e.from_status ?? '—', e.to_status, e.actor, e.reason ?? ''])),
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
    const actor = text(values['actor']) ?? process.env['USER'] ?? 'staff';
    choice(action, ['list', 'show', 'create', 'advance', 'withdraw'], 'decision needs an action: list, show, create, advance or withdraw.');
    // Validate everything before touching the database.
    let planned: (db: Db) => Promise<string>;
    if (action === 'list') {
      planned = async (db) => {
        const rows = await listDecisions(db, actor);
        return rows.length === 0 ? 'No decisions yet.' : renderTable(['slug', 'kind', 'status', 'title'], rows.map((r) => [r.slug, r.kind, r.status, r.title]));
      };
    } else if (action === 'create') {
      const kind = choice(requiredText(values['kind'], 'kind'), KINDS, `--kind must be one of ${KINDS.join(', ')}.`);
      if (flag(values['requires-hearing']) && flag(values['no-hearing'])) {
        throw new UsageError('Give one of --requires-hearing and --no-hearing, not both.');
      }
      // Derived for the kinds that always need one; --no-hearing for those goes to the database,
      // which refuses it and says why.
      const derived = HEARING_KINDS.includes(kind) && !flag(values['no-hearing']);
      if (!derived && !flag(values['requires-hearing']) && !flag(values['no-hearing'])) {
        throw new UsageError(`Say whether this ${kind} decision requires a citizen-representative hearing: --requires-hearing or --no-hearing.`);
      }
      const row = {
        slug: requiredText(values['slug'], 'slug'), kind, title: requiredText(values['title'], 'title'), summary: requiredText(values['summary'], 'summary'),
        unit: requiredText(values['unit'], 'unit'), requiresHearing: derived || flag(values['requires-hearing']),
        supersedes: text(values['supersedes'])?.trim() ?? null,
        titleEn: text(values['title-en']) ?? null,
        summaryEn: text(values['summary-en']) ?? null,
      };
      planned = async (db) => formatDecision(await createDecision(db, row, actor));
    } else {
      const slug = slugArg ?? '';
      if (!slug) throw new UsageError(`decision ${action} needs the decision's slug.`);
      const to = choice(action === 'withdraw' ? 'withdrawn' : action === 'show' ? 'proposed' : requiredText(values['to'], 'to'),
        STATUSES, `--to must be one of ${STATUSES.join(', ')}.`);
      const reason = text(values['reason'])?.trim() ?? '';
      if (action === 'withdraw' && !reason) throw new UsageError('decision withdraw needs --reason.');
      planned = action === 'show'
        ? async (db) => formatDecision(await showDecision(db, slug, actor))
        : async (db) => formatDecision(await advanceDecision(db, slug, to, reason || null, actor));
    }
    const db = await openDb();
    try {
      console.log(await planned(db));
      return 0;
    } finally {
      await db.close();
    }
  },
};
