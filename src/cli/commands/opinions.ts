/**
 * `gongshi opinions`: moderating the Citizen Deliberation Hall as the service role. Every rule
 * (pending → published | rejected once, a reason for a rejection, one official response) is
 * enforced by the database; this command only asks.
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import type { Db } from '../../lib/db/types.ts';
import { renderTable } from '../table.ts';

export interface OpinionRow {
  id: number;
  topic: string;
  status: string;
  submitted_at: string;
  display_name: string | null;
  body: string;
  rejection_reason: string | null;
  response_unit: string | null;
}

const STATUSES = ['pending', 'published', 'rejected', 'all'] as const;
type StatusFilter = (typeof STATUSES)[number];

/** Opinions (never contacts), oldest first. */
export function listOpinions(db: Db, filter: { status: StatusFilter; topic?: string | undefined; limit: number }): Promise<OpinionRow[]> {
  return db.asRole('service_role', (tx) =>
    tx.query<OpinionRow>(
      `select o.id::int, t.slug as topic, o.status, to_char(o.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as submitted_at,
              o.display_name, o.body, o.rejection_reason, u.code as response_unit
       from public.hall_opinions o
       join public.hall_topics t on t.id = o.topic_id
       left join public.units u on u.id = o.response_unit_id
       where ($1 = 'all' or o.status = $1) and ($2::text is null or t.slug = $2)
       order by o.submitted_at, o.id
       limit $3`,
      [filter.status, filter.topic ?? null, filter.limit],
    ),
  );
}

function expectRows(ids: number[], found: number[], what: string): void {
  const missing = ids.filter((id) => !found.includes(id));
  if (missing.length > 0) throw new UsageError(`No ${what} opinion with id ${missing.join(', ')}. Nothing was changed.`);
}

/** Publishes pending opinions, all or none. */
export async function publishOpinions(db: Db, ids: number[]): Promise<number> {
  return db.asRole('service_role', async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `update public.hall_opinions set status = 'published', moderated_at = now()
       where id = any ($1::bigint[]) and status = 'pending' returning id::int`,
      [ids],
    );
    expectRows(ids, rows.map((r) => r.id), 'pending');
    return rows.length;
  });
}

/** Rejects pending opinions with a reason shown to nobody but staff and the record. */
export async function rejectOpinions(db: Db, ids: number[], reason: string): Promise<number> {
  return db.asRole('service_role', async (tx) => {
    const rows = await tx.query<{ id: number }>(
      `update public.hall_opinions set status = 'rejected', rejection_reason = $2, moderated_at = now()
       where id = any ($1::bigint[]) and status = 'pending' returning id::int`,
      [ids, reason.trim()],
    );
    expectRows(ids, rows.map((r) => r.id), 'pending');
    return rows.length;
  });
}

/** Gives a published opinion the official response of a unit (by unit code). */
export async function respondToOpinion(db: Db, id: number, unitCode: string, text: string): Promise<void> {
  await db.asRole('service_role', async (tx) => {
    const [unit] = await tx.query<{ id: number }>(`select id::int from public.units where code = $1`, [unitCode]);
    if (!unit) throw new UsageError(`No unit with code "${unitCode}".`);
    const rows = await tx.query<{ id: number }>(
      `update public.hall_opinions set response_text = $2, response_unit_id = $3, responded_at = now()
       where id = $1 and status = 'published' returning id::int`,
      [id, text.trim(), unit.id],
    );
    if (rows.length === 0) throw new UsageError(`Opinion ${id} is not a published opinion: only published opinions are answered.`);
  });
}

function parseIds(positionals: string[], action: string): number[] {
  if (positionals.length === 0) throw new UsageError(`opinions ${action} needs at least one opinion id.`);
  return positionals.map((p) => {
    if (!/^\d{1,15}$/.test(p)) throw new UsageError(`"${p}" is not an opinion id.`);
    return Number(p);
  });
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
    const text = (name: string) => {
      const value = values[name];
      return typeof value === 'string' && value.trim() !== '' ? value : undefined;
    };
    const db = await openDb();
    try {
      await migrate(db);
      switch (action) {
        case 'list': {
          const status = (text('status') ?? 'pending') as StatusFilter;
          if (!STATUSES.includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}.`);
          const limitText = text('limit') ?? '100';
          if (!/^\d{1,6}$/.test(limitText)) throw new UsageError(`--limit must be a whole number, got "${limitText}".`);
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
          console.log(`Published ${count} opinion(s). They appear on the site with its next build.`);
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
