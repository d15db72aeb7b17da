/** Db adapter for a real Postgres server (local 15+, CI, or Supabase) through postgres.js. */
import postgres from 'postgres';
import { STAFF_SOCKET_PORT } from './staff-socket.ts';
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

export interface PostgresOptions {
  max?: number;
  /**
   * Connect to a running portal's staff socket (staff-socket.ts) in this folder instead of the
   * URL: one connection, unnamed statements (every client shares PGlite's one session).
   */
  socketDir?: string;
  /** Shown by `location` instead of the (redacted) URL. */
  location?: string;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const target: postgres.Options<Record<string, postgres.PostgresType>> = options.socketDir
    ? { host: options.socketDir, port: STAFF_SOCKET_PORT, user: 'postgres', database: 'postgres', max: 1, prepare: false }
    : { max: options.max ?? 10 };
  const common = {
    ...target,
    onnotice: () => undefined,
    // int8 as number, like PGlite does, so both adapters return the same shapes.
    types: {
      int8: { to: 20, from: [20], serialize: (x: number) => String(x), parse: (x: string) => Number(x) },
    },
  };
  const sql = options.socketDir ? postgres(common) : postgres(url, common);
  await sql`select 1`;
  const transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
    (await sql.begin((tx) => fn(wrap(tx)))) as T;
  return {
    kind: 'postgres',
    location: options.location ?? redactUrl(url),
    ...wrap(sql),
    transaction,
    asRole: <T>(role: Role, fn: (tx: Queryable) => Promise<T>, context?: RoleContext) =>
      transaction(async (tx) => {
        await enterRole(tx, role, context);
        return fn(tx);
      }),
    listen: async (channel, fn) => {
      const listening = await sql.listen(channel, fn);
      return () => listening.unlisten();
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
