/**
 * The real portal server (site + gateway) over a test database, on a random loopback port, with
 * keys from a fixed test secret and an empty site folder of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GatewayOptions } from '../../src/server/gateway/gateway.ts';
import { keysFromSecret, type GatewayKeys } from '../../src/lib/auth/gateway-keys.ts';
import { createPortalServer, listen } from '../../src/server/server.ts';
import type { Db } from '../../src/lib/db/types.ts';

export interface TestPortal {
  /** http://127.0.0.1:<port>, no trailing slash. */
  base: string;
  keys: GatewayKeys;
  close(): void;
}

export async function startTestPortal(db: Db, gateway: Omit<GatewayOptions, 'db' | 'keys'> = {}): Promise<TestPortal> {
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-portal-'));
  fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>site</title>');
  const keys = await keysFromSecret('test-portal-secret-of-at-least-32-characters', 'test');
  const server = createPortalServer({ distDir, db, keys, gateway });
  const base = (await listen(server, 0)).replace(/\/$/, '');
  return {
    base,
    keys,
    close() {
      server.close();
      server.closeAllConnections();
      fs.rmSync(distDir, { recursive: true, force: true });
    },
  };
}
