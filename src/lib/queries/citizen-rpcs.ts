/**
 * Build-time read of the citizen RPCs' signatures from the catalog (pg_proc, pg_description):
 * argument names, types and defaults, result type and the COMMENT of each `public.<rpc>`, so /api/
 * documents what the database declares, not a copy of it.
 */
import { CITIZEN_RPCS } from '../citizen-rpcs.ts';
import type { Db } from '../db/types.ts';
import { CitizenRpcSignatureSchema, type CitizenRpcSignature } from '../schemas/citizen-rpc.ts';

export async function readCitizenRpcs(db: Db): Promise<CitizenRpcSignature[]> {
  const rows = await db.asRole('anon', (tx) =>
    tx.query(
      `select p.proname as name,
              coalesce((select jsonb_agg(jsonb_build_object('name', a.name, 'type', format_type(a.type, null),
                                           'default', pg_get_function_arg_default(p.oid, a.n::int)) order by a.n)
                        from unnest(p.proargnames[1:p.pronargs], p.proargtypes::oid[]) with ordinality as a(name, type, n)), '[]') as arguments,
              pg_get_function_result(p.oid) as returns,
              obj_description(p.oid, 'pg_proc') as comment
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.proname = any($1::text[])
       order by p.proname`,
      [[...CITIZEN_RPCS]],
    ),
  );
  return rows.map((row) => CitizenRpcSignatureSchema.parse(row));
}
