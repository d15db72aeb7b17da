/** A citizen RPC's signature as the database declares it (pg_proc, pg_description), read at build time. */
import { z } from 'zod';

export const RpcArgumentSchema = z.object({
  name: z.string().meta({ description: 'The argument\'s name: the key of the JSON body (or the query parameter of a GET).' }),
  type: z.string().meta({ description: 'The PostgreSQL type, as format_type() writes it.' }),
  default: z.string().nullable().meta({ description: 'The default expression when the argument is left out, or null when it must be given.' }),
});
export type RpcArgument = z.output<typeof RpcArgumentSchema>;

export const CitizenRpcSignatureSchema = z.object({
  name: z.string(),
  arguments: z.array(RpcArgumentSchema),
  returns: z.string().meta({ description: 'The result type, as pg_get_function_result() writes it.' }),
  comment: z.string().nullable().meta({ description: 'The function\'s COMMENT in the database.' }),
});
export type CitizenRpcSignature = z.output<typeof CitizenRpcSignatureSchema>;
