/** The Db port: the one way code reaches Postgres, whether PGlite, local Postgres or Supabase. */

export type Role = 'anon' | 'authenticated' | 'service_role';
export const ROLES: readonly Role[] = ['anon', 'authenticated', 'service_role'];

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with $1…$n parameters; rows as plain objects. */
  query<T extends object = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements without parameters (simple query protocol). */
  exec(text: string): Promise<void>;
}

export interface RoleContext {
  /** JWT claims as PostgREST would set them in `request.jwt.claims`. */
  claims?: Record<string, unknown>;
  /** Request headers as PostgREST sets them in `request.headers` (lower-case names). */
  headers?: Record<string, string>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** A human-readable description of where the data lives (for logs). */
  readonly location: string;
  /** Runs fn in one transaction; it commits when fn resolves and rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn in one transaction as a Supabase role, the way PostgREST does it:
   * `set local role`, `request.jwt.claims` and `request.headers` are set first.
   */
  asRole<T>(role: Role, fn: (tx: Queryable) => Promise<T>, context?: RoleContext): Promise<T>;
  /**
   * Calls fn with each notification on `channel` (pg_notify) once its transaction commits;
   * resolves with the function that stops listening. Absent on a Db that cannot listen.
   */
  listen?(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Sets role and request settings at the start of a transaction. */
export async function enterRole(tx: Queryable, role: Role, context: RoleContext = {}): Promise<void> {
  if (!ROLES.includes(role)) throw new Error(`Unknown role "${String(role)}"`);
  const claims = { role, ...context.claims };
  await tx.query(
    `select set_config('request.jwt.claims', $1, true), set_config('request.headers', $2, true)`,
    [JSON.stringify(claims), JSON.stringify(context.headers ?? {})],
  );
  // The role name comes from the fixed list above, so interpolating it is safe.
  await tx.exec(`set local role ${role}`);
}
