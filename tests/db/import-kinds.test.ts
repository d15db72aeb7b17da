/**
 * Each kind, in load order: a valid file imports; the same file again changes nothing; an export
 * (CSV with Chinese headers, XLSX with English ones) imports back with no change; an edited cell
 * updates exactly that row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { exportFile, importFile } from '../../src/lib/import/import.ts';
import { countRows, createTestDb } from './harness.ts';
import {
  allHashes, counts, fixture, FIXTURE_ROWS, importOk, insertPrerequisites, insertYears, ORDER, TABLE, tableHash, tempDir,
} from './import-helpers.ts';

let db: Db;
const tmp = tempDir();

beforeAll(async () => {
  db = await createTestDb();
  await insertYears(db);
});

afterAll(async () => {
  await db?.close();
  tmp.remove();
});

describe.each(ORDER.map((kind) => [kind]))('%s', (kind) => {
  it('a valid file imports: every row created', async () => {
    await insertPrerequisites(db, kind);
    const before = await countRows(db, TABLE[kind]);
    const result = await importOk(db, kind, fixture(kind));
    expect(counts(result)).toEqual({ created: FIXTURE_ROWS[kind], updated: 0, unchanged: 0 });
    expect(result.written).toBe(true);
    expect(await countRows(db, TABLE[kind])).toBe(before + FIXTURE_ROWS[kind]);
  });

  it('the same file again changes nothing', async () => {
    const before = await allHashes(db);
    const result = await importOk(db, kind, fixture(kind));
    expect(counts(result)).toEqual({ created: 0, updated: 0, unchanged: FIXTURE_ROWS[kind] });
    expect(await allHashes(db)).toEqual(before);
  });

  it.each([
    ['csv', 'zh'],
    ['xlsx', 'en'],
  ] as const)('an export (%s, %s headers) imports back with no change', async (format, lang) => {
    const file = path.join(tmp.dir, `${kind}-${lang}.${format}`);
    const exported = await exportFile(db, kind, file, { format, lang, year: 2026 });
    expect(exported).toBe(FIXTURE_ROWS[kind]);
    const before = await allHashes(db);
    const result = await importOk(db, kind, file);
    expect(counts(result)).toEqual({ created: 0, updated: 0, unchanged: FIXTURE_ROWS[kind] });
    expect(await allHashes(db)).toEqual(before);
  });
});

describe('what the imports stored', () => {
  it('targets arrive as drafts, a sub-target listed before its parent is linked to it, quoted newlines survive', async () => {
    const rows = await db.query<{ code: string; status: string; parent: string | null; description: string | null; target_value: string | null; deadline: string }>(
      `select t.code, t.status, p.code as parent, t.description, t.target_value::text as target_value, t.deadline::text as deadline
       from public.targets t left join public.targets p on p.id = t.parent_id order by t.code`,
    );
    // All drafts, but the two the supervision fixture names, published before it (insertPrerequisites).
    expect(rows.map((r) => [r.code, r.status])).toEqual([
      ['2026-A01-01', 'published'], ['2026-A01-01.1', 'draft'], ['2026-A01-02', 'draft'], ['2026-A02-01', 'draft'], ['2026-D01-01', 'published'],
    ]);
    expect(rows.find((r) => r.code === '2026-A01-01.1')?.parent).toBe('2026-A01-01');
    expect(rows.find((r) => r.code === '2026-A01-01')?.description).toBe('全年目标。\n按季度分解，每季度通报。');
    // "12,000" and "2026/12/31" as offices write them.
    expect(rows.find((r) => r.code === '2026-D01-01')).toMatchObject({ target_value: '12000', deadline: '2026-12-31' });
  });

  it('labels, yes/no words and percent signs become the database codes', async () => {
    expect(await db.query(`select code, kind, sector from public.units order by code`)).toEqual([
      { code: 'A01', kind: 'municipal_unit', sector: 'economy' },
      { code: 'A02', kind: 'municipal_unit', sector: 'social' },
      { code: 'D01', kind: 'district', sector: 'core_urban' },
    ]);
    expect(await countRows(db, 'public.cadres', 'is_principal')).toBe(3);
    const [report] = await db.query<{ status: string; progress_pct: string; reported: string }>(
      `select r.status, r.progress_pct::text as progress_pct,
              to_char(r.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as reported
       from public.progress_reports r join public.targets t on t.id = r.target_id
       where t.code = '2026-A01-01.1' and r.period = '2026-01'`,
    );
    expect(report).toEqual({ status: 'on_track', progress_pct: '17.5', reported: '2026-02-03 10:00' });
    expect(await db.query(`select ref, method, score_delta::text as score_delta, is_public from public.supervision_records order by ref`)).toEqual([
      { ref: 'DC-001', method: 'covert_visit', score_delta: '1.50', is_public: true },
      { ref: 'DC-002', method: 'random_check', score_delta: '-2.00', is_public: false },
      { ref: 'DC-003', method: 'semiannual_inspection', score_delta: '0.50', is_public: true },
    ]);
  });

  it('leader reports: half years however written become YYYY-H1; a report after 31 July is late', async () => {
    expect(await db.query(
      `select c.name, s.period, s.status, s.days_late, r.published_at is not null as published
       from public.leader_report_status s join public.cadres c on c.id = s.cadre_id join public.leader_reports r on r.id = s.report_id
       join public.units u on u.id = c.unit_id
       order by u.code, c.sort_order`,
    )).toEqual([
      { name: '王一', period: '2026-H1', status: 'on_time', days_late: 0, published: true },
      { name: '李二', period: '2026-H1', status: 'late', days_late: 5, published: true },
      { name: '张三', period: '2026-H1', status: 'on_time', days_late: 0, published: true },
      { name: '陈五', period: '2026-H1', status: 'on_time', days_late: 0, published: false },
    ]);
  });

  it('an edited cell updates exactly that row; the rest stay unchanged', async () => {
    const file = path.join(tmp.dir, 'units-edited.csv');
    fs.writeFileSync(file, fs.readFileSync(fixture('units')).toString('utf8').replace('市测试民生局', '市测试民生保障局'));
    const before = await tableHash(db, 'public.cadres');
    const result = await importOk(db, 'units', file);
    expect(counts(result)).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(await db.query(`select name from public.units where code = 'A02'`)).toEqual([{ name: '市测试民生保障局' }]);
    expect(await tableHash(db, 'public.cadres')).toBe(before);
  });

  it('a file without an optional column keeps what is stored in it', async () => {
    const file = path.join(tmp.dir, 'units-short.csv');
    fs.writeFileSync(file, 'code,name,kind,sector\nA01,市测试发展局,municipal_unit,economy\n');
    const result = await importOk(db, 'units', file);
    expect(counts(result)).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await db.query(`select name_en, sort_order from public.units where code = 'A01'`))
      .toEqual([{ name_en: 'Municipal Test Development Bureau', sort_order: 1 }]);
  });

  it('a new principal leader replaces the old one in one file (the old one steps down first)', async () => {
    const file = path.join(tmp.dir, 'cadres-swap.csv');
    fs.writeFileSync(file, 'unit_code,name,title,is_principal\nA01,李二,主要负责人,yes\nA01,王一,副职负责人,no\n');
    const result = await importOk(db, 'cadres', file);
    expect(counts(result)).toEqual({ created: 0, updated: 2, unchanged: 0 });
    expect(await db.query(`select c.name from public.cadres c join public.units u on u.id = c.unit_id where u.code = 'A01' and c.is_principal`))
      .toEqual([{ name: '李二' }]);
  });

  it('accountability: the person goes to the private table (a cadre by id, a non-cadre by name); a changed person alone updates the case', async () => {
    expect(await db.query(
      `select c.case_no, c.measure, k.name as cadre, p.name, p.role
       from private.accountability_case_persons p join public.accountability_cases c on c.id = p.case_id
       left join public.cadres k on k.id = p.cadre_id order by c.case_no`,
    )).toEqual([
      { case_no: 'ZZ-2026-002', measure: 'admonishment', cadre: '赵四', name: null, role: 'important_leadership' },
      { case_no: 'ZZ-2026-003', measure: 'exempted', cadre: '陈五', name: null, role: 'principal_leadership' },
      { case_no: 'ZZ-2026-004', measure: null, cadre: null, name: '钱某', role: 'direct' },
    ]);
    const file = path.join(tmp.dir, 'accountability-person.csv');
    fs.writeFileSync(file, fs.readFileSync(fixture('accountability')).toString('utf8').replace('赵四,是,重要领导责任', '张三,是,主要领导责任'));
    const result = await importOk(db, 'accountability', file);
    expect(counts(result)).toEqual({ created: 0, updated: 1, unchanged: 3 });
    expect(await db.query(
      `select k.name from private.accountability_case_persons p join public.accountability_cases c on c.id = p.case_id
       join public.cadres k on k.id = p.cadre_id where c.case_no = 'ZZ-2026-002'`,
    )).toEqual([{ name: '张三' }]);
    expect(counts(await importOk(db, 'accountability', fixture('accountability')))).toEqual({ created: 0, updated: 1, unchanged: 3 });
  });

  it('--dry-run reports the same summary as the real import and writes nothing', async () => {
    const file = path.join(tmp.dir, 'units-new.csv');
    fs.writeFileSync(file, 'code,name,kind,sector\nA09,市测试新设局,municipal_unit,economy\nA01,市测试发展局,municipal_unit,economy\n');
    const before = await allHashes(db);
    const dry = await importFile(db, 'units', file, { dryRun: true });
    expect(dry.errors).toEqual([]);
    expect(dry.written).toBe(false);
    expect(await allHashes(db)).toEqual(before);
    const real = await importOk(db, 'units', file);
    expect(counts(real)).toEqual(counts(dry));
    expect(counts(real)).toEqual({ created: 1, updated: 0, unchanged: 1 });
  });
});
