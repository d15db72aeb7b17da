/**
 * The cycles around imports, against a fixture calendar (reports due by the 5th of the next month,
 * Asia/Shanghai): target review flags, approve → publish, recorded commitment changes, monthly
 * reports still due, late marking, and corrections that supersede instead of editing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { advanceTargets, reportsDue, reviewTargets } from '../../src/lib/targets/cycle.ts';
import { exportFile, importFile } from '../../src/lib/import/import.ts';
import { formatRowError } from '../../src/lib/import/context.ts';
import { formatReportsDue } from '../../src/cli/commands/reports.ts';
import { formatReview } from '../../src/cli/commands/targets.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { allHashes, counts, fixture, importOk, insertYears, tempDir } from './import-helpers.ts';

let db: Db;
const tmp = tempDir();

beforeAll(async () => {
  db = await createTestDb();
  await insertYears(db);
  for (const kind of ['units', 'cadres', 'indicators', 'targets', 'baselines'] as const) await importOk(db, kind, fixture(kind));
});

afterAll(async () => {
  await db?.close();
  tmp.remove();
});

function write(name: string, text: string): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const anonCount = (relation: string) => db.asRole('anon', (tx) => countRows(tx, relation));

describe('targets review (drafts with their baselines)', () => {
  it('flags a target below the unit\'s own latest actual, or far from the peer median', async () => {
    const rows = await reviewTargets(db, 2026);
    const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
    expect(Object.keys(byCode).sort()).toEqual(['2026-A01-01', '2026-A01-01.1', '2026-A01-02', '2026-A02-01', '2026-D01-01']);
    // 8500 < 8600 (2025); peers 9000 and 11000: median 10000, 15 % below: within 25 %.
    expect(byCode['2026-A01-01']).toMatchObject({
      last_actual_year: 2025, last_actual: 8600, peer_median: 10000, peer_count: 2, benchmark: 8800,
      below_last_actual: true, far_from_peers: false, peer_gap: -0.15,
    });
    expect(byCode['2026-A01-01']!.baselines).toHaveLength(5);
    // 4000 against a single peer at 6000: a third below.
    expect(byCode['2026-A01-01.1']).toMatchObject({ below_last_actual: false, far_from_peers: true, peer_gap: -0.3333 });
    // Lower is better: 3.2 % unemployment is worse than last year's 3.0 %.
    expect(byCode['2026-A02-01']).toMatchObject({ direction: 'lower', below_last_actual: true, far_from_peers: false });
    expect(byCode['2026-A01-02']).toMatchObject({ direction: 'qualitative', below_last_actual: false, far_from_peers: false });
    expect(byCode['2026-D01-01']).toMatchObject({ below_last_actual: false, far_from_peers: false });
    const text = formatReview(2026, rows, 0.25);
    expect(text).toMatch(/^5 draft targets in 2026, 3 flagged for review:/);
    expect(text).toContain("FLAG: set below the unit's own 2025 actual (8600)");
    expect(text).toContain('FLAG: 33.3% below the peer median 6000 (more than 25.0%)');
    expect(text).toContain("FLAG: set above the unit's own 2025 actual (3)");
  });

  it('the peer tolerance is a parameter', async () => {
    const rows = await reviewTargets(db, 2026, 0.1);
    expect(rows.find((r) => r.code === '2026-A01-01')?.far_from_peers).toBe(true);
  });
});

describe('approve, then publish', () => {
  it('refuses to publish a draft, or to act on unknown codes, and then changes nothing', async () => {
    const before = await allHashes(db);
    await expectPgError(db.transaction((tx) => advanceTargets(tx, 2026, 'published', ['2026-A01-01'])), '55000', /still drafts/);
    await expectPgError(db.transaction((tx) => advanceTargets(tx, 2026, 'approved', ['2026-A01-01', 'NOPE-1'])), '22023', /NOPE-1/);
    expect(await allHashes(db)).toEqual(before);
  });

  it('approves the drafts; approved targets are still not public', async () => {
    const approved = await db.transaction((tx) => advanceTargets(tx, 2026, 'approved'));
    expect(approved).toHaveLength(5);
    expect(approved.every((r) => r.previous_status === 'draft' && r.status === 'approved')).toBe(true);
    expect(await anonCount('public.targets')).toBe(0);
  });

  it('publishes the named ones, then the rest; only published targets are public', async () => {
    const one = await db.transaction((tx) => advanceTargets(tx, 2026, 'published', ['2026-A01-01']));
    expect(one).toEqual([{ code: '2026-A01-01', previous_status: 'approved', status: 'published' }]);
    expect(await anonCount('public.targets')).toBe(1);
    const rest = await db.transaction((tx) => advanceTargets(tx, 2026, 'published'));
    expect(rest.map((r) => r.code).sort()).toEqual(['2026-A01-01.1', '2026-A01-02', '2026-A02-01', '2026-D01-01']);
    expect(await anonCount('public.targets')).toBe(5);
    expect(await countRows(db, 'public.targets', 'published_at is not null')).toBe(5);
    // Again: nothing left to publish; named ones come back unchanged.
    expect(await db.transaction((tx) => advanceTargets(tx, 2026, 'published'))).toEqual([]);
    expect(await db.transaction((tx) => advanceTargets(tx, 2026, 'published', ['2026-D01-01'])))
      .toEqual([{ code: '2026-D01-01', previous_status: 'published', status: 'published' }]);
  });
});

describe('a published commitment is never changed silently', () => {
  const targets = () => fs.readFileSync(fixture('targets'), 'utf8');

  it('an import that changes it without a reason is refused', async () => {
    const file = write('targets-commitment.csv', targets().replace('2026年底前城镇新增就业达到8500人。', '2026年底前城镇新增就业达到9000人。'));
    const before = await allHashes(db);
    const result = await importFile(db, 'targets', file, { displayName: 'targets-commitment.csv' });
    expect(result.errors.map(formatRowError)).toEqual([
      'targets-commitment.csv:3:修改原因: this changes the public commitment of a published target: state the reason (the change is recorded publicly)',
    ]);
    expect(await allHashes(db)).toEqual(before);
  });

  it('with a reason it is changed and the change is recorded, readable by everyone', async () => {
    const text = targets()
      .replace(/^(\uFEFF?年度,.*)$/m, '$1,修改原因')
      .replace('2026年底前城镇新增就业达到8500人。', '2026年底前城镇新增就业达到9000人。,市政府常务会议调高目标')
      .replace(/\r?\n,,,,,,,,,,,,,,\r?\n/, '\n');
    const result = await importOk(db, 'targets', write('targets-commitment-reason.csv', text));
    expect(counts(result)).toEqual({ created: 0, updated: 1, unchanged: 4 });
    const changes = await db.asRole('anon', (tx) => tx.query(
      `select old_text, new_text, old_is_public_commitment, new_is_public_commitment, reason from public.target_commitment_changes`,
    ));
    expect(changes).toEqual([{
      old_text: '2026年底前城镇新增就业达到8500人。', new_text: '2026年底前城镇新增就业达到9000人。',
      old_is_public_commitment: true, new_is_public_commitment: true, reason: '市政府常务会议调高目标',
    }]);
  });

  it('a direct UPDATE without a reason is refused by the database; other columns change freely', async () => {
    await expectPgError(
      db.query(`update public.targets set commitment_text = 'x' where code = '2026-A01-01'`),
      '23514', /cannot be changed without a stated reason/,
    );
    await db.query(`update public.targets set quality_requirement = '以统计公报为准' where code = '2026-A01-01'`);
    expect(await countRows(db, 'public.target_commitment_changes')).toBe(1);
    await expectPgError(db.query(`delete from public.target_commitment_changes`), 'PT409');
  });
});

describe('the monthly reporting cycle', () => {
  it('imports the reports', async () => {
    const result = await importOk(db, 'progress', fixture('progress'));
    expect(counts(result)).toEqual({ created: 5, updated: 0, unchanged: 0 });
  });

  it('marks a report late when filed after the 5th of the next month in Beijing time', async () => {
    const rows = await db.asRole('anon', (tx) => tx.query<{ code: string; period: string; due_on: string; is_late: boolean }>(
      `select t.code, l.period, l.due_on::text as due_on, l.is_late
       from public.progress_report_timeliness l join public.targets t on t.id = l.target_id order by t.code, l.period`,
    ));
    expect(rows).toEqual([
      { code: '2026-A01-01.1', period: '2026-01', due_on: '2026-02-05', is_late: false },
      // 6 March 09:00.
      { code: '2026-A01-01.1', period: '2026-02', due_on: '2026-03-05', is_late: true },
      // 5 February 23:30 Beijing time (15:30 UTC): on time.
      { code: '2026-A01-02', period: '2026-01', due_on: '2026-02-05', is_late: false },
      // 6 February 00:30 Beijing time (still the 5th in UTC): late.
      { code: '2026-A02-01', period: '2026-01', due_on: '2026-02-05', is_late: true },
      { code: '2026-D01-01', period: '2026-01', due_on: '2026-02-05', is_late: false },
    ]);
  });

  it('reports due: targets without a report, except those finished in an earlier month', async () => {
    const january = await reportsDue(db, '2026-01', '2026-02-10');
    expect(january.dueOn).toBe('2026-02-05');
    // 2026-A01-01 is decomposed: it reports through its sub-target 2026-A01-01.1, so it owes nothing itself.
    expect(january.missing.map((m) => [m.unit_code, m.target_code, m.days_overdue])).toEqual([]);
    expect(january.late.map((l) => [l.target_code, l.reported_at, l.days_late])).toEqual([['2026-A02-01', '2026-02-06 00:30', 1]]);

    // A02-01 was completed and D01-01 not completed in January: no February report is owed.
    const february = await reportsDue(db, '2026-02', '2026-03-01');
    expect(february.missing.map((m) => [m.target_code, m.responsible_department, m.days_overdue])).toEqual([
      ['2026-A01-02', '改革处', 0],
    ]);
    expect(february.late.map((l) => l.target_code)).toEqual(['2026-A01-01.1']);
    const text = formatReportsDue(february);
    expect(text).toContain('Monthly reports for 2026-02: due by 2026-03-05 (Asia/Shanghai); as of 2026-03-01 the deadline has not passed yet.');
    expect(text).toContain('1 target without a report, in 1 unit:');
    expect(text).toContain('A01 市测试发展局 (1)');
    expect(text).toContain('2026-A01-01.1  filed 2026-03-06 09:00, 1 day late');
  });

  it('refuses a month that is not one, and a year that is not an assessment year', async () => {
    await expectPgError(db.query(`select * from private.reports_due('2026-13')`), '22023');
    await expectPgError(db.query(`select * from private.reports_due('2031-01')`), '22023', /not an assessment year/);
  });
});

describe('corrections supersede, never edit', () => {
  const header = '年度,单位代码,目标编号,报告期,进展状态,实际完成值,完成进度,完成情况,进展情况,未完成原因,整改措施,报送时间,修改原因';
  const corrected = (reason: string) => `${header}\n2026,A01,2026-A01-01.1,2026-01,按进度推进,750,18.8,,累计新增就业750人。,,,2026-02-12 09:00:00,${reason}\n`;

  it('a different report for a reported period without a correction reason is refused', async () => {
    const result = await importFile(db, 'progress', write('progress-fix-noreason.csv', corrected('')), { displayName: 'fix.csv' });
    expect(result.errors.map(formatRowError)).toEqual([
      'fix.csv:2:修改原因: 2026-01 already has a report for target 2026-A01-01.1; a different report is filed as a correction and needs a correction reason',
    ]);
  });

  it('with a reason it becomes a correction that supersedes the original; both stay readable', async () => {
    const file = write('progress-fix.csv', corrected('统计口径调整，数据更正'));
    const result = await importOk(db, 'progress', file);
    expect(counts(result)).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const rows = await db.asRole('anon', (tx) => tx.query<{ id: number; supersedes_id: number | null; progress_pct: string; correction_reason: string | null }>(
      `select r.id::int as id, r.supersedes_id::int as supersedes_id, r.progress_pct::text as progress_pct, r.correction_reason
       from public.progress_reports r join public.targets t on t.id = r.target_id
       where t.code = '2026-A01-01.1' and r.period = '2026-01' order by r.id`,
    ));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ supersedes_id: rows[0]!.id, progress_pct: '18.8', correction_reason: '统计口径调整，数据更正' });
    expect(await db.query(`select c.progress_pct::text as pct, c.is_correction from public.current_progress_reports c
      join public.targets t on t.id = c.target_id where t.code = '2026-A01-01.1' and c.period = '2026-01'`))
      .toEqual([{ pct: '18.8', is_correction: true }]);
    // The period's lateness is judged by the original filing.
    expect(await db.query(`select l.is_late from public.progress_report_timeliness l join public.targets t on t.id = l.target_id
      where t.code = '2026-A01-01.1' and l.period = '2026-01' and not l.is_correction`)).toEqual([{ is_late: false }]);

    // The same file again: the correction is now the report in force, so nothing changes.
    const again = await importOk(db, 'progress', file);
    expect(counts(again)).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('a further change must state its own reason, not repeat the one in force', async () => {
    const text = corrected('统计口径调整，数据更正').replace('750,18.8', '760,19');
    const result = await importFile(db, 'progress', write('progress-fix-2.csv', text), { displayName: 'fix2.csv' });
    expect(result.errors.map(formatRowError)).toEqual([
      'fix2.csv:2:修改原因: this is the reason of the correction in force; state the reason for this new correction',
    ]);
  });

  it('an export of the reports in force imports back unchanged', async () => {
    const file = path.join(tmp.dir, 'progress-export.xlsx');
    expect(await exportFile(db, 'progress', file, { format: 'xlsx', year: 2026 })).toBe(5);
    const before = await allHashes(db);
    const result = await importOk(db, 'progress', file);
    expect(counts(result)).toEqual({ created: 0, updated: 0, unchanged: 5 });
    expect(await allHashes(db)).toEqual(before);
  });
});
