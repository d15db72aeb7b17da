/**
 * The gateway's JWT secret and the two API keys signed with it, as Supabase has them: an anon key
 * for browsers and a service_role key for trusted servers.
 *
 * - GONGSHI_JWT_SECRET set (at least 32 characters): the keys are derived from it, the same on
 *   every start — the way to run the gateway beside a real Postgres in production.
 * - otherwise: a secret is generated once and kept with the keys in <GONGSHI_DATA_DIR>/gateway-keys.json
 *   (mode 0600), so a data folder keeps its keys (and a built site its anon key) across restarts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { readConfig, type Config } from '../config.ts';

export const KEYS_FILE = 'gateway-keys.json';

export interface GatewayKeys {
  /** The HS256 secret that signs and verifies every key. */
  secret: Uint8Array;
  anonKey: string;
  serviceRoleKey: string;
  /** Where the secret came from, for the start-up message. */
  source: string;
}

interface KeysFile {
  jwt_secret: string;
  anon_key: string;
  service_role_key: string;
  created_at: string;
}

/** A key for `role`: an HS256 JWT without expiry, like Supabase's project API keys. */
export function signRoleKey(secret: Uint8Array, role: 'anon' | 'service_role', issuedAt?: number): Promise<string> {
  const jwt = new SignJWT({ role }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('gongshi');
  if (issuedAt !== undefined) jwt.setIssuedAt(issuedAt);
  return jwt.sign(secret);
}

export async function keysFromSecret(secretText: string, source: string, issuedAt?: number): Promise<GatewayKeys> {
  if (secretText.length < 32) throw new Error(`The JWT secret (${source}) must have at least 32 characters.`);
  const secret = new TextEncoder().encode(secretText);
  return {
    secret,
    anonKey: await signRoleKey(secret, 'anon', issuedAt),
    serviceRoleKey: await signRoleKey(secret, 'service_role', issuedAt),
    source,
  };
}

/** Reads the keys of this configuration, generating and storing them the first time. */
export async function loadGatewayKeys(config: Config = readConfig(), env: NodeJS.ProcessEnv = process.env): Promise<GatewayKeys> {
  const fromEnv = env['GONGSHI_JWT_SECRET']?.trim();
  if (fromEnv) return keysFromSecret(fromEnv, 'GONGSHI_JWT_SECRET');

  const file = path.join(config.dataDir, KEYS_FILE);
  const existing = readKeysFile(file);
  if (existing) {
    const keys = await keysFromSecret(existing.jwt_secret, file);
    // The stored keys are what built sites carry; they must verify with the stored secret.
    return { ...keys, anonKey: existing.anon_key, serviceRoleKey: existing.service_role_key };
  }
  const secretText = randomBytes(32).toString('base64url');
  const issuedAt = Math.floor(Date.now() / 1000);
  const keys = await keysFromSecret(secretText, file, issuedAt);
  const content: KeysFile = {
    jwt_secret: secretText,
    anon_key: keys.anonKey,
    service_role_key: keys.serviceRoleKey,
    created_at: new Date(issuedAt * 1000).toISOString(),
  };
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadGatewayKeys(config, env);
    throw error;
  }
  return keys;
}

function readKeysFile(file: string): KeysFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<KeysFile>;
  if (typeof parsed.jwt_secret !== 'string' || typeof parsed.anon_key !== 'string' || typeof parsed.service_role_key !== 'string') {
    throw new Error(`${file} is not a gateway keys file (jwt_secret, anon_key, service_role_key). Delete it to generate new keys.`);
  }
  return parsed as KeysFile;
}
