/**
 * The commitments list is split so that no page carries the whole year: the index summarises by
 * unit, and each facet's list is paginated (/commitments/<facet>/<value>/, …/2/, …).
 */
import { getCollection } from './collections.ts';
import type { PaginateFunction } from 'astro';
import { LOCALES, type Locale } from '../../i18n/ui.ts';
import { currentYear } from '../queries/year-overview.ts';
import { COMMITMENTS_PAGE_SIZE, FACETS, facetValues, filterByFacet, type Facet, type FacetValue } from './facets.ts';
import { perBuild } from './per-build.ts';
import type { TargetSummary } from '../schemas/target.ts';
import { localeParam } from './locales.ts';
import { paths } from './paths.ts';

/** The address of page `n` (from 1) of a facet's list. */
export function facetPagePath(locale: Locale, facet: Facet, value: string, n: number): string {
  const first = paths.facet(locale, facet, value);
  return n <= 1 ? first : `${first}${String(n)}/`;
}

/** This year's published targets, in the order every list shows them. */
export const yearTargets = perBuild(async () => {
  const year = currentYear((await getCollection('years')).map((e) => e.data));
  return (await getCollection('targets'))
    .map((e) => e.data)
    .filter((d) => d.year === year?.year)
    .sort((a, b) => a.unit_code.localeCompare(b.unit_code) || a.code.localeCompare(b.code));
});

export interface UnitCommitments extends FacetValue {
  commitments: number;
  completed: number;
  lagging: number;
}

/** What /commitments/ and every facet page show of the whole year: computed once per build. */
export const yearCommitments = perBuild(async () => {
  const all = await yearTargets();
  const facets = Object.fromEntries(FACETS.map((f) => [f, facetValues(all, f)])) as Record<Facet, FacetValue[]>;
  const byCode = Map.groupBy(all, (x) => x.unit_code);
  const count = (rows: readonly TargetSummary[], test: (x: TargetSummary) => boolean) => rows.filter(test).length;
  const byUnit: UnitCommitments[] = facets.unit.map((u) => {
    const rows = byCode.get(u.value) ?? [];
    return {
      ...u,
      commitments: count(rows, (x) => x.is_public_commitment),
      completed: count(rows, (x) => x.status === 'completed'),
      lagging: count(rows, (x) => x.status === 'behind' || x.status === 'not_completed'),
    };
  });
  return {
    all,
    facets,
    byUnit,
    commitments: count(all, (x) => x.is_public_commitment),
    changedTargets: all.filter((x) => x.commitment_change_count > 0),
  };
});

/** getStaticPaths of the paginated facet pages, in every locale: each page's props hold its rows only. */
export async function facetPagePaths({ paginate }: { paginate: PaginateFunction }) {
  const targets = await yearTargets();
  return LOCALES.flatMap((locale) =>
    FACETS.flatMap((facet) =>
      facetValues(targets, facet).map((v) =>
        paginate(filterByFacet(targets, facet, v.value), {
          pageSize: COMMITMENTS_PAGE_SIZE,
          params: { locale: localeParam(locale), facet, value: v.value },
          props: { facet: { facet, value: v.value } },
        }),
      ),
    ).flat(),
  );
}
