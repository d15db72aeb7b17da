/** Build-time reads of published targets, as the anonymous public sees them. */
import type { Db, Queryable } from '../db/types.ts';
import {
  BaselineSchema, ProgressReportSchema, TargetDetailSchema, TargetSummarySchema,
  type Baseline, type CommitmentChange, type TargetDetail, type TargetSummary, type TargetTreeEntry,
} from '../schemas/target.ts';
import { isoUtc } from '../db/sql-time.ts';
import { groupBy } from './group.ts';
import { sharedRead } from '../db/shared-reads.ts';
import { readProgressReports } from './progress-reports.ts';

const SUMMARY_SQL = `
select t.id, t.code, t.year, u.code as unit_code, u.name as unit_name, u.name_en as unit_name_en, u.kind as unit_kind,
       t.parent_id, t.title, t.title_en, i.category, t.weight::float8 as weight, t.deadline::text as deadline,
       t.is_public_commitment, c.id as leader_id, c.name as leader_name,
       t.responsible_department, t.responsible_department_en, t.responsible_person, s.status, s.progress_pct::float8 as progress_pct, s.period, s.leaves,
       (select count(*)::int from public.target_commitment_changes cc where cc.target_id = t.id) as commitment_change_count
from public.targets t
join public.units u on u.id = t.unit_id
join public.indicators i on i.id = t.indicator_id
left join public.cadres c on c.id = t.responsible_leader_id
join public.target_current_status s on s.target_id = t.id
order by t.year, u.sort_order, u.code, t.code`;

/** Every published target's summary: shared by the target pages, the units and the open data. */
export function readTargetSummaries(tx: Queryable): Promise<TargetSummary[]> {
  return sharedRead(tx, 'target summaries', async (t) => (await t.query(SUMMARY_SQL)).map((r) => TargetSummarySchema.parse(r)));
}

const DETAIL_SQL = `
select t.id, t.description, i.code as indicator_code, i.name as indicator_name, i.name_en as indicator_name_en,
       i.measure, i.measure_en, i.direction, t.target_value::float8 as target_value, t.quality_requirement,
       c.title as leader_title, c.title_en as leader_title_en, t.commitment_text, ${isoUtc('t.published_at')} as published_at
from public.targets t
join public.indicators i on i.id = t.indicator_id
left join public.cadres c on c.id = t.responsible_leader_id`;

const COMMITMENT_CHANGES_SQL = `
select target_id, old_text, new_text, old_is_public_commitment, new_is_public_commitment, reason,
       ${isoUtc('changed_at')} as changed_at
from public.target_commitment_changes order by target_id, changed_at, id`;

const BASELINES_SQL = `
select target_id, kind, year, peer_name, value::float8 as value, note
from public.target_baselines order by target_id, kind, year nulls last, peer_name`;

/**
 * Every published target with everything its page shows, by year, unit and code: the one read of
 * targets, behind both the target pages and the open data's targets dataset.
 */
export function readTargets(tx: Queryable): Promise<TargetDetail[]> {
  return sharedRead(tx, 'targets', readTargetsOnce);
}

async function readTargetsOnce(tx: Queryable): Promise<TargetDetail[]> {
  const summaries = await readTargetSummaries(tx);
  const treeOf = decompositionTrees(summaries);
  const details = await tx.query<{ id: number }>(DETAIL_SQL);
  const detailOf = new Map(details.map((d) => [d.id, d]));
  if (details.length !== summaries.length) throw new Error('every target needs exactly one status row');
  // The schemas below drop the target_id each row carries for grouping.
  const byTarget = <T extends { target_id: number }>(rows: T[]) => groupBy(rows, (r) => r.target_id);
  const baselines = byTarget(await tx.query<{ target_id: number } & Baseline>(BASELINES_SQL));
  const reports = byTarget(await readProgressReports(tx));
  const changes = byTarget(await tx.query<{ target_id: number } & CommitmentChange>(COMMITMENT_CHANGES_SQL));
  return summaries.map((summary) =>
    TargetDetailSchema.parse({
      ...summary,
      ...detailOf.get(summary.id),
      baselines: (baselines.get(summary.id) ?? []).map((b) => BaselineSchema.parse(b)),
      reports: (reports.get(summary.id) ?? []).map((r) => ProgressReportSchema.parse({ ...r, superseded_by: r.superseded_by_id })),
      commitment_changes: changes.get(summary.id) ?? [],
      tree: treeOf(summary),
    }),
  );
}

export async function readTargetDetails(db: Db): Promise<TargetDetail[]> {
  return db.asRole('anon', readTargets);
}

/**
 * The decomposition tree of each target: its root and every target below the root, depth first in
 * code order. Targets of one tree share one list; a target on its own has none.
 */
function decompositionTrees(summaries: TargetSummary[]): (target: TargetSummary) => TargetTreeEntry[] {
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const children = groupBy(summaries.filter((s) => s.parent_id !== null), (s) => s.parent_id);
  const trees = new Map<number, TargetTreeEntry[]>();
  const parentOf = (s: TargetSummary) => (s.parent_id === null ? undefined : byId.get(s.parent_id));
  const rootOf = (target: TargetSummary): TargetSummary => {
    let node = target;
    for (let up = parentOf(node); up; up = parentOf(up)) node = up;
    return node;
  };
  const walk = (node: TargetSummary, depth: number, into: TargetTreeEntry[]) => {
    into.push({ ...node, depth });
    for (const child of children.get(node.id) ?? []) walk(child, depth + 1, into);
  };
  return (target) => {
    const root = rootOf(target);
    if (root.id === target.id && !children.has(target.id)) return [];
    let tree = trees.get(root.id);
    if (!tree) {
      tree = [];
      walk(root, 0, tree);
      trees.set(root.id, tree);
    }
    return tree;
  };
}
