/** The portal's one HTTP server: the built site, with security headers on every response. */
import http from 'node:http';
import { applySecurityHeaders } from './headers.ts';
import { serveStatic } from './static.ts';

export interface PortalServerOptions {
  distDir: string;
}

export function createPortalServer(options: PortalServerOptions): http.Server {
  const site = serveStatic(options.distDir);
  return http.createServer((req, res) => {
    applySecurityHeaders(res, req.headers['x-forwarded-proto'] === 'https');
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
