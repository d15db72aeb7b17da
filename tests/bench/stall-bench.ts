/**
 * Benchmark: can a few clients stall the portal for everyone else? The home page's median latency
 * while 4 clients send the largest bad bodies the gateway reads (each reaching SQL and refused
 * there, from a fresh address every call so that no rate limit cuts them short), against the same
 * page on the same idle server. Goal: ≤ 3×. The server runs in a process of its own
 * (stall-server.ts), with PGlite in its request thread (before) and in a worker thread (as
 * `npm start` serves now), and on Postgres when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set.
 *
 * Run alone: `tsx tests/bench/stall-bench.ts`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ATTACKERS = 4;
const SAMPLES = 300;
/** Just under the gateway's default body limit (16 KiB): read, parsed and sent to SQL. */
const BAD_BODY_BYTES = 16 * 1024 - 64;
const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stall-server.ts');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function pageLatencies(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { 'accept-encoding': 'br' } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`home page answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

interface Served {
  base: string;
  anonKey: string;
  topicId: number;
}

async function benchOne(label: string, mode: string, record: (name: string, value: string) => void): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, SERVER, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const served = await new Promise<Served>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as Served);
      });
      child.once('exit', (code) => reject(new Error(`stall-server.ts exited with ${code}`)));
    });
    const home = `${served.base}/`;
    await pageLatencies(home); // warm the compression cache and the JIT
    const idle = median(await pageLatencies(home));

    // Each bad body passes every gateway check and is refused by SQL (22001: the text is too long).
    const bad = JSON.stringify({ topic_id: served.topicId, body: '长'.repeat(Math.floor((BAD_BODY_BYTES - 40) / 3)) });
    let running = true;
    let sent = 0;
    const attackStarted = performance.now();
    const statuses = new Map<number, number>();
    const attackers = Array.from({ length: ATTACKERS }, async (_, a) => {
      while (running) {
        const response = await fetch(`${served.base}/rest/v1/rpc/submit_hall_opinion`, {
          method: 'POST',
          headers: { apikey: served.anonKey, 'content-type': 'application/json', 'x-real-ip': `198.18.${a}.${sent++ & 255}` },
          body: bad,
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const loaded = median(await pageLatencies(home));
    running = false;
    await Promise.all(attackers);
    const seconds = (performance.now() - attackStarted) / 1000;
    const ratio = loaded / idle;
    record(`stall, ${label}: home page median idle → under attack`,
      `${idle.toFixed(2)} ms → ${loaded.toFixed(2)} ms = ${ratio.toFixed(2)}× (goal ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'}); ` +
      `${ATTACKERS} clients sent ${Math.round(BAD_BODY_BYTES / 1024)} KiB bad bodies at ${Math.round(sent / seconds)} calls/s, ` +
      `answered ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}`);
  } finally {
    child.kill('SIGTERM');
  }
}

export async function benchStall(record: (name: string, value: string) => void): Promise<void> {
  await benchOne('PGlite in the request thread (before)', 'thread', record);
  await benchOne('PGlite in a worker thread (npm start)', 'worker', record);
  const pgUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  if (pgUrl) await benchOne('Postgres', pgUrl, record);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchStall((name, value) => console.log(`${name}: ${value}`));
}
