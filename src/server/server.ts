/**
 * The portal's one HTTP server: the built site, and — given a database — the local gateway
 * under /rest/v1/ that answers the islands' supabase.rpc() calls. Security headers on every response.
 */
import http from 'node:http';
import type { Db } from '../lib/db/types.ts';
import { createGateway, GATEWAY_PREFIX, type GatewayOptions } from './gateway/gateway.ts';
import type { GatewayKeys } from './gateway/keys.ts';
import { applySecurityHeaders } from './headers.ts';
import { serveStatic } from './static.ts';

export interface PortalServerOptions {
  distDir: string;
  /** The database the gateway calls; without it only the static site is served. */
  db?: Db;
  /** The gateway's keys (loadGatewayKeys()); required with db. */
  keys?: GatewayKeys;
  /** Passed to the gateway (trustProxy, maxBodyBytes, logError). */
  gateway?: Omit<GatewayOptions, 'db' | 'keys'>;
}

export function createPortalServer(options: PortalServerOptions): http.Server {
  const site = serveStatic(options.distDir);
  if (options.db && !options.keys) throw new Error('createPortalServer: the gateway needs keys (loadGatewayKeys()).');
  const gateway =
    options.db && options.keys ? createGateway({ ...options.gateway, db: options.db, keys: options.keys }) : undefined;
  return http.createServer((req, res) => {
    applySecurityHeaders(res, req.headers['x-forwarded-proto'] === 'https');
    const path = (req.url ?? '/').split('?')[0]!;
    if (gateway && (path === GATEWAY_PREFIX || path.startsWith(`${GATEWAY_PREFIX}/`))) {
      gateway(req, res);
      return;
    }
    site(req, res);
  });
}

/** Listens on port (0 = any free port) and resolves with the URL. */
export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve(`http://${host === '127.0.0.1' ? 'localhost' : host}:${actual}/`);
    });
  });
}
