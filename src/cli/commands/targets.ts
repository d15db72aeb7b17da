/** `gongshi targets`: the target-setting cycle (src/lib/targets/cycle.ts) — review, approve, publish. */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { noMore, optionalYear, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { advanceTargets, reviewTargets, type Advanced, type ReviewRow } from '../../lib/targets/cycle.ts';
import type { TargetLifecycle } from '../../lib/domain/targets.ts';

const DIRECTION = { higher: 'higher is better', lower: 'lower is better', qualitative: 'qualitative' } as const;

const fmt = (n: number | null) => (n === null ? '–' : String(Number(n.toPrecision(12))));
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The review as text: drafts grouped by unit, baselines on one line, flags on their own lines. */
export function formatReview(year: number, rows: readonly ReviewRow[], tolerance: number): string {
  if (rows.length === 0) return `No draft targets in ${year}.`;
  const flagged = rows.filter((r) => r.below_last_actual || r.far_from_peers).length;
  const lines = [`${rows.length} draft target${rows.length === 1 ? '' : 's'} in ${year}, ${flagged} flagged for review:`];
  let unit = '';
  for (const r of rows) {
    if (r.unit_code !== unit) {
      unit = r.unit_code;
      lines.push('', `${r.unit_code} ${r.unit_name}`);
    }
    const value = r.direction === 'qualitative' ? 'qualitative task' : `target ${fmt(r.target_value)}${r.measure ? ` ${r.measure}` : ''} (${DIRECTION[r.direction]})`;
    lines.push(`  ${r.code}  ${r.title}`, `      ${value}, ${fmt(r.weight)} points`);
    const vertical = r.baselines.filter((b) => b.kind === 'vertical').map((b) => `${b.year}: ${fmt(b.value)}`);
    const peers = r.baselines.filter((b) => b.kind === 'horizontal').map((b) => `${b.peer_name} ${fmt(b.value)}`);
    const benchmark = r.baselines.find((b) => b.kind === 'benchmark');
    const parts = [
      vertical.length > 0 ? `previous years ${vertical.join(', ')}` : undefined,
      peers.length > 0 ? `peers ${peers.join(', ')} (median ${fmt(r.peer_median)})` : undefined,
      benchmark ? `benchmark ${fmt(benchmark.value)}` : undefined,
    ].filter(Boolean);
    lines.push(`      baselines: ${parts.length > 0 ? parts.join('; ') : (r.direction === 'qualitative' ? 'none (qualitative)' : 'none')}`);
    if (r.below_last_actual) {
      const worse = r.direction === 'higher' ? 'below' : 'above';
      lines.push(`      FLAG: set ${worse} the unit's own ${r.last_actual_year} actual (${fmt(r.last_actual)}): the target does not improve on last year`);
    }
    if (r.far_from_peers && r.peer_gap !== null) {
      lines.push(`      FLAG: ${pct(Math.abs(r.peer_gap))} ${r.peer_gap > 0 ? 'above' : 'below'} the peer median ${fmt(r.peer_median)} (more than ${pct(tolerance)})`);
    }
  }
  return lines.join('\n');
}

export function formatAdvanced(year: number, to: Exclude<TargetLifecycle, 'draft'>, rows: readonly Advanced[]): string {
  const changed = rows.filter((r) => r.previous_status !== r.status);
  const already = rows.filter((r) => r.previous_status === r.status);
  const verb = to === 'approved' ? 'Approved' : 'Published';
  const lines = [`${verb} ${changed.length} target${changed.length === 1 ? '' : 's'} of ${year}.`];
  if (changed.length > 0 && changed.length <= 50) lines.push(`  ${changed.map((r) => r.code).join(', ')}`);
  const skipped = already.filter((r) => r.status !== to);
  const there = already.filter((r) => r.status === to);
  if (there.length > 0) lines.push(`${there.length} already ${to}: ${there.map((r) => r.code).join(', ')}`);
  if (skipped.length > 0) lines.push(`${skipped.length} left as they are (${skipped.map((r) => `${r.code} ${r.status}`).join(', ')})`);
  return lines.join('\n');
}

function parseCodes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const codes = value.split(/[,，\s]+/).map((c) => c.trim()).filter(Boolean);
  if (codes.length === 0) throw new UsageError('--codes needs at least one target code.');
  return codes;
}

export const targetsCommand: Command = {
  name: 'targets',
  summary: 'Review draft targets against their baselines, approve them, publish them',
  help: `Usage: npm run gongshi -- targets review --year Y [--tolerance 0.25]
       npm run gongshi -- targets approve --year Y [--codes A,B,…]
       npm run gongshi -- targets publish --year Y [--codes A,B,…]

The target-setting cycle (上下反复协调, 认真审查筛选): targets arrive as drafts ("gongshi import
targets"), are reviewed, approved, then published. Only published targets appear on the site and in
the open data. Once published, a target's public commitment changes only with a stated reason,
and every change is recorded publicly.

  review    lists the year's drafts with their baselines (previous years 纵向, peer cities 横向,
            functional benchmark 基准) and flags a target that is set below the unit's own latest
            actual (above it, for lower-is-better indicators) or further than --tolerance from the
            median of the peer cities
  approve   drafts → approved: all drafts of the year, or the targets named by --codes
  publish   approved → published: all approved targets of the year, or those named by --codes;
            a draft cannot be published before it is approved

Options:
  --year Y             the assessment year (required)
  --codes A,B          target codes (comma-separated); unknown codes are refused and nothing changes
  --tolerance SHARE    review only: the distance from the peer median that is flagged (default 0.25 = 25%)`,
  options: {
    year: { type: 'string' },
    codes: { type: 'string' },
    tolerance: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, ...extra] = positionals;
    if (action !== 'review' && action !== 'approve' && action !== 'publish') {
      throw new UsageError(action ? `Unknown action "${action}": use review, approve or publish.` : 'targets needs an action: review, approve or publish.');
    }
    noMore(extra);
    const year = optionalYear(values['year']);
    if (year === undefined) throw new UsageError(`targets ${action} needs --year.`);
    const codes = parseCodes(text(values['codes']));
    if (action === 'review' && codes) throw new UsageError('--codes applies to approve and publish.');
    const toleranceText = text(values['tolerance']);
    if (toleranceText !== undefined && action !== 'review') throw new UsageError('--tolerance applies to review.');
    const tolerance = toleranceText === undefined ? 0.25 : Number(toleranceText);
    if (!Number.isFinite(tolerance) || tolerance <= 0) throw new UsageError(`--tolerance must be a positive share such as 0.25, got "${String(toleranceText)}".`);
    const db = await openDb();
    try {
      await migrate(db);
      if (action === 'review') {
        console.log(formatReview(year, await reviewTargets(db, year, tolerance), tolerance));
      } else {
        const to = action === 'approve' ? 'approved' : 'published';
        console.log(formatAdvanced(year, to, await db.transaction((tx) => advanceTargets(tx, year, to, codes))));
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
