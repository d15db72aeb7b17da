/**
 * The import and export commands end to end, on an embedded database folder: exit status, the
 * summary on stdout, one file:row:column line per problem on stderr. (The CLI wiring is the same
 * for every database; this runs on PGlite in both test modes.)
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportCommand } from '../../src/cli/commands/export.ts';
import { importCommand } from '../../src/cli/commands/import.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { fixture, insertYears, tempDir } from './import-helpers.ts';

const tmp = tempDir();
const saved = { dataDir: process.env['GONGSHI_DATA_DIR'], url: process.env['DATABASE_URL'] };

beforeAll(async () => {
  const dataDir = path.join(tmp.dir, 'data');
  const db = await openPglite(dataDir);
  await migrate(db);
  await insertYears(db);
  await db.close();
  process.env['GONGSHI_DATA_DIR'] = dataDir;
  delete process.env['DATABASE_URL'];
});

afterAll(() => {
  if (saved.dataDir === undefined) delete process.env['GONGSHI_DATA_DIR'];
  else process.env['GONGSHI_DATA_DIR'] = saved.dataDir;
  if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
  tmp.remove();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function run(command: typeof importCommand, values: Record<string, string | boolean>, positionals: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  const code = await command.run(values, positionals);
  vi.restoreAllMocks();
  return { code, out, err };
}

describe('gongshi import / export', () => {
  it('imports a file: exit 0 and the summary', async () => {
    const r = await run(importCommand, {}, ['units', fixture('units')]);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toEqual([`${fixture('units')} (CSV, UTF-8): 3 rows: 3 created, 0 updated, 0 unchanged.`]);
  });

  it('a bad file: exit 1, one line per problem on stderr, nothing written', async () => {
    const bad = path.join(tmp.dir, 'cadres.csv');
    fs.writeFileSync(bad, '单位代码,姓名,职务,是否主要负责人\nA01,王一,主要负责人,是\nZ99,李二,副职负责人,否\nA01,张三,,否\n');
    const r = await run(importCommand, {}, ['cadres', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${bad}:3:单位代码: unknown unit code "Z99"`,
      `${bad}:4:职务: required: the cell is empty`,
    ]);
    expect(r.out).toEqual([`${bad} (CSV, UTF-8): 2 errors in 2 rows of 3; nothing was written. The valid rows would give: 1 created, 0 updated, 0 unchanged.`]);
  });

  it('--dry-run prints the summary and writes nothing; GB18030 is detected', async () => {
    const gb = path.join(tmp.dir, 'cadres-gb.csv');
    fs.writeFileSync(gb, iconv.encode(fs.readFileSync(fixture('cadres'), 'utf8'), 'gb18030'));
    const r = await run(importCommand, { 'dry-run': true }, ['cadres', gb]);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toEqual([`${gb} (CSV, GB18030): 5 rows: 5 created, 0 updated, 0 unchanged. Dry run: nothing was written.`]);
  });

  it('export: the failed and the dry-run imports wrote no cadre; the units are there', async () => {
    const out = path.join(tmp.dir, 'units-out.xlsx');
    expect((await run(exportCommand, { out }, ['cadres'])).out).toEqual([expect.stringMatching(/^Wrote 0 cadres to /)]);
    expect((await run(exportCommand, { out }, ['units'])).out).toEqual([expect.stringMatching(/^Wrote 3 units to .*units-out\.xlsx\.$/)]);
    expect((await run(importCommand, {}, ['units', out])).out).toEqual([`${out} (XLSX): 3 rows: 0 created, 0 updated, 3 unchanged.`]);
  });
});
