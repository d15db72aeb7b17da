/**
 * The hearing lottery, recomputed from published data: the seed (revealed when sign-ups close),
 * each entrant's public id and the category it was drawn in, the seats and the reserved quotas.
 * Entrants are the sign-ups whose contact confirmed its code; a reserved category counts only when
 * staff confirmed the claim before the draw, otherwise the entrant is published in the category
 * `general` (the general pool), which no quota names. The database draws
 * (private.close_hearing); this independent implementation lets anyone — the CLI's
 * `hearing verify`, the /hearings/verify/ page, a journalist — check the published result.
 * Runs in Node and in browsers (Web Crypto).
 */
import type { DrawOutcome } from '../domain/hearings.ts';

export interface DrawEntry {
  public_id: string;
  /** The category drawn in (DRAW_CATEGORIES): a quota of that category may take the entrant. */
  category: string;
}

/** The category of entrants whose reserved-category claim was not confirmed: never a quota's. */
export const GENERAL_POOL = 'general';

export interface DrawResult extends DrawEntry {
  draw_key: string;
  draw_order: number;
  drawn: DrawOutcome;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** sha256(seed + ':' + public_id), lower-case hex. */
export function drawKey(seed: string, publicId: string): Promise<string> {
  return sha256Hex(`${seed}:${publicId}`);
}

/** Byte order of two strings (as Postgres' "C" collation compares hex keys). */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function computeDraw(
  seed: string,
  entries: readonly DrawEntry[],
  seats: number,
  quotas: Readonly<Record<string, number>> = {},
): Promise<DrawResult[]> {
  const keyed = await Promise.all(entries.map(async (e) => ({ ...e, draw_key: await drawKey(seed, e.public_id) })));
  keyed.sort((a, b) => byteOrder(a.draw_key, b.draw_key));
  const selected = new Set<string>();
  const taken: Record<string, number> = {};
  for (const e of keyed) {
    const quota = e.category === GENERAL_POOL ? 0 : (quotas[e.category] ?? 0);
    if ((taken[e.category] ?? 0) < quota) {
      taken[e.category] = (taken[e.category] ?? 0) + 1;
      selected.add(e.public_id);
    }
  }
  for (const e of keyed) {
    if (selected.size >= seats) break;
    selected.add(e.public_id);
  }
  return keyed.map((e, i) => ({ ...e, draw_order: i + 1, drawn: selected.has(e.public_id) ? 'selected' : 'waitlisted' }));
}

export interface Mismatch {
  public_id: string;
  field: 'draw_key' | 'draw_order' | 'drawn' | 'missing';
  published: string;
  recomputed: string;
}

/** Compares a published draw with the recomputation; an empty list means it verifies. */
export function compareDraws(published: readonly DrawResult[], recomputed: readonly DrawResult[]): Mismatch[] {
  const mine = new Map(recomputed.map((r) => [r.public_id, r]));
  const out: Mismatch[] = [];
  for (const p of published) {
    const r = mine.get(p.public_id);
    if (!r) {
      out.push({ public_id: p.public_id, field: 'missing', published: 'present', recomputed: 'absent' });
      continue;
    }
    for (const field of ['draw_key', 'draw_order', 'drawn'] as const) {
      if (String(p[field]) !== String(r[field])) out.push({ public_id: p.public_id, field, published: String(p[field]), recomputed: String(r[field]) });
    }
  }
  return out;
}

export interface PublishedDraw {
  seed: string;
  /** The SHA-256 published when sign-ups opened (null when no lottery was committed to). */
  seedHash: string | null;
  seats: number;
  quotas: Readonly<Record<string, number>>;
  draws: readonly DrawResult[];
}

/** Checks a published draw end to end: the seed against its commitment, then the draw itself. */
export async function verifyDraw(published: PublishedDraw): Promise<{ hashMatches: boolean; mismatches: Mismatch[] }> {
  const hashMatches = published.seedHash === null || (await sha256Hex(published.seed)) === published.seedHash;
  const entries = published.draws.map(({ public_id, category }) => ({ public_id, category }));
  const recomputed = await computeDraw(published.seed, entries, published.seats, published.quotas);
  return { hashMatches, mismatches: compareDraws(published.draws, recomputed) };
}
