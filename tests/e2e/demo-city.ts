/**
 * What the e2e suites expect the site to show, computed from the deterministic demo city
 * (the webServer seeds the same city), never read back from the site itself.
 */
import { DEFAULT_DEMO, generateDemoCity, type Row } from '../../src/lib/demo/generate.ts';

export const city = generateDemoCity(DEFAULT_DEMO);

/** Every published target, of every year: each has a page. */
export const publishedTargets = city.targets.filter((t) => t.status === 'published');
/** This year's published targets: the ones unit and commitments pages list. */
const published = publishedTargets.filter((t) => t.year === city.year);
const byId = (id: unknown) => published.find((t) => t.id === id);

function first<T>(items: T[], what: string): T {
  const item = items[0];
  if (item === undefined) throw new Error(`The demo city has no ${what}: the e2e suite needs one.`);
  return item;
}

/** The unit with code M001 and its principal leader. */
export const unit = first(city.units.filter((u) => u.code === 'M001'), 'unit M001');
export const unitPrincipal = first(city.cadres.filter((c) => c.unit_id === unit.id && c.is_principal === true), 'principal of M001');

/** A unit's first top-level target with a comparison chart (a target value and baselines). */
export const chartTargetOf = (unitRow: Row) =>
  first(
    published.filter(
      (t) => t.unit_id === unitRow.id && t.parent_id === null && t.target_value !== null && city.target_baselines.some((b) => b.target_id === t.id),
    ),
    `target with a comparison chart in unit ${String(unitRow.code)}`,
  );
export const chartTarget = chartTargetOf(unit);

/** A three-level decomposition chain: its root, and every target below it depth first (code order). */
const childrenOf = (t: Row) => published.filter((s) => s.parent_id === t.id).sort((a, b) => String(a.code).localeCompare(String(b.code)));
const below = (t: Row): Row[] => childrenOf(t).flatMap((c) => [c, ...below(c)]);
export const chainRoot = first(
  published.filter((t) => childrenOf(t).some((c) => childrenOf(c).length > 0)),
  'target decomposed over three levels',
);
export const chainBelow = below(chainRoot);
/** The chain's final sub-targets, on which progress is reported. */
export const chainLeaves = chainBelow.filter((t) => childrenOf(t).length === 0);

/** A progress report that corrects an earlier one, and the target it belongs to. */
export const correction = first(
  city.progress_reports.filter((r) => r.supersedes_id !== null && byId(r.target_id) !== undefined),
  'corrected progress report',
);
export const correctedTarget = byId(correction.target_id)!;

/** The latest monthly bulletin (one per month with reports). */
export const bulletinSlug = `monthly-${city.lastPeriod}`;

export const responsibleLeader = (target: Row) => city.cadres.find((c) => c.id === target.responsible_leader_id);

/** Every progress report of a target, corrections and the reports they supersede included. */
export const reportsOf = (target: Row) => city.progress_reports.filter((r) => r.target_id === target.id);

export const unitByName = (name: string) => first(city.units.filter((u) => u.name === name || u.name_en === name), `unit named ${name}`);
