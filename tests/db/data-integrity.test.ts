/**
 * Data integrity the public relies on, enforced in SQL for every role: a supervision finding is
 * about a published target of its own year, inspected after publication; a rate cannot be set or
 * reported above the maximum its indicator allows. Each refused row leaves nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError, rolledBack } from './harness.ts';
import { insertBase, insertRow, reportRow, targetRow, type Base, type Fields } from './fixtures.ts';

let db: Db;
let base: Base;
let published: number;
let draft: number;
let lastYear: number;
let rate: number;
let rateTarget: number;
let openEnded: number;

beforeAll(async () => {
  db = await createTestDb();
  base = await insertBase(db, 'DI');
  published = await insertRow(db, 'public.targets', targetRow(base, { code: 'DI-2026-01' }));
  draft = await insertRow(db, 'public.targets', targetRow(base, { code: 'DI-2026-02', status: 'draft' }));
  lastYear = await insertRow(db, 'public.targets', targetRow(base, {
    code: 'DI-2025-01', year: 2025, deadline: '2025-12-31', published_at: '2025-02-01T10:00:00+08:00',
  }));
  rate = await insertRow(db, 'public.indicators', {
    code: 'DI-RATE', name: '公共文化设施免费开放率', category: 'social_progress', measure: '%', direction: 'higher', max_value: 100,
  });
  openEnded = await insertRow(db, 'public.indicators', {
    code: 'DI-INV', name: '重点项目投资完成率', category: 'economic_speed', measure: '%', direction: 'higher', max_value: null,
  });
  rateTarget = await insertRow(db, 'public.targets', targetRow(base, {
    code: 'DI-2026-03', indicator_id: rate, target_value: 98, title: '公共文化设施免费开放率达到98%',
  }));
});

afterAll(async () => {
  await db?.close();
});

const finding = (overrides: Fields): Fields => ({
  year: 2026, unit_id: base.unitA, method: 'random_check', conducted_on: '2026-03-05',
  finding: '现场核查发现台账资料与实际进度不符。', score_delta: -1, ...overrides,
});

describe('a supervision finding names a target of its own year, published before the finding', () => {
  it('accepts a finding about a published target of its year, after publication', async () => {
    await rolledBack(db, (tx) => insertRow(tx, 'public.supervision_records', finding({ ref: 'DI-OK', target_id: published, conducted_on: '2026-02-02' })));
  });

  it.each([
    ['a target of another year', () => ({ ref: 'DI-1', target_id: lastYear }),
      /Supervision finding DI-1 \(2026\) names target DI-2025-01, a 2025 target: a finding of 2026 can only be about a target of 2026/,
      /Name a target of 2026, or record the finding in the year 2025/],
    ['a finding of last year about this year\'s target', () => ({ ref: 'DI-2', year: 2025, conducted_on: '2025-06-01', target_id: published }),
      /Supervision finding DI-2 \(2025\) names target DI-2026-01, a 2026 target/, /Name a target of 2025/],
    ['a target not published', () => ({ ref: 'DI-3', target_id: draft }),
      /Supervision finding DI-3 \(conducted on 2026-03-05\) names target DI-2026-02, which is not published \(it is draft\)/,
      /publish the target first/],
    ['a finding dated before the target was published', () => ({ ref: 'DI-4', target_id: published, conducted_on: '2026-01-20' }),
      /Supervision finding DI-4 \(conducted on 2026-01-20\) names target DI-2026-01, which was published only on 2026-02-01/,
      /only be about a target published before the day of the finding/],
    ['a finding on the day of publication', () => ({ ref: 'DI-5', target_id: published, conducted_on: '2026-02-01' }),
      /names target DI-2026-01, which was published only on 2026-02-01/, /correct the date/],
  ])('refuses %s with 23514, a message naming both, and writes nothing', async (_label, row, message, hint) => {
    const before = await countRows(db, 'public.supervision_records');
    const error = await expectPgError(insertRow(db, 'public.supervision_records', finding(row())), '23514', message);
    expect(error.hint).toMatch(hint);
    expect(await countRows(db, 'public.supervision_records')).toBe(before);
  });

  it('refuses moving a finding onto a target of another year by update', async () => {
    const id = await insertRow(db, 'public.supervision_records', finding({ ref: 'DI-U', target_id: published }));
    await expectPgError(db.query(`update public.supervision_records set target_id = $1 where id = $2`, [lastYear, id]),
      '23514', /names target DI-2025-01, a 2025 target/);
    const [row] = await db.query<{ target_id: number }>(`select target_id::int from public.supervision_records where id = $1`, [id]);
    expect(row!.target_id).toBe(published);
  });
});

describe('a rate cannot pass its indicator\'s maximum', () => {
  it('refuses a target value above the maximum with 23514, naming the target and the maximum, and writes nothing', async () => {
    const before = await countRows(db, 'public.targets');
    const error = await expectPgError(insertRow(db, 'public.targets', targetRow(base, {
      code: 'DI-2026-09', indicator_id: rate, target_value: 102, title: '公共文化设施免费开放率达到102%',
    })), '23514', /Target DI-2026-09 sets 102 for 公共文化设施免费开放率 \(DI-RATE\), above its maximum 100/);
    expect(error.hint).toMatch(/at most 100/);
    expect(await countRows(db, 'public.targets')).toBe(before);
  });

  it('accepts exactly the maximum, and any value where the indicator has no maximum', async () => {
    await rolledBack(db, async (tx) => {
      await insertRow(tx, 'public.targets', targetRow(base, { code: 'DI-2026-10', indicator_id: rate, target_value: 100 }));
      await insertRow(tx, 'public.targets', targetRow(base, { code: 'DI-2026-11', indicator_id: openEnded, target_value: 112.5 }));
    });
  });

  it('refuses a reported actual value above the maximum, and writes nothing', async () => {
    const before = await countRows(db, 'public.progress_reports');
    const error = await expectPgError(insertRow(db, 'public.progress_reports', reportRow(rateTarget, { actual_value: 100.4 })),
      '23514', /report of target DI-2026-03 for 2026-0\d states 100.4 for 公共文化设施免费开放率 \(DI-RATE\), above its maximum 100/);
    expect(error.hint).toMatch(/at most 100/);
    expect(await countRows(db, 'public.progress_reports')).toBe(before);
  });

  it('refuses lowering an indicator\'s maximum below a stored target or report', async () => {
    await insertRow(db, 'public.progress_reports', reportRow(rateTarget, { actual_value: 99.5 }));
    await expectPgError(db.query(`update public.indicators set max_value = 99 where id = $1`, [rate]),
      '23514', /DI-RATE.*maximum 99.*DI-2026-03/);
    const [row] = await db.query<{ max_value: string }>(`select max_value::text from public.indicators where id = $1`, [rate]);
    expect(row!.max_value).toBe('100');
  });

  it('refuses a negative or zero maximum', async () => {
    await expectPgError(insertRow(db, 'public.indicators', {
      code: 'DI-BAD', name: '错误指标', category: 'social_progress', measure: '%', direction: 'higher', max_value: 0,
    }), '23514', /indicator_max_value_positive/);
  });
});
