/**
 * Importing 20,000 monthly progress rows from CSV (read, validate, look up, write in one
 * transaction with the database's rules), against a plain bulk INSERT of the same rows
 * (insertRows, same triggers), on PGlite and — when BENCH_DATABASE_URL or TEST_DATABASE_URL is
 * set — on Postgres. Also the same file imported a second time (every row unchanged).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insertRows } from '../../src/lib/db/insert.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { importFile } from '../../src/lib/import/import.ts';

const TARGETS = 2000;
const MONTHS = 10;
const ROWS = TARGETS * MONTHS;
const YEAR = 2026;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const code = (t: number) => `${YEAR}-B${pad(t % 20, 3)}-${pad(t, 4)}`;

/** Reference rows the reports point at: 20 units, one qualitative indicator, 2,000 published targets. */
async function prepare(db: Db): Promise<Map<string, number>> {
  await migrate(db);
  await db.transaction(async (tx) => {
    await tx.query(`insert into public.assessment_years (year, status) values ($1, 'active')`, [YEAR]);
    await insertRows(tx, 'public.units', Array.from({ length: 20 }, (_, u) => ({
      code: `B${pad(u, 3)}`, name: `基准测试单位${u}`, kind: 'municipal_unit', sector: 'economy', sort_order: u,
    })));
    await tx.query(`insert into public.indicators (code, name, category, direction) values ('B-TASK', '基准任务', 'key_task', 'qualitative')`);
    await tx.query(
      `insert into public.targets (code, year, unit_id, indicator_id, title, weight, deadline, responsible_department,
                                   responsible_person, status, published_at)
       select format('%s-B%s-%s', $1::int, lpad((t % 20)::text, 3, '0'), lpad(t::text, 4, '0')), $1, u.id, i.id,
              format('基准任务第%s项', t), 1, make_date($1, 12, 31), '综合处', '赵丁', 'published', now()
       from generate_series(0, $2 - 1) t
       join public.units u on u.code = 'B' || lpad((t % 20)::text, 3, '0')
       cross join public.indicators i`,
      [YEAR, TARGETS],
    );
  });
  const rows = await db.query<{ id: number; code: string }>(`select id::int as id, code from public.targets`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

interface Report {
  code: string;
  unit: string;
  period: string;
  status: string;
  pct: string;
  text: string;
  reportedAt: string;
}

function reports(): Report[] {
  const out: Report[] = [];
  for (let t = 0; t < TARGETS; t++) {
    for (let m = 1; m <= MONTHS; m++) {
      const behind = (t + m) % 9 === 0;
      out.push({
        code: code(t), unit: `B${pad(t % 20, 3)}`, period: `${YEAR}-${pad(m)}`, status: behind ? 'behind' : 'on_track',
        pct: (m * 8.3).toFixed(1), text: behind ? '受天气影响施工进度滞后。' : `累计完成${(m * 8.3).toFixed(1)}%，按计划推进。`,
        reportedAt: `${YEAR}-${pad(m + 1)}-0${1 + (t % 5)} 10:00:00`,
      });
    }
  }
  return out;
}

function writeCsv(file: string, rows: readonly Report[]): void {
  const lines = ['年度,单位代码,目标编号,报告期,进展状态,完成进度,进展情况,未完成原因,整改措施,报送时间'];
  for (const r of rows) {
    const lagging = r.status === 'behind';
    lines.push([YEAR, r.unit, r.code, r.period, lagging ? '滞后' : '按进度推进', r.pct, lagging ? '' : r.text,
      lagging ? r.text : '', lagging ? '增加施工班组，倒排工期。' : '', r.reportedAt].join(','));
  }
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}

class Rollback extends Error {}

async function measure(label: string, db: Db, file: string, rows: readonly Report[], record: (name: string, value: string) => void): Promise<void> {
  const ids = await prepare(db);
  const values = rows.map((r) => {
    const lagging = r.status === 'behind';
    return {
      target_id: ids.get(r.code)!, period: r.period, status: r.status, progress_pct: r.pct,
      progress_text: lagging ? null : r.text, reasons_text: lagging ? r.text : null,
      remedy_text: lagging ? '增加施工班组，倒排工期。' : null, reported_at: `${r.reportedAt.replace(' ', 'T')}+08:00`,
    };
  });

  // The bulk INSERT first, rolled back, so the import then starts from the same empty table.
  const t0 = performance.now();
  try {
    await db.transaction(async (tx) => {
      await insertRows(tx, 'public.progress_reports', values);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  const bulkMs = performance.now() - t0;

  const t1 = performance.now();
  const result = await importFile(db, 'progress', file);
  const importMs = performance.now() - t1;
  if (result.errors.length > 0 || result.created !== ROWS) {
    throw new Error(`${label}: the benchmark import failed: ${result.errors.length} errors, ${result.created} created`);
  }
  const t2 = performance.now();
  const again = await importFile(db, 'progress', file);
  const againMs = performance.now() - t2;
  if (again.unchanged !== ROWS) throw new Error(`${label}: the second import changed rows`);

  const perSecond = (ms: number) => Math.round(ROWS / (ms / 1000)).toLocaleString('en');
  record(`${label} import ${ROWS.toLocaleString('en')} progress rows (CSV)`, `${(importMs / 1000).toFixed(2)} s (${perSecond(importMs)} rows/s)`);
  record(`${label} bulk INSERT of the same rows`, `${(bulkMs / 1000).toFixed(2)} s (${perSecond(bulkMs)} rows/s)`);
  record(`${label} import / bulk INSERT time`, `${(importMs / bulkMs).toFixed(2)}×`);
  record(`${label} same file again (all unchanged)`, `${(againMs / 1000).toFixed(2)} s (${perSecond(againMs)} rows/s)`);
}

export async function benchImport(record: (name: string, value: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-import-bench-'));
  const file = path.join(dir, 'progress.csv');
  const rows = reports();
  writeCsv(file, rows);
  try {
    const lite = await openPglite(undefined);
    try {
      await measure('PGlite', lite, file, rows, record);
    } finally {
      await lite.close();
    }
    const url = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
    if (url) {
      const admin = await openPostgres(url, { max: 1 });
      const name = `gongshi_bench_import_${process.pid}`;
      await admin.exec(`create database ${name}`);
      const target = new URL(url);
      target.pathname = `/${name}`;
      const db = await openPostgres(target.href);
      try {
        await measure('Postgres', db, file, rows, record);
      } finally {
        await db.close();
        await admin.exec(`drop database if exists ${name} with (force)`);
        await admin.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
