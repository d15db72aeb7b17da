/**
 * Serves the built site (dist/) the way a static host would: index.html per folder, 404.html,
 * caching validators (ETag, Last-Modified), long-lived caching for hashed assets, and gzip or
 * Brotli for text, compressed off the request thread and kept in a bounded cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CompressionCache, negotiateEncoding } from './compression.ts';
import { ContentTags } from './content-tags.ts';
import { DataDates } from './data-dates.ts';
import { sameSiteLocation, type RequestTarget } from './request-target.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

/** The media type of a served file; JSON Feeds (`feed.json`) are `application/feed+json`. */
export function contentTypeOf(file: string): string {
  if (path.basename(file) === 'feed.json') return 'application/feed+json; charset=utf-8';
  return TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/** Types worth compressing: text and the already-uncompressed formats the site ships. */
function compressible(type: string): boolean {
  return /^(text\/|application\/(json|feed\+json|xml|rss\+xml|wasm)|image\/svg\+xml)/.test(type);
}

/** A file to serve, with the stat it was found by (its size and time make the validators). */
export interface StaticFile {
  file: string;
  stat: fs.Stats;
}

function fileAt(candidate: string): StaticFile | undefined {
  try {
    const stat = fs.statSync(candidate);
    return stat.isFile() ? { file: candidate, stat } : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves a decoded URL path to a file inside root, or undefined (never escapes root). */
export function resolveStatic(root: string, decodedPath: string): StaticFile | undefined {
  if (decodedPath.includes('\0')) return undefined;
  const target = path.resolve(root, `.${path.posix.normalize(`/${decodedPath}`)}`);
  if (target !== root && !target.startsWith(root + path.sep)) return undefined;
  for (const candidate of [target, path.join(target, 'index.html'), `${target}.html`]) {
    const found = fileAt(candidate);
    if (found) return found;
  }
  return undefined;
}

/**
 * The folder a site path stands for now. A published site is a symlink to its current build
 * (lib/site/publish.ts), switched atomically: each request resolves it once and is served wholly
 * from that build. While the link cannot be read the last folder stays in use.
 */
function currentFolder(site: string): () => string {
  let last = path.resolve(site);
  return () => {
    try {
      last = fs.realpathSync.native(site);
    } catch {
      // Keep serving the last folder.
    }
    return last;
  };
}

export function serveStatic(site: string) {
  const folder = currentFolder(site);
  const cache = new CompressionCache();
  const tags = new ContentTags();
  const dates = new DataDates();
  return async (req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> => {
    const root = folder();
    const notFound = path.join(root, '404.html');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    const found = resolveStatic(root, target.decodedPath);
    const file = found?.file;
    // Folders are canonical with a trailing slash, as on a static host.
    if (file && file.endsWith(`${path.sep}index.html`) && !target.pathname.endsWith('/') && !target.pathname.endsWith('.html')) {
      res.writeHead(301, { location: sameSiteLocation(`${target.pathname}/${target.search}`) });
      res.end();
      return;
    }
    const served = found ?? fileAt(notFound);
    if (!served) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
      return;
    }
    const { file: body, stat } = served;
    const type = contentTypeOf(body);
    // Open data states when its data last changed; any other file is as old as its bytes.
    const modified = (await dates.of(body, stat, path.relative(root, body))) ?? stat.mtime;
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': target.pathname.startsWith('/_astro/')
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=0, must-revalidate',
      etag: await tags.of(body, stat, path.relative(root, body)),
      'last-modified': modified.toUTCString(),
    };
    if (compressible(type)) headers['vary'] = 'Accept-Encoding';
    if (file && notModified(req, headers['etag']!, modified)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const status = file ? 200 : 404;
    const encoding = compressible(type) && stat.size >= 512 ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
    if (encoding) {
      const compressed = await cache.get(body, stat, encoding);
      res.writeHead(status, { ...headers, 'content-encoding': encoding, 'content-length': String(compressed.length) });
      res.end(req.method === 'HEAD' ? undefined : compressed);
      return;
    }
    res.writeHead(status, { ...headers, 'content-length': String(stat.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(body);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
}

/** Conditional GET: If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2). */
function notModified(req: IncomingMessage, etag: string, mtime: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => weak(tag) === weak(etag));
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}
