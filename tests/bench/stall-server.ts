/**
 * The portal server for stall-bench.ts, in a process of its own (as `npm start` runs it), so that
 * the benchmark's clients do not share its thread. Argument: `thread` (PGlite in the request
 * thread), `worker` (PGlite in a worker thread, as npm start) or a Postgres URL. Prints one JSON
 * line {base, anonKey, topicId} when listening; ends on SIGTERM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { openPgliteInWorker } from '../../src/lib/db/pglite-thread.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import { keysFromSecret } from '../../src/lib/auth/gateway-keys.ts';
import { createPortalServer, listen } from '../../src/server/server.ts';

const mode = process.argv[2] ?? 'worker';
const db = mode === 'thread' ? await openPglite(undefined) : mode === 'worker' ? await openPgliteInWorker(undefined) : await openPostgres(mode);
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
console.log(JSON.stringify({ base, anonKey: keys.anonKey, topicId: topic!.id }));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  fs.rmSync(distDir, { recursive: true, force: true });
  void db.close().finally(() => process.exit(0));
});
