/**
 * The browser's Supabase client, for the participation islands' RPCs (DESIGN principle 3).
 * PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY point it at Supabase; with no URL it calls the
 * page's own origin, where `npm start` and `npm run dev` serve the local gateway (the build puts the
 * gateway's anon key into PUBLIC_SUPABASE_ANON_KEY). Islands never know which one answers.
 */
import { createClient } from '@supabase/supabase-js';
import type { CitizenRpc } from './citizen-rpcs.ts';

export interface SupabaseConfig {
  url: string;
  anonKey: string;
}

// Vite replaces import.meta.env with the PUBLIC_ variables of the build.
const env = import.meta.env as unknown as Record<string, string | undefined>;

/** Where RPCs go; undefined when the build had no anon key (the islands then say so). */
export function supabaseConfig(origin: string = globalThis.location?.origin ?? 'http://localhost'): SupabaseConfig | undefined {
  const anonKey = env['PUBLIC_SUPABASE_ANON_KEY']?.trim();
  if (!anonKey) return undefined;
  return { url: env['PUBLIC_SUPABASE_URL']?.trim() || origin, anonKey };
}

const connect = (config: SupabaseConfig) =>
  createClient(config.url, config.anonKey, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } });
type Client = ReturnType<typeof connect>;
let client: Client | undefined;

/** The one client of this page; no session is kept (citizens do not log in). */
export function getSupabase(): Client {
  const config = supabaseConfig();
  if (!config) throw new Error('PUBLIC_SUPABASE_ANON_KEY was not set when the site was built.');
  client ??= connect(config);
  return client;
}

/** The answer of an RPC: its data, or the PostgREST error (code '' when the network failed). */
export async function callRpc<T>(
  name: CitizenRpc,
  args: Record<string, unknown>,
  options: { get?: boolean } = {},
): Promise<{ data: T; error: null } | { data: null; error: { code: string; message: string } }> {
  let supabase: Client;
  try {
    supabase = getSupabase();
  } catch (error) {
    return { data: null, error: { code: 'PGRST301', message: (error as Error).message } };
  }
  const result = await supabase.rpc(name, args, options);
  if (result.error) return { data: null, error: { code: result.error.code ?? '', message: result.error.message ?? '' } };
  return { data: result.data as unknown as T, error: null };
}
