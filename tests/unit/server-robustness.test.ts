/**
 * The portal server under hostile requests, sent as raw bytes over TCP (an HTTP client would
 * normalise them first): it answers every request target and header set with a status and the
 * security headers, and keeps serving. Before the fix, `GET //` threw inside the handler and
 * ended the process.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFromSecret } from '../../src/lib/auth/gateway-keys.ts';
import { createPortalServer, listen } from '../../src/server/server.ts';
import { parseRequestTarget, sameSiteLocation } from '../../src/server/request-target.ts';
import type { Db } from '../../src/lib/db/types.ts';

let distDir: string;
let port: number;
let close: () => void;
const logged: string[] = [];

/**
 * A database without functions: every RPC is refused before a call (404 PGRST202), and the
 * gateway's charge of a refused call finds no limit to charge.
 */
const unreachableDb = {
  kind: 'pglite',
  location: 'empty',
  query: () => Promise.resolve([]),
  exec: () => Promise.resolve(),
  transaction: () => Promise.resolve(undefined as never),
  asRole: () => Promise.resolve(undefined as never),
  close: () => Promise.resolve(),
} satisfies Db;

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-robust-'));
  fs.writeFileSync(path.join(distDir, 'index.html'), `<!doctype html><title>home</title>${'<p>公示</p>'.repeat(200)}`);
  fs.mkdirSync(path.join(distDir, 'units'));
  fs.writeFileSync(path.join(distDir, 'units', 'index.html'), '<!doctype html><title>units</title>');
  fs.writeFileSync(path.join(distDir, '404.html'), '<!doctype html><title>not found</title>');
  fs.writeFileSync(path.join(distDir, 'feed.json'), JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [] }));
  const keys = await keysFromSecret('robustness-test-secret-of-at-least-32-chars', 'test');
  const server = createPortalServer({
    distDir,
    db: unreachableDb,
    keys,
    logError: (message) => logged.push(message),
  });
  const url = await listen(server, 0);
  port = Number(new URL(url).port);
  close = () => {
    server.close();
    server.closeAllConnections();
  };
});

afterAll(() => {
  close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

/** Sends raw bytes and resolves with what came back (the connection closed or 2 s passed). */
function raw(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2000, done);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (/\r\n\r\n/.test(answer) && !/^HTTP\/1\.1 (200|404)/.test(answer)) done();
    });
    socket.on('end', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? NaN);
const get = (target: string, headers = '') => raw(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`);

async function stillServing(): Promise<void> {
  expect(statusOf(await get('/'))).toBe(200);
}

describe('request targets that once crashed or misled the server', () => {
  it.each([
    ['//', 200],
    ['///', 200],
    ['//units/', 200],
    ['//evil.example/', 404],
    ['//@evil.example/', 404],
    ['//a:b@evil.example/', 404],
    ['/%', 400],
    ['/%E0%A4%A', 400],
    ['/%00', 400],
    ['/rest/v1/rpc/%zz', 400],
    ['/rest/v1/rpc/x?apikey=%', 401],
    ['*', 400],
    ['http://evil.example/', 400],
    [`/${'a'.repeat(9000)}`, 400],
  ])('GET %s answers %i with the security headers, and the server stays up', async (target, status) => {
    const answer = await get(target);
    expect(statusOf(answer)).toBe(status);
    expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
    await stillServing();
  });

  it('a folder without its slash redirects on the site, never to //host', async () => {
    const answer = await get('//units');
    expect(statusOf(answer)).toBe(301);
    expect(answer).toMatch(/\r\nlocation: \/units\/\r\n/i);
    expect(sameSiteLocation('//evil.example/x')).toBe('/evil.example/x');
    expect(sameSiteLocation('/\\evil.example')).toBe('/evil.example');
  });

  it("Node's own answers to unparseable requests carry the security headers", async () => {
    const garbage = await raw('BREW / HTCPCP/1.0\r\n\r\n');
    expect(statusOf(garbage)).toBe(400);
    expect(garbage.toLowerCase()).toContain("frame-ancestors 'none'");
    const huge = await get('/', `X-Big: ${'x'.repeat(20_000)}\r\n`);
    expect(statusOf(huge)).toBe(431);
    expect(huge.toLowerCase()).toContain('x-content-type-options: nosniff');
    await stillServing();
  });

  it('generated request targets and headers always get an answer, and the server keeps serving', async () => {
    const targetChar = fc.constantFrom(...'/%?#@:.\\azAZ09~!$&\'()*+,;=-_ 中'.split(''), '%2F', '%2e', '%00', '%C0%AF', '%ff');
    const target = fc.array(targetChar, { maxLength: 40 }).map((parts) => parts.join(''));
    const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ''));
    const headerName = fc.constantFrom('x-forwarded-for', 'x-real-ip', 'cf-connecting-ip', 'host', 'accept-encoding', 'if-none-match', 'if-modified-since', 'apikey', 'authorization', 'content-length', 'prefer', 'x-forwarded-proto');
    await fc.assert(
      fc.asyncProperty(target, fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }), async (path, headers) => {
        const lines = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
        const answer = await raw(`GET ${path.replace(/ /g, '%20')} HTTP/1.1\r\n${lines}Connection: close\r\n\r\n`);
        const status = statusOf(answer);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    await stillServing();
    expect(logged, logged.join("\n")).toEqual([]);
  });
});

describe('parseRequestTarget', () => {
  it('collapses slashes, splits the query and decodes the path', () => {
    expect(parseRequestTarget('//a///b%20c?x=1#f')).toEqual({ pathname: '/a/b%20c', search: '?x=1', decodedPath: '/a/b c' });
  });
});

describe('compression and caching', () => {
  it('negotiates Brotli, then gzip, and answers identity otherwise', async () => {
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip;q=1, br;q=0', 'gzip'], ['identity', undefined], ['*', 'br']] as const) {
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'accept-encoding': accept } });
      expect(response.headers.get('content-encoding') ?? undefined).toBe(encoding);
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      expect(await response.text()).toContain('公示'); // fetch decodes what it asked for
    }
  });

  it('answers 304 to a matching ETag or an unchanged Last-Modified', async () => {
    const first = await fetch(`http://127.0.0.1:${port}/`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^W\/"/);
    expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { 'if-none-match': 'W/"other"' } })).status).toBe(200);
  });

  it('tags a file by its content: rewritten with the same bytes it keeps its ETag, changed it gets another', async () => {
    const file = path.join(distDir, 'units', 'index.html');
    const tag = async () => (await fetch(`http://127.0.0.1:${port}/units/`)).headers.get('etag');
    const before = await tag();
    fs.writeFileSync(file, fs.readFileSync(file));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(await tag()).toBe(before);
    fs.writeFileSync(file, '<!doctype html><title>units, changed</title>');
    expect(await tag()).not.toBe(before);
    fs.writeFileSync(file, '<!doctype html><title>units</title>');
  });

  it('serves JSON Feeds as application/feed+json', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/feed.json`);
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
  });
});

describe('slow clients', () => {
  it('a client that trickles its headers is answered 408 and dropped, and others are served meanwhile', async () => {
    const keys = await keysFromSecret('robustness-test-secret-of-at-least-32-chars', 'test');
    const server = createPortalServer({ distDir, db: unreachableDb, keys, timeouts: { headers: 400, request: 1000 } });
    const url = await listen(server, 0);
    try {
      const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      const closed = new Promise<number>((resolve) => {
        const started = Date.now();
        socket.on('close', () => resolve(Date.now() - started));
      });
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n');
      // One header line every 100 ms, never the blank line that ends them.
      const trickle = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
      expect((await fetch(url)).status).toBe(200);
      const ms = await closed;
      clearInterval(trickle);
      expect(statusOf(answer)).toBe(408);
      expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
      expect(ms).toBeLessThan(5000);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
