/**
 * A build's load step reuses the last snapshot only while nothing its reads see has changed
 * (lib/site/snapshot-reuse.ts): the same database with the same rows and definitions, the same
 * code, and no dated value come due and no day begun in between. Every refusal is checked here,
 * and the reuse itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ROOT } from '../../src/lib/site/build-site.ts';
import { clockPassedNothing, loadStamp, reuseSnapshot, saveSnapshot, type LoadStamp } from '../../src/lib/site/snapshot-reuse.ts';
import { createTestDb, migrateTestDb } from './harness.ts';

let db: Db;
let scratch: string;
let cacheDir: string;

beforeAll(async () => {
  db = await createTestDb();
  // A table of dated values: every time column of every table counts, this one included.
  await db.exec(`create table public.reuse_probe (id int primary key, due_at timestamptz not null)`);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

beforeEach(async () => {
  await db.query(`delete from public.reuse_probe`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-reuse-'));
  cacheDir = path.join(scratch, 'cache');
  return () => fs.rmSync(scratch, { recursive: true, force: true });
});

/** A snapshot folder as a load step writes it. */
function snapshot(name: string, rows: unknown): string {
  const dir = fs.mkdtempSync(path.join(scratch, `${name}-`));
  fs.writeFileSync(path.join(dir, 'targets.json'), JSON.stringify(rows));
  return dir;
}

/** Saves a snapshot as a build would, and takes the stamp the next build takes. */
async function savedThenStamped(): Promise<LoadStamp> {
  const saved = await loadStamp(db, ROOT);
  if (!saved) throw new Error('the test database cannot vouch for its rows');
  saveSnapshot(cacheDir, snapshot('saved', [{ id: 1, title: 'kept' }]), saved);
  const next = await loadStamp(db, ROOT);
  expect(next?.contents).toBe(saved.contents);
  return next!;
}

describe('reusing the last snapshot', () => {
  it('copies it when nothing changed', async () => {
    const stamp = await savedThenStamped();
    const into = snapshot('next', []);
    expect(await reuseSnapshot(db, cacheDir, stamp, into)).toMatchObject({ database: stamp.database, contents: stamp.contents });
    expect(JSON.parse(fs.readFileSync(path.join(into, 'targets.json'), 'utf8'))).toEqual([{ id: 1, title: 'kept' }]);
  });

  it('copies it after the migrations ran again and found nothing to do (every start runs them)', async () => {
    await savedThenStamped();
    await migrateTestDb(db);
    expect(await reuseSnapshot(db, cacheDir, (await loadStamp(db, ROOT))!, snapshot('next', []))).toBeDefined();
  });

  it('refuses it after an insert, an update or a delete, in any table', async () => {
    const changes = [
      `insert into public.reuse_probe values (1, now() - interval '1 day')`,
      `update public.reuse_probe set due_at = due_at - interval '1 hour'`,
      `delete from public.reuse_probe`,
    ];
    for (const change of changes) {
      await savedThenStamped();
      await db.query(change);
      expect(await reuseSnapshot(db, cacheDir, (await loadStamp(db, ROOT))!, snapshot('after', [])), change).toBeUndefined();
    }
  });

  it('refuses it after a view the reads go through is redefined', async () => {
    await db.exec(`create view public.reuse_probe_view as select id from public.reuse_probe`);
    await savedThenStamped();
    await db.exec(`create or replace view public.reuse_probe_view as select id from public.reuse_probe where id > 0`);
    expect(await reuseSnapshot(db, cacheDir, (await loadStamp(db, ROOT))!, snapshot('next', []))).toBeUndefined();
  });

  it('refuses it for another database, or other code', async () => {
    const stamp = await savedThenStamped();
    expect(await reuseSnapshot(db, cacheDir, { ...stamp, database: '00000000-0000-4000-8000-000000000000' }, snapshot('a', []))).toBeUndefined();
    expect(await reuseSnapshot(db, cacheDir, { ...stamp, code: 'other' }, snapshot('b', []))).toBeUndefined();
  });

  it('refuses it once a dated value of any table has come due', async () => {
    await db.query(`insert into public.reuse_probe values (2, now() + interval '4 seconds')`);
    const stamp = await savedThenStamped();
    expect(await reuseSnapshot(db, cacheDir, stamp, snapshot('before', [])), 'nothing has come due yet').toBeDefined();
    const due = async () => (await db.query<{ due: boolean }>(`select now() > due_at as due from public.reuse_probe where id = 2`))[0]?.due;
    while (!(await due())) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await reuseSnapshot(db, cacheDir, stamp, snapshot('after', []))).toBeUndefined();
  });

  it('refuses it once a day has begun, or when the clock went back', async () => {
    const [{ yesterday, later } = { yesterday: '', later: '' }] = await db.query<{ yesterday: string; later: string }>(
      `select (now() - interval '1 day')::text as yesterday, (now() + interval '1 minute')::text as later`);
    expect(await clockPassedNothing(db, yesterday)).toBe(false);
    expect(await clockPassedNothing(db, later)).toBe(false);
  });

  it('is never offered without a saved snapshot', async () => {
    const stamp = await loadStamp(db, ROOT);
    expect(await reuseSnapshot(db, cacheDir, stamp!, snapshot('next', []))).toBeUndefined();
  });
});
