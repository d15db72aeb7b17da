/**
 * A citizen-representative hearing's life as staff run it: open (with a committed lottery seed),
 * close (reveal the seed, draw), record the outcome, cancel, and verify the published draw. The
 * hearing gate and every state rule are SQL (private.commit_lottery_seed, close_hearing,
 * record_hearing_outcome); these functions ask and return what the database answered.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/types.ts';
import { actAs } from '../decisions/decisions.ts';
import { SIGNUP_CATEGORIES as CATEGORIES } from '../domain/hearings.ts';
import { UsageError } from '../usage-error.ts';
import { sha256Hex, verifyDraw, type DrawResult, type Mismatch } from './lottery.ts';

/** Sign-up categories a hearing can reserve seats for. */
export const SIGNUP_CATEGORIES: readonly string[] = CATEGORIES;

export interface HearingSpec {
  /** The decision's slug. */
  decision: string;
  title: string;
  summary: string;
  venue: string;
  heldAt: string;
  seats: number;
  /** When sign-ups open; null: now, by the database's clock (the moment the seed is committed). */
  opens: string | null;
  closes: string;
  /** Reserved seats per sign-up category. */
  quotas: [string, number][];
}

export interface OpenedHearing {
  id: number;
  /** The secret lottery seed (256 bits): the caller keeps it private until sign-ups close. */
  seed: string;
  /** Its SHA-256, published now. */
  seedHash: string;
}

/** Creates a hearing with a fresh secret seed whose hash is published; the decision moves to hearing_scheduled. */
export async function openHearing(db: Db, spec: HearingSpec, actor: string): Promise<OpenedHearing> {
  const seed = crypto.randomBytes(32).toString('base64url');
  const seedHash = await sha256Hex(seed);
  const id = await db.transaction(async (tx) => {
    await actAs(tx, actor);
    const [d] = await tx.query<{ id: number; unit_id: number; status: string }>(`select id, unit_id, status from public.decisions where slug = $1 for update`, [spec.decision]);
    if (!d) throw new UsageError(`There is no decision "${spec.decision}".`);
    const [h] = await tx.query<{ id: number }>(
      `insert into public.hearings (decision_id, unit_id, title, summary, venue, held_at, seats, signup_opens_at, signup_closes_at)
       values ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), $9) returning id::int as id`,
      [d.id, d.unit_id, spec.title, spec.summary, spec.venue, spec.heldAt, spec.seats, spec.opens, spec.closes]);
    for (const [category, seats] of spec.quotas) {
      await tx.query(`insert into public.hearing_quotas (hearing_id, category, seats) values ($1, $2, $3)`, [h!.id, category, seats]);
    }
    await tx.query(`select private.commit_lottery_seed($1, $2)`, [h!.id, seedHash]);
    if (d.status === 'proposed' || d.status === 'heard') {
      await tx.query(`update public.decisions set status = 'hearing_scheduled', status_reason = $2 where id = $1`, [d.id, `听证会 ${h!.id} 已安排`]);
    }
    return h!.id;
  });
  return { id, seed, seedHash };
}

export interface ClosedHearing {
  /** Confirmed sign-ups drawn. */
  signups: number;
  /** Pending sign-ups (never confirmed by their contact) that expired. */
  expired: number;
  seats: number;
  selected: number;
  waitlisted: number;
}

/** Closes sign-ups, reveals the seed (null when no lottery is needed) and draws. */
export async function closeHearing(db: Db, id: number, seed: string | null): Promise<ClosedHearing> {
  const [row] = await db.transaction((tx) => tx.query<{ r: ClosedHearing }>(`select private.close_hearing($1, $2) as r`, [id, seed]));
  return row!.r;
}

export interface HearingVotes {
  for: number;
  against: number;
  abstain: number;
}

export interface HearingOutcome {
  majority_opposed: boolean;
  /** The decision's new status, when the outcome moved it. */
  decision_status: string | null;
}

/** Records a held hearing's vote; a majority against withdraws the decision. */
export async function recordHearingOutcome(
  db: Db, id: number, votes: HearingVotes, summary: string, present: number | null, actor: string,
): Promise<HearingOutcome> {
  const [row] = await db.transaction(async (tx) => {
    await actAs(tx, actor);
    return tx.query<{ r: HearingOutcome }>(
      `select private.record_hearing_outcome($1, $2, $3, $4, $5, $6) as r`, [id, votes.for, votes.against, votes.abstain, summary, present]);
  });
  return row!.r;
}

/** Cancels a hearing that has not been held. */
export async function cancelHearing(db: Db, id: number, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    const done = await tx.query(`update public.hearings set status = 'cancelled', outcome_summary = $2 where id = $1 returning id`, [id, reason]);
    if (done.length === 0) throw new UsageError(`There is no hearing ${id}.`);
  });
}

/** What a recomputation of a hearing's published draw found. */
export type HearingVerification =
  | { kind: 'no-draw'; status: string; ok: false }
  /** No seed was revealed: right only when everyone who signed up was selected. */
  | { kind: 'no-lottery'; signups: number; seats: number; ok: boolean }
  | { kind: 'lottery'; signups: number; seats: number; quotas: Record<string, number>; hashMatches: boolean; mismatches: Mismatch[]; ok: boolean };

/** Recomputes the lottery from what anyone can read (the anonymous role's view) and compares. */
export async function verifyHearing(db: Db, id: number): Promise<HearingVerification> {
  return db.asRole('anon', async (tx) => {
    const [h] = await tx.query<{ seats: number; lottery_seed: string | null; lottery_seed_hash: string | null; status: string }>(
      `select seats, lottery_seed, lottery_seed_hash, status from public.hearings where id = $1`, [id]);
    if (!h) throw new UsageError(`There is no hearing ${id}.`);
    const draws = await tx.query<DrawResult>(
      `select public_id, category, draw_key, draw_order, drawn from public.hearing_draws where hearing_id = $1 order by draw_order`, [id]);
    if (draws.length === 0) return { kind: 'no-draw', status: h.status, ok: false };
    if (h.lottery_seed === null) {
      const everyone = draws.every((d) => d.drawn === 'selected') && draws.length <= h.seats;
      return { kind: 'no-lottery', signups: draws.length, seats: h.seats, ok: everyone };
    }
    const quotas = Object.fromEntries((await tx.query<{ category: string; seats: number }>(
      `select category, seats from public.hearing_quotas where hearing_id = $1`, [id])).map((q) => [q.category, q.seats]));
    const { hashMatches, mismatches } = await verifyDraw({
      seed: h.lottery_seed, seedHash: h.lottery_seed_hash, seats: h.seats, quotas, draws,
    });
    return { kind: 'lottery', signups: draws.length, seats: h.seats, quotas, hashMatches, mismatches, ok: hashMatches && mismatches.length === 0 };
  });
}
