/**
 * A build's load step keeps a collection's rows from the last snapshot only while nothing its read
 * saw has changed (lib/site/snapshot-reuse.ts): the same database and definitions, the same rows
 * in the tables the read touched, the same code, no transaction then running committed since, no
 * time value come due in those tables and no day begun in between. Every refusal is checked here,
 * and the reuse itself.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { ROOT } from '../../src/lib/site/build-site.ts';
import { tablesComeDue, loadStamp, reuseSnapshot, saveSnapshot, type CollectionTables, type LoadStamp } from '../../src/lib/site/snapshot-reuse.ts';
import { createTestDb, migrateTestDb } from './harness.ts';

let db: Db;
let scratch: string;
let cacheDir: string;

beforeAll(async () => {
  db = await createTestDb();
  // A table of dated values: every time column of every table counts, this one included.
  await db.exec(`create table public.reuse_probe (id int primary key, due_at timestamptz not null)`);
  await db.exec(`create table public.reuse_other (id int primary key)`);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

beforeEach(async () => {
  await db.query(`delete from public.reuse_probe`);
  await db.query(`delete from public.reuse_other`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-reuse-'));
  cacheDir = path.join(scratch, 'cache');
  return () => fs.rmSync(scratch, { recursive: true, force: true });
});

/** What the saved snapshot's two collections read: targets the probe, bulletins another table. */
const READS: CollectionTables = { targets: ['public.reuse_probe'], bulletins: ['public.reuse_other'] };

/** A snapshot folder as a load step writes it, with the same rows in each collection. */
function snapshot(name: string, rows: unknown): string {
  const dir = fs.mkdtempSync(path.join(scratch, `${name}-`));
  for (const collection of Object.keys(READS)) fs.writeFileSync(path.join(dir, `${collection}.json`), JSON.stringify(rows));
  return dir;
}

/** Saves a snapshot as a build would, and takes the stamp the next build takes. */
async function savedThenStamped(change: Partial<LoadStamp> = {}): Promise<LoadStamp> {
  const saved = await loadStamp(db, ROOT);
  if (!saved) throw new Error('the test database cannot vouch for its rows');
  saveSnapshot(cacheDir, snapshot('saved', [{ id: 1, title: 'kept' }]), { ...saved, ...change }, READS);
  const next = await loadStamp(db, ROOT);
  expect(next?.tables).toEqual(saved.tables);
  return next!;
}

/** The collections the next build keeps. */
const keptNow = async (into = snapshot('next', [])) => Object.keys(await reuseSnapshot(db, cacheDir, (await loadStamp(db, ROOT))!, into)).sort();

describe('reusing the last snapshot', () => {
  it('keeps every collection when nothing changed, with the tables its read touched', async () => {
    const stamp = await savedThenStamped();
    const into = snapshot('next', []);
    expect(await reuseSnapshot(db, cacheDir, stamp, into)).toEqual(READS);
    expect(JSON.parse(fs.readFileSync(path.join(into, 'targets.json'), 'utf8'))).toEqual([{ id: 1, title: 'kept' }]);
  });

  it('keeps them after the migrations ran again and found nothing to do (every start runs them)', async () => {
    await savedThenStamped();
    await migrateTestDb(db);
    expect(await keptNow()).toEqual(['bulletins', 'targets']);
  });

  it('rereads a collection after an insert, an update or a delete in a table its read touched, and only that one', async () => {
    const changes = [
      `insert into public.reuse_probe values (1, now() - interval '1 day')`,
      `update public.reuse_probe set due_at = due_at - interval '1 hour'`,
      `delete from public.reuse_probe`,
    ];
    for (const change of changes) {
      await savedThenStamped();
      await db.query(change);
      const into = snapshot('after', []);
      expect(await keptNow(into), change).toEqual(['bulletins']);
      expect(JSON.parse(fs.readFileSync(path.join(into, 'targets.json'), 'utf8')), 'the reread collection is left to the read').toEqual([]);
    }
  });

  it('keeps everything after a change in a table no read touched', async () => {
    await db.exec(`create table public.reuse_untouched (id int)`);
    try {
      await savedThenStamped();
      await db.query(`insert into public.reuse_untouched values (1)`);
      expect(await keptNow()).toEqual(['bulletins', 'targets']);
    } finally {
      await db.exec(`drop table public.reuse_untouched`);
    }
  });

  it('rereads everything after a view the reads go through is redefined', async () => {
    await db.exec(`create view public.reuse_probe_view as select id from public.reuse_probe`);
    await savedThenStamped();
    await db.exec(`create or replace view public.reuse_probe_view as select id from public.reuse_probe where id > 0`);
    expect(await keptNow()).toEqual([]);
  });

  it('rereads everything for another database, or other code', async () => {
    const stamp = await savedThenStamped();
    expect(await reuseSnapshot(db, cacheDir, { ...stamp, database: '00000000-0000-4000-8000-000000000000' }, snapshot('a', []))).toEqual({});
    expect(await reuseSnapshot(db, cacheDir, { ...stamp, code: 'other' }, snapshot('b', []))).toEqual({});
  });

  it('rereads everything once a transaction running at the stamp has committed, not when it rolled back', async () => {
    // Its update would hide behind a newer row version; on an embedded database none can run beside the stamp, so its id is given.
    const committed = await db.transaction(async (tx) => (await tx.query<{ id: string }>(`select pg_current_xact_id()::text as id`))[0]!.id);
    await savedThenStamped({ running: [committed] });
    expect(await keptNow()).toEqual([]);
    let aborted = '';
    await db.transaction(async (tx) => {
      aborted = (await tx.query<{ id: string }>(`select pg_current_xact_id()::text as id`))[0]!.id;
      throw new Error('rolled back');
    }).catch(() => undefined);
    await savedThenStamped({ running: [aborted] });
    expect(await keptNow()).toEqual(['bulletins', 'targets']);
  });

  it('rereads the collections whose read touched a table where a time value has come due', async () => {
    await db.query(`insert into public.reuse_probe values (2, now() + interval '4 seconds')`);
    const stamp = await savedThenStamped();
    expect(Object.keys(await reuseSnapshot(db, cacheDir, stamp, snapshot('before', []))), 'nothing has come due yet').toHaveLength(2);
    const due = async () => (await db.query<{ due: boolean }>(`select now() > due_at as due from public.reuse_probe where id = 2`))[0]?.due;
    while (!(await due())) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await reuseSnapshot(db, cacheDir, stamp, snapshot('after', []))).toEqual({ bulletins: READS.bulletins });
  });

  it('rereads everything once a day has begun, or when the clock went back', async () => {
    const [{ yesterday, later } = { yesterday: '', later: '' }] = await db.query<{ yesterday: string; later: string }>(
      `select (now() - interval '1 day')::text as yesterday, (now() + interval '1 minute')::text as later`);
    expect(await tablesComeDue(db, yesterday)).toBeUndefined();
    expect(await tablesComeDue(db, later)).toBeUndefined();
  });

  it('is never offered by a server that does not count scans (every read would seem to touch nothing)', async () => {
    const uncounted: Db = {
      kind: db.kind,
      location: db.location,
      query: (text, params) => db.transaction(async (tx) => {
        await tx.exec('set local track_counts = off');
        return tx.query(text, params);
      }),
      exec: (text) => db.exec(text),
      transaction: (fn) => db.transaction(fn),
      asRole: (role, fn, context) => db.asRole(role, fn, context),
      close: () => db.close(),
    };
    expect(await loadStamp(db, ROOT)).toBeDefined();
    expect(await loadStamp(uncounted, ROOT)).toBeUndefined();
  });

  it('keeps nothing without a saved snapshot, or from a record of an older build', async () => {
    expect(await keptNow()).toEqual([]);
    const stamp = await savedThenStamped();
    const record = path.join(cacheDir, 'snapshot.json');
    const { reads: _reads, running: _running, ...older } = JSON.parse(fs.readFileSync(record, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(record, JSON.stringify(older));
    expect(await reuseSnapshot(db, cacheDir, stamp, snapshot('next', []))).toEqual({});
  });
});
