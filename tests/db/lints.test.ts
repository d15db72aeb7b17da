/**
 * Database lints as tests (issue #9): our own SQL over the catalog, in the spirit of Supabase's
 * database linter. Each lint returns its offenders by name, so a failure says what to fix; CI
 * fails on any finding. A last test plants one offender per lint (rolled back) to prove that
 * every lint can fail, so a passing run is not a query that matches nothing.
 *
 * Schemas: `public` is the exposed API schema; `private` holds personal data and privileged
 * helpers; `rpc_impl` holds the security definer implementations behind the citizen RPCs
 * (usage granted to anon/authenticated, never exposed by PostgREST); `auth` is Supabase's and
 * is not linted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_RPCS } from '../../src/lib/citizen-rpcs.ts';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { createTestDb, rolledBack } from './harness.ts';

/** The schema PostgREST exposes. */
const EXPOSED_SCHEMAS = ['public'];
/** Schemas whose tables hold project data. */
const TABLE_SCHEMAS = ['public', 'private'];
/** Schemas whose functions are the project's own. */
const FUNCTION_SCHEMAS = ['public', 'private', 'rpc_impl'];
const API_ROLES = ['anon', 'authenticated'] as const;

/**
 * The only functions anon and authenticated may execute: each citizen RPC, a security invoker
 * wrapper in public and its security definer body in rpc_impl.
 */
const EXECUTE_ALLOW_LIST = ['public', 'rpc_impl']
  .flatMap((schema) => CITIZEN_RPCS.map((name) => `${schema}.${name}`))
  .sort();

/** Functions of the schemas in $1 that no extension owns: oid, schema, name, `schema.name(args)`. */
const OWN_FUNCTIONS = `
  select p.oid, n.nspname as schema, p.proname as name,
         format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as signature
  from pg_proc p
  join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = any($1::text[])
    and not exists (
      select 1 from pg_depend d
      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;

/** Tables (plain and partitioned) of the schemas in $1: oid, `schema.name`, RLS flag. */
const TABLES = `
  select c.oid, format('%I.%I', n.nspname, c.relname) as name, c.relrowsecurity
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = any($1::text[]) and c.relkind in ('r', 'p')`;

async function names(q: Queryable, sql: string, params: readonly unknown[] = []): Promise<string[]> {
  const rows = await q.query<{ name: string }>(sql, params);
  return rows.map((r) => r.name).sort();
}

/** The lints: each returns its offenders (empty when the rule holds). */
const lints = {
  /** 1. Tables in the exposed schema and in private without row level security. */
  rlsDisabled: (q: Queryable) =>
    names(q, `select name from (${TABLES}) t where not t.relrowsecurity`, [[...EXPOSED_SCHEMAS, 'private']]),

  /** 2. Write policies (INSERT/UPDATE/DELETE/ALL) whose USING or WITH CHECK is literally true. */
  alwaysTrueWritePolicies: (q: Queryable) =>
    names(
      q,
      `select format('%I.%I: "%s" (%s)', schemaname, tablename, policyname, cmd) as name
       from pg_policies
       where schemaname not in ('pg_catalog', 'information_schema')
         and cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL')
         and (btrim(qual, ' ()') = 'true' or btrim(with_check, ' ()') = 'true')`,
    ),

  /** 3. Functions without `set search_path` (Supabase's function_search_path_mutable, for all). */
  mutableSearchPath: (q: Queryable) =>
    names(
      q,
      `select f.signature as name
       from (${OWN_FUNCTIONS}) f
       join pg_proc p on p.oid = f.oid
       where not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search\\_path=%')`,
      [FUNCTION_SCHEMAS],
    ),

  /** 4a. Security definer functions in the exposed schema. */
  exposedSecurityDefiner: (q: Queryable) =>
    names(q, `select f.signature as name from (${OWN_FUNCTIONS}) f join pg_proc p on p.oid = f.oid where p.prosecdef`, [
      EXPOSED_SCHEMAS,
    ]),

  /** 4b. Views in the exposed schema that run with their owner's rights (and materialized views). */
  exposedDefinerViews: (q: Queryable) =>
    names(
      q,
      `select format('%I.%I (%s)', n.nspname, c.relname,
                     case c.relkind when 'm' then 'materialized view' else 'view' end) as name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any($1::text[])
         and c.relkind in ('v', 'm')
         and not exists (
           select 1 from unnest(coalesce(c.reloptions, '{}')) o
           where lower(o) in ('security_invoker=true', 'security_invoker=on',
                              'security_invoker=1', 'security_invoker=yes'))`,
      [EXPOSED_SCHEMAS],
    ),

  /** 5. What `role` can execute in public, private and rpc_impl, as signature and `schema.name`. */
  executable: (q: Queryable, role: string) =>
    q.query<{ signature: string; qualified: string }>(
      `select f.signature, format('%s.%s', f.schema, f.name) as qualified
       from (${OWN_FUNCTIONS}) f
       where has_function_privilege($2, f.oid, 'execute')
       order by 2, 1`,
      [FUNCTION_SCHEMAS, role],
    ),

  /** 5b. API roles with USAGE on schema private. */
  privateSchemaUsage: (q: Queryable) =>
    names(q, `select r as name from unnest($1::text[]) r where has_schema_privilege(r, 'private', 'usage')`, [
      API_ROLES,
    ]),

  /** 6. Foreign keys with no valid, non-partial index whose leading columns are the key's columns. */
  unindexedForeignKeys: (q: Queryable) =>
    names(
      q,
      `select format('%I.%I.%I (%s)', n.nspname, t.relname, c.conname,
               (select string_agg(a.attname, ', ' order by k.ord)
                from unnest(c.conkey) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum)) as name
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
       where c.contype = 'f'
         and n.nspname = any($1::text[])
         and not exists (
           select 1 from pg_index i
           where i.indrelid = c.conrelid
             and i.indisvalid
             and i.indpred is null
             and i.indnkeyatts >= cardinality(c.conkey)
             -- the index's first n columns are exactly the key's n columns, in any order
             -- (indkey is 0-based; expression columns are 0 and never match)
             and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) x)
                 = (select array_agg(x order by x) from unnest(c.conkey) x))`,
      [TABLE_SCHEMAS],
    ),

  /** 7. Tables in public and private without a primary key. */
  missingPrimaryKeys: (q: Queryable) =>
    names(
      q,
      `select t.name from (${TABLES}) t
       where not exists (select 1 from pg_constraint c where c.conrelid = t.oid and c.contype = 'p')`,
      [TABLE_SCHEMAS],
    ),

  /**
   * 8. Kept records that can still be emptied: every table whose rows a refuse_change trigger
   * guards (append-only or published records) needs a TRUNCATE trigger too, and no API role
   * may hold the TRUNCATE privilege (row triggers do not fire on TRUNCATE).
   */
  truncatableRecords: (q: Queryable) =>
    names(
      q,
      `select format('%s (%s)', t.name, concat_ws(', ',
                case when not truncate_trigger then 'no truncate trigger' end,
                case when grantees <> '' then 'TRUNCATE granted to ' || grantees end)) as name
       from (
         select t.name,
                exists (select 1 from pg_trigger g where g.tgrelid = t.oid and (g.tgtype & 32) <> 0 and g.tgenabled <> 'D') as truncate_trigger,
                (select coalesce(string_agg(r, ', ' order by r), '') from unnest(array['anon', 'authenticated', 'service_role']) r
                 where has_table_privilege(r, t.oid, 'truncate')) as grantees
         from (${TABLES}) t
         where exists (select 1 from pg_trigger g where g.tgrelid = t.oid and g.tgfoid = 'private.refuse_change'::regproc)
       ) t
       where not truncate_trigger or grantees <> ''`,
      [TABLE_SCHEMAS],
    ),
};

/** Functions `role` may execute beyond the allow-list, and allow-listed RPCs it cannot execute. */
async function executeFindings(q: Queryable, role: string) {
  const executable = await lints.executable(q, role);
  const stray = executable.filter((f) => !EXECUTE_ALLOW_LIST.includes(f.qualified)).map((f) => f.signature);
  const granted = new Set(executable.map((f) => f.qualified));
  const missing = EXECUTE_ALLOW_LIST.filter((name) => !granted.has(name));
  return { executable, stray, missing };
}

let db: Db;

beforeAll(async () => {
  db = await createTestDb();
});

afterAll(async () => {
  await db?.close();
});

describe('database lints', () => {
  it('sees the catalog it lints', async () => {
    expect((await names(db, TABLES, [TABLE_SCHEMAS])).length).toBeGreaterThan(20);
    expect(
      (await names(db, `select signature as name from (${OWN_FUNCTIONS}) f`, [FUNCTION_SCHEMAS])).length,
    ).toBeGreaterThan(40);
    const [fks] = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_constraint c join pg_class t on t.oid = c.conrelid
       where c.contype = 'f' and t.relnamespace::regnamespace::text = any($1::text[])`,
      [TABLE_SCHEMAS],
    );
    expect(fks!.n).toBeGreaterThan(20);
  });

  it('1. row level security is enabled on every table in public and private', async () => {
    const offenders = await lints.rlsDisabled(db);
    expect(offenders, `tables without row level security: ${offenders.join(', ')}`).toEqual([]);
  });

  it('2. no INSERT/UPDATE/DELETE/ALL policy is `using (true)` or `with check (true)`', async () => {
    const offenders = await lints.alwaysTrueWritePolicies(db);
    expect(offenders, `always-true write policies: ${offenders.join('; ')}`).toEqual([]);
  });

  it('3. every function in public, private and rpc_impl has a fixed search_path', async () => {
    const offenders = await lints.mutableSearchPath(db);
    expect(offenders, `functions with a mutable search_path: ${offenders.join(', ')}`).toEqual([]);
  });

  it('4a. no security definer function in the exposed schema', async () => {
    const offenders = await lints.exposedSecurityDefiner(db);
    expect(offenders, `security definer functions in an exposed schema: ${offenders.join(', ')}`).toEqual([]);
  });

  it('4b. every view in the exposed schema is security_invoker', async () => {
    const offenders = await lints.exposedDefinerViews(db);
    expect(offenders, `views that run with their owner's rights: ${offenders.join(', ')}`).toEqual([]);
  });

  for (const role of API_ROLES) {
    it(`5. ${role} can execute exactly the documented RPCs (public and rpc_impl), nothing else`, async () => {
      const { executable, stray, missing } = await executeFindings(db, role);
      expect(stray, `functions ${role} can execute beyond the allow-list: ${stray.join(', ')}`).toEqual([]);
      expect(missing, `documented RPCs ${role} cannot execute: ${missing.join(', ')}`).toEqual([]);
      // One function per allow-listed name: an executable overload would widen the API unnoticed.
      expect(
        executable.map((f) => f.qualified),
        'overloads of allow-listed RPCs',
      ).toEqual(EXECUTE_ALLOW_LIST);
    });
  }

  it('5b. the API roles have no usage on schema private', async () => {
    const offenders = await lints.privateSchemaUsage(db);
    expect(offenders, `roles with usage on schema private: ${offenders.join(', ')}`).toEqual([]);
  });

  it('6. every foreign key in public and private is covered by an index led by its columns', async () => {
    const offenders = await lints.unindexedForeignKeys(db);
    expect(offenders, `foreign keys without a covering index: ${offenders.join('; ')}`).toEqual([]);
  });

  it('7. every table in public and private has a primary key', async () => {
    const offenders = await lints.missingPrimaryKeys(db);
    expect(offenders, `tables without a primary key: ${offenders.join(', ')}`).toEqual([]);
  });

  it('8. no table of kept records can be emptied with TRUNCATE, by any role', async () => {
    const offenders = await lints.truncatableRecords(db);
    expect(offenders, `kept records that TRUNCATE could empty: ${offenders.join('; ')}`).toEqual([]);
    // The lint looks at real tables: the guarded ones include the records the docs name.
    const guarded = await names(db, `select distinct format('%I.%I', c.relnamespace::regnamespace, c.relname) as name
      from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgfoid = 'private.refuse_change'::regproc`);
    expect(guarded).toEqual(expect.arrayContaining(['public.progress_reports', 'public.bulletins', 'public.annual_assessments',
      'public.survey_answers', 'public.hall_opinions', 'public.decisions']));
  });

  it('every lint reports a planted offender (rolled back)', async () => {
    const found = await rolledBack(db, async (tx) => {
      await tx.exec(`
        create table public.lint_probe (a bigint references public.units (id), b bigint);
        create table private.lint_probe_ok (id bigint primary key, unit_id bigint references public.units (id));
        create index lint_probe_ok_partial on private.lint_probe_ok (unit_id) where unit_id > 0;
        alter table private.lint_probe_ok enable row level security;
        create policy "probe writes" on private.lint_probe_ok for update to authenticated using (true);
        create function public.lint_probe_fn() returns int language sql security definer as 'select 1';
        grant execute on function public.lint_probe_fn() to anon;
        create function private.lint_probe_priv() returns int language sql set search_path = '' as 'select 1';
        grant execute on function private.lint_probe_priv() to authenticated;
        create view public.lint_probe_view as select 1 as x;
        grant usage on schema private to anon;
        revoke execute on function public.survey_stats(bigint) from anon;
        create table public.lint_probe_kept (id bigint primary key);
        alter table public.lint_probe_kept enable row level security;
        create trigger kept before delete on public.lint_probe_kept
          for each row execute function private.refuse_change('kept', null);
        grant truncate on public.survey_answers to service_role;
      `);
      return {
        rls: await lints.rlsDisabled(tx),
        policies: await lints.alwaysTrueWritePolicies(tx),
        searchPath: await lints.mutableSearchPath(tx),
        definer: await lints.exposedSecurityDefiner(tx),
        views: await lints.exposedDefinerViews(tx),
        anon: await executeFindings(tx, 'anon'),
        authenticated: await executeFindings(tx, 'authenticated'),
        usage: await lints.privateSchemaUsage(tx),
        fks: await lints.unindexedForeignKeys(tx),
        pks: await lints.missingPrimaryKeys(tx),
        truncatable: await lints.truncatableRecords(tx),
      };
    });
    expect(found.rls).toEqual(['public.lint_probe']);
    expect(found.policies).toEqual(['private.lint_probe_ok: "probe writes" (UPDATE)']);
    expect(found.searchPath).toEqual(['public.lint_probe_fn()']);
    expect(found.definer).toEqual(['public.lint_probe_fn()']);
    expect(found.views).toEqual(['public.lint_probe_view (view)']);
    expect(found.anon.stray).toEqual(['public.lint_probe_fn()']);
    expect(found.anon.missing).toEqual(['public.survey_stats']);
    expect(found.authenticated.stray).toEqual(['private.lint_probe_priv()']);
    expect(found.usage).toEqual(['anon']);
    // The partial index does not cover private.lint_probe_ok's key.
    expect(found.fks).toEqual([
      'private.lint_probe_ok.lint_probe_ok_unit_id_fkey (unit_id)',
      'public.lint_probe.lint_probe_a_fkey (a)',
    ]);
    expect(found.pks).toEqual(['public.lint_probe']);
    expect(found.truncatable).toEqual([
      'public.lint_probe_kept (no truncate trigger, TRUNCATE granted to anon, authenticated, service_role)',
      'public.survey_answers (TRUNCATE granted to service_role)',
    ]);
    // Nothing planted survived the rollback.
    expect(await lints.rlsDisabled(db)).toEqual([]);
    expect(await lints.privateSchemaUsage(db)).toEqual([]);
  });
});
