/**
 * The citizen RPC reference (/api/ and /api/v1/rpcs.json), generated from the one list of RPCs
 * (citizen-rpcs.ts), the database's signatures and comments, the forms' zod schemas and the error
 * catalogue: an RPC added to CITIZEN_RPCS is documented without touching the page.
 */
import { z } from 'zod';
import { RPC_INPUT_SCHEMAS } from '../citizen-rpc-schemas.ts';
import { CITIZEN_RPCS, LIVE_FIGURES_RPCS, type CitizenRpc } from '../citizen-rpcs.ts';
import { RPC_ERRORS, RPC_REFINEMENTS, type ErrorData } from '../errors/catalogue.ts';
import { statusForCode } from '../errors/http-status.ts';
import type { CitizenRpcSignature } from '../schemas/citizen-rpc.ts';
import type { RpcError, RpcReference } from '../schemas/opendata/api-rpcs.ts';

const isLiveFigures = (rpc: CitizenRpc) => (LIVE_FIGURES_RPCS as readonly CitizenRpc[]).includes(rpc);

function errorOf(entry: ErrorData, refines: ErrorData | undefined): RpcError {
  return {
    code: entry.code,
    aliases: [...(entry.aliases ?? [])],
    http_status: statusForCode(entry.code),
    name: entry.name,
    refines: refines?.name ?? null,
    title: { ...entry.title },
    message: { ...entry.message },
    hint: entry.hint ? { ...entry.hint } : null,
  };
}

/** Every error code `rpc` may be answered with: each general entry, replaced by its refinement for this RPC where there is one. */
export function rpcErrors(rpc: CitizenRpc): RpcError[] {
  const refinements = RPC_REFINEMENTS.filter((entry) => entry.rpcs?.includes(rpc));
  const general = RPC_ERRORS.map((entry) => {
    const refinement = refinements.find((r) => r.code === entry.code);
    return refinement ? errorOf(refinement, entry) : errorOf(entry, undefined);
  });
  // A refinement of a code with no general entry still belongs to the RPC.
  const extra = refinements.filter((r) => !RPC_ERRORS.some((entry) => entry.code === r.code)).map((r) => errorOf(r, undefined));
  return [...general, ...extra];
}

/** The JSON Schema of the body the forms send, or null when the RPC has no zod schema. */
function inputSchema(rpc: CitizenRpc): Record<string, unknown> | null {
  const schema = RPC_INPUT_SCHEMAS[rpc];
  if (!schema) return null;
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return rest;
}

/**
 * One entry per CITIZEN_RPCS, in its order. `endpoint` is the RPCs' base address
 * (`{PUBLIC_SUPABASE_URL}/rest/v1/rpc`); a listed RPC the database does not declare fails the build.
 */
export function rpcReferences(signatures: readonly CitizenRpcSignature[], endpoint: string): RpcReference[] {
  return CITIZEN_RPCS.map((rpc) => {
    const signature = signatures.find((s) => s.name === rpc);
    if (!signature) throw new Error(`citizen RPC public.${rpc} was not found in the database`);
    const live = isLiveFigures(rpc);
    return {
      name: rpc,
      kind: live ? 'live_figures' : 'form',
      method: live ? 'GET' : 'POST',
      url: `${endpoint.replace(/\/$/, '')}/${rpc}`,
      description: signature.comment,
      arguments: signature.arguments,
      returns: signature.returns,
      input_schema: inputSchema(rpc),
      errors: rpcErrors(rpc),
    };
  });
}
