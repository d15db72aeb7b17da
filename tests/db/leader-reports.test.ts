/**
 * Leaders' half-year reports (public.leader_reports): who may read and write them, every rule's
 * refusal in words, the kept record once public, and the status view (on time, late, not submitted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { createTestDb, expectPgError, rolledBack } from './harness.ts';
import { insertBase, insertRow, targetRow, type Base, type Fields } from './fixtures.ts';

let db: Db;
let base: Base;

/** A valid report of unit A's principal on 2025-H1 (override any field). */
function reportRow(overrides: Fields = {}): Fields {
  return {
    cadre_id: base.principalA,
    unit_id: base.unitA,
    period: '2025-H1',
    reported_to: '副市长周某某',
    reported_to_en: 'Vice Mayor Zhou',
    summary: '上半年牵头推进就业促进行动，新增就业岗位六百余个，下半年重点抓好高校毕业生就业。',
    submitted_on: '2025-07-20',
    published_at: '2025-08-01T10:00:00+08:00',
    ...overrides,
  };
}

const insert = (q: Queryable, overrides: Fields = {}) => insertRow(q, 'public.leader_reports', reportRow(overrides));

beforeAll(async () => {
  db = await createTestDb();
  base = await insertBase(db, 'LR');
  // Unit A has published targets in 2025 and 2026; unit B none, so nothing is expected of its leader.
  await insertRow(db, 'public.targets', targetRow(base, { year: 2025, deadline: '2025-12-31' }));
  await insertRow(db, 'public.targets', targetRow(base));
});

afterAll(async () => {
  await db?.close();
});

describe('who reads and writes', () => {
  it('anon and authenticated read published reports only: not drafts, not those published later', async () => {
    await rolledBack(db, async (tx) => {
      await insert(tx);
      await insert(tx, { period: '2025-H2', submitted_on: '2026-01-10', published_at: null });
      await insert(tx, { cadre_id: base.deputyA, published_at: '2999-01-01T00:00:00Z' });
      for (const role of ['anon', 'authenticated'] as const) {
        await tx.exec(`set local role ${role}`);
        const rows = await tx.query<{ period: string; cadre_id: number }>(`select period, cadre_id::int as cadre_id from public.leader_reports`);
        expect(rows, role).toEqual([{ period: '2025-H1', cadre_id: base.principalA }]);
        await tx.exec(`reset role`);
      }
    });
  });

  it('anon and authenticated cannot insert, update, delete or truncate; nor can the service role truncate (42501)', async () => {
    const id = await insert(db, { cadre_id: base.principalB, unit_id: base.unitB });
    for (const role of ['anon', 'authenticated'] as const) {
      await expectPgError(db.asRole(role, (tx) => insert(tx, { period: '2026-H1', submitted_on: '2026-07-01', published_at: null })), '42501');
      await expectPgError(db.asRole(role, (tx) => tx.query(`update public.leader_reports set summary = summary where id = $1`, [id])), '42501');
      await expectPgError(db.asRole(role, (tx) => tx.query(`delete from public.leader_reports where id = $1`, [id])), '42501');
      await expectPgError(db.asRole(role, (tx) => tx.exec(`truncate public.leader_reports`)), '42501');
    }
    await expectPgError(db.asRole('service_role', (tx) => tx.exec(`truncate public.leader_reports`)), '42501');
  });

  it('the service role writes (the import runs as it)', async () => {
    await rolledBack(db, async (tx) => {
      await tx.exec(`set local role service_role`);
      await insert(tx, { period: '2026-H1', submitted_on: '2026-07-01', published_at: '2026-07-02T10:00:00+08:00' });
    });
  });
});

describe('rules, each refused in words', () => {
  const refused = async (overrides: Fields, constraint: string, message: RegExp, hint: RegExp) => {
    const error = await rolledBack(db, (tx) => expectPgError(insert(tx, overrides), '23514', message));
    expect(error.constraint).toBe(constraint);
    expect(error.hint).toMatch(hint);
  };

  it('the period is a half year', () =>
    refused({ period: '2025-Q1' }, 'leader_report_period_is_half_year', /"2025-Q1" is not a half year/, /YYYY-H1 .* or YYYY-H2/));

  it('of an assessment year', () =>
    refused({ period: '2019-H1', submitted_on: '2019-07-01', published_at: null },
      'leader_report_year_is_assessed', /2019 is not an assessment year/, /create the assessment year/));

  it('names the city leader reported to', () =>
    refused({ reported_to: ' 周' }, 'leader_report_names_recipient', /must name the city leader in charge/, /title and name/));

  it('an English name, when given, is 2 to 160 characters', () =>
    refused({ reported_to_en: 'Z' }, 'leader_report_names_recipient_en', /2 to 160 characters/, /leave it empty/));

  it('the summary is 20 to 2000 characters', async () => {
    await refused({ summary: '工作正常。' }, 'leader_report_summary_length', /20 to 2000 characters; this one has 5/, /at least 20/);
    await refused({ summary: '长'.repeat(2001) }, 'leader_report_summary_length', /this one has 2001/, /at most 2000/);
  });

  it('the English summary, when given, is 20 to 4000 characters', () =>
    refused({ summary_en: 'Fine.' }, 'leader_report_summary_en_length', /English summary must be 20 to 4000/, /leave it empty/));

  it('is not submitted before its half year began', () =>
    refused({ period: '2025-H2', submitted_on: '2025-06-30', published_at: null },
      'leader_report_submitted_in_or_after_half_year', /2025-H2 cannot have been submitted on 2025-06-30/, /on or after 2025-07-01/));

  it('is not published before it was submitted (Beijing calendar)', () =>
    refused({ submitted_on: '2025-08-02', published_at: '2025-08-01T23:59:00+08:00' },
      'leader_report_published_after_submitted', /submitted on 2025-08-02 cannot be published before it, on 2025-08-01/, /on or after 2025-08-02/));

  it('one report per cadre and half year (23505)', async () => {
    await rolledBack(db, async (tx) => {
      await insert(tx, { published_at: null });
      await expectPgError(insert(tx, { submitted_on: '2025-07-25' }), '23505', /leader_reports_one_per_cadre_and_half_year/);
    });
  });

  it('the cadre belongs to the unit (23503)', async () => {
    await rolledBack(db, (tx) => expectPgError(insert(tx, { unit_id: base.unitB }), '23503', /leader_report_cadre_of_unit/));
  });
});

describe('kept once public', () => {
  it('a report not yet public may be corrected or withdrawn', async () => {
    await rolledBack(db, async (tx) => {
      const draft = await insert(tx, { published_at: null });
      await tx.query(`update public.leader_reports set summary = summary || '（更正）' where id = $1`, [draft]);
      const scheduled = await insert(tx, { cadre_id: base.deputyA, published_at: '2999-01-01T00:00:00Z' });
      await tx.query(`update public.leader_reports set published_at = '2025-08-01T10:00:00+08:00' where id = $1`, [scheduled]);
      await tx.query(`delete from public.leader_reports where id = $1`, [draft]);
    });
  });

  it('a public report cannot be changed, removed or truncated, even by the service role', async () => {
    await rolledBack(db, async (tx) => {
      const id = await insert(tx);
      await tx.exec(`set local role service_role`);
      const error = await expectPgError(tx.query(`update public.leader_reports set summary = summary || '。' where id = $1`, [id]),
        'PT409', /leader_reports rows cannot be changed: the report is published/);
      expect(error.hint).toMatch(/give corrections in the next half year's report/);
    });
    await rolledBack(db, async (tx) => {
      const id = await insert(tx);
      await tx.exec(`set local role service_role`);
      await expectPgError(tx.query(`delete from public.leader_reports where id = $1`, [id]), 'PT409');
    });
    await rolledBack(db, async (tx) => {
      await insert(tx);
      await expectPgError(tx.exec(`truncate public.leader_reports`), 'PT409');
    });
  });
});

describe('due dates and the status view', () => {
  it('H1 is due by 31 July, H2 by 31 January of the next year', async () => {
    const rows = await db.query<{ period: string; starts_on: string; ends_on: string; due_on: string }>(
      `select period, starts_on::text, ends_on::text, due_on::text from public.leader_report_periods where year = 2025 order by period`);
    expect(rows).toEqual([
      { period: '2025-H1', starts_on: '2025-01-01', ends_on: '2025-06-30', due_on: '2025-07-31' },
      { period: '2025-H2', starts_on: '2025-07-01', ends_on: '2025-12-31', due_on: '2026-01-31' },
    ]);
  });

  it('marks reports on time or late (days late), and past-due half years without a report as not submitted', async () => {
    await rolledBack(db, async (tx) => {
      await insert(tx, { submitted_on: '2025-07-31', published_at: '2025-08-01T10:00:00+08:00' });
      await insert(tx, { period: '2025-H2', submitted_on: '2026-02-03', published_at: '2026-02-05T10:00:00+08:00' });
      await insert(tx, { cadre_id: base.deputyA, period: '2025-H2', submitted_on: '2026-01-05', published_at: null });
      const status = async () => tx.query<{ cadre_id: number; period: string; status: string; days_late: number | null; report: boolean }>(
        `select cadre_id::int as cadre_id, period, status, days_late, report_id is not null as report
         from public.leader_report_status where period like '2025-%' and unit_id = $1 order by cadre_id, period`, [base.unitA]);
      const p = base.principalA;
      const d = base.deputyA;
      // The owner sees the deputy's unpublished report.
      expect(await status()).toEqual([
        { cadre_id: p, period: '2025-H1', status: 'on_time', days_late: 0, report: true },
        { cadre_id: p, period: '2025-H2', status: 'late', days_late: 3, report: true },
        { cadre_id: d, period: '2025-H1', status: 'not_submitted', days_late: null, report: false },
        { cadre_id: d, period: '2025-H2', status: 'on_time', days_late: 0, report: true },
      ]);
      // The public sees only published reports: the deputy's H2 report is not (yet) there.
      await tx.exec(`set local role anon`);
      expect((await status()).filter((r) => r.cadre_id === d).map((r) => r.status)).toEqual(['not_submitted', 'not_submitted']);
    });
  });

  it('a half year not yet due is not listed as missing', async () => {
    await rolledBack(db, async (tx) => {
      await tx.query(`insert into public.assessment_years (year, status) values (2090, 'planning')`);
      await insertRow(tx, 'public.targets', targetRow(base, { year: 2090, deadline: '2090-12-31' }));
      const [row] = await tx.query<{ n: number }>(`select count(*)::int as n from public.leader_report_status where period like '2090-%'`);
      expect(row!.n).toBe(0);
    });
  });
});
