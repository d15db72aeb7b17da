/**
 * Row level security and privileges, tested the way production would leak: the bootstrap gives
 * anon/authenticated Supabase's default grants, so only RLS and explicit revokes protect data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Role } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { bulletinRow, insertBase, insertRow, reportRow, targetRow } from './fixtures.ts';

let db: Db;
let publicTables: string[];
const ids = {
  published: 0,
  approved: 0,
  draft: 0,
  publicRecord: 0,
  hiddenRecord: 0,
  publishedBulletin: 0,
  draftBulletin: 0,
};

const API_ROLES: Role[] = ['anon', 'authenticated'];

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction(async (tx) => {
    const base = await insertBase(tx, 'RLS');
    ids.published = await insertRow(tx, 'public.targets', targetRow(base, { status: 'published' }));
    ids.approved = await insertRow(tx, 'public.targets', targetRow(base, { status: 'approved' }));
    ids.draft = await insertRow(tx, 'public.targets', targetRow(base, { status: 'draft' }));
    for (const target of [ids.published, ids.approved, ids.draft]) {
      await insertRow(tx, 'public.progress_reports', reportRow(target));
      await insertRow(tx, 'public.target_baselines', {
        target_id: target,
        kind: 'vertical',
        year: base.previousYear,
        value: 900,
      });
      await insertRow(tx, 'public.target_baselines', {
        target_id: target,
        kind: 'horizontal',
        peer_name: '同类城市甲',
        value: 950,
      });
      await insertRow(tx, 'public.target_baselines', { target_id: target, kind: 'benchmark', value: 1000 });
    }
    const record = {
      year: base.year,
      unit_id: base.unitA,
      method: 'covert_visit',
      conducted_on: '2026-03-05',
      score_delta: -1,
    };
    ids.publicRecord = await insertRow(tx, 'public.supervision_records', {
      ...record,
      finding: '窗口服务规范。',
      is_public: true,
    });
    ids.hiddenRecord = await insertRow(tx, 'public.supervision_records', {
      ...record,
      finding: '个别人员脱岗。',
      is_public: false,
    });
    ids.publishedBulletin = await insertRow(
      tx,
      'public.bulletins',
      bulletinRow({ published_at: '2026-02-10T10:00:00+08:00' }),
    );
    ids.draftBulletin = await insertRow(tx, 'public.bulletins', bulletinRow({ period: '2026-02' }));
  });
  const rows = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  publicTables = rows.map((r) => r.name);
});

afterAll(async () => {
  await db?.close();
});

/** Ids visible to `role` in a table or view of schema public. */
function visibleIds(role: Role, relation: string, column = 'id'): Promise<number[]> {
  return db.asRole(role, async (tx) => {
    const rows = await tx.query<{ id: number }>(`select ${column}::int as id from public.${relation} order by 1`);
    return rows.map((r) => r.id);
  });
}

describe('catalog', () => {
  it('every table in schema public has row level security enabled', async () => {
    const rows = await db.query<{ name: string; rls: boolean }>(
      `select c.relname as name, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.filter((r) => !r.rls).map((r) => r.name)).toEqual([]);
  });

  it("every view in schema public runs with the caller's rights (security_invoker)", async () => {
    const rows = await db.query<{ name: string; options: string[] | null }>(
      `select c.relname as name, c.reloptions as options from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'v' order by c.relname`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const unsafe = rows.filter((r) => !(r.options ?? []).some((o) => /^security_invoker=(true|on|1)$/.test(o)));
    expect(unsafe.map((r) => r.name)).toEqual([]);
  });

  it('no API role holds a write privilege on a public table or view, and policies only allow reading', async () => {
    const writable = await db.query<{ role: string; name: string; privilege: string }>(
      `select r.role, c.relname as name, p.privilege
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       cross join (values ('anon'), ('authenticated')) r(role)
       cross join (values ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) p(privilege)
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v')
         and has_table_privilege(r.role, c.oid, p.privilege)`,
    );
    expect(writable).toEqual([]);
    const policies = await db.query<{ tablename: string; cmd: string }>(
      `select tablename, cmd from pg_policies where schemaname = 'public' and cmd <> 'SELECT'`,
    );
    expect(policies).toEqual([]);
  });

  it('the API roles cannot use schema private nor execute any function in it', async () => {
    const rows = await db.query<{ role: string; usage: boolean; executable: string[] | null; functions: number }>(
      `select r.role, has_schema_privilege(r.role, 'private', 'usage') as usage,
              (select array_agg(p.proname::text order by p.proname) from pg_proc p
                where p.pronamespace = 'private'::regnamespace and has_function_privilege(r.role, p.oid, 'execute')) as executable,
              (select count(*)::int from pg_proc p where p.pronamespace = 'private'::regnamespace) as functions
       from (values ('anon'), ('authenticated')) r(role) order by r.role`,
    );
    expect(rows.map(({ role, usage, executable }) => ({ role, usage, executable }))).toEqual([
      { role: 'anon', usage: false, executable: null },
      { role: 'authenticated', usage: false, executable: null },
    ]);
    expect(rows[0]!.functions).toBeGreaterThanOrEqual(5);
  });
});

describe.each(API_ROLES)('%s reads', (role) => {
  it('published targets only, not approved or draft ones', async () => {
    expect(await visibleIds(role, 'targets')).toEqual([ids.published]);
    expect(await visibleIds(role, 'target_current_status', 'target_id')).toEqual([ids.published]);
  });

  it('reports and baselines of published targets only', async () => {
    const reports = await db.asRole(role, (tx) =>
      tx.query<{ target_id: number }>(`select target_id::int from public.progress_reports`),
    );
    expect(reports).toEqual([{ target_id: ids.published }]);
    const current = await db.asRole(role, (tx) =>
      tx.query<{ target_id: number }>(`select target_id::int from public.current_progress_reports`),
    );
    expect(current).toEqual([{ target_id: ids.published }]);
    const baselines = await db.asRole(role, (tx) =>
      tx.query<{ target_id: number; kind: string }>(
        `select target_id::int, kind from public.target_baselines order by kind`,
      ),
    );
    expect(baselines).toEqual([
      { target_id: ids.published, kind: 'benchmark' },
      { target_id: ids.published, kind: 'horizontal' },
      { target_id: ids.published, kind: 'vertical' },
    ]);
  });

  it('published bulletins only', async () => {
    expect(await visibleIds(role, 'bulletins')).toEqual([ids.publishedBulletin]);
  });

  it('public supervision records only', async () => {
    expect(await visibleIds(role, 'supervision_records')).toEqual([ids.publicRecord]);
  });

  it('all reference data', async () => {
    for (const table of ['assessment_years', 'units', 'cadres', 'indicators']) {
      const seen = await db.asRole(role, (tx) => countRows(tx, `public.${table}`));
      expect(seen, table).toBe(await countRows(db, `public.${table}`));
      expect(seen, table).toBeGreaterThan(0);
    }
  });
});

describe.each(API_ROLES)('%s cannot write', (role) => {
  it('INSERT, UPDATE, DELETE or TRUNCATE on any public table (42501)', async () => {
    expect(publicTables.length).toBeGreaterThanOrEqual(8);
    for (const table of publicTables) {
      const [column] = await db.query<{ name: string }>(
        `select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum limit 1`,
        [`public.${table}`],
      );
      const statements = [
        `insert into public.${table} default values`,
        `update public.${table} set "${column!.name}" = "${column!.name}"`,
        `delete from public.${table}`,
        `truncate public.${table}`,
      ];
      for (const sql of statements) {
        await expectPgError(
          db.asRole(role, (tx) => tx.exec(sql)),
          '42501',
          new RegExp(`permission denied for table ${table}`),
        );
      }
    }
  });

  it('through the updatable view current_progress_reports either', async () => {
    // A simple view is auto-updatable: only the privileges stop a write through it.
    for (const sql of [
      `delete from public.current_progress_reports`,
      `update public.current_progress_reports set progress_pct = 100`,
      `insert into public.current_progress_reports (target_id, period, status, progress_text) values (${ids.published}, '2026-05', 'on_track', 'x')`,
    ]) {
      await expectPgError(
        db.asRole(role, (tx) => tx.exec(sql)),
        '42501',
        /permission denied for view current_progress_reports/,
      );
    }
  });

  it('nor call into schema private (42501)', async () => {
    await expectPgError(
      db.asRole(role, (tx) => tx.query(`select private.period_figures('monthly', '2026-01')`)),
      '42501',
      /permission denied for schema private/,
    );
    await expectPgError(
      db.asRole(role, (tx) => tx.query(`select private.weights_sum_to_one('{"a": 1}')`)),
      '42501',
      /permission denied for schema private/,
    );
  });
});

describe('service_role', () => {
  it('reads every row of every public table', async () => {
    for (const table of publicTables) {
      const all = await countRows(db, `public.${table}`);
      expect(await db.asRole('service_role', (tx) => countRows(tx, `public.${table}`)), table).toBe(all);
    }
    expect(await db.asRole('service_role', (tx) => countRows(tx, 'public.targets'))).toBe(3);
    expect(await db.asRole('service_role', (tx) => countRows(tx, 'public.bulletins'))).toBe(2);
    expect(await db.asRole('service_role', (tx) => countRows(tx, 'public.supervision_records'))).toBe(2);
  });

  it('can use schema private', async () => {
    const [row] = await db.asRole('service_role', (tx) =>
      tx.query<{ usage: boolean }>(`select has_schema_privilege('private', 'usage') as usage`),
    );
    expect(row!.usage).toBe(true);
  });
});
