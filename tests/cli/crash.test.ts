/**
 * Crash: the embedded portal (`npm start`'s program, one process holding PGlite) is killed with
 * SIGKILL in the middle of a load run, then started again on the same folder. Proven: it starts
 * (the database opens, migrations are a no-op, the stale lock is taken over), the site rebuilds
 * and is served, and every write acknowledged before the kill is in the database exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { KEYS_FILE } from '../../src/lib/auth/gateway-keys.ts';
import { acknowledgedWrites, runLoad, summarise } from '../load/driver.ts';
import { insertLoadFixture, liftRateLimits, type LoadFixture } from '../load/fixture.ts';
import { verifyLedger } from '../load/verify.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-crash-'));
const dataDir = path.join(dir, 'data');
const distDir = path.join(dir, 'dist');
const CLIENTS = 50;
/** Acknowledged writes after which the server is killed (the run would go on to 6,000 calls). */
const KILL_AFTER = 1_500;

let fx: LoadFixture;
const running: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Starts the portal as `npm start` does (one node process, so SIGKILL hits the database's holder). */
async function startPortal(port: number): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/start.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), GONGSHI_DATA_DIR: dataDir, GONGSHI_DIST_DIR: distDir, DATABASE_URL: '',
      // The load clients stand for many people: each sends its own X-Real-IP.
      GONGSHI_TRUST_PROXY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start in time:\n${output}`)), 300_000);
    child.stdout.on('data', () => {
      const match = /Gongshi is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code}:\n${output}`));
    });
  });
  return { child, url, log: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function anonKey(): string {
  return (JSON.parse(fs.readFileSync(path.join(dataDir, KEYS_FILE), 'utf8')) as { anon_key: string }).anon_key;
}

beforeAll(async () => {
  const db = await openPglite(dataDir);
  await migrate(db);
  fx = await insertLoadFixture(db, 600);
  await liftRateLimits(db);
  await db.close();
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all(running.map(exited));
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps every acknowledged write through a kill -9 mid-load, then reopens and rebuilds the site', async () => {
  const first = await startPortal(await freePort());
  let killed = false;
  const ledger = await runLoad({
    base: first.url, anonKey: anonKey(), fixture: fx, total: 6_000, clients: CLIENTS, expectConnectionLoss: true,
    stop: (l) => {
      if (!killed && acknowledgedWrites(l) >= KILL_AFTER) {
        killed = first.child.kill('SIGKILL');
      }
      return killed;
    },
  });
  if (!killed) {
    first.child.kill('SIGKILL');
    throw new Error(`the run ended before ${KILL_AFTER} writes were acknowledged: ${summarise(ledger, CLIENTS)}`);
  }
  await exited(first.child);
  expect(first.child.signalCode).toBe('SIGKILL');
  const unanswered = Object.values(ledger.statuses).reduce((n, byStatus) => n + (byStatus[0] ?? 0), 0);
  console.log(`crash: killed after ${acknowledgedWrites(ledger)} acknowledged writes, ${unanswered} calls in flight lost their answer; ${summarise(ledger, CLIENTS)}`);
  expect(ledger.violations).toEqual([]);
  expect(acknowledgedWrites(ledger)).toBeGreaterThanOrEqual(KILL_AFTER);

  // Restart on the same folder: the database opens, the site rebuilds and is served.
  const second = await startPortal(await freePort());
  expect(second.log()).toMatch(/Site built in/);
  const home = await fetch(`${second.url}/`);
  expect(home.status).toBe(200);
  expect(await home.text()).toMatch(/<html lang="zh-CN"/);
  // The gateway answers from the reopened database.
  const stats = await fetch(`${second.url}/rest/v1/rpc/hall_topic_stats`, {
    method: 'POST', headers: { apikey: anonKey(), 'content-type': 'application/json', 'x-real-ip': '203.0.113.1' },
    body: JSON.stringify({ topic_id: fx.topicId }),
  });
  expect(stats.status).toBe(200);
  // Behind the trusted proxy, a call without the configured client header is refused, not
  // counted against a shared "unknown" client.
  const anonymous = await fetch(`${second.url}/rest/v1/rpc/hall_topic_stats`, {
    method: 'POST', headers: { apikey: anonKey(), 'content-type': 'application/json' }, body: JSON.stringify({ topic_id: fx.topicId }),
  });
  expect(anonymous.status).toBe(400);

  // The start log names the anon key and where the service key is kept, never the service key.
  const keys = JSON.parse(fs.readFileSync(path.join(dataDir, KEYS_FILE), 'utf8')) as { anon_key: string; service_role_key: string };
  expect(second.log()).toContain(keys.anon_key);
  expect(second.log()).toContain(`service_role key: kept in ${path.join(dataDir, KEYS_FILE)}`);
  expect(second.log()).not.toContain(keys.service_role_key);
  // The data folder is the owner's alone, and so is every file in it.
  expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  expect(fs.statSync(path.join(dataDir, KEYS_FILE)).mode & 0o777).toBe(0o600);
  second.child.kill('SIGTERM');
  expect(await exited(second.child)).toBe(0);

  const db = await openPglite(dataDir);
  try {
    const verified = await verifyLedger(db, fx, ledger, { complete: false, unanswered });
    expect(verified.problems).toEqual([]);
  } finally {
    await db.close();
  }
}, 600_000);
