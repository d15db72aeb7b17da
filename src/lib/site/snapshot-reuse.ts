/**
 * The load step's shortcut: when nothing its reads can see has changed since the last build read
 * the same database, that build's snapshot stands for this one and the database is not read again
 * (about 10 CPU-seconds on the demo city, most of a rebuild that changes nothing).
 *
 * "Nothing changed" is established from facts taken before the reads, never guessed:
 * - the database: the same one (private.database_identity, drawn when it was created), with the
 *   same rows in every table (their count and newest version) and the same definitions of what
 *   the reads go through (views, functions, policies, grants);
 * - the code: the same reads, migrations and dependencies (codeDigest);
 * - the clock: the reads compare dated values with now() (a report published at a set time, a
 *   window that opens or closes, a period that falls due). The snapshot is refused when any date
 *   or time value of any table lies between the last read and now, or a day began (in the city,
 *   in UTC or in the session's zone): those comparisons flip at these moments and at no other.
 *   tests/unit/snapshot-reuse-clock.test.ts keeps it so: no public read compares now() with a
 *   shifted value.
 * Any doubt (a role that cannot see every row, a database from before the identity, a missing
 * file) means a full read.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/types.ts';
import { codeDigest } from './build-inputs.ts';

/** What a load step knew before it read the database. */
export interface LoadStamp {
  /** The database's identity. */
  database: string;
  /** A digest of every table's row count and newest row version, and of the definitions the reads go through. */
  contents: string;
  /** The database's now() when the stamp was taken (ISO, microseconds). */
  readAt: string;
  code: string;
}

interface SavedSnapshot extends LoadStamp {
  folder: string;
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
 * nothing: one still running is invisible here and shows once it commits.
 */
export async function loadStamp(db: Db, root: string): Promise<LoadStamp | undefined> {
  try {
    const tables = await db.query<{ count: string }>(`
      select format('select %L as t, count(*) as n, max(xmin::text::bigint) as v from %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname) as count
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and ${USER_SCHEMAS}
      order by n.nspname, c.relname`);
    const [row] = await db.query<{ database: string | null; contents: string; read_at: string; sees_all: boolean }>(`
      select (select id::text from private.database_identity) as database,
             md5((${DEFINITIONS_SQL}) || (select string_agg(format('%s %s %s', t, n, v), E'\n' order by t) from (${tables.map((t) => t.count).join(' union all ')}) counts)) as contents,
             to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as read_at,
             (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) as sees_all`);
    if (!row?.sees_all || !row.database) return undefined;
    return { database: row.database, contents: row.contents, readAt: row.read_at, code: codeDigest(root) };
  } catch {
    return undefined;
  }
}

/** True when no dated value of any table lies in (since, now] and no day began meanwhile. */
export async function clockPassedNothing(db: Db, since: string): Promise<boolean> {
  const [same] = await db.query<{ same_day: boolean }>(`
    select $1::timestamptz <= now()
       and ($1::timestamptz at time zone 'Asia/Shanghai')::date = (now() at time zone 'Asia/Shanghai')::date
       and ($1::timestamptz at time zone 'UTC')::date = (now() at time zone 'UTC')::date
       and $1::timestamptz::date = now()::date as same_day`, [since]);
  if (!same?.same_day) return false;
  // Date columns flip only at a day's start (above); every time column is checked for a value that came due.
  // From the catalog, not information_schema, which leaves out the columns a role may not read.
  const columns = await db.query<{ test: string }>(`
    select format('exists (select 1 from %I.%I where %I::timestamptz > $1::timestamptz and %I::timestamptz <= now())',
                  n.nspname, c.relname, a.attname, a.attname) as test
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      and a.atttypid in ('timestamptz'::regtype, 'timestamp'::regtype) and ${USER_SCHEMAS}
    order by n.nspname, c.relname, a.attname`);
  if (columns.length === 0) return true;
  const [passed] = await db.query<{ any: boolean }>(`select ${columns.map((c) => c.test).join(' or ')} as any`, [since]);
  return passed?.any === false;
}

function readSaved(cacheDir: string): SavedSnapshot | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(cacheDir, SAVED), 'utf8')) as SavedSnapshot;
  } catch {
    return undefined;
  }
}

/**
 * Copies the last build's snapshot into snapshotDir when it stands for a read now (see above),
 * and answers with what that build knew; undefined when the database must be read.
 */
export async function reuseSnapshot(db: Db, cacheDir: string, stamp: LoadStamp, snapshotDir: string): Promise<LoadStamp | undefined> {
  const saved = readSaved(cacheDir);
  if (!saved || saved.database !== stamp.database || saved.contents !== stamp.contents || saved.code !== stamp.code) return undefined;
  try {
    if (!(await clockPassedNothing(db, saved.readAt))) return undefined;
    fs.cpSync(path.join(cacheDir, FOLDERS, saved.folder), snapshotDir, { recursive: true });
  } catch {
    return undefined;
  }
  return saved;
}

/**
 * Keeps this build's snapshot, read after `stamp` was taken, for the next build. The record is
 * replaced atomically; older copies are removed (a build copying one meanwhile reads the database).
 */
export function saveSnapshot(cacheDir: string, snapshotDir: string, stamp: LoadStamp): void {
  const folder = randomUUID();
  const folders = path.join(cacheDir, FOLDERS);
  fs.cpSync(snapshotDir, path.join(folders, folder), { recursive: true });
  const record = path.join(cacheDir, SAVED);
  fs.writeFileSync(`${record}.${folder}`, JSON.stringify({ ...stamp, folder } satisfies SavedSnapshot));
  fs.renameSync(`${record}.${folder}`, record);
  for (const old of fs.readdirSync(folders)) if (old !== folder) fs.rmSync(path.join(folders, old), { recursive: true, force: true });
}
