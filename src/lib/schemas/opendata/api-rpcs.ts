/** /api/v1/rpcs.json: the citizen RPCs, their arguments, answers and every error code. */
import { z } from 'zod';
import { CITIZEN_RPCS } from '../../citizen-rpcs.ts';
import { RpcArgumentSchema } from '../citizen-rpc.ts';
import { DocumentHeader } from './common.ts';

const LocalizedSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

export const RpcErrorSchema = z.object({
  code: z.string().meta({ description: 'The `code` of the error body: a SQLSTATE, PTxxx, PGRSTxxx, or NETWORK/UNEXPECTED (set by the client, never answered).' }),
  aliases: z.array(z.string()).meta({ description: 'Other codes that mean the same to a citizen.' }),
  http_status: z.number().int().min(100).max(599).nullable().meta({ description: 'The HTTP status the code is answered with (PostgREST\'s mapping); null for codes no server answers with.' }),
  name: z.string().meta({ description: 'The entry of the error catalogue; the islands\' error summary carries it as data-error.' }),
  refines: z.string().nullable().meta({ description: 'The general entry this one replaces for this RPC, or null for a general entry.' }),
  title: LocalizedSchema,
  message: LocalizedSchema,
  hint: LocalizedSchema.nullable(),
});
export type RpcError = z.output<typeof RpcErrorSchema>;

export const RpcReferenceSchema = z.object({
  name: z.enum(CITIZEN_RPCS),
  kind: z.enum(['live_figures', 'form']).meta({ description: 'live_figures: read only, GET, under no rate limit; form: POST, rate limited.' }),
  method: z.enum(['GET', 'POST']),
  url: z.url().meta({ description: 'The address to call (the anon key goes in the apikey header).' }),
  description: z.string().nullable().meta({ description: 'The function\'s COMMENT in the database.' }),
  arguments: z.array(RpcArgumentSchema),
  returns: z.string().meta({ description: 'What a successful call answers (HTTP 200), as PostgreSQL declares it.' }),
  input_schema: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The JSON Schema of the body the portal\'s own forms send (generated from their zod schema), or null.' }),
  errors: z.array(RpcErrorSchema),
});
export type RpcReference = z.output<typeof RpcReferenceSchema>;

export const RpcsDocumentSchema = z
  .object({
    ...DocumentHeader,
    documentation: z.url(),
    endpoint: z.url().meta({ description: 'The base address of the RPCs: POST (or, for live figures, GET) {endpoint}/{name}.' }),
    rpcs: z.array(RpcReferenceSchema),
  })
  .meta({ title: 'Citizen RPCs', description: 'The functions citizens call: arguments, answers and every error code with its HTTP status and message.' });
export type RpcsDocument = z.output<typeof RpcsDocumentSchema>;
