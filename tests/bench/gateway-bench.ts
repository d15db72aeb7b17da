/**
 * Benchmark: opinions submitted per second through the local gateway (supabase-js over HTTP,
 * bounded concurrency) against the same RPC called directly over the Db port (the same role,
 * claims and headers in one transaction per call), and their ratio — the gateway's overhead.
 * On PGlite, and on Postgres when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set.
 *
 * Run alone: `tsx tests/bench/gateway-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { createClient } from '@supabase/supabase-js';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { startTestPortal } from '../db/test-portal.ts';

const CONCURRENCY = 8;

/** Runs `total` tasks, at most `limit` at a time; resolves with the seconds taken. */
async function timed(total: number, limit: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < total) await task(next++);
  }));
  return (performance.now() - started) / 1000;
}

/** A client address per call: rate limits count per address, and these calls come from many. */
const address = (i: number) => `198.18.${(i >> 8) & 255}.${i & 255}`;

async function benchOne(label: string, db: Db, calls: number, record: (name: string, value: string) => void): Promise<void> {
  await migrate(db);
  const [topic] = await db.transaction(async (tx) => {
    await tx.query(`insert into public.assessment_years (year, status) values (2026, 'active') on conflict do nothing`);
    await tx.query(`insert into public.units (code, name, kind, sector) values ('BENCH', '基准测试局', 'municipal_unit', 'economy') on conflict do nothing`);
    // The benchmark measures throughput, not the limits: lift them for this database.
    await tx.query(`update private.rate_limits set max_calls = 1000000000`);
    return tx.query<{ id: number }>(
      `insert into public.hall_topics (slug, unit_id, title, description, opens_at)
       select 'bench-topic-' || floor(random() * 1e9)::int, id, '基准测试话题', '用于测量吞吐量。', now() - interval '1 day'
       from public.units where code = 'BENCH' returning id::int`,
    );
  });
  const topicId = topic!.id;
  const body = (i: number) => `基准测试意见第${i}条：建议增加公共自行车停放点。`;

  const portal = await startTestPortal(db, { trustProxy: true, logError: () => undefined });
  const supabase = createClient(portal.base, portal.keys.anonKey, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } });
  try {
    const viaGateway = async (i: number) => {
      const response = await supabase
        .rpc('submit_hall_opinion', { topic_id: topicId, body: body(i) })
        .setHeader('x-real-ip', address(i));
      if (response.error) throw new Error(`gateway call ${i}: ${response.error.code} ${response.error.message}`);
    };
    const direct = async (i: number) => {
      await db.asRole(
        'anon',
        (tx) => tx.query(`select public.submit_hall_opinion(topic_id => $1, body => $2)`, [topicId, body(i)]),
        { claims: { role: 'anon', iss: 'gongshi' }, headers: { 'x-forwarded-for': address(i), 'content-type': 'application/json' } },
      );
    };
    // Warm up both paths (JIT, plan caches, connections), then measure them one after the other.
    await timed(Math.min(50, calls), CONCURRENCY, (i) => viaGateway(calls * 2 + i));
    await timed(Math.min(50, calls), CONCURRENCY, (i) => direct(calls * 3 + i));
    const gatewaySeconds = await timed(calls, CONCURRENCY, viaGateway);
    const directSeconds = await timed(calls, CONCURRENCY, (i) => direct(calls + i));
    const gatewayRate = calls / gatewaySeconds;
    const directRate = calls / directSeconds;
    record(`${label} gateway submissions/s (supabase-js, ${CONCURRENCY} concurrent, ${calls} calls)`, gatewayRate.toFixed(0));
    record(`${label} direct submissions/s (Db port, ${CONCURRENCY} concurrent, ${calls} calls)`, directRate.toFixed(0));
    record(`${label} gateway / direct throughput`, (gatewayRate / directRate).toFixed(2));
  } finally {
    portal.close();
  }
}

export async function benchGateway(record: (name: string, value: string) => void): Promise<void> {
  const pglite = await openPglite(undefined);
  try {
    await benchOne('PGlite', pglite, 400, record);
  } finally {
    await pglite.close();
  }
  const url = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  if (!url) return;
  const admin = await openPostgres(url, { max: 1 });
  const name = `gongshi_bench_gw_${process.pid}`;
  await admin.exec(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openPostgres(target.href, { max: CONCURRENCY });
  try {
    await benchOne('Postgres', db, 2000, record);
  } finally {
    await db.close();
    await admin.exec(`drop database ${name} with (force)`);
    await admin.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchGateway((name, value) => console.log(`${name}: ${value}`));
}
