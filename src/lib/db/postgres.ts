/** Db adapter for a real Postgres server (local 15+, CI, or Supabase) through postgres.js. */
import postgres from 'postgres';
import { enterRole, type Db, type Queryable, type Role, type RoleContext, type Row } from './types.ts';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql): Queryable {
  return {
    async query<T extends object = Row>(text: string, params: readonly unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return [...rows] as unknown as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text);
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1:***@');
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Db> {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => undefined,
    // int8 as number, like PGlite does, so both adapters return the same shapes.
    types: {
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  });
  await sql`select 1`;
  const transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
    (await sql.begin((tx) => fn(wrap(tx)))) as T;
  return {
    kind: 'postgres',
    location: redactUrl(url),
    ...wrap(sql),
    transaction,
    asRole: <T>(role: Role, fn: (tx: Queryable) => Promise<T>, context?: RoleContext) =>
      transaction(async (tx) => {
        await enterRole(tx, role, context);
        return fn(tx);
      }),
    close: () => sql.end({ timeout: 5 }),
  };
}
