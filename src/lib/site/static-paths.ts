/** getStaticPaths helpers shared by the zh-CN and English routes. */
import { getCollection } from 'astro:content';
import { currentYear } from '../queries/year-overview.ts';
import { FACETS, facetValues } from './facets.ts';

export async function facetPaths() {
  const year = currentYear((await getCollection('years')).map((e) => e.data));
  const targets = (await getCollection('targets')).map((e) => e.data).filter((t) => t.year === year?.year);
  return FACETS.flatMap((facet) =>
    facetValues(targets, facet).map((v) => ({ params: { facet, value: v.value }, props: { facet: { facet, value: v.value } } })),
  );
}

export async function unitPaths() {
  return (await getCollection('units')).map((entry) => ({ params: { code: entry.id }, props: { unit: entry.data } }));
}

export async function targetPaths() {
  return (await getCollection('targets')).map((entry) => ({ params: { id: entry.id }, props: { target: entry.data } }));
}

export async function bulletinPaths() {
  return (await getCollection('bulletins')).map((entry) => ({ params: { slug: entry.id }, props: { bulletin: entry.data } }));
}

export async function assessmentPaths() {
  return (await getCollection('assessments')).map((entry) => ({ params: { id: entry.id }, props: { assessment: entry.data } }));
}

export async function decisionPaths() {
  return (await getCollection('decisions')).map((entry) => ({ params: { slug: entry.id }, props: { decision: entry.data } }));
}

export async function decisionFacetPaths() {
  const decisions = (await getCollection('decisions')).map((e) => e.data);
  return (['kind', 'status'] as const).flatMap((facet) =>
    [...new Set(decisions.map((d) => d[facet]))].map((value) => ({ params: { facet, value }, props: { filter: { facet, value } } })),
  );
}
