/**
 * The bulletin workflow (gongshi bulletin draft | publish | correct) on a small hand-built first
 * quarter whose figures are worked out by hand below; refused steps change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BulletinError, correctBulletin, draftBulletin, listBulletins, publishBulletin, showBulletin,
} from '../../src/lib/bulletins/workflow.ts';
import { bulletinCommand } from '../../src/cli/commands/bulletin.ts';
import { UsageError } from '../../src/cli/command.ts';
import { pgErrorFields } from '../../src/lib/db/errors.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { readBulletins } from '../../src/lib/queries/bulletins.ts';
import type { PeriodFigures } from '../../src/lib/schemas/period-figures.ts';
import { countRows, createTestDb, expectPgError, rolledBack } from './harness.ts';
import { insertBase, insertRow, reportRow, targetRow, type Base } from './fixtures.ts';

let db: Db;
let base: Base;
let t1: number;
let t2: number;
let t3: number;

/**
 * Year 2026 (reports due by the 5th of the next month), units A (municipal) and B (district):
 *
 * | target | unit | Jan                      | Feb                          | Mar                 |
 * |--------|------|--------------------------|------------------------------|---------------------|
 * | T1 (public commitment) | A | on_track, 02-03 | behind, 03-04              | completed, 04-02    |
 * | T2     | A    | on_track, 02-03          | on_track, 03-09 (late)       | — (missing)         |
 * | T3     | B    | behind, 02-07 (late)     | not_completed, 03-03         | — (finished in Feb) |
 * | T4 (draft, not public) | A | on_track        |                              |                     |
 *
 * Supervision: A random check 02-10 (public, -1.5), B covert visit 03-20 (not public, -2),
 * A monthly report 04-02 (public, outside the quarter).
 */
beforeAll(async () => {
  db = await createTestDb();
  base = await insertBase(db);
  t1 = await insertRow(db, 'public.targets', targetRow(base, { is_public_commitment: true, commitment_text: '年底前新增就业1000人' }));
  t2 = await insertRow(db, 'public.targets', targetRow(base));
  t3 = await insertRow(db, 'public.targets', targetRow(base, { unit_id: base.unitB, responsible_leader_id: base.principalB }));
  const t4 = await insertRow(db, 'public.targets', targetRow(base, { status: 'draft' }));
  const behind = { status: 'behind', reasons_text: '项目审批滞后', remedy_text: '加快审批', progress_text: null };
  const reports = [
    reportRow(t1, { period: '2026-01', reported_at: '2026-02-03T10:00:00+08:00' }),
    reportRow(t1, { period: '2026-02', ...behind, reported_at: '2026-03-04T10:00:00+08:00' }),
    reportRow(t1, { period: '2026-03', status: 'completed', result_text: '已完成', progress_text: null, reported_at: '2026-04-02T10:00:00+08:00' }),
    reportRow(t2, { period: '2026-01', reported_at: '2026-02-03T10:00:00+08:00' }),
    reportRow(t2, { period: '2026-02', reported_at: '2026-03-09T10:00:00+08:00' }),
    reportRow(t3, { period: '2026-01', ...behind, reported_at: '2026-02-07T10:00:00+08:00' }),
    reportRow(t3, { period: '2026-02', ...behind, status: 'not_completed', reported_at: '2026-03-03T10:00:00+08:00' }),
    reportRow(t4, { period: '2026-01', reported_at: '2026-02-03T10:00:00+08:00' }),
  ];
  for (const r of reports) await insertRow(db, 'public.progress_reports', r);
  const record = (unit: number, method: string, on: string, isPublic: boolean, delta: number, finding: string) =>
    insertRow(db, 'public.supervision_records', {
      year: 2026, unit_id: unit, method, conducted_on: on, finding, score_delta: delta, is_public: isPublic,
    });
  await record(base.unitA, 'random_check', '2026-02-10', true, -1.5, '抽查发现台账不全');
  await record(base.unitB, 'covert_visit', '2026-03-20', false, -2, '暗访发现窗口服务不规范');
  await record(base.unitA, 'monthly_report', '2026-04-02', true, 0, '按时报送');
});

afterAll(async () => {
  await db?.close();
});

const bulletins = () => countRows(db, 'public.bulletins');

/** Runs a step that must be refused (check awaits the attempt), then checks that no bulletin was written or changed. */
async function refusedWithoutChange(step: () => Promise<unknown>, check: (attempt: Promise<unknown>) => Promise<unknown>): Promise<void> {
  const before = await db.query(`select id, slug, title, published_at, supersedes_id from public.bulletins order by id`);
  await check(step());
  expect(await db.query(`select id, slug, title, published_at, supersedes_id from public.bulletins order by id`)).toEqual(before);
}

const unitA = { code: 'FX-A', name: '测试局甲', name_en: null };
const unitB = { code: 'FX-B', name: '测试区乙', name_en: null };

describe('bulletin draft', () => {
  it('refuses a period that is not finished yet, and writes nothing', async () => {
    // March reports are due by April 5th.
    await refusedWithoutChange(() => draftBulletin(db, { kind: 'quarterly', period: '2026-Q1', asOf: '2026-04-04' }), async (attempt) => {
      await expectPgError(attempt, '55000', 'The quarterly period 2026-Q1 is not finished yet (as of 2026-04-04).');
    });
    // April is past its due date but nobody has reported on it.
    await refusedWithoutChange(() => draftBulletin(db, { kind: 'monthly', period: '2026-04', asOf: '2026-06-01' }), async (attempt) => {
      const fields = await expectPgError(attempt, '55000', /no progress report has been filed for 2026-04/);
      expect(fields.detail).toBe('Reports for 2026-04 were due by 2026-05-05.');
    });
    // The year is not over.
    await refusedWithoutChange(() => draftBulletin(db, { kind: 'annual', period: '2026', asOf: '2026-12-31' }), async (attempt) => {
      const fields = await expectPgError(attempt, '55000', /2026 is not finished yet/);
      expect(fields.detail).toBe('Reports for 2026-12 are due by 2027-01-05.');
    });
    expect(await bulletins()).toBe(0);
  });

  it('refuses an unknown period, and writes nothing', async () => {
    for (const [kind, period] of [['quarterly', '2026-Q5'], ['monthly', '2026-Q1'], ['semiannual', '2026-H3'], ['annual', '26']] as const) {
      await refusedWithoutChange(() => draftBulletin(db, { kind, period, asOf: '2027-06-01' }), async (attempt) => {
        await expectPgError(attempt, '22023', `"${period}" is not a ${kind} period.`);
      });
    }
    await refusedWithoutChange(() => draftBulletin(db, { kind: 'monthly', period: '2031-01', asOf: '2031-06-01' }), async (attempt) => {
      await expectPgError(attempt, '22023', 'Year 2031 is not an assessment year.');
    });
  });

  it('refuses a period with nothing to report (no published targets that year), and writes nothing', async () => {
    await refusedWithoutChange(() => draftBulletin(db, { kind: 'annual', period: '2025', asOf: '2026-06-01' }), async (attempt) => {
      await expectPgError(attempt, 'P0002', 'Nothing to report for 2025: 2025 has no published targets.');
    });
  });

  it('drafts the first quarter with the figures worked out by hand', async () => {
    const draft = await draftBulletin(db, { kind: 'quarterly', period: '2026-Q1', asOf: '2026-04-05' });
    expect(draft).toMatchObject({ slug: 'quarterly-2026-q1', kind: 'quarterly', period: '2026-Q1', published_at: null, supersedes_id: null });
    const [row] = await db.query<{ stats: PeriodFigures }>(`select stats from public.bulletins where id = $1`, [draft.id]);
    const expected: PeriodFigures = {
      kind: 'quarterly',
      period: '2026-Q1',
      year: 2026,
      first_period: '2026-01',
      last_period: '2026-03',
      // The end of the day the draft is for (2026-04-05, Asia/Shanghai).
      cutoff_at: '2026-04-05T16:00:00Z',
      // T4 is a draft target: not counted anywhere.
      targets: 3,
      // As of March: T1 completed (March), T2 on track (its February report), T3 not completed (February).
      by_status: { completed: 1, on_track: 1, behind: 0, not_completed: 1, no_report: 0 },
      // A quarter starting in January has no previous period in the year.
      previous_by_status: null,
      commitments: { total: 1, completed: 1, at_risk: 0 },
      // Due: T1 Jan–Mar, T2 Jan–Mar, T3 Jan–Feb (not completed in February, so nothing due after).
      // A: T2 filed February late (03-09 > 03-05) and March is missing. B: T3 filed January late.
      late_units: [
        { ...unitA, late: 1, missing: 1 },
        { ...unitB, late: 1, missing: 0 },
      ],
      // A: 0 of 2 lagging (not listed). B: 1 of 1.
      most_behind: [{ ...unitB, targets: 1, lagging: 1, lagging_share: 1 }],
      // Two activities in the quarter, one of them public; April's is outside.
      supervision: {
        total: 2,
        by_method: { random_check: 1, covert_visit: 1 },
        public: [
          {
            unit_code: 'FX-A', unit_name: '测试局甲', unit_name_en: null, method: 'random_check',
            conducted_on: '2026-02-10', finding: '抽查发现台账不全', score_delta: -1.5,
          },
        ],
      },
    };
    expect(row!.stats).toEqual(expected);
    expect(draft.title).toBe('2026年第1季度目标绩效季度进展通报');
    expect(draft.summary).toContain('全市3项公开目标中已完成1项（33.3%）');
    expect(draft.body).toContain('- 测试局甲：逾期报送1项，未报送1项');
    expect(draft.body_en).toContain('| Completed | 1 | 33.3% | — |');
  });

  it('a month after January reports the change since the previous month', async () => {
    const draft = await draftBulletin(db, { kind: 'monthly', period: '2026-02', asOf: '2026-03-05' });
    const [row] = await db.query<{ stats: PeriodFigures }>(`select stats from public.bulletins where id = $1`, [draft.id]);
    // January: T1 on track, T2 on track, T3 behind. February: T1 behind, T2 on track, T3 not completed.
    expect(row!.stats.previous_by_status).toEqual({ completed: 0, on_track: 2, behind: 1, not_completed: 0, no_report: 0 });
    expect(row!.stats.by_status).toEqual({ completed: 0, on_track: 1, behind: 1, not_completed: 1, no_report: 0 });
    expect(draft.body).toContain('| 按进度推进 | 1 | 33.3% | -1 |');
  });

  it('a second draft of the same period gets the next revision slug', async () => {
    const again = await draftBulletin(db, { kind: 'quarterly', period: '2026-Q1', asOf: '2026-04-05' });
    expect(again.slug).toBe('quarterly-2026-q1-r2');
  });
});

describe('bulletin publish', () => {
  it('publishes a draft; the public (anon) can then read it', async () => {
    expect(await db.asRole('anon', (tx) => countRows(tx, 'public.bulletins'))).toBe(0);
    const published = await publishBulletin(db, 'quarterly-2026-q1');
    expect(published.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await db.asRole('anon', (tx) => countRows(tx, 'public.bulletins'))).toBe(1);
  });

  it('refuses to publish it twice (PT409), and changes nothing', async () => {
    await refusedWithoutChange(() => publishBulletin(db, 'quarterly-2026-q1'), async (attempt) => {
      const fields = await expectPgError(attempt, 'PT409', 'Bulletin quarterly-2026-q1 is already published.');
      expect(fields.hint).toMatch(/gongshi bulletin correct quarterly-2026-q1/);
    });
  });

  it('refuses to publish a second draft of a period already published, and changes nothing', async () => {
    await refusedWithoutChange(() => publishBulletin(db, 'quarterly-2026-q1-r2'), async (attempt) => {
      await expectPgError(attempt, 'PT409', 'The quarterly bulletin for 2026-Q1 is already published as quarterly-2026-q1.');
    });
  });

  it('the database backs that rule with a unique index, even for a direct write', async () => {
    await refusedWithoutChange(
      () => db.asRole('service_role', (tx) => tx.query(`update public.bulletins set published_at = now() where slug = 'quarterly-2026-q1-r2'`)),
      async (attempt) => {
        await expectPgError(attempt, '23505', /bulletins_one_published_original_per_period/);
      },
    );
  });

  it('refuses to edit or delete a published bulletin (PT409), and changes nothing', async () => {
    for (const sql of [
      `update public.bulletins set title = '改过的标题' where slug = 'quarterly-2026-q1'`,
      `update public.bulletins set published_at = null where slug = 'quarterly-2026-q1'`,
      `delete from public.bulletins where slug = 'quarterly-2026-q1'`,
    ]) {
      await refusedWithoutChange(() => db.asRole('service_role', (tx) => tx.query(sql)), async (attempt) => {
        await expectPgError(attempt, 'PT409', 'Bulletin quarterly-2026-q1 is published and cannot be changed.');
      });
    }
  });

  it('an unknown bulletin is a clear error', async () => {
    await refusedWithoutChange(() => publishBulletin(db, 'monthly-2030-01'), (attempt) =>
      expect(attempt).rejects.toThrow(new BulletinError('There is no bulletin with the slug "monthly-2030-01". "bulletin list" shows them all.')),
    );
    await refusedWithoutChange(() => publishBulletin(db, '99999'), (attempt) => expect(attempt).rejects.toThrow(/no bulletin with the id "99999"/));
  });
});

describe('bulletin correct', () => {
  it('refuses to correct a draft, in the CLI and in the database', async () => {
    await refusedWithoutChange(() => correctBulletin(db, 'monthly-2026-02', { reason: '数据有误' }), (attempt) => expect(attempt).rejects.toThrow(BulletinError));
    await refusedWithoutChange(() => correctBulletin(db, 'monthly-2026-02', { reason: '数据有误' }), (attempt) =>
      expect(attempt).rejects.toThrow(/monthly-2026-02 is still a draft/),
    );
    const [draft] = await db.query<{ id: number }>(`select id from public.bulletins where slug = 'monthly-2026-02'`);
    await refusedWithoutChange(
      () => db.asRole('service_role', (tx) =>
        tx.query(
          `insert into public.bulletins (slug, kind, period, title, summary, body, supersedes_id, correction_reason)
           values ('monthly-2026-02-x', 'monthly', '2026-02', '更正', '更正', '更正', $1, '数据有误')`,
          [draft!.id],
        ),
      ),
      async (attempt) => {
        await expectPgError(attempt, '55000', 'Bulletin monthly-2026-02 is a draft: only a published bulletin is corrected by an erratum.');
      },
    );
  });

  it('refuses a correction without a reason', async () => {
    await refusedWithoutChange(() => correctBulletin(db, 'quarterly-2026-q1', { reason: ' ' }), (attempt) => expect(attempt).rejects.toThrow(/needs its reason/));
  });

  it('drafts an erratum from fresh figures that supersedes the published bulletin; once published, both say so', async () => {
    const erratum = await correctBulletin(db, 'quarterly-2026-q1', { reason: '督查次数统计有误' });
    expect(erratum).toMatchObject({
      slug: 'quarterly-2026-q1-r3',
      kind: 'quarterly',
      period: '2026-Q1',
      supersedes_slug: 'quarterly-2026-q1',
      correction_reason: '督查次数统计有误',
      published_at: null,
      title: '2026年第1季度目标绩效季度进展通报（更正）',
    });
    expect(erratum.body).toMatch(/^\*\*更正说明\*\*：本通报更正\d{4}-\d{2}-\d{2}发布的《2026年第1季度目标绩效季度进展通报》。更正原因：督查次数统计有误/);
    // Until the erratum is published, the public sees only the original, not yet superseded.
    let seen = await readBulletins(db);
    expect(seen.map((b) => [b.slug, b.superseded_by])).toEqual([['quarterly-2026-q1', null]]);

    await publishBulletin(db, erratum.slug);
    seen = await readBulletins(db);
    const original = seen.find((b) => b.slug === 'quarterly-2026-q1')!;
    const correction = seen.find((b) => b.slug === 'quarterly-2026-q1-r3')!;
    expect(original.superseded_by).toMatchObject({ slug: 'quarterly-2026-q1-r3' });
    expect(correction.supersedes).toMatchObject({ slug: 'quarterly-2026-q1', title: '2026年第1季度目标绩效季度进展通报' });
    expect(correction.correction_reason).toBe('督查次数统计有误');
    expect((await showBulletin(db, 'quarterly-2026-q1')).superseded_by_slug).toBe('quarterly-2026-q1-r3');
  });

  it('refuses to correct a bulletin twice, and to publish the superseded one', async () => {
    await refusedWithoutChange(() => correctBulletin(db, 'quarterly-2026-q1', { reason: '再次更正' }), (attempt) =>
      expect(attempt).rejects.toThrow('Bulletin quarterly-2026-q1 is already corrected by quarterly-2026-q1-r3: correct that one instead.'),
    );
    await refusedWithoutChange(() => publishBulletin(db, 'quarterly-2026-q1'), async (attempt) => {
      await expectPgError(attempt, 'PT409', /already published/);
    });
    const [old] = await db.query<{ id: number }>(`select id from public.bulletins where slug = 'quarterly-2026-q1'`);
    await refusedWithoutChange(
      () => db.asRole('service_role', (tx) =>
        tx.query(
          `insert into public.bulletins (slug, kind, period, title, summary, body, supersedes_id, correction_reason)
           values ('quarterly-2026-q1-x', 'quarterly', '2026-Q1', '更正', '更正', '更正', $1, '又一次')`,
          [old!.id],
        ),
      ),
      async (attempt) => {
        await expectPgError(attempt, '23505', 'Bulletin quarterly-2026-q1 is already corrected by quarterly-2026-q1-r3.');
      },
    );
  });

  it('an erratum of an erratum keeps one marker; a hand-written body keeps the figures it corrects', async () => {
    const [before] = await db.query<{ stats: unknown }>(`select stats from public.bulletins where slug = 'quarterly-2026-q1-r3'`);
    const erratum = await correctBulletin(db, 'quarterly-2026-q1-r3', {
      reason: '单位名称有误',
      body: '## 一、总体进展\n\n手写的正文。',
      bodyEn: '## 1. Overall progress\n\nHand-written text.',
    });
    expect(erratum.title).toBe('2026年第1季度目标绩效季度进展通报（更正）');
    expect(erratum.title_en).toBe('Target performance bulletin: Q1 2026 (corrected)');
    expect(erratum.body).toMatch(/更正原因：单位名称有误\n\n## 一、总体进展\n\n手写的正文。$/);
    expect(erratum.body_en).toMatch(/Reason: 单位名称有误\n\n## 1\. Overall progress\n\nHand-written text\.$/);
    const [after] = await db.query<{ stats: unknown }>(`select stats from public.bulletins where id = $1`, [erratum.id]);
    expect(after!.stats).toEqual(before!.stats);
  });

  it('an erratum must be of the same kind and period as what it corrects', async () => {
    const [old] = await db.query<{ id: number }>(`select id from public.bulletins where slug = 'quarterly-2026-q1-r3'`);
    await db.asRole('service_role', (tx) => tx.query(`delete from public.bulletins where supersedes_id = $1 and published_at is null`, [old!.id]));
    await refusedWithoutChange(
      () => db.asRole('service_role', (tx) =>
        tx.query(
          `insert into public.bulletins (slug, kind, period, title, summary, body, supersedes_id, correction_reason)
           values ('monthly-2026-03', 'monthly', '2026-03', '更正', '更正', '更正', $1, '换期间')`,
          [old!.id],
        ),
      ),
      async (attempt) => {
        await expectPgError(attempt, '23514', 'An erratum of quarterly-2026-q1-r3 must be a quarterly bulletin for 2026-Q1.');
      },
    );
  });
});

describe('bulletin list and the command line', () => {
  it('lists drafts first, then the published newest first', async () => {
    const all = await listBulletins(db);
    expect(all.map((b) => [b.slug, b.published_at === null])).toEqual([
      ['quarterly-2026-q1-r2', true],
      ['monthly-2026-02', true],
      ['quarterly-2026-q1-r3', false],
      ['quarterly-2026-q1', false],
    ]);
    expect((await listBulletins(db, { drafts: true, kind: 'monthly' })).map((b) => b.slug)).toEqual(['monthly-2026-02']);
  });

  it('checks its arguments before it opens the database', async () => {
    const run = (positionals: string[], values: Record<string, string | boolean | undefined> = {}) => bulletinCommand.run(values, positionals);
    await expect(run([])).rejects.toThrow(UsageError);
    await expect(run(['draft'], { kind: 'weekly', period: '2026-01' })).rejects.toThrow('--kind must be one of monthly, quarterly, semiannual, annual, got "weekly".');
    await expect(run(['draft'], { kind: 'monthly' })).rejects.toThrow('bulletin draft needs --period.');
    await expect(run(['draft'], { kind: 'monthly', period: '2026-01', 'as-of': '2026-02-30' })).rejects.toThrow('--as-of must be a date YYYY-MM-DD, got "2026-02-30".');
    await expect(run(['publish'])).rejects.toThrow('bulletin publish needs one bulletin id or slug.');
    await expect(run(['correct', 'monthly-2026-01'])).rejects.toThrow(/needs --reason/);
    await expect(run(['correct', 'monthly-2026-01'], { reason: '有误', 'body-en-file': 'x.md' })).rejects.toThrow('--body-en-file needs --body-file as well.');
    await expect(run(['correct', 'monthly-2026-01'], { reason: '有误', 'body-file': '/nonexistent/x.md' })).rejects.toThrow(/Cannot read \/nonexistent\/x\.md/);
  });
});

describe('two staff members publishing at once', () => {
  it('two drafts of the same period published at the same moment: exactly one wins', async () => {
    const a = await draftBulletin(db, { kind: 'monthly', period: '2026-03', asOf: '2026-04-05' });
    const b = await draftBulletin(db, { kind: 'monthly', period: '2026-03', asOf: '2026-04-05' });
    const results = await Promise.allSettled([publishBulletin(db, a.slug), publishBulletin(db, b.slug)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // The loser either saw the winner (PT409) or was stopped by the unique index (23505).
    expect(['PT409', '23505']).toContain(pgErrorFields(refused!.reason)?.code);
    expect(await countRows(db, 'public.bulletins', `period = '2026-03' and published_at is not null`)).toBe(1);
  });
});

describe('a bulletin as of its cut-off', () => {
  const figuresAsOf = async (cutoff: string | null) => {
    const [row] = await db.query<{ f: PeriodFigures }>(`select private.period_figures('monthly', '2026-02', $1::timestamptz) as f`, [cutoff]);
    return row!.f;
  };

  it('counts only the reports filed before the cut-off: one filed later is missing, not late', async () => {
    const all = await figuresAsOf(null);
    expect(all.cutoff_at).toBeNull();
    expect(all.late_units.find((u) => u.code === 'FX-A')).toMatchObject({ late: 1, missing: 0 });
    // On 5 March (Shanghai) T2's February report (filed 9 March) was not in yet.
    const early = await figuresAsOf('2026-03-05T00:00:00+08:00');
    expect(early.cutoff_at).toBe('2026-03-04T16:00:00Z');
    expect(early.late_units.find((u) => u.code === 'FX-A')).toMatchObject({ late: 0, missing: 1 });
    // T1's February report (filed 4 March) counts, T2 keeps its January status.
    expect(early.by_status).toEqual({ completed: 0, on_track: 1, behind: 1, not_completed: 1, no_report: 0 });
    // Before 3 March, T3's February report and T1's were not in: February looks like January.
    expect((await figuresAsOf('2026-03-03T09:00:00+08:00')).by_status).toEqual({ completed: 0, on_track: 2, behind: 1, not_completed: 0, no_report: 0 });
  });

  it('counts only the targets published before the cut-off', async () => {
    await rolledBack(db, async (tx) => {
      await insertRow(tx, 'public.targets', targetRow(base, { published_at: '2026-03-04T12:00:00+08:00' }));
      const targetsAsOf = async (cutoff: string) =>
        (await tx.query<{ n: number }>(`select (private.period_figures('monthly', '2026-02', $1::timestamptz) ->> 'targets')::int as n`, [cutoff]))[0]!.n;
      expect(await targetsAsOf('2026-03-04T09:00:00+08:00')).toBe(3);
      expect(await targetsAsOf('2026-03-05T09:00:00+08:00')).toBe(4);
    });
  });

  it('reads the views as of the cut-off only inside the computation: the current reports stay current', async () => {
    await db.transaction(async (tx) => {
      const count = async () => (await tx.query<{ n: number }>(`select count(*)::int as n from public.current_progress_reports`))[0]!.n;
      const before = await count();
      await tx.query(`select private.period_figures('monthly', '2026-02', '2026-03-01T00:00:00+08:00')`);
      expect(await count()).toBe(before);
    });
  });

  it('states its cut-off, the one its figures were computed with, never after its publication', async () => {
    const [row] = await db.query<{ same: boolean; before_publication: boolean }>(
      `select cutoff_at = (stats ->> 'cutoff_at')::timestamptz as same, cutoff_at <= published_at as before_publication
       from public.bulletins where slug = 'quarterly-2026-q1'`);
    expect(row).toEqual({ same: true, before_publication: true });
    await expectPgError(
      db.query(`insert into public.bulletins (slug, kind, period, title, summary, body, stats, cutoff_at)
                values ('monthly-2026-01', 'monthly', '2026-01', '一月', '摘要', '正文', '{"cutoff_at": "2026-02-10T00:00:00Z"}', '2026-02-11T00:00:00Z')`),
      '23514',
      /cut off at .* but its figures are as of/,
    );
    await expectPgError(
      db.query(`insert into public.bulletins (slug, kind, period, title, summary, body, cutoff_at, published_at)
                values ('monthly-2026-01', 'monthly', '2026-01', '一月', '摘要', '正文', '2026-02-11T00:00:00Z', '2026-02-10T00:00:00Z')`),
      '23514',
      /cutoff_not_after_publication/,
    );
  });

  it('a correction filed after publication changes no published figure: recomputed as of the cut-off, they stay', async () => {
    const [original] = await db.query<{ id: number }>(`select id::int from public.progress_reports where target_id = $1 and period = '2026-03'`, [t1]);
    await db.query(
      `insert into public.progress_reports (target_id, period, status, reasons_text, remedy_text, supersedes_id, correction_reason)
       values ($1, '2026-03', 'behind', '核定数低于快报数', '加快推进', $2, '统计局核定')`,
      [t1, original!.id],
    );
    const rows = await db.query<{ slug: string; same: boolean; now_same: boolean }>(
      `select slug, stats = private.period_figures(kind, period, cutoff_at) as same,
              stats - 'cutoff_at' = private.period_figures(kind, period) - 'cutoff_at' as now_same
       from public.bulletins where published_at is not null and stats ? 'kind' order by slug`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.same, r.slug).toBe(true);
    // Computed today the first quarter would read otherwise: T1 is behind after the correction.
    expect(rows.find((r) => r.slug === 'quarterly-2026-q1')!.now_same).toBe(false);
  });
});
