/**
 * Last-Modified of the open data is the date its documents state (generated_at), not the time the
 * file was written: a rebuild of the same data keeps it, and a CSV takes its JSON twin's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFromSecret } from '../../src/lib/auth/gateway-keys.ts';
import { withVersion } from '../../src/lib/opendata/document-version.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { createPortalServer, listen } from '../../src/server/server.ts';

const GENERATED = '2026-03-10T02:00:00Z';
let distDir: string;
let port: number;
let close: () => void;

const noDb = {
  kind: 'pglite',
  location: 'empty',
  query: () => Promise.resolve([]),
  exec: () => Promise.resolve(),
  transaction: () => Promise.resolve(undefined as never),
  asRole: () => Promise.resolve(undefined as never),
  close: () => Promise.resolve(),
} satisfies Db;

function writeSite(): void {
  fs.mkdirSync(path.join(distDir, 'data', '2026'), { recursive: true });
  fs.writeFileSync(path.join(distDir, 'data', '2026', 'units.json'), JSON.stringify(withVersion({ rows: [], generated_at: GENERATED })));
  fs.writeFileSync(path.join(distDir, 'data', '2026', 'units.csv'), 'code,name\n');
  fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>home</title>');
  fs.writeFileSync(path.join(distDir, '404.html'), '<!doctype html><title>not found</title>');
}

beforeAll(async () => {
  distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-data-dates-'));
  writeSite();
  const server = createPortalServer({ distDir, db: noDb, keys: await keysFromSecret('data-dates-test-secret-of-at-least-32-chars', 'test'), logError: () => {} });
  port = Number(new URL(await listen(server, 0)).port);
  close = () => {
    server.close();
    server.closeAllConnections();
  };
});

afterAll(() => {
  close();
  fs.rmSync(distDir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${port}${pathname}`, { headers });

describe('Last-Modified of the open data', () => {
  it('is the generated_at the document states, for the JSON and its CSV twin, across a rewrite', async () => {
    const expected = new Date(GENERATED).toUTCString();
    expect((await get('/data/2026/units.json')).headers.get('last-modified')).toBe(expected);
    expect((await get('/data/2026/units.csv')).headers.get('last-modified')).toBe(expected);
    // A rebuild writes the same bytes later: the date stays, and If-Modified-Since gets 304.
    const later = new Date(Date.now() + 60_000);
    writeSite();
    fs.utimesSync(path.join(distDir, 'data', '2026', 'units.json'), later, later);
    expect((await get('/data/2026/units.json')).headers.get('last-modified')).toBe(expected);
    expect((await get('/data/2026/units.json', { 'if-modified-since': expected })).status).toBe(304);
  });

  it('is the file time for anything else', async () => {
    const stat = fs.statSync(path.join(distDir, 'index.html'));
    expect((await get('/')).headers.get('last-modified')).toBe(stat.mtime.toUTCString());
  });
});
