/**
 * Participation rows for the db tests: hall topics and opinions, hearings and surveys in every
 * state, relative to the database clock, plus a helper that calls a citizen RPC the way
 * PostgREST does (named arguments, a role, request headers with a client address).
 */
import { addSignups, cancelHearing, closeHearing, openHearing, recordOutcome, testSeed } from './hearing-lifecycle.ts';
import type { Db, Queryable, Role, RoleContext } from '../../src/lib/db/types.ts';
import { insertBase, Json, type Base } from './fixtures.ts';

export { json } from './fixtures.ts';

export { CITIZEN_RPCS, type CitizenRpc } from '../../src/lib/citizen-rpcs.ts';

/** Every participation table, with the schema it lives in. */
export const PARTICIPATION_TABLES = {
  public: ['hall_topics', 'hall_opinions', 'hearings', 'surveys', 'survey_questions', 'survey_responses', 'survey_answers'],
  private: [
    'hall_opinion_contacts', 'hearing_signups', 'survey_invitations', 'open_survey_participants',
    'rate_limits', 'rate_limit_buckets', 'installation_secrets',
    'hall_topic_counts', 'survey_response_counts', 'survey_answer_counts', 'survey_stats_snapshots',
  ],
} as const;

/** Tables a call may write to: counted before and after every failing call. */
export const WRITTEN_TABLES = [
  'public.hall_opinions', 'private.hall_opinion_contacts', 'private.hearing_signups', 'private.survey_invitations',
  'private.open_survey_participants', 'public.survey_responses', 'public.survey_answers', 'private.rate_limit_buckets',
  'private.contact_codes', 'private.contact_tokens', 'private.outbox',
] as const;

export interface Participation {
  base: Base;
  topic: { open: number; closed: number; upcoming: number };
  opinion: { pending: number; published: number; rejected: number };
  hearing: { open: number; upcoming: number; closed: number; held: number; cancelled: number };
  survey: { panel: number; open: number; closedPanel: number; other: number };
  question: { rating: number; choice: number; text: number; openRating: number; otherRating: number };
  /** Unused invitation tokens of the open panel survey (plain text, as the CLI would print them). */
  tokens: string[];
  /** A token of survey.other (valid, but not for survey.panel). */
  otherToken: string;
  /** A token of the closed panel survey. */
  closedToken: string;
}

async function id(q: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await q.query<{ id: number }>(`${sql} returning id::int as id`, params);
  return row!.id;
}

async function tokens(q: Queryable, survey: number, count: number, group = 'citizen'): Promise<string[]> {
  const rows = await q.query<{ token: string }>(
    `select token from private.issue_survey_invitations($1, $2, $3, 'test')`,
    [survey, group, count],
  );
  return rows.map((r) => r.token);
}

/** Inserts the fixture (as the owner). `tokenCount` unused tokens are issued for the panel survey. */
export async function insertParticipation(db: Db, tokenCount = 30): Promise<Participation> {
  return db.transaction(async (tx) => {
    const base = await insertBase(tx, 'PT');
    const topic = {
      open: await id(tx, `insert into public.hall_topics (slug, unit_id, title, description, opens_at)
        values ('open-topic', $1, '老旧小区加装电梯', '请就加装电梯的费用分摊提出意见。', now() - interval '3 days')`, [base.unitA]),
      closed: await id(tx, `insert into public.hall_topics (slug, unit_id, title, description, opens_at, closes_at)
        values ('closed-topic', $1, '公交线路优化', '已结束的话题。', now() - interval '30 days', now() - interval '1 day')`, [base.unitA]),
      upcoming: await id(tx, `insert into public.hall_topics (slug, unit_id, title, description, opens_at)
        values ('upcoming-topic', $1, '夜间经济', '尚未开放。', now() + interval '3 days')`, [base.unitB]),
    };
    const opinion = {
      pending: await id(tx, `insert into public.hall_opinions (topic_id, body) values ($1, '待审核的意见')`, [topic.open]),
      published: await id(tx, `insert into public.hall_opinions (topic_id, display_name, body, status, moderated_at)
        values ($1, '老张', '已公开的意见', 'published', now())`, [topic.open]),
      rejected: await id(tx, `insert into public.hall_opinions (topic_id, body, status, rejection_reason, moderated_at)
        values ($1, '广告内容', 'rejected', '与话题无关的广告', now())`, [topic.open]),
    };
    // Hearings in every state, each taken through its lifecycle (the database allows no shortcut).
    const hearing = (label: string, opens: string, closes: string, held: string) =>
      openHearing(tx, { unitId: base.unitA, seats: 3, opens, closes, held, seed: testSeed(label) });
    const hearings = {
      open: await hearing('open', '-2 days', '20 days', '60 days'),
      upcoming: await hearing('upcoming', '2 days', '20 days', '60 days'),
      closed: await hearing('closed', '-20 days', '-1 day', '60 days'),
      held: await hearing('held', '-40 days', '-20 days', '-10 days'),
      cancelled: await hearing('cancelled', '-10 days', '10 days', '60 days'),
    };
    await closeHearing(tx, hearings.closed, null);
    await addSignups(tx, hearings.held, 3, 'held');
    await closeHearing(tx, hearings.held, null);
    await recordOutcome(tx, hearings.held, [1, 1, 1]);
    await cancelHearing(tx, hearings.cancelled);
    const survey = async (slug: string, mode: string, opens: string, closes: string | null) =>
      id(tx, `insert into public.surveys (slug, year, unit_id, mode, title, description, opens_at, closes_at)
        values ($1, $2, $3, $4, '群众满意度测评', '请对该单位的服务进行评价。', now() + $5::interval, now() + $6::interval)`,
      [slug, base.year, base.unitA, mode, opens, closes]);
    const surveys = {
      panel: await survey('panel-survey', 'panel', '-5 days', '30 days'),
      open: await survey('open-survey', 'open', '-5 days', null),
      closedPanel: await survey('closed-panel', 'panel', '-50 days', '-10 days'),
      other: await survey('other-panel', 'panel', '-5 days', '30 days'),
    };
    const question = async (survey: number, position: number, kind: string, options: unknown, weight: number, required: boolean) =>
      id(tx, `insert into public.survey_questions (survey_id, position, kind, prompt, options, weight, required)
        values ($1, $2, $3, '您对该单位的服务满意吗？', $4::text::jsonb, $5, $6)`,
      [survey, position, kind, options === null ? null : JSON.stringify(options), weight, required]);
    const questions = {
      rating: await question(surveys.panel, 1, 'rating', null, 1, true),
      choice: await question(surveys.panel, 2, 'choice', [{ value: 'yes', label: '是' }, { value: 'no', label: '否' }], 1, false),
      text: await question(surveys.panel, 3, 'text', null, 0, false),
      openRating: await question(surveys.open, 1, 'rating', null, 1, true),
      otherRating: await question(surveys.other, 1, 'rating', null, 1, true),
    };
    await question(surveys.closedPanel, 1, 'rating', null, 1, true);
    return {
      base, topic, opinion, hearing: hearings, survey: surveys, question: questions,
      tokens: await tokens(tx, surveys.panel, tokenCount),
      otherToken: (await tokens(tx, surveys.other, 1))[0]!,
      closedToken: (await tokens(tx, surveys.closedPanel, 1))[0]!,
    };
  });
}

let clients = 0;
/** A request context from a client address never used before in this process. */
export function newClient(): RoleContext {
  clients++;
  return { headers: { 'x-forwarded-for': `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}` } };
}

export type Args = Record<string, string | number | boolean | null | Json | undefined>;

/** `select public.<name>(arg => $1, …)` as `role` (default anon); resolves with the jsonb result. */
export function callRpc<T = Record<string, unknown>>(
  db: Db,
  name: string,
  args: Args = {},
  options: { role?: Role; context?: RoleContext } = {},
): Promise<T> {
  const entries = Object.entries(args).filter(([, v]) => v !== undefined);
  const named = entries.map(([k, v], i) => `"${k}" => $${i + 1}${v instanceof Json ? '::text::jsonb' : ''}`);
  const params = entries.map(([, v]) => (v instanceof Json ? JSON.stringify(v.value) : v));
  return db.asRole(
    options.role ?? 'anon',
    async (tx) => {
      const [row] = await tx.query<{ result: T }>(`select public.${name}(${named.join(', ')}) as result`, params);
      return row!.result;
    },
    options.context ?? newClient(),
  );
}

/** Row counts of every table a citizen call may write. */
export async function writtenCounts(db: Queryable): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of WRITTEN_TABLES) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = row!.n;
  }
  return out;
}
