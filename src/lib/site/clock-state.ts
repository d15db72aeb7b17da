/**
 * Some pages show what the build's clock says about a date in the data: whether a survey, hall
 * topic or hearing sign-up is open, whether a hearing is past (components/participation/format.ts,
 * HearingsIndex). Nothing in the data changes when such a moment passes, so a kept page would go
 * on saying "open". The clock state is which of those moments have passed; it is part of the
 * cache key of every page that reads the clock (lib/site/cache-keys.ts) and of a build's inputs
 * (build-inputs.ts), so the first build after a window opens or closes renders those pages again.
 */
import { createHash } from 'node:crypto';

/** The dated rows whose moments pages compare with the clock, as the collections hold them. */
export interface DatedRows {
  hearings: readonly { id: number; held_at: string; signup_opens_at: string; signup_closes_at: string }[];
  surveys: readonly { slug: string; opens_at: string; closes_at: string | null }[];
  hallTopics: readonly { slug: string; opens_at: string; closes_at: string | null }[];
}

/** A digest of which dated moments have passed at `now`. */
export function clockState(rows: DatedRows, now = Date.now()): string {
  const hash = createHash('sha256');
  const mark = (id: string, ...moments: (string | null)[]) =>
    hash.update(`${id}:${moments.map((m) => (m !== null && Date.parse(m) <= now ? '1' : '0')).join('')}\n`);
  for (const h of rows.hearings) mark(`hearing ${h.id}`, h.signup_opens_at, h.signup_closes_at, h.held_at);
  for (const s of rows.surveys) mark(`survey ${s.slug}`, s.opens_at, s.closes_at);
  for (const t of rows.hallTopics) mark(`topic ${t.slug}`, t.opens_at, t.closes_at);
  return hash.digest('base64url');
}
