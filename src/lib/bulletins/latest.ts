/**
 * Which bulletin is "the latest": the one whose period ends last, not the one published last, so a
 * half-year bulletin published in November does not displace October's monthly one.
 */
import type { Bulletin } from '../schemas/bulletin.ts';

type Kind = Bulletin['kind'];
type Dated = Pick<Bulletin, 'kind' | 'period' | 'published_at' | 'slug'> & { superseded_by?: unknown };

/** The last month a period covers, as YYYY-MM: 2026-10 → 2026-10, 2026-Q3 → 2026-09, 2026-H1 → 2026-06, 2025 → 2025-12. */
export function periodEnd(kind: Kind, period: string): string {
  const year = period.slice(0, 4);
  const rest = period.slice(5);
  switch (kind) {
    case 'monthly':
      return `${year}-${rest}`;
    case 'quarterly':
      return `${year}-${String(Number(rest.slice(1)) * 3).padStart(2, '0')}`;
    case 'semiannual':
      return `${year}-${rest === 'H1' ? '06' : '12'}`;
    case 'annual':
      return `${year}-12`;
  }
}

// On the same end month the wider period sums up more (December: the year's bulletin first).
const BREADTH: Record<Kind, number> = { monthly: 0, quarterly: 1, semiannual: 2, annual: 3 };

/** The bulletin of the latest period; corrected bulletins never count (their erratum does). */
export function latestPeriodBulletin<T extends Dated>(bulletins: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const b of bulletins) {
    if (b.superseded_by) continue;
    if (!best) {
      best = b;
      continue;
    }
    const order =
      periodEnd(b.kind, b.period).localeCompare(periodEnd(best.kind, best.period)) ||
      BREADTH[b.kind] - BREADTH[best.kind] ||
      b.published_at.localeCompare(best.published_at) ||
      b.slug.localeCompare(best.slug);
    if (order > 0) best = b;
  }
  return best;
}

/** The bulletin published last (errata included: a correction is news). */
export function newestPublication<T extends Dated>(bulletins: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const b of bulletins) {
    if (!best || b.published_at.localeCompare(best.published_at) > 0 || (b.published_at === best.published_at && b.slug > best.slug)) best = b;
  }
  return best;
}
