/** getStaticPaths helpers shared by the zh-CN and English routes. */
import { getCollection } from './collections.ts';

export async function unitPaths() {
  return (await getCollection('units')).map((entry) => ({ params: { code: entry.id }, props: { unit: entry.data } }));
}

export async function targetPaths() {
  return (await getCollection('targets')).map((entry) => ({ params: { id: entry.id }, props: { target: entry.data } }));
}

export async function bulletinPaths() {
  return (await getCollection('bulletins')).map((entry) => ({ params: { slug: entry.id }, props: { bulletin: entry.data } }));
}

/** Every published assessment version at its own address, /assessment/<year>/v<N>/ (the one in force too). */
export async function assessmentVersionPaths() {
  return (await getCollection('assessments')).map((entry) => ({
    params: { year: String(entry.data.year), version: `v${entry.data.version}` },
    props: { assessment: entry.data },
  }));
}

/** /assessment/<year>/: the version in force (every version, that one included, also has /assessment/<year>/v<N>/). */
export async function assessmentPaths() {
  return (await getCollection('assessments'))
    .filter((entry) => entry.data.current)
    .map((entry) => ({ params: { id: String(entry.data.year) }, props: { assessment: entry.data } }));
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
