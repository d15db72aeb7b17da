/**
 * Every rule the schema enforces rejects bad rows with the documented SQLSTATE and a message
 * that names the rule. Each bad row is built from a valid one (accepted first, in a rolled-back
 * transaction) so the rejection is for the field the test broke and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError, rolledBack } from './harness.ts';
import { bulletinRow, insertBase, insertRow, json, reportRow, targetRow, type Base, type Fields } from './fixtures.ts';

let db: Db;
let base: Base;
/** Committed fixtures: a published quantitative target with one report, a qualitative target, bulletins. */
let target: number;
let taskTarget: number;
let report: number;
let publishedBulletin: number;
let draftBulletin: number;

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction(async (tx) => {
    base = await insertBase(tx);
    target = await insertRow(tx, 'public.targets', targetRow(base));
    taskTarget = await insertRow(
      tx,
      'public.targets',
      targetRow(base, {
        indicator_id: base.qualitative,
        target_value: null,
        title: '完成重点改革任务',
      }),
    );
    report = await insertRow(tx, 'public.progress_reports', reportRow(target));
    publishedBulletin = await insertRow(
      tx,
      'public.bulletins',
      bulletinRow({
        published_at: '2026-02-10T10:00:00+08:00',
      }),
    );
    draftBulletin = await insertRow(tx, 'public.bulletins', bulletinRow({ period: '2026-02' }));
  });
});

afterAll(async () => {
  await db?.close();
});

/** Inserts in a transaction that is rolled back (for rows that must be accepted). */
const accepted = (table: string, row: Fields) => rolledBack(db, (tx) => insertRow(tx, table, row));
/** Inserts in its own transaction (for rows that must be refused: the error rolls it back). */
const insert = (table: string, row: Fields, q: Queryable = db) => insertRow(q, table, row);

describe('assessment_years', () => {
  it('the service role (staff CLI) can write a year whose weights pass the checks', async () => {
    const year = await db.asRole('service_role', async (tx) => {
      await tx.query(`insert into public.assessment_years (year) values (2031)`);
      const rows = await tx.query<{ year: number }>(`select year from public.assessment_years where year = 2031`);
      await tx.query(`delete from public.assessment_years where year = 2031`);
      return rows[0]?.year;
    });
    expect(year).toBe(2031);
  });

  it('accepts weights that sum to 1', async () => {
    expect(
      await accepted('public.assessment_years', {
        year: 2030,
        weight_target: 0.5,
        weight_mass: 0.3,
        weight_monitoring: 0.2,
        respondent_group_weights: json({ citizen: 0.6, enterprise: 0.4 }),
      }),
    ).toBe(2030);
  });

  it('refuses score weights that do not sum to 1', async () => {
    const e = await expectPgError(
      insert('public.assessment_years', { year: 2030, weight_target: 0.6, weight_mass: 0.3, weight_monitoring: 0.2 }),
      '23514',
      /score_weights_sum_to_one/,
    );
    expect(e.constraint).toBe('score_weights_sum_to_one');
  });

  it('refuses respondent group weights that do not sum to 1, or are not numbers', async () => {
    await expectPgError(
      insert('public.assessment_years', {
        year: 2030,
        respondent_group_weights: json({ citizen: 0.5, enterprise: 0.4 }),
      }),
      '23514',
      /respondent_group_weights_sum_to_one/,
    );
    await expectPgError(
      insert('public.assessment_years', {
        year: 2030,
        respondent_group_weights: json({ citizen: 1.2, enterprise: -0.2 }),
      }),
      '23514',
      /respondent_group_weights_sum_to_one/,
    );
    await expectPgError(
      insert('public.assessment_years', { year: 2030, respondent_group_weights: json({ citizen: '1' }) }),
      '23514',
      /respondent_group_weights_sum_to_one/,
    );
    await expectPgError(
      insert('public.assessment_years', { year: 2030, respondent_group_weights: json([0.5, 0.5]) }),
      '23514',
      /respondent_group_weights_sum_to_one/,
    );
  });
});

describe('units and cadres', () => {
  const unit = (overrides: Fields = {}): Fields => ({
    code: 'NEW-1',
    name: '新设单位',
    kind: 'municipal_unit',
    sector: 'social',
    ...overrides,
  });

  it('accepts a well-formed unit', async () => {
    expect(await accepted('public.units', unit())).toBeGreaterThan(0);
  });

  it('refuses a malformed code', async () => {
    for (const code of ['new-1', '1ABC', 'A', 'AB CD', 'A'.repeat(21)]) {
      await expectPgError(insert('public.units', unit({ code })), '23514', /units_code_check/);
    }
  });

  it('refuses an unknown kind', async () => {
    await expectPgError(insert('public.units', unit({ kind: 'county' })), '23514', /units_kind_check/);
  });

  it('refuses a duplicate code', async () => {
    await expectPgError(insert('public.units', unit({ code: 'FX-A' })), '23505', /units_code_key/);
  });

  it('refuses a second principal leader for one unit', async () => {
    const e = await expectPgError(
      insert('public.cadres', { unit_id: base.unitA, name: '陈戊', title: '主要负责人', is_principal: true }),
      '23505',
      /cadres_one_principal_per_unit/,
    );
    expect(e.constraint).toBe('cadres_one_principal_per_unit');
    // A further deputy is fine.
    expect(await accepted('public.cadres', { unit_id: base.unitA, name: '陈戊', title: '副职负责人' })).toBeGreaterThan(
      0,
    );
  });
});

describe('targets', () => {
  it('accepts a valid quantitative target, and a qualitative one without a value', async () => {
    expect(await accepted('public.targets', targetRow(base))).toBeGreaterThan(0);
    expect(
      await accepted(
        'public.targets',
        targetRow(base, {
          indicator_id: base.qualitative,
          target_value: null,
          status: 'draft',
        }),
      ),
    ).toBeGreaterThan(0);
  });

  it('refuses a quantitative target without a target value', async () => {
    await expectPgError(
      insert('public.targets', targetRow(base, { target_value: null })),
      '23514',
      /needs a target value.*quantitative \(higher is better\)/,
    );
  });

  it('refuses a deadline outside the target year', async () => {
    for (const deadline of [`${base.year + 1}-01-01`, `${base.year - 1}-12-31`]) {
      await expectPgError(
        insert('public.targets', targetRow(base, { deadline })),
        '23514',
        /deadline_within_target_year/,
      );
    }
    expect(await accepted('public.targets', targetRow(base, { deadline: `${base.year}-01-01` }))).toBeGreaterThan(0);
  });

  it('refuses a public commitment without its text', async () => {
    for (const commitment_text of [null, '', '   ']) {
      await expectPgError(
        insert('public.targets', targetRow(base, { is_public_commitment: true, commitment_text })),
        '23514',
        /public_commitment_has_text/,
      );
    }
    expect(
      await accepted(
        'public.targets',
        targetRow(base, {
          is_public_commitment: true,
          commitment_text: '年底前新增就业1000人。',
        }),
      ),
    ).toBeGreaterThan(0);
  });

  it('refuses a responsible leader from another unit', async () => {
    const e = await expectPgError(
      insert('public.targets', targetRow(base, { responsible_leader_id: base.principalB })),
      '23503',
      /responsible_leader_belongs_to_unit/,
    );
    expect(e.constraint).toBe('responsible_leader_belongs_to_unit');
    // The same cadre leads a target of their own unit.
    expect(
      await accepted(
        'public.targets',
        targetRow(base, {
          unit_id: base.unitB,
          responsible_leader_id: base.principalB,
        }),
      ),
    ).toBeGreaterThan(0);
  });

  it('refuses a published target without a publication date, and a draft with one', async () => {
    await expectPgError(
      insert('public.targets', targetRow(base, { status: 'published', published_at: null })),
      '23514',
      /published_target_has_date/,
    );
    await expectPgError(
      insert('public.targets', targetRow(base, { status: 'draft', published_at: '2026-02-01T00:00:00Z' })),
      '23514',
      /published_target_has_date/,
    );
  });

  it('refuses a sub-target in another year than its parent', async () => {
    await expectPgError(
      insert(
        'public.targets',
        targetRow(base, {
          year: base.previousYear,
          deadline: `${base.previousYear}-12-31`,
          parent_id: target,
        }),
      ),
      '23514',
      /must be in the same year as its parent target/,
    );
    expect(await accepted('public.targets', targetRow(base, { parent_id: target }))).toBeGreaterThan(0);
  });

  it('refuses a cycle in the parent chain', async () => {
    await expectPgError(
      db.transaction(async (tx) => {
        const child = await insertRow(tx, 'public.targets', targetRow(base, { parent_id: target }));
        const grandchild = await insertRow(tx, 'public.targets', targetRow(base, { parent_id: child }));
        // The top target decomposed from its own grandchild: a cycle.
        await tx.query(`update public.targets set parent_id = $1 where id = $2`, [grandchild, target]);
      }),
      '23514',
      /cannot be decomposed from one of its own sub-targets/,
    );
    await expectPgError(db.query(`update public.targets set parent_id = id where id = $1`, [target]), '23514');
    expect(await countRows(db, 'public.targets', 'parent_id is not null')).toBe(0);
  });
});

describe('progress_reports', () => {
  it('accepts a report of each status with its required texts', async () => {
    const rows: Fields[] = [
      reportRow(taskTarget, {
        status: 'completed',
        result_text: '任务已完成。',
        progress_text: null,
        progress_pct: 100,
      }),
      reportRow(taskTarget, { period: '2026-02', status: 'on_track' }),
      reportRow(taskTarget, {
        period: '2026-03',
        status: 'behind',
        progress_text: null,
        reasons_text: '资金未到位。',
        remedy_text: '协调资金。',
      }),
      reportRow(taskTarget, {
        period: '2026-04',
        status: 'not_completed',
        progress_text: null,
        reasons_text: '工期延误。',
        remedy_text: '倒排工期。',
      }),
    ];
    const ids = await rolledBack(db, async (tx) => {
      const out: number[] = [];
      for (const row of rows) out.push(await insertRow(tx, 'public.progress_reports', row));
      return out;
    });
    expect(ids).toHaveLength(4);
  });

  it('refuses a completed report without its result', async () => {
    const e = await expectPgError(
      insert(
        'public.progress_reports',
        reportRow(taskTarget, { status: 'completed', result_text: ' ', progress_pct: 100 }),
      ),
      '23514',
      /A completed report must state its result \(target T-\d+, 2026-01\)/,
    );
    expect(e.constraint).toBe('completed_report_states_result');
  });

  it('refuses an on-track report without its progress', async () => {
    await expectPgError(
      insert('public.progress_reports', reportRow(taskTarget, { progress_text: null })),
      '23514',
      /An on-track report must state the progress made/,
    );
  });

  it('refuses a behind or not-completed report without both reasons and remedy', async () => {
    const cases: [string, Fields][] = [
      ['behind', { reasons_text: '资金未到位。', remedy_text: null }],
      ['behind', { reasons_text: null, remedy_text: '协调资金。' }],
      ['not_completed', { reasons_text: '', remedy_text: '倒排工期。' }],
      ['not_completed', { reasons_text: null, remedy_text: null }],
    ];
    for (const [status, texts] of cases) {
      await expectPgError(
        insert('public.progress_reports', reportRow(taskTarget, { status, progress_text: null, ...texts })),
        '23514',
        new RegExp(`A ${status.replace('_', ' ')} report must give the reasons and the remedy`),
      );
    }
  });

  it('refuses a second original report for the same target and period', async () => {
    const e = await expectPgError(
      insert('public.progress_reports', reportRow(target, { progress_text: '重复上报。' })),
      '23505',
      /progress_reports_one_original_per_period/,
    );
    expect(e.constraint).toBe('progress_reports_one_original_per_period');
    // Another period of the same target is fine.
    expect(await accepted('public.progress_reports', reportRow(target, { period: '2026-02' }))).toBeGreaterThan(0);
  });

  it('accepts a correction that names its reason, and shows it in current_progress_reports', async () => {
    const current = await rolledBack(db, async (tx) => {
      const correction = await insertRow(
        tx,
        'public.progress_reports',
        reportRow(target, {
          progress_pct: 9,
          supersedes_id: report,
          correction_reason: '数据更正。',
        }),
      );
      const rows = await tx.query<{ id: number; is_correction: boolean }>(
        `select id::int, is_correction from public.current_progress_reports where target_id = $1`,
        [target],
      );
      return { correction, rows };
    });
    expect(current.rows).toEqual([{ id: current.correction, is_correction: true }]);
  });

  it('refuses a correction without a reason', async () => {
    for (const correction_reason of [null, '  ']) {
      await expectPgError(
        insert('public.progress_reports', reportRow(target, { supersedes_id: report, correction_reason })),
        '23514',
        /correction_states_reason/,
      );
    }
  });

  it("refuses a correction of another target's or another period's report", async () => {
    await expectPgError(
      insert('public.progress_reports', reportRow(taskTarget, { supersedes_id: report, correction_reason: '更正。' })),
      '23514',
      new RegExp(`Report ${report} can only be corrected by a report of the same target and period`),
    );
    await expectPgError(
      insert(
        'public.progress_reports',
        reportRow(target, { period: '2026-02', supersedes_id: report, correction_reason: '更正。' }),
      ),
      '23514',
      /can only be corrected by a report of the same target and period/,
    );
  });

  it('refuses a second correction of the same report', async () => {
    await expectPgError(
      db.transaction(async (tx) => {
        await insertRow(
          tx,
          'public.progress_reports',
          reportRow(target, { supersedes_id: report, correction_reason: '一次更正。' }),
        );
        await insertRow(
          tx,
          'public.progress_reports',
          reportRow(target, { supersedes_id: report, correction_reason: '二次更正。' }),
        );
      }),
      '23505',
      /progress_reports_supersedes_id_key/,
    );
  });

  describe('are append-only', () => {
    const attempts = [
      ['UPDATE', `update public.progress_reports set progress_pct = 50 where id = $1`],
      ['DELETE', `delete from public.progress_reports where id = $1`],
    ] as const;

    for (const [op, sql] of attempts) {
      it(`${op} is refused with PT409, for the owner and for service_role`, async () => {
        const e = await expectPgError(db.query(sql, [report]), 'PT409', /append-only/);
        expect(e.hint).toMatch(/supersedes_id/);
        await expectPgError(
          db.asRole('service_role', (tx) => tx.query(sql, [report])),
          'PT409',
          /append-only/,
        );
      });
    }

    it('TRUNCATE is refused: PT409 for the owner (trigger), 42501 for service_role (no privilege)', async () => {
      await expectPgError(db.exec(`truncate public.progress_reports`), 'PT409', /append-only/);
      await expectPgError(db.asRole('service_role', (tx) => tx.exec(`truncate public.progress_reports`)), '42501');
    });

    it('the report is unchanged afterwards', async () => {
      const rows = await db.query<{ id: number; progress_pct: string }>(
        `select id::int, progress_pct::text from public.progress_reports order by id`,
      );
      expect(rows).toEqual([{ id: report, progress_pct: '8.0' }]);
    });
  });
});

describe('bulletins', () => {
  it('a published bulletin cannot be updated or deleted (PT409)', async () => {
    for (const sql of [
      `update public.bulletins set title = '改过的标题' where id = $1`,
      `update public.bulletins set published_at = null where id = $1`,
      `delete from public.bulletins where id = $1`,
    ]) {
      const e = await expectPgError(db.query(sql, [publishedBulletin]), 'PT409', /is published and cannot be changed/);
      expect(e.hint).toMatch(/supersedes_id/);
      await expectPgError(
        db.asRole('service_role', (tx) => tx.query(sql, [publishedBulletin])),
        'PT409',
      );
    }
    expect(
      await countRows(db, 'public.bulletins', `id = $1 and title = '2026年1月目标绩效月度进展通报'`, [
        publishedBulletin,
      ]),
    ).toBe(1);
  });

  it('published bulletins cannot be wiped with TRUNCATE, by the owner (PT409) or service_role (42501)', async () => {
    const before = await countRows(db, 'public.bulletins');
    await expectPgError(db.exec(`truncate public.bulletins cascade`), 'PT409', /public record/);
    await expectPgError(db.asRole('service_role', (tx) => tx.exec(`truncate public.bulletins cascade`)), '42501');
    expect(await countRows(db, 'public.bulletins')).toBe(before);
  });

  it('a draft can be edited, published and deleted', async () => {
    const after = await rolledBack(db, async (tx) => {
      await tx.query(`update public.bulletins set title = '改过的标题' where id = $1`, [draftBulletin]);
      const [edited] = await tx.query<{ title: string }>(`select title from public.bulletins where id = $1`, [
        draftBulletin,
      ]);
      await tx.query(`delete from public.bulletins where id = $1`, [draftBulletin]);
      return { title: edited!.title, left: await countRows(tx, 'public.bulletins', 'id = $1', [draftBulletin]) };
    });
    expect(after).toEqual({ title: '改过的标题', left: 0 });
    const frozen = await rolledBack(db, async (tx) => {
      await tx.query(`update public.bulletins set published_at = now() where id = $1`, [draftBulletin]);
      // Once published it is frozen, within the same transaction too.
      return expectPgError(
        tx.query(`update public.bulletins set title = '再改' where id = $1`, [draftBulletin]),
        'PT409',
      );
    });
    expect(frozen.message).toMatch(/is published and cannot be changed/);
    expect(await countRows(db, 'public.bulletins', 'id = $1 and published_at is null', [draftBulletin])).toBe(1);
  });

  it('the period must match the kind', async () => {
    const bad: [string, string][] = [
      ['monthly', '2026-Q1'],
      ['monthly', '2026-13'],
      ['quarterly', '2026-Q5'],
      ['quarterly', '2026-03'],
      ['semiannual', '2026-H3'],
      ['annual', '2026-01'],
    ];
    for (const [kind, period] of bad) {
      await expectPgError(insert('public.bulletins', bulletinRow({ kind, period })), '23514', /period_matches_kind/);
    }
    for (const [kind, period] of [
      ['quarterly', '2026-Q4'],
      ['semiannual', '2026-H1'],
      ['annual', '2026'],
    ]) {
      expect(await accepted('public.bulletins', bulletinRow({ kind: kind!, period: period! }))).toBeGreaterThan(0);
    }
  });

  it('an erratum must state its reason', async () => {
    await expectPgError(
      insert('public.bulletins', bulletinRow({ supersedes_id: publishedBulletin })),
      '23514',
      /erratum_states_reason/,
    );
    expect(
      await accepted(
        'public.bulletins',
        bulletinRow({
          supersedes_id: publishedBulletin,
          correction_reason: '更正第二部分数据。',
        }),
      ),
    ).toBeGreaterThan(0);
  });
});
