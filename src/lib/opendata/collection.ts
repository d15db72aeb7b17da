/** The open data of every year, read once per build from the build's snapshot. */
import { getCollection } from '../site/collections.ts';
import { indexOpenData, type OpenData } from './documents.ts';
import type { CitizenRpcSignature } from '../schemas/citizen-rpc.ts';
import { siteOf } from './urls.ts';

let cached: Promise<OpenData> | undefined;

export function loadOpenData(): Promise<OpenData> {
  const site = siteOf(import.meta.env.SITE ? new URL(import.meta.env.SITE) : undefined);
  cached ??= getCollection('opendata').then((entries) => indexOpenData(site, entries.map((e) => e.data)));
  return cached;
}

/** The citizen RPCs' signatures as the database declares them, from the "citizenRpcs" collection. */
export async function loadCitizenRpcs(): Promise<CitizenRpcSignature[]> {
  return (await getCollection('citizenRpcs')).map((e) => e.data);
}

/** Where the RPCs answer: `{PUBLIC_SUPABASE_URL}/rest/v1/rpc`, else the portal's own gateway. */
export function rpcEndpoint(site: URL): string {
  const env = import.meta.env as unknown as Record<string, string | undefined>;
  const base = env['PUBLIC_SUPABASE_URL']?.trim() || site.origin;
  return `${base.replace(/\/$/, '')}/rest/v1/rpc`;
}
