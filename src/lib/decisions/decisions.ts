/**
 * Major decisions (重大决策) as staff move them through the hearing gate: create, advance,
 * withdraw, read with the public log. The order of states and the gate are SQL; every step runs
 * in one transaction naming the person acting, whom the public log (decision_events) records.
 */
import type { Db, Queryable } from '../db/types.ts';
import { DECISION_KINDS, DECISION_STATUSES } from '../domain/decisions.ts';
import { UsageError } from '../usage-error.ts';

export { DECISION_KINDS, DECISION_STATUSES };
/** Kinds that always require a hearing (the database refuses them without one). */
export const HEARING_KINDS = ['price_adjustment', 'construction_project'];

export interface DecisionSummary {
  slug: string;
  kind: string;
  status: string;
  title: string;
}

export interface DecisionEvent {
  /** Asia/Shanghai, YYYY-MM-DD HH24:MI. */
  at: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string | null;
}

export interface DecisionDetail {
  slug: string;
  title: string;
  kind: string;
  status: string;
  requires_hearing: boolean;
  status_reason: string | null;
  log: DecisionEvent[];
}

export interface NewDecision {
  slug: string;
  kind: string;
  title: string;
  summary: string;
  /** The responsible unit's code. */
  unit: string;
  requiresHearing: boolean;
  /** The slug of the decision this one takes up. */
  supersedes: string | null;
  titleEn: string | null;
  summaryEn: string | null;
}

/** Names the person acting in the public decision log (decision_events) of this transaction. */
export async function actAs(tx: Queryable, actor: string): Promise<void> {
  await tx.query(`select set_config('gongshi.actor', $1, true)`, [actor]);
}

async function inTransaction<T>(db: Db, actor: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await actAs(tx, actor);
    return fn(tx);
  });
}

async function detail(tx: Queryable, slug: string): Promise<DecisionDetail> {
  const [d] = await tx.query<{ id: number; title: string; kind: string; status: string; requires_hearing: boolean; status_reason: string | null }>(
    `select id, title, kind, status, requires_hearing, status_reason from public.decisions where slug = $1`, [slug]);
  if (!d) throw new UsageError(`There is no decision "${slug}". See: npm run gongshi -- decision list`);
  const log = await tx.query<DecisionEvent>(
    `select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as at, from_status, to_status, actor, reason
     from public.decision_events where decision_id = $1 order by at, id`, [d.id]);
  return { slug, title: d.title, kind: d.kind, status: d.status, requires_hearing: d.requires_hearing, status_reason: d.status_reason, log };
}

/** Every decision, oldest first. */
export function listDecisions(db: Db, actor: string): Promise<DecisionSummary[]> {
  return inTransaction(db, actor, (tx) =>
    tx.query<DecisionSummary>(`select slug, kind, status, title from public.decisions order by created_at, id`));
}

/** A decision and its public log. */
export function showDecision(db: Db, slug: string, actor: string): Promise<DecisionDetail> {
  return inTransaction(db, actor, (tx) => detail(tx, slug));
}

/** Proposes a decision; the database refuses a kind that needs a hearing without one. */
export function createDecision(db: Db, row: NewDecision, actor: string): Promise<DecisionDetail> {
  return inTransaction(db, actor, async (tx) => {
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
      [row.slug, row.kind, row.title, row.titleEn, row.summary, row.summaryEn, unit.id, row.requiresHearing, supersedes]);
    return detail(tx, row.slug);
  });
}

/** Moves a decision to `to` (withdrawn included); the database checks the order and the hearing gate. */
export function advanceDecision(db: Db, slug: string, to: string, reason: string | null, actor: string): Promise<DecisionDetail> {
  return inTransaction(db, actor, async (tx) => {
    const updated = await tx.query(`update public.decisions set status = $2, status_reason = $3 where slug = $1 returning id`, [slug, to, reason]);
    if (updated.length === 0) throw new UsageError(`There is no decision "${slug}".`);
    return detail(tx, slug);
  });
}
