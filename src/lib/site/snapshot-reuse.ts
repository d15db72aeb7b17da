/**
 * The load step's shortcut: a collection whose read could see nothing new since the last build
 * read the same database keeps that build's rows, and is not read again (about 10 CPU-seconds on
 * the demo city for all of them, most of a rebuild; one published opinion rereads the collections
 * that read opinions, not the others).
 *
 * "Nothing new" is established from facts taken before the reads, never guessed:
 * - the database: the same one (private.database_identity, drawn when it was created), with the
 *   same definitions of what the reads go through (views, functions, policies, grants);
 * - the rows: the same count and newest version in every table the collection's read touched the
 *   last time (lib/site/table-tracing.ts: the tables Postgres counted it scanning);
 * - the code: the same reads, migrations and dependencies (codeDigest);
 * - the clock: the reads compare dated values with now() (a report published at a set time, a
 *   window that opens or closes, a period that falls due), and those comparisons flip only when a
 *   day begins (in the city, in UTC or in the session's zone: then nothing is kept) or a time
 *   value comes due (then no collection whose read touched its table is kept).
 *   tests/unit/snapshot-reuse-clock.test.ts keeps it so: no public read compares now() with a
 *   shifted value.
 * Any doubt (a role that cannot see every row, a server that does not count scans, a database
 * from before the identity, a table the stamp does not know, a missing file) means the
 * collection is read.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/types.ts';
import { codeDigest } from './build-inputs.ts';
import { COLLECTION_NAMES, type CollectionName } from './collection-reads.ts';
import { snapshotFile } from './snapshot.ts';

/** What a load step knew before it read the database. */
export interface LoadStamp {
  /** The database's identity. */
  database: string;
  /** A digest of the definitions the reads go through. */
  definitions: string;
  /** Every table's row count and newest row version ("count version"), by schema-qualified name. */
  tables: Record<string, string>;
  /**
   * The transactions running when the stamp was taken. One that commits later can hide behind the
   * counts and versions (an update by a transaction older than a table's newest row version does
   * not raise it), so a later build keeps nothing once any of them has committed.
   */
  running: string[];
  /** The database's now() when the stamp was taken (ISO, microseconds). */
  readAt: string;
  code: string;
}

/** The tables each collection's read touched, by collection. */
export type CollectionTables = Partial<Record<CollectionName, string[]>>;

interface SavedSnapshot extends LoadStamp {
  folder: string;
  reads: CollectionTables;
}

const SAVED = 'snapshot.json';
const FOLDERS = 'snapshots';
const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'`;

/**
 * What the reads depend on in the database's catalog, as text: views, functions, policies and who
 * may read what. (Not the catalog rows' versions: the local bootstrap replaces functions with
 * themselves and grants again on every start, which changes no definition.)
 */
const DEFINITIONS_SQL = `
  select md5(coalesce(string_agg(d, E'\n' order by d), '')) from (
    select format('%s.%s %s %s %s %s', n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relacl,
                  case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end) as d
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm') and ${USER_SCHEMAS}
    union all
    select format('%s.%s(%s) %s %s %s %s', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prosecdef,
                  p.proacl, p.proconfig, p.prosrc)
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where ${USER_SCHEMAS}
    union all
    select format('%s %s %s %s %s %s', p.polrelid::regclass, p.polname, p.polcmd, p.polroles,
                  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
    from pg_policy p) definitions`;

/**
 * The stamp of a read about to start, or undefined when this connection cannot vouch for every
 * row (a role without superuser or bypassrls sees only what row level security shows it).
 * Every table's row count and newest row version (xmin) tell an insert, update or delete from
 * nothing; a transaction still running is invisible here, so it is listed (`running`).
 */
export async function loadStamp(db: Db, root: string): Promise<LoadStamp | undefined> {
  try {
    const counts = await db.query<{ count: string }>(`
      select format('select %L as t, count(*) as n, max(xmin::text::bigint) as v from %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname) as count
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and ${USER_SCHEMAS}
      order by n.nspname, c.relname`);
    // One statement, so that every count and the definitions come from one snapshot of the database.
    const [row] = await db.query<{ database: string | null; definitions: string; tables: Record<string, string>; running: string[]; read_at: string; sees_all: boolean; counts_scans: boolean }>(`
      select (select id::text from private.database_identity) as database,
             (select coalesce(json_agg(x::text), '[]') from pg_snapshot_xip(pg_current_snapshot()) x) as running,
             (${DEFINITIONS_SQL}) as definitions,
             (select json_object_agg(t, format('%s %s', n, v)) from (${counts.map((c) => c.count).join(' union all ')}) counts) as tables,
             to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as read_at,
             (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) as sees_all,
             current_setting('track_counts')::boolean as counts_scans`);
    // Without scan counters every read would seem to touch no table, and be kept for ever.
    if (!row?.sees_all || !row.counts_scans || !row.database) return undefined;
    return { database: row.database, definitions: row.definitions, tables: row.tables, running: row.running, readAt: row.read_at, code: codeDigest(root) };
  } catch {
    return undefined;
  }
}

/**
 * The tables with a time value in (since, now], or undefined when a day began meanwhile (or the
 * clock went back): then every read must run again.
 */
export async function tablesComeDue(db: Db, since: string): Promise<Set<string> | undefined> {
  const [same] = await db.query<{ same_day: boolean }>(`
    select $1::timestamptz <= now()
       and ($1::timestamptz at time zone 'Asia/Shanghai')::date = (now() at time zone 'Asia/Shanghai')::date
       and ($1::timestamptz at time zone 'UTC')::date = (now() at time zone 'UTC')::date
       and $1::timestamptz::date = now()::date as same_day`, [since]);
  if (!same?.same_day) return undefined;
  // Date columns flip only at a day's start (above); every time column is checked for a value that came due.
  // From the catalog, not information_schema, which leaves out the columns a role may not read.
  const columns = await db.query<{ test: string }>(`
    select format('select %L as name where exists (select 1 from %I.%I where %I::timestamptz > $1::timestamptz and %I::timestamptz <= now())',
                  n.nspname || '.' || c.relname, n.nspname, c.relname, a.attname, a.attname) as test
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and a.atttypid in ('timestamptz'::regtype, 'timestamp'::regtype) and ${USER_SCHEMAS}
    order by n.nspname, c.relname, a.attname`);
  if (columns.length === 0) return new Set();
  const due = await db.query<{ name: string }>(columns.map((c) => c.test).join(' union '), [since]);
  return new Set(due.map((t) => t.name));
}

/** True when a transaction running at the stamp has committed since (see LoadStamp.running). */
async function committedSince(db: Db, running: string[]): Promise<boolean> {
  if (running.length === 0) return false;
  const [row] = await db.query<{ committed: boolean | null }>(
    `select bool_or(pg_xact_status(x::xid8) = 'committed') as committed from unnest(string_to_array($1::text, ',')) x`, [running.join(',')]);
  return row?.committed !== false;
}

function readSaved(cacheDir: string): SavedSnapshot | undefined {
  try {
    const saved = JSON.parse(fs.readFileSync(path.join(cacheDir, SAVED), 'utf8')) as Partial<SavedSnapshot>;
    // A record from before the per-table stamps lacks them: it stands for nothing.
    return saved.tables && saved.reads && saved.running && saved.folder ? (saved as SavedSnapshot) : undefined;
  } catch {
    return undefined;
  }
}

/** True when every table in `tables` has the same count and newest version in both stamps, and no time value come due. */
const unchanged = (tables: string[], before: LoadStamp, now: LoadStamp, due: Set<string>) =>
  tables.every((table) => before.tables[table] !== undefined && before.tables[table] === now.tables[table] && !due.has(table));

/**
 * Copies into snapshotDir the last build's rows of each collection that no change can have
 * reached (see above), and answers with those collections and the tables their reads touched;
 * the others must be read.
 */
export async function reuseSnapshot(db: Db, cacheDir: string, stamp: LoadStamp, snapshotDir: string): Promise<CollectionTables> {
  const saved = readSaved(cacheDir);
  if (!saved || saved.database !== stamp.database || saved.definitions !== stamp.definitions || saved.code !== stamp.code) return {};
  let due: Set<string> | undefined;
  try {
    due = await tablesComeDue(db, saved.readAt);
    if (!due || (await committedSince(db, saved.running))) return {};
  } catch {
    return {};
  }
  const kept: CollectionTables = {};
  for (const name of COLLECTION_NAMES) {
    const tables = saved.reads[name];
    if (!tables || !unchanged(tables, saved, stamp, due)) continue;
    try {
      fs.copyFileSync(snapshotFile(name, path.join(cacheDir, FOLDERS, saved.folder))!, snapshotFile(name, snapshotDir)!);
      kept[name] = tables;
    } catch {
      // Not kept: read.
    }
  }
  return kept;
}

/**
 * Keeps this build's snapshot, read after `stamp` was taken, for the next build, with the tables
 * each collection's read touched. The record is replaced atomically; older copies are removed (a
 * build copying one meanwhile reads the database).
 */
export function saveSnapshot(cacheDir: string, snapshotDir: string, stamp: LoadStamp, reads: CollectionTables): void {
  const folder = randomUUID();
  const folders = path.join(cacheDir, FOLDERS);
  fs.cpSync(snapshotDir, path.join(folders, folder), { recursive: true });
  const record = path.join(cacheDir, SAVED);
  fs.writeFileSync(`${record}.${folder}`, JSON.stringify({ ...stamp, folder, reads } satisfies SavedSnapshot));
  fs.renameSync(`${record}.${folder}`, record);
  for (const old of fs.readdirSync(folders)) if (old !== folder) fs.rmSync(path.join(folders, old), { recursive: true, force: true });
}
