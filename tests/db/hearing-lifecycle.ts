/**
 * Hearings for tests, taken through their real lifecycle as staff would (the database refuses any
 * shortcut): opened with a seed commitment published before sign-ups open, sign-ups, closed and
 * drawn once sign-ups end, the outcome recorded once held, or cancelled with a reason. Times are
 * relative to now; a step in the past is recorded late (gongshi.at), never ahead of time.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../src/lib/db/types.ts';

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A seed in the form `hearing open` draws: 43 base64url characters. */
export function testSeed(label: string): string {
  return createHash('sha256').update(`test seed ${label}`).digest('base64url');
}

export interface HearingSpec {
  unitId: number;
  decisionId?: number | null;
  title?: string;
  seats: number;
  /** Intervals from now, e.g. '-20 days'. */
  opens: string;
  closes: string;
  held: string;
  seed: string;
}

async function at(q: Queryable, when: string | null): Promise<void> {
  await q.query(`select set_config('gongshi.at', coalesce((now() + $1::interval)::text, ''), true)`, [when]);
}

/** Opens a hearing; its seed is committed now, or (recorded late) a day before sign-ups opened in the past. */
export async function openHearing(q: Queryable, spec: HearingSpec): Promise<number> {
  await q.query(
    `select set_config('gongshi.at', (case when now() + $1::interval <= now() then now() + $1::interval - interval '1 day' else now() end)::text, true)`,
    [spec.opens]);
  const [row] = await q.query<{ id: number }>(
    `insert into public.hearings (decision_id, unit_id, title, summary, venue, held_at, seats, signup_opens_at, signup_closes_at, lottery_seed_hash)
     values ($1, $2, $3, '听取市民代表对方案的意见。', '市政务服务中心三楼', now() + $4::interval, $5, now() + $6::interval, now() + $7::interval, $8)
     returning id::int as id`,
    [spec.decisionId ?? null, spec.unitId, spec.title ?? '居民用水价格调整听证会', spec.held, spec.seats, spec.opens, spec.closes, sha256Hex(spec.seed)],
  );
  await at(q, null);
  return row!.id;
}

/** Closes sign-ups (recorded at their deadline) and draws, revealing the seed. */
export async function closeHearing(q: Queryable, id: number, seed: string | null): Promise<void> {
  await q.query(`select set_config('gongshi.at', signup_closes_at::text, true) from public.hearings where id = $1`, [id]);
  await q.query(`select private.close_hearing($1, $2)`, [id, seed]);
  await at(q, null);
}

/** Records the outcome (on the hearing's date). */
export async function recordOutcome(q: Queryable, id: number, votes: [number, number, number], summary = '听证会已举行。'): Promise<void> {
  await q.query(`select set_config('gongshi.at', held_at::text, true) from public.hearings where id = $1`, [id]);
  await q.query(`select private.record_hearing_outcome($1, $2, $3, $4, $5)`, [id, ...votes, summary]);
  await at(q, null);
}

export async function cancelHearing(q: Queryable, id: number, reason = '方案撤回，听证会取消。'): Promise<void> {
  await q.query(`update public.hearings set status = 'cancelled', outcome_summary = $2 where id = $1`, [id, reason]);
}

/** Signs `n` people up directly (as the office would enter paper sign-ups); returns their public ids. */
export async function addSignups(q: Queryable, id: number, n: number, label = 'x', category = 'citizen_representative'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const publicId = sha256Hex(`${label}-${id}-${i}`).slice(0, 8).toUpperCase();
    await q.query(
      `insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, category, code_hash)
       values ($1, $2, $3, $4, $4, $5, $6)`,
      [id, publicId, `报名人${i}`, `${label}-${id}-${i}@example.invalid`, category, sha256Hex(`code-${label}-${id}-${i}`)],
    );
    ids.push(publicId);
  }
  return ids;
}
