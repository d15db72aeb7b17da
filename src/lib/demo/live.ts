/**
 * The demo city is a snapshot as of its as-of day (2026-11-15 by default), but a visitor of
 * `npm start` should be able to take part on any later day: the hearings, surveys and hall topics
 * still taking part on the as-of day stay open. Their closing time — and a hearing's meeting after
 * it — moves as many whole days later as the clock is past the as-of day; nothing else changes.
 * Used once, when `npm start` loads the demo into an empty database: `seed --demo` stays
 * independent of the clock.
 */
import type { Queryable } from '../db/types.ts';

const DAY_MS = 86_400_000;

export interface KeptOpen {
  /** Days the windows moved (0 when the clock is not past the as-of day). */
  days: number;
  hearings: number;
  surveys: number;
  topics: number;
}

export async function keepDemoParticipationOpen(db: Queryable, asOf: string, now = new Date()): Promise<KeptOpen> {
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  const days = Math.max(0, Math.ceil((now.getTime() - asOfMs) / DAY_MS));
  if (days === 0) return { days, hearings: 0, surveys: 0, topics: 0 };
  const params = [`${asOf}T00:00:00Z`, days];
  // Open on the as-of day: opened by then, closing after it.
  const hearings = await db.query(
    `update public.hearings
     set signup_closes_at = signup_closes_at + $2 * interval '1 day', held_at = held_at + $2 * interval '1 day'
     where status = 'open' and signup_opens_at <= $1::timestamptz and signup_closes_at > $1::timestamptz
     returning id`, params);
  const surveys = await db.query(
    `update public.surveys set closes_at = closes_at + $2 * interval '1 day'
     where opens_at <= $1::timestamptz and closes_at > $1::timestamptz
     returning id`, params);
  const topics = await db.query(
    `update public.hall_topics set closes_at = closes_at + $2 * interval '1 day'
     where opens_at <= $1::timestamptz and closes_at > $1::timestamptz
     returning id`, params);
  return { days, hearings: hearings.length, surveys: surveys.length, topics: topics.length };
}
