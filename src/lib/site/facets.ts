/** Facets of the commitments page: each a set of values with counts and a prerendered page. */
import { CATEGORIES } from '../domain/indicators.ts';
import { PROGRESS_STATUSES } from '../domain/progress.ts';
import { UNIT_KINDS } from '../domain/units.ts';
import type { TargetSummary } from '../schemas/target.ts';

/** Rows per page of a facet's list: ~13 elements a row keeps a page well under 3,000 elements. */
export const COMMITMENTS_PAGE_SIZE = 100;

export const FACETS = ['commitment', 'status', 'category', 'kind', 'unit', 'leader'] as const;
export type Facet = (typeof FACETS)[number];

export interface FacetValue {
  facet: Facet;
  value: string;
  /** For leaders: their name and unit; for units: the unit; for the rest the label comes from i18n/labels. */
  name?: string;
  unitName?: string;
  unitNameEn?: string | null;
  count: number;
}

/** Facets over an enumeration list their values in its order; units by code; leaders by unit, then id. */
const ORDER: Partial<Record<Facet, readonly string[]>> = {
  status: PROGRESS_STATUSES,
  category: CATEGORIES,
  kind: UNIT_KINDS,
};

export function facetValueOf(target: TargetSummary, facet: Facet): string | null {
  switch (facet) {
    case 'commitment': return target.is_public_commitment ? 'yes' : null;
    case 'status': return target.status;
    case 'category': return target.category;
    case 'kind': return target.unit_kind;
    case 'unit': return target.unit_code;
    case 'leader': return target.leader_id === null ? null : String(target.leader_id);
  }
}

export function facetValues(targets: readonly TargetSummary[], facet: Facet): FacetValue[] {
  const counts = new Map<string, FacetValue>();
  for (const t of targets) {
    const value = facetValueOf(t, facet);
    if (value === null) continue;
    const entry = counts.get(value) ?? {
      facet, value, count: 0,
      ...(facet === 'leader' ? { name: t.leader_name ?? value, unitName: t.unit_name, unitNameEn: t.unit_name_en } : {}),
      ...(facet === 'unit' ? { name: t.unit_name, unitName: t.unit_name, unitNameEn: t.unit_name_en } : {}),
    };
    entry.count++;
    counts.set(value, entry);
  }
  const order = ORDER[facet];
  return [...counts.values()].sort((a, b) =>
    order ? order.indexOf(a.value) - order.indexOf(b.value) :
    facet === 'unit' ? a.value.localeCompare(b.value) : (a.unitName ?? '').localeCompare(b.unitName ?? '') || Number(a.value) - Number(b.value),
  );
}

export function filterByFacet(targets: readonly TargetSummary[], facet: Facet, value: string): TargetSummary[] {
  return targets.filter((t) => facetValueOf(t, facet) === value);
}
