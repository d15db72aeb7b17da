/**
 * Test databases for the `db` project: a freshly migrated database per call.
 *
 * - TEST_DATABASE_URL set: a new database named gongshi_t_<random> is created on that server,
 *   migrated, and dropped again on close().
 * - otherwise: an in-memory PGlite, migrated.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { pgErrorFields, type PgErrorFields } from '../../src/lib/db/errors.ts';
import { migrate, type MigrateOptions, type MigrateResult } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import type { Db, Queryable } from '../../src/lib/db/types.ts';

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] || undefined;

/** Serialises migrations of test databases on one server: roles are cluster-wide, advisory locks are not. */
const MIGRATE_LOCK = 7426099;

export interface CreateTestDbOptions {
  /** false: an empty database (bootstrap and migrations not run). Default true. */
  migrate?: boolean;
  /** Passed to migrate(). */
  migrateOptions?: MigrateOptions;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Runs migrate() on a test database. On a shared server it holds a server-wide lock meanwhile:
 * the bootstrap creates cluster-wide roles, and migrate()'s own advisory lock is per database.
 */
export async function migrateTestDb(db: Db, options?: MigrateOptions): Promise<MigrateResult> {
  if (db.kind !== 'postgres' || !TEST_DATABASE_URL) return migrate(db, options);
  const admin = await openPostgres(TEST_DATABASE_URL, { max: 1 });
  try {
    await admin.query(`select pg_advisory_lock($1)`, [MIGRATE_LOCK]);
    return await migrate(db, options);
  } finally {
    await admin.close();
  }
}

export async function createTestDb(options: CreateTestDbOptions = {}): Promise<Db> {
  const shouldMigrate = options.migrate ?? true;
  if (!TEST_DATABASE_URL) {
    const db = await openPglite(undefined);
    try {
      if (shouldMigrate) await migrate(db, options.migrateOptions);
    } catch (error) {
      await db.close();
      throw error;
    }
    return db;
  }

  const name = `gongshi_t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(TEST_DATABASE_URL, { max: 1 });
  let db: Db | undefined;
  try {
    await admin.exec(`create database ${name}`);
    db = await openPostgres(withDatabase(TEST_DATABASE_URL, name), { max: 4 });
    if (shouldMigrate) await migrateTestDb(db, options.migrateOptions);
  } catch (error) {
    await db?.close().catch(() => undefined);
    await admin.exec(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.close();
    throw error;
  }
  const inner = db;
  return {
    ...inner,
    location: `${inner.location} (test database ${name})`,
    close: async () => {
      try {
        await inner.close();
      } finally {
        try {
          await admin.exec(`drop database if exists ${name} with (force)`);
        } finally {
          await admin.close();
        }
      }
    },
  };
}

/**
 * Awaits `promise`, expects it to reject with a Postgres error of SQLSTATE `code` (and, when given,
 * a message matching `messagePattern`), and returns the error's fields.
 */
export async function expectPgError(
  promise: Promise<unknown>,
  code: string,
  messagePattern?: RegExp | string,
): Promise<PgErrorFields> {
  let outcome: { error: unknown } | undefined;
  try {
    await promise;
  } catch (error) {
    outcome = { error };
  }
  if (!outcome) throw new Error(`expected SQLSTATE ${code}, but the statement succeeded`);
  const fields = pgErrorFields(outcome.error);
  if (!fields) throw new Error(`expected SQLSTATE ${code}, got a non-Postgres error: ${String(outcome.error)}`);
  expect(fields.code, `SQLSTATE of: ${fields.message}`).toBe(code);
  if (messagePattern !== undefined) {
    const pattern = typeof messagePattern === 'string' ? new RegExp(escapeRegExp(messagePattern)) : messagePattern;
    expect(fields.message).toMatch(pattern);
  }
  return fields;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Number of rows of `table` (optionally filtered by a WHERE clause with $n parameters). */
export async function countRows(
  db: Queryable,
  table: string,
  where?: string,
  params: readonly unknown[] = [],
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from ${table}${where ? ` where ${where}` : ''}`,
    params,
  );
  return row!.n;
}

/** Thrown inside db.transaction() to roll back what a test wrote. */
export class Rollback extends Error {
  constructor() {
    super('rollback');
    this.name = 'Rollback';
  }
}

/** Runs fn in a transaction that is always rolled back; returns fn's result. */
export async function rolledBack<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}
