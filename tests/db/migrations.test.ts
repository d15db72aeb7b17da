import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, type MigrateResult } from '../../src/lib/db/migrate.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, migrateTestDb } from './harness.ts';

const migrationFiles = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
  .sort();

let db: Db;
let first: MigrateResult;
const tempDirs: string[] = [];

/** A migrations folder holding the given files. */
function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-migrations-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function tableExists(name: string): Promise<boolean> {
  const [row] = await db.query<{ oid: string | null }>(`select to_regclass($1)::text as oid`, [name]);
  return row!.oid !== null;
}

beforeAll(async () => {
  db = await createTestDb({ migrate: false });
  first = await migrateTestDb(db);
});

afterAll(async () => {
  await db?.close();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate()', () => {
  it('applies the bootstrap and every migration file, in name order', () => {
    expect(migrationFiles.length).toBeGreaterThanOrEqual(7);
    expect(first.bootstrapped).toBe(true);
    expect(first.applied).toEqual(migrationFiles);
    expect(first.alreadyApplied).toBe(0);
  });

  it('records one schema_migrations row per file, with its statements', async () => {
    const rows = await db.query<{ version: string; name: string; statements: string[] }>(
      `select version, name, statements from supabase_migrations.schema_migrations order by version`,
    );
    expect(rows.map((r) => `${r.version}_${r.name}.sql`)).toEqual(migrationFiles);
    for (const row of rows) expect(row.statements.length).toBeGreaterThan(0);
  });

  it('is a no-op the second time', async () => {
    const second = await migrateTestDb(db);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(migrationFiles.length);
    expect(await countRows(db, 'supabase_migrations.schema_migrations')).toBe(migrationFiles.length);
  });

  it('reports file:line of a failing statement and applies nothing of that file', async () => {
    const dir = migrationsDir({
      '90000000000001_good.sql':
        'create table public.mig_good (id int primary key);\ninsert into public.mig_good values (1);\n',
      // The third statement starts on line 4 and fails on its third line (line 6 of the file).
      '90000000000002_bad.sql': [
        '-- a migration whose third statement refers to a missing column',
        'create table public.mig_bad (id int primary key);',
        'insert into public.mig_bad values (1);',
        'select id,',
        '  id * 2 as twice,',
        '  no_such_column',
        'from public.mig_bad;',
        'create table public.mig_after (id int);',
        '',
      ].join('\n'),
      '90000000000003_later.sql': 'create table public.mig_later (id int);\n',
    });

    const error = await migrateTestDb(db, { migrationsDir: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    const failure = error as MigrationError;
    expect(failure.file).toMatch(/90000000000002_bad\.sql$/);
    expect(failure.line).toBe(6);
    expect(failure.message).toMatch(/90000000000002_bad\.sql:6: /);
    expect(failure.message).toMatch(/no_such_column/);
    expect(failure.message).toMatch(/SQLSTATE 42703/);
    expect(failure.message).toMatch(/Nothing of this file was applied/);

    // The earlier file stays applied …
    expect(await tableExists('public.mig_good')).toBe(true);
    expect(await countRows(db, 'public.mig_good')).toBe(1);
    expect(await countRows(db, 'supabase_migrations.schema_migrations', `version = '90000000000001'`)).toBe(1);
    // … nothing of the failing one is, and the runner stopped there.
    expect(await tableExists('public.mig_bad')).toBe(false);
    expect(await tableExists('public.mig_after')).toBe(false);
    expect(await tableExists('public.mig_later')).toBe(false);
    expect(await countRows(db, 'supabase_migrations.schema_migrations', `version >= '90000000000002'`)).toBe(0);
  });

  it('reports the statement line for an error without a position, then applies the fixed file', async () => {
    // A unique violation carries no position: the line is where the failing statement starts.
    const bad = migrationsDir({
      '90000000000002_bad.sql': [
        'create table public.mig_bad (id int primary key);',
        '',
        'insert into public.mig_bad',
        '  values (1), (2), (1);',
        '',
      ].join('\n'),
    });
    const error = await migrateTestDb(db, { migrationsDir: bad }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).line).toBe(3);
    expect((error as MigrationError).message).toMatch(/90000000000002_bad\.sql:3: .*\(SQLSTATE 23505\)/);
    expect(await tableExists('public.mig_bad')).toBe(false);

    const fixed = migrationsDir({
      '90000000000002_bad.sql':
        'create table public.mig_bad (id int primary key);\ninsert into public.mig_bad values (1), (2);\n',
    });
    const result = await migrateTestDb(db, { migrationsDir: fixed });
    expect(result.applied).toEqual(['90000000000002_bad.sql']);
    expect(await countRows(db, 'public.mig_bad')).toBe(2);
  });
});

describe('bootstrap (Supabase fidelity on plain Postgres and PGlite)', () => {
  it('creates the API roles; only service_role bypasses RLS', async () => {
    const roles = await db.query<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }>(
      `select rolname, rolbypassrls, rolcanlogin from pg_roles
       where rolname in ('anon', 'authenticated', 'service_role') order by rolname`,
    );
    expect(roles).toEqual([
      { rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'service_role', rolbypassrls: true, rolcanlogin: false },
    ]);
  });

  it('auth.uid(), auth.role() and auth.jwt() read request.jwt.claims', async () => {
    const sub = randomUUID();
    const [row] = await db.asRole(
      'authenticated',
      (tx) =>
        tx.query<{ uid: string; role: string; jwt: Record<string, unknown>; who: string }>(
          `select auth.uid()::text as uid, auth.role() as role, auth.jwt() as jwt, current_user as who`,
        ),
      { claims: { sub, email: 'someone@example.org' } },
    );
    expect(row).toEqual({
      uid: sub,
      role: 'authenticated',
      jwt: { role: 'authenticated', sub, email: 'someone@example.org' },
      who: 'authenticated',
    });
  });

  it('auth.uid() is null for anon without a subject, and the claims do not outlive the transaction', async () => {
    const [anon] = await db.asRole('anon', (tx) =>
      tx.query<{ uid: string | null; role: string }>(`select auth.uid()::text as uid, auth.role() as role`),
    );
    expect(anon).toEqual({ uid: null, role: 'anon' });
    const [after] = await db.query<{ uid: string | null; jwt: unknown; who: string }>(
      `select auth.uid()::text as uid, auth.jwt() as jwt, current_user as who`,
    );
    expect(after!.uid).toBeNull();
    expect(after!.jwt).toEqual({});
    expect(after!.who).not.toBe('anon');
  });

  it('the request.headers are readable inside asRole', async () => {
    const [row] = await db.asRole(
      'anon',
      (tx) => tx.query<{ ua: string }>(`select current_setting('request.headers', true)::jsonb ->> 'user-agent' as ua`),
      { headers: { 'user-agent': 'vitest' } },
    );
    expect(row!.ua).toBe('vitest');
  });
});
