/**
 * The portal's one HTTP server: the built site, and — given a database — the local gateway
 * under /rest/v1/ that answers the islands' supabase.rpc() calls. Security headers on every
 * response, including Node's own 400/408/431 answers; no request can throw past the handler.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Db } from '../lib/db/types.ts';
import { createGateway, GATEWAY_PREFIX, type GatewayOptions } from './gateway/gateway.ts';
import type { GatewayKeys } from '../lib/auth/gateway-keys.ts';
import { applySecurityHeaders, SECURITY_HEADERS } from './headers.ts';
import { rememberPeerAddress } from './peer-address.ts';
import { handleOneClickUnsubscribe, isOneClickUnsubscribe } from './one-click-unsubscribe.ts';
import { BadRequestTarget, parseRequestTarget } from './request-target.ts';
import { serveStatic } from './static.ts';

export interface PortalServerOptions {
  distDir: string;
  /** The database the gateway calls; without it only the static site is served. */
  db?: Db;
  /** The gateway's keys (loadGatewayKeys()); required with db. */
  keys?: GatewayKeys;
  /** Passed to the gateway (trustProxy, clientIpHeader, maxBodyBytes, logError). */
  gateway?: Omit<GatewayOptions, 'db' | 'keys'>;
  /** Open connections at most; more are refused until some close. Default 1,000. */
  maxConnections?: number;
  /** Where unexpected errors are reported. Default console.error. */
  logError?: (message: string, error: unknown) => void;
  /** Slow-client limits in ms (tests shorten them). Default HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS. */
  timeouts?: { headers: number; request: number };
}

/** Slow clients are dropped: all headers within 10 s, the whole request within 30 s. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export function createPortalServer(options: PortalServerOptions): http.Server {
  const site = serveStatic(options.distDir);
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  if (options.db && !options.keys) throw new Error('createPortalServer: the gateway needs keys (loadGatewayKeys()).');
  const gateway =
    options.db && options.keys
      ? createGateway({ logError, ...options.gateway, db: options.db, keys: options.keys })
      : undefined;
  const timeouts = options.timeouts ?? { headers: HEADERS_TIMEOUT_MS, request: REQUEST_TIMEOUT_MS };
  const server = http.createServer(
    {
      headersTimeout: timeouts.headers,
      requestTimeout: timeouts.request,
      // Node checks both only this often (default 30 s): check often enough to keep them.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headers / 4))),
    },
    (req, res) => {
      applySecurityHeaders(res, req.headers['x-forwarded-proto'] === 'https');
      const fail = (status: number, text: string) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
        res.end(text);
      };
      try {
        const target = parseRequestTarget(req.url);
        if (gateway && (target.pathname === GATEWAY_PREFIX || target.pathname.startsWith(`${GATEWAY_PREFIX}/`))) {
          gateway(req, res, target);
          return;
        }
        if (gateway && options.db && isOneClickUnsubscribe(req.method, target)) {
          const source = { trustProxy: options.gateway?.trustProxy === true, header: (options.gateway?.clientIpHeader ?? 'x-real-ip').toLowerCase() };
          handleOneClickUnsubscribe(req, res, target, options.db, source).catch((error: unknown) => {
            logError(`one-click unsubscribe: ${req.method} ${target.pathname} failed`, error);
            fail(500, 'Internal server error\n');
          });
          return;
        }
        site(req, res, target).catch((error: unknown) => {
          logError(`site: ${req.method} ${req.url} failed`, error);
          fail(500, 'Internal server error\n');
        });
      } catch (error) {
        if (error instanceof BadRequestTarget) {
          fail(400, `Bad request: ${error.reason}.\n`);
          return;
        }
        logError(`server: ${req.method} ${req.url} failed`, error);
        fail(500, 'Internal server error\n');
      }
    },
  );
  server.maxConnections = options.maxConnections ?? 1000;
  server.on('connection', rememberPeerAddress);
  server.on('clientError', answerClientError);
  return server;
}

/**
 * Node's answer to a request it cannot parse or that timed out, with the security headers that
 * Node's default answer lacks. A socket that is gone or already answering is just closed.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || (error.code === 'ECONNRESET')) {
    socket.destroy();
    return;
  }
  const [status, reason] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout']
        : [400, 'Bad Request'];
  const body = `${reason}\n`;
  const headers = Object.entries({
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers.join('')}\r\n${body}`);
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
