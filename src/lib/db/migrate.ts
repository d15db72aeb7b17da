/**
 * Applies supabase/local/bootstrap.sql (plain Postgres and PGlite only) and then each file of
 * supabase/migrations once, in name order, each in its own transaction. Applied versions are
 * recorded where the Supabase CLI records them (supabase_migrations.schema_migrations), so a
 * database migrated with `supabase db push` and one migrated here agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pgErrorFields } from './errors.ts';
import { lineAt, splitSql } from './sql-split.ts';
import type { Db, Queryable } from './types.ts';

export interface MigrateOptions {
  migrationsDir?: string;
  bootstrapFile?: string;
  log?: (line: string) => void;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  bootstrapped: boolean;
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    override readonly cause: unknown,
  ) {
    const pg = pgErrorFields(cause);
    const reason = pg ? `${pg.message} (SQLSTATE ${pg.code})${pg.detail ? `: ${pg.detail}` : ''}` : String(cause);
    super(`Migration failed at ${file}:${line}: ${reason.replace(/\.$/, '')}. Nothing of this file was applied.`);
    this.name = 'MigrationError';
  }
}

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const MIGRATIONS_DIR = path.join(ROOT, 'supabase/migrations');
export const BOOTSTRAP_FILE = path.join(ROOT, 'supabase/local/bootstrap.sql');

/** Supabase itself has these roles and schemas already; the bootstrap must never run there. */
export async function isSupabase(db: Queryable): Promise<boolean> {
  const rows = await db.query(`select 1 from pg_roles where rolname = 'supabase_admin'`);
  return rows.length > 0;
}

async function runScript(tx: Queryable, file: string, script: string): Promise<void> {
  for (const statement of splitSql(script)) {
    try {
      await tx.exec(statement.text);
    } catch (error) {
      const position = pgErrorFields(error)?.position;
      const line = position ? statement.line + lineAt(statement.text, position - 1) - 1 : statement.line;
      throw new MigrationError(file, line, error);
    }
  }
}

export async function migrate(db: Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  const dir = options.migrationsDir ?? MIGRATIONS_DIR;
  const bootstrapFile = options.bootstrapFile ?? BOOTSTRAP_FILE;
  const log = options.log ?? (() => undefined);
  const relative = (file: string) => path.relative(process.cwd(), file) || file;

  const bootstrapped = !(await isSupabase(db));
  if (bootstrapped) {
    const script = fs.readFileSync(bootstrapFile, 'utf8');
    await db.transaction(async (tx) => {
      // Concurrent migrators (two CI jobs on one server) wait for each other here.
      await tx.query(`select pg_advisory_xact_lock(7426001)`);
      await runScript(tx, relative(bootstrapFile), script);
    });
  }
  await db.exec(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text primary key, statements text[], name text);
  `);

  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const file of files) {
    const [, version = '', name = ''] = /^(\d+)_(.+)\.sql$/.exec(file) ?? [];
    const script = fs.readFileSync(path.join(dir, file), 'utf8');
    const didApply = await db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(7426001)`);
      const done = await tx.query(`select 1 from supabase_migrations.schema_migrations where version = $1`, [version]);
      if (done.length > 0) return false;
      await runScript(tx, relative(path.join(dir, file)), script);
      await tx.query(
        `insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)`,
        [version, name, splitSql(script).map((s) => s.text)],
      );
      return true;
    });
    if (didApply) {
      applied.push(file);
      log(`applied ${file}`);
    } else {
      alreadyApplied++;
    }
  }
  return { applied, alreadyApplied, bootstrapped };
}
