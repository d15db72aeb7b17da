/**
 * A build keeps a collection's rows while the tables its read touched are unchanged
 * (lib/site/snapshot-reuse.ts), and those tables are what Postgres counted the read scanning
 * (lib/site/table-tracing.ts). That is sound only if a read's rows depend on no other table: here
 * every collection of a demo city is read again with every table it did not touch emptied, and
 * must come out the same; emptying the tables it did touch must change it, or the check proves
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterRole, type Db, type Queryable } from '../../src/lib/db/types.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';
import { COLLECTION_NAMES, readCollection, type CollectionName } from '../../src/lib/site/collection-reads.ts';
import { traceTables, type SharedReads } from '../../src/lib/site/table-tracing.ts';
import { createTestDb, rolledBack } from './harness.ts';

let db: Db;
let allTables: string[];
const touched = new Map<CollectionName, string[]>();
const baseline = new Map<CollectionName, string>();

beforeAll(async () => {
  db = await createTestDb();
  await loadDemoCity(db, generateDemoCity({ ...DEFAULT_DEMO, pastYears: 1, pastScale: 0.1 }));
  allTables = (await db.query<{ name: string }>(`
    select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname in ('public', 'private') order by 1`)).map((t) => t.name);
  for (const name of COLLECTION_NAMES) {
    const traced = traceTables(db);
    baseline.set(name, JSON.stringify(await readCollection(traced.db, name)));
    touched.set(name, traced.tables());
  }
}, 600_000);

afterAll(async () => {
  await db?.close();
});

/**
 * A Db inside `outer`: each of its transactions is a savepoint, rolled back when it ends, so the
 * reads see what `outer` changed and change nothing themselves.
 */
function inside(outer: Queryable): Db {
  const savepoint = async <T>(fn: (tx: Queryable) => Promise<T>, enter?: () => Promise<void>): Promise<T> => {
    await outer.exec('savepoint traced_read');
    try {
      await enter?.();
      return await fn(outer);
    } finally {
      await outer.exec('rollback to savepoint traced_read');
    }
  };
  return {
    kind: db.kind,
    location: db.location,
    query: (text, params) => outer.query(text, params),
    exec: (text) => outer.exec(text),
    transaction: (fn) => savepoint(fn),
    asRole: (role, fn, context) => savepoint(fn, () => enterRole(outer, role, context)),
    close: async () => {},
  };
}

/** The collection's rows, read with `tables` emptied (their triggers and foreign keys left out). */
function readWithout(name: CollectionName, tables: string[]): Promise<string> {
  return rolledBack(db, async (outer) => {
    await outer.exec(`set local session_replication_role = replica`);
    for (const table of tables) await outer.exec(`delete from ${table}`);
    return JSON.stringify(await readCollection(inside(outer), name));
  });
}

describe('the tables a collection read touched', () => {
  it('are found for every collection read from tables, through views, functions and policies', () => {
    // The citizen RPCs come from the catalog alone: the definitions, which a build compares as a whole.
    expect(touched.get('citizenRpcs')).toEqual([]);
    for (const name of COLLECTION_NAMES.filter((n) => n !== 'citizenRpcs')) expect(touched.get(name)?.length, name).toBeGreaterThan(0);
    // Read through public views and security definer functions, as the anonymous role.
    expect(touched.get('targets')).toEqual(expect.arrayContaining(['public.targets', 'public.units', 'public.progress_reports']));
    expect(touched.get('hallTopics')).toEqual(expect.arrayContaining(['public.hall_topics', 'public.hall_opinions']));
  });

  it.each(COLLECTION_NAMES)('are the only ones %s depends on', async (name) => {
    const others = allTables.filter((table) => !touched.get(name)!.includes(table));
    expect(await readWithout(name, others), 'every table the read did not touch emptied').toBe(baseline.get(name));
    if (touched.get(name)!.length > 0 && baseline.get(name) !== '[]') {
      expect(await readWithout(name, touched.get(name)!), 'the tables it touched emptied').not.toBe(baseline.get(name));
    }
  }, 120_000);
});

describe('reads shared between the collections of one build', () => {
  it('give every collection the rows and the tables it has when read on its own', async () => {
    const shared: SharedReads = new Map();
    for (const name of COLLECTION_NAMES) {
      const traced = traceTables(db, shared);
      expect(JSON.stringify(await readCollection(traced.db, name)), name).toBe(baseline.get(name));
      // A collection that took the targets' rows from another read them all the same.
      expect(traced.tables(), name).toEqual(touched.get(name));
    }
    // The target summaries (units, first), every target and every progress report (targets, then
    // the open data) ran once; the targets' tables include those of the reports read within it.
    expect([...shared.keys()].sort()).toEqual(['anon: progress reports', 'anon: target summaries', 'anon: targets']);
    expect(shared.get('anon: targets')!.tables).toEqual(expect.arrayContaining(['public.targets', 'public.progress_reports']));
    expect(shared.get('anon: progress reports')!.tables).toEqual(expect.arrayContaining(['public.progress_reports', 'public.assessment_years']));
  }, 120_000);
});
