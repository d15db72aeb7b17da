/**
 * The gateway's schema cache: the functions of schema public that may be called as RPCs, with
 * their argument names and types, read from the catalog. Like PostgREST's, it is read once and
 * read again when a call names a function it does not know (at most once a second).
 */
import type { Db } from '../../lib/db/types.ts';

export interface RpcArgument {
  name: string;
  /** The SQL type, as format_type() prints it (safe to put in a column definition list). */
  type: string;
  hasDefault: boolean;
}

export interface RpcFunction {
  name: string;
  args: RpcArgument[];
  /** 'v' volatile, 's' stable, 'i' immutable. */
  volatility: 'v' | 's' | 'i';
  returnsSet: boolean;
  /** 'void', 'scalar' (including json/jsonb) or 'composite' (a row). */
  returns: 'void' | 'scalar' | 'composite';
}

interface CatalogRow {
  name: string;
  volatility: 'v' | 's' | 'i';
  returns_set: boolean;
  return_kind: string;
  arg_names: string[] | null;
  arg_types: string[];
  arg_defaults: number;
}

// IN arguments only (proargtypes); a function with an unnamed IN argument cannot take named JSON
// arguments and is left out, and so are trigger functions and procedures.
const CATALOG_SQL = `
select p.proname::text as name, p.provolatile::text as volatility, p.proretset as returns_set,
       case when p.prorettype = 'void'::regtype then 'void'
            when t.typtype = 'c' or p.prorettype = 'record'::regtype then 'composite'
            else 'scalar' end as return_kind,
       (select array_agg(n order by i) from unnest(p.proargnames, coalesce(p.proargmodes::text[], array_fill('i'::text, array[coalesce(cardinality(p.proargnames), 0)]))) with ordinality as a(n, m, i)
         where m in ('i', 'b', 'v')) as arg_names,
       (select coalesce(array_agg(format_type(x, null) order by i), '{}') from unnest(p.proargtypes::oid[]) with ordinality as a(x, i)) as arg_types,
       p.pronargdefaults::int as arg_defaults
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type t on t.oid = p.prorettype
where n.nspname = 'public' and p.prokind = 'f'
  and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)`;

export class FunctionCache {
  #functions: Map<string, RpcFunction[]> | undefined;
  #loadedAt = 0;
  #loading: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  /** The overloads of `name` in schema public (usually one). */
  async lookup(name: string): Promise<RpcFunction[]> {
    if (!this.#functions) await this.reload();
    let found = this.#functions!.get(name);
    if (!found && Date.now() - this.#loadedAt > 1000) {
      await this.reload();
      found = this.#functions!.get(name);
    }
    return found ?? [];
  }

  /** Names of every callable function (for "did you mean" hints). */
  names(): string[] {
    return [...(this.#functions?.keys() ?? [])];
  }

  reload(): Promise<void> {
    this.#loading ??= this.#read().finally(() => (this.#loading = undefined));
    return this.#loading;
  }

  async #read(): Promise<void> {
    const rows = await this.db.query<CatalogRow>(CATALOG_SQL);
    const functions = new Map<string, RpcFunction[]>();
    for (const row of rows) {
      const names = row.arg_names ?? [];
      if (names.length !== row.arg_types.length || names.some((n) => !n)) continue;
      const firstDefault = row.arg_types.length - row.arg_defaults;
      const fn: RpcFunction = {
        name: row.name,
        args: names.map((name, i) => ({ name, type: row.arg_types[i]!, hasDefault: i >= firstDefault })),
        volatility: row.volatility,
        returnsSet: row.returns_set,
        returns: row.return_kind === 'void' ? 'void' : row.return_kind === 'composite' ? 'composite' : 'scalar',
      };
      functions.set(row.name, [...(functions.get(row.name) ?? []), fn]);
    }
    this.#functions = functions;
    this.#loadedAt = Date.now();
  }
}

/** The overload that takes exactly these named arguments (all required ones, no unknown one). */
export function matchArguments(overloads: RpcFunction[], given: readonly string[]): RpcFunction | undefined {
  const set = new Set(given);
  return overloads.find(
    (fn) =>
      given.every((name) => fn.args.some((a) => a.name === name)) &&
      fn.args.every((a) => a.hasDefault || set.has(a.name)),
  );
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The statement that calls fn with the named arguments in $1 (a JSON object), converted to the
 * argument types the way PostgREST does it: through json_to_record.
 */
export function callStatement(fn: RpcFunction, given: readonly string[]): string {
  const args = fn.args.filter((a) => given.includes(a.name));
  const call = `public.${quote(fn.name)}(${args.map((a) => `${quote(a.name)} := _args.${quote(a.name)}`).join(', ')})`;
  const record =
    args.length > 0 ? `json_to_record($1::text::json) as _args(${args.map((a) => `${quote(a.name)} ${a.type}`).join(', ')})` : undefined;
  if (fn.returns === 'void') return `select ${call}${record ? ` from ${record}` : ''}`;
  // $1 is sent as text and cast: postgres.js would JSON-encode a string parameter typed json a
  // second time. Functions in FROM see the items before them, so the call can read _args.
  if (fn.returnsSet) return `select coalesce(json_agg(_r), '[]')::text as body from ${record ? `${record}, ` : ''}${call} as _r`;
  if (fn.returns === 'composite') return `select to_json(_r)::text as body from ${record ? `${record}, ` : ''}${call} as _r`;
  return `select to_json(${call})::text as body${record ? ` from ${record}` : ''}`;
}
