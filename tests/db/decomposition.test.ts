/**
 * Decomposition at any depth (一级抓一级): a decomposed target's status and progress roll up
 * from its leaves in SQL (public.target_monthly_status), the way the public reads them, and its
 * progress is reported on its sub-targets. A model check compares the view with the rule
 * written out in TypeScript over random three-level trees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError, rolledBack } from './harness.ts';
import { insertBase, insertRow, reportRow, targetRow, type Base } from './fixtures.ts';

let db: Db;
let base: Base;

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction(async (tx) => {
    base = await insertBase(tx, 'DC');
  });
});

afterAll(async () => {
  await db?.close();
});

type Status = 'completed' | 'on_track' | 'behind' | 'not_completed';
const REPORT_TEXT: Record<Status, Record<string, string>> = {
  completed: { result_text: '已完成。' },
  on_track: { progress_text: '按计划推进。' },
  behind: { reasons_text: '前期手续滞后。', remedy_text: '倒排工期加快推进。' },
  not_completed: { reasons_text: '资金未到位。', remedy_text: '调整计划。' },
};

const task = (parent: number | null, weight: number) =>
  targetRow(base, { parent_id: parent, weight, indicator_id: base.qualitative, target_value: null, title: '完成重点任务' });
const report = (q: Queryable, target: number, status: Status, progress: number | null, period = '2026-03') =>
  insertRow(q, 'public.progress_reports', reportRow(target, {
    period, status, actual_value: null, progress_pct: status === 'completed' ? 100 : progress,
    progress_text: null, ...REPORT_TEXT[status],
  }));

interface Row { status: string; progress_pct: number | null; leaves: number }
const statusOf = async (q: Queryable, target: number, month = 12): Promise<Row> => {
  const [row] = await q.query<Row>(
    `select status, progress_pct::float8 as progress_pct, leaves from public.target_monthly_status
     where target_id = $1 and month = $2`, [target, month]);
  return row!;
};

describe('roll-up of a three-level chain', () => {
  it('a parent is completed only when every leaf is; progress is weighted by the points along the path', async () => {
    await rolledBack(db, async (tx) => {
      const root = await insertRow(tx, 'public.targets', task(null, 10));
      const left = await insertRow(tx, 'public.targets', task(root, 60));
      const right = await insertRow(tx, 'public.targets', task(root, 40));
      const leftA = await insertRow(tx, 'public.targets', task(left, 50));
      const leftB = await insertRow(tx, 'public.targets', task(left, 50));

      expect(await statusOf(tx, root)).toEqual({ status: 'no_report', progress_pct: null, leaves: 3 });
      await report(tx, leftA, 'completed', 100);
      // One leaf done and two not reported: under way, not done.
      expect(await statusOf(tx, root)).toEqual({ status: 'on_track', progress_pct: 30, leaves: 3 });
      await report(tx, leftB, 'on_track', 40);
      await report(tx, right, 'completed', 100);
      // 0.6 × (0.5 × 100 + 0.5 × 40) + 0.4 × 100 = 82
      expect(await statusOf(tx, root)).toEqual({ status: 'on_track', progress_pct: 82, leaves: 3 });
      expect(await statusOf(tx, left)).toEqual({ status: 'on_track', progress_pct: 70, leaves: 2 });
      await report(tx, leftB, 'completed', 100, '2026-04');
      expect(await statusOf(tx, root)).toEqual({ status: 'completed', progress_pct: 100, leaves: 3 });
      // As of March the same tree was still on track: the roll-up holds for every month.
      expect((await statusOf(tx, root, 3)).status).toBe('on_track');

      // What the pages and the open data read is the same roll-up.
      const [current] = await tx.query<{ status: string }>(
        `select status from public.target_current_status where target_id = $1`, [root]);
      expect(current!.status).toBe('completed');
    });
  });

  it('one leaf behind or not completed makes every level above it so', async () => {
    await rolledBack(db, async (tx) => {
      const root = await insertRow(tx, 'public.targets', task(null, 10));
      const mid = await insertRow(tx, 'public.targets', task(root, 50));
      const other = await insertRow(tx, 'public.targets', task(root, 50));
      const leaf = await insertRow(tx, 'public.targets', task(mid, 100));
      await report(tx, other, 'completed', 100);
      await report(tx, leaf, 'behind', 20);
      expect((await statusOf(tx, root)).status).toBe('behind');
      await report(tx, leaf, 'not_completed', 30, '2026-04');
      expect((await statusOf(tx, mid)).status).toBe('not_completed');
      expect((await statusOf(tx, root)).status).toBe('not_completed');
    });
  });

  it('the public sees the same roll-up as the owner (RLS applies to the view)', async () => {
    await rolledBack(db, async (tx) => {
      const root = await insertRow(tx, 'public.targets', task(null, 10));
      const leaf = await insertRow(tx, 'public.targets', task(root, 100));
      await insertRow(tx, 'public.targets', { ...task(root, 100), status: 'draft', published_at: null });
      await report(tx, leaf, 'completed', 100);
      await tx.exec(`set local role anon`);
      // The draft sub-target is neither visible nor counted: the published leaf decides alone.
      expect(await statusOf(tx, root)).toEqual({ status: 'completed', progress_pct: 100, leaves: 1 });
    });
  });
});

describe('reports on a decomposed target', () => {
  it('are refused with the rule and what to do instead, and nothing is written', async () => {
    const root = await db.transaction(async (tx) => {
      const id = await insertRow(tx, 'public.targets', task(null, 10));
      await insertRow(tx, 'public.targets', task(id, 100));
      return id;
    });
    const error = await expectPgError(report(db, root, 'completed', 100), '23514', /decomposed into 1 published sub-targets/);
    expect(error.hint).toMatch(/sub-target/);
    expect(await countRows(db, 'public.progress_reports', 'target_id = $1', [root])).toBe(0);
  });

  it('a report for a month of another year is refused', async () => {
    await rolledBack(db, async (tx) => {
      const target = await insertRow(tx, 'public.targets', task(null, 10));
      await expectPgError(report(tx, target, 'on_track', 10, '2025-12'), '23514', /2026 target: its reports are for months of 2026/);
    });
  });
});

// The rule in words, for the model check: all leaves completed → completed; any not completed →
// not completed; any behind → behind; none reported → no report; otherwise on track.
type Leaf = { share: number; status: Status | null; progress: number };
function rollUp(leaves: Leaf[]): { status: string; progress: number | null } {
  const statuses = leaves.map((l) => l.status);
  const status = statuses.every((s) => s === 'completed') ? 'completed'
    : statuses.includes('not_completed') ? 'not_completed'
    : statuses.includes('behind') ? 'behind'
    : statuses.every((s) => s === null) ? 'no_report' : 'on_track';
  const progress = statuses.every((s) => s === null) ? null
    : leaves.reduce((n, l) => n + l.share * (l.status === 'completed' ? 100 : l.status === null ? 0 : l.progress), 0);
  return { status, progress: progress === null ? null : Math.round(progress * 10) / 10 };
}

describe('model check', () => {
  const leafArb = fc.record({
    weight: fc.integer({ min: 1, max: 100 }),
    status: fc.constantFrom<Status | null>(null, 'completed', 'on_track', 'behind', 'not_completed'),
    progress: fc.integer({ min: 0, max: 99 }),
  });
  const midArb = fc.record({ weight: fc.integer({ min: 1, max: 100 }), leaves: fc.array(leafArb, { minLength: 1, maxLength: 3 }) });

  it('the view agrees with the rule on random three-level trees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(midArb, { minLength: 1, maxLength: 3 }), async (mids) => {
        await rolledBack(db, async (tx) => {
          const root = await insertRow(tx, 'public.targets', task(null, 10));
          const midTotal = mids.reduce((n, m) => n + m.weight, 0);
          const expected: Leaf[] = [];
          for (const mid of mids) {
            const midId = await insertRow(tx, 'public.targets', task(root, mid.weight));
            const leafTotal = mid.leaves.reduce((n, l) => n + l.weight, 0);
            for (const leaf of mid.leaves) {
              const leafId = await insertRow(tx, 'public.targets', task(midId, leaf.weight));
              if (leaf.status) await report(tx, leafId, leaf.status, leaf.progress);
              expected.push({ share: (mid.weight / midTotal) * (leaf.weight / leafTotal), status: leaf.status, progress: leaf.progress });
            }
          }
          const got = await statusOf(tx, root);
          const want = rollUp(expected);
          expect(got.status).toBe(want.status);
          if (want.progress === null) expect(got.progress_pct).toBeNull();
          else expect(got.progress_pct).toBeCloseTo(want.progress, 0);
          expect(got.leaves).toBe(expected.length);
        });
      }),
      // The example is the counterexample Postgres once found: an unreported leaf beside a completed
      // one must not make the parent completed (bool_and skips nulls).
      { numRuns: 100, examples: [[[{ weight: 1, leaves: [{ weight: 1, status: null, progress: 0 }, { weight: 1, status: 'completed', progress: 0 }] }]]] },
    );
  });
});
