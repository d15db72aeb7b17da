/**
 * Changes of published commitments: the database records each at the staff step's effective time
 * (gongshi.at, never ahead of time), and the demo city holds its changes the way staff make them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { demoCommitmentChanges } from '../../src/lib/demo/commitment-changes.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';
import { createTestDb, expectPgError, rolledBack } from './harness.ts';
import { insertBase, insertRow, targetRow } from './fixtures.ts';

let db: Db;

beforeAll(async () => {
  db = await createTestDb();
});

afterAll(async () => {
  await db?.close();
});

describe('the time a commitment change is recorded', () => {
  it('is the step\'s effective time when backdated, and now otherwise; never in the future', async () => {
    await rolledBack(db, async (tx) => {
      const base = await insertBase(tx, 'CC');
      const id = await insertRow(tx, 'public.targets', targetRow(base, { is_public_commitment: true, commitment_text: '年底前完成。' }));
      await tx.query(`select set_config('gongshi.change_reason', '上级调整', true), set_config('gongshi.at', '2026-05-01T10:00:00+08:00', true)`);
      await tx.query(`update public.targets set commitment_text = '十月底前完成。' where id = $1`, [id]);
      await tx.query(`select set_config('gongshi.at', '', true)`);
      await tx.query(`update public.targets set commitment_text = '九月底前完成。' where id = $1`, [id]);
      const rows = await tx.query<{ new_text: string; backdated: boolean; now: boolean }>(
        `select new_text, changed_at = '2026-05-01T02:00:00Z'::timestamptz as backdated, changed_at = now() as now
         from public.target_commitment_changes where target_id = $1 order by id`, [id]);
      expect(rows).toEqual([
        { new_text: '十月底前完成。', backdated: true, now: false },
        { new_text: '九月底前完成。', backdated: false, now: true },
      ]);
      await tx.query(`select set_config('gongshi.at', (now() + interval '1 day')::text, true)`);
      await expectPgError(tx.query(`update public.targets set commitment_text = '八月底前完成。' where id = $1`, [id]), '22023', /future/);
    });
  });

  it('still refuses a change without a reason', async () => {
    await rolledBack(db, async (tx) => {
      const base = await insertBase(tx, 'CD');
      const id = await insertRow(tx, 'public.targets', targetRow(base, { is_public_commitment: true, commitment_text: '年底前完成。' }));
      await expectPgError(tx.query(`update public.targets set commitment_text = 'x' where id = $1`, [id]), '23514', /without a stated reason/);
    });
  });
});

describe('the demo city\'s commitment changes', () => {
  it('are recorded with their reasons and dates, after publication and before the as-of date, readable by everyone', async () => {
    const city = generateDemoCity(DEFAULT_DEMO);
    const demo = await createTestDb();
    try {
      await loadDemoCity(demo, city);
      const expected = demoCommitmentChanges(city);
      expect(expected.length).toBeGreaterThanOrEqual(3);
      const rows = await demo.asRole('anon', (tx) => tx.query<Record<string, unknown>>(
        `select target_id::int as target_id, old_text, new_text, reason,
                to_char(changed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as at
         from public.target_commitment_changes order by changed_at, id`));
      expect(rows).toEqual(expected.map((c) => ({ target_id: c.target_id, old_text: c.old_text, new_text: c.new_text, reason: c.reason, at: c.at })));
      for (const c of expected) {
        expect(c.at > `${city.year}-02-01`).toBe(true);
        expect(c.at < `${city.year}-11-15`).toBe(true);
        expect(c.new_text).not.toBe(c.old_text);
      }
      // Each target's commitment is now the text of its latest change.
      const latest = new Map(expected.map((c) => [c.target_id, c.new_text]));
      const current = await demo.query<{ id: number; commitment_text: string }>(
        `select id::int as id, commitment_text from public.targets where id = any($1::bigint[])`, [[...latest.keys()]]);
      expect(new Map(current.map((r) => [r.id, r.commitment_text]))).toEqual(latest);
    } finally {
      await demo.close();
    }
  });
});
