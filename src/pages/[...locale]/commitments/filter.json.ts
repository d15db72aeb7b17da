/**
 * /commitments/filter.json and /en/…: the compact index the instant filter on /commitments/
 * fetches when a visitor starts filtering, so the page itself carries no rows.
 */
import type { APIRoute } from 'astro';
import { keyed } from '../../../lib/site/cache-keys.ts';
import { CATEGORY, STATUS, label } from '../../../i18n/labels.ts';
import { formatDate, pick } from '../../../i18n/ui.ts';
import { yearTargets } from '../../../lib/site/commitment-pages.ts';
import { localeOf, localePaths } from '../../../lib/site/locales.ts';

export const getStaticPaths = keyed(localePaths);

export const GET: APIRoute = async ({ params }) => {
  const locale = localeOf(params);
  const targets = await yearTargets();
  const categories = Object.fromEntries(Object.keys(CATEGORY).map((c) => [c, label(CATEGORY, c, locale)]));
  const statuses = Object.fromEntries(Object.keys(STATUS).map((s) => [s, label(STATUS, s, locale)]));
  // One array per target, in FilterRow's order (TargetFilter.astro), to keep the file small.
  const rows = targets.map((x) => [
    x.id,
    pick(locale, x.title, x.title_en),
    x.code,
    x.unit_code,
    pick(locale, x.unit_name, x.unit_name_en),
    x.unit_kind,
    x.category,
    x.status,
    x.leader_id === null ? '' : String(x.leader_id),
    x.leader_name ?? '',
    x.is_public_commitment ? 1 : 0,
    x.commitment_change_count > 0 ? 1 : 0,
    x.progress_pct,
    formatDate(x.deadline, locale),
  ]);
  return new Response(JSON.stringify({ categories, statuses, rows }), { headers: { 'content-type': 'application/json' } });
};
