/**
 * `gongshi opinions`: moderating the Citizen Deliberation Hall (src/lib/hall/opinions.ts) as the
 * service role; the database enforces every rule, this command parses and prints.
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { choice, filledText, matching } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { listOpinions, OPINION_FILTERS, publishOpinions, rejectOpinions, respondToOpinion } from '../../lib/hall/opinions.ts';
import { renderTable } from '../table.ts';

function parseIds(positionals: string[], action: string): number[] {
  if (positionals.length === 0) throw new UsageError(`opinions ${action} needs at least one opinion id.`);
  return positionals.map((p) => Number(matching(p, /^\d{1,15}$/, `"${p}" is not an opinion id.`)));
}

const oneLine = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export const opinionsCommand: Command = {
  name: 'opinions',
  summary: 'Moderate hall opinions: list, publish, reject with a reason, respond as a unit',
  help: `Usage: npm run gongshi -- opinions <action> [options]

Actions:
  list [--status pending|published|rejected|all] [--topic SLUG] [--limit N]
                      opinions oldest first (default: pending, 100); contacts are never shown
  publish ID…         publish pending opinions (all or none)
  reject ID… --reason TEXT
                      reject pending opinions with a reason (all or none)
  respond ID --unit CODE --text TEXT
                      give a published opinion its official response, once, in the name of a unit

Opinions are pre-moderated: a citizen's opinion is public only once published. A decision is
final: the database refuses to change a moderated opinion or an official response.`,
  options: {
    status: { type: 'string' },
    topic: { type: 'string' },
    limit: { type: 'string' },
    reason: { type: 'string' },
    unit: { type: 'string' },
    text: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, ...rest] = positionals;
    const text = (name: string) => filledText(values[name]);
    const db = await openDb();
    try {
      await migrate(db);
      switch (action) {
        case 'list': {
          const status = choice(text('status') ?? 'pending', OPINION_FILTERS, `--status must be one of ${OPINION_FILTERS.join(', ')}.`);
          const limitText = text('limit') ?? '100';
          matching(limitText, /^\d{1,6}$/, `--limit must be a whole number, got "${limitText}".`);
          const rows = await listOpinions(db, { status, topic: text('topic'), limit: Number(limitText) });
          if (rows.length === 0) {
            console.log(`No ${status === 'all' ? '' : `${status} `}opinions.`);
            return 0;
          }
          console.log(renderTable(
            ['id', 'topic', 'status', 'submitted', 'name', 'opinion', 'note'],
            rows.map((r) => [
              String(r.id), r.topic, r.status, r.submitted_at, r.display_name ?? '—', oneLine(r.body, 60),
              r.rejection_reason ? `rejected: ${oneLine(r.rejection_reason, 30)}` : r.response_unit ? `answered by ${r.response_unit}` : '',
            ]),
            new Set([0]),
          ));
          return 0;
        }
        case 'publish': {
          const count = await publishOpinions(db, parseIds(rest, 'publish'));
          console.log(`Published ${count} opinion(s). They appear on the site with its next build (a running npm start rebuilds by itself).`);
          return 0;
        }
        case 'reject': {
          const reason = text('reason');
          if (!reason) throw new UsageError('opinions reject needs --reason TEXT: the reason is kept with the opinion.');
          const count = await rejectOpinions(db, parseIds(rest, 'reject'), reason);
          console.log(`Rejected ${count} opinion(s).`);
          return 0;
        }
        case 'respond': {
          const ids = parseIds(rest, 'respond');
          if (ids.length !== 1) throw new UsageError('opinions respond takes one opinion id.');
          const unit = text('unit');
          const response = text('text');
          if (!unit || !response) throw new UsageError('opinions respond needs --unit CODE and --text TEXT.');
          await respondToOpinion(db, ids[0]!, unit, response);
          console.log(`Opinion ${ids[0]} answered by ${unit}.`);
          return 0;
        }
        default:
          throw new UsageError(action ? `Unknown action "${action}".` : 'opinions needs an action.');
      }
    } finally {
      await db.close();
    }
  },
};
