/**
 * Benchmark: can a few clients stall the portal for everyone else? The home page's median latency
 * while 4 clients send the largest bad bodies the gateway reads (each reaching SQL and refused
 * there, from a fresh address every call so that no rate limit cuts them short), against the same
 * page on an idle server, measured side by side. Goal: ≤ 3×. On PGlite (in the server's process,
 * as `npm start` runs it), and on Postgres when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set.
 *
 * Run alone: `tsx tests/bench/stall-bench.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { keysFromSecret } from '../../src/server/gateway/keys.ts';
import { createPortalServer, listen } from '../../src/server/server.ts';

const ATTACKERS = 4;
const SAMPLES = 300;
/** Just under the gateway's default body limit (16 KiB): read, parsed and sent to SQL. */
const BAD_BODY_BYTES = 16 * 1024 - 64;

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

async function benchOne(label: string, db: Db, record: (name: string, value: string) => void): Promise<void> {
  await migrate(db);
  const [topic] = await db.transaction(async (tx) => {
    await tx.query(`insert into public.units (code, name, kind, sector) values ('STALL', '压力测试局', 'municipal_unit', 'economy') on conflict do nothing`);
    return tx.query<{ id: number }>(
      `insert into public.hall_topics (slug, unit_id, title, description, opens_at)
       select 'stall-topic-' || floor(random() * 1e9)::int, id, '压力测试话题', '用于测量拖慢。', now() - interval '1 day'
       from public.units where code = 'STALL' returning id::int`,
    );
  });
  const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-stall-'));
  // A home page of the demo city's size (about 60 KB of HTML).
  fs.writeFileSync(path.join(distDir, 'index.html'), `<!doctype html><title>首页</title>${'<li><a href="/units/M001/">市发展和改革委员会</a> 目标 42 项</li>'.repeat(700)}`);
  const keys = await keysFromSecret('stall-bench-secret-of-at-least-32-characters', 'bench');
  const server = createPortalServer({ distDir, db, keys, gateway: { trustProxy: true, logError: () => undefined }, logError: () => undefined });
  const base = (await listen(server, 0)).replace(/\/$/, '');
  try {
    await pageLatencies(`${base}/`); // warm the compression cache and the JIT
    const idle = median(await pageLatencies(`${base}/`));

    // Each bad body passes every gateway check and is refused by SQL (22001: the text is too long).
    const bad = JSON.stringify({ topic_id: topic!.id, body: '长'.repeat(Math.floor((BAD_BODY_BYTES - 40) / 3)) });
    let running = true;
    let sent = 0;
    const statuses = new Map<number, number>();
    const attackers = Array.from({ length: ATTACKERS }, async (_, a) => {
      while (running) {
        const response = await fetch(`${base}/rest/v1/rpc/submit_hall_opinion`, {
          method: 'POST',
          headers: { apikey: keys.anonKey, 'content-type': 'application/json', 'x-real-ip': `198.18.${a}.${sent++ & 255}` },
          body: bad,
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    const loaded = median(await pageLatencies(`${base}/`));
    const seconds = (performance.now() - started) / 1000;
    running = false;
    await Promise.all(attackers);
    const ratio = loaded / idle;
    record(`${label} home page median, idle`, `${idle.toFixed(2)} ms`);
    record(`${label} home page median, ${ATTACKERS} clients sending ${Math.round(BAD_BODY_BYTES / 1024)} KiB bad bodies`,
      `${loaded.toFixed(2)} ms (${ratio.toFixed(2)}× idle; goal ≤ 3×${ratio <= 3 ? ', met' : ', NOT met'}); ` +
      `the attackers got ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')} (${Math.round(sent / seconds)} calls/s)`);
  } finally {
    server.close();
    server.closeAllConnections();
    fs.rmSync(distDir, { recursive: true, force: true });
  }
}

export async function benchStall(record: (name: string, value: string) => void): Promise<void> {
  const pglite = await openPglite(undefined);
  try {
    await benchOne('stall, PGlite', pglite, record);
  } finally {
    await pglite.close();
  }
  const pgUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  if (pgUrl) {
    const admin = await openPostgres(pgUrl, { max: 1 });
    const name = `gongshi_stall_${process.pid}`;
    await admin.exec(`create database ${name}`);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.href);
    try {
      await benchOne('stall, Postgres', db, record);
    } finally {
      await db.close();
      await admin.exec(`drop database ${name}`);
      await admin.close();
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchStall((name, value) => console.log(`${name}: ${value}`));
}
