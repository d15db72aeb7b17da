/**
 * Prepares the database and builds the static site in this process: migrate, load the demo
 * city into an empty embedded database, then `astro build` (whose loaders reuse this process's
 * database, so a PGlite folder is never opened twice).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';
import { countUnits, loadDemoCity } from '../demo/load.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../demo/generate.ts';
import { keepDemoParticipationOpen } from '../demo/live.ts';
import { progressReport } from '../progress.ts';
import { loadGatewayKeys } from '../auth/gateway-keys.ts';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Where the site is built and served from: dist/, or GONGSHI_DIST_DIR (so parallel test runs don't collide). */
export const DIST_DIR = path.resolve(ROOT, process.env['GONGSHI_DIST_DIR']?.trim() || 'dist');

export async function prepareDatabase(db: Db, log: (line: string) => void): Promise<void> {
  const result = await migrate(db);
  if (result.applied.length > 0) log(`Applied ${result.applied.length} migration(s).`);
  if ((await countUnits(db)) > 0) return;
  if (db.kind !== 'pglite') {
    log('The database has no units yet. Load data with "npm run gongshi -- import …" or the demo city with "npm run gongshi -- seed --demo".');
    return;
  }
  log('Empty embedded database: loading the demo city of Chenglan (fictional).');
  await loadDemoCity(db, generateDemoCity(DEFAULT_DEMO), progressReport('Seeding demo city'));
  const kept = await keepDemoParticipationOpen(db, DEFAULT_DEMO.asOf);
  if (kept.days > 0) {
    log(`The demo is as of ${DEFAULT_DEMO.asOf}; its ${kept.hearings} open hearings, ${kept.surveys} open surveys and ` +
      `${kept.topics} closing topics stay open: their windows close ${kept.days} days later.`);
  }
}

/** Pagefind's index of the built pages (one per language, from each page's lang). */
async function buildSearchIndex(outDir: string): Promise<void> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: outDir });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await pagefind.close();
}

/**
 * Where the islands send their RPCs: PUBLIC_SUPABASE_URL / PUBLIC_SUPABASE_ANON_KEY when set
 * (Supabase); otherwise the page's own origin (the local gateway), whose anon key the build needs.
 */
export async function setIslandEnv(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env['PUBLIC_SUPABASE_URL']?.trim() || env['PUBLIC_SUPABASE_ANON_KEY']?.trim()) return;
  env['PUBLIC_SUPABASE_ANON_KEY'] = (await loadGatewayKeys()).anonKey;
}

export interface BuildResult {
  seconds: number;
  /** Peak memory of the process that rendered the pages. */
  renderMaxRssBytes: number;
}

/**
 * Builds the site into outDir (default dist/), then its search index, in two steps: the content
 * loaders run here, in the process that holds the database, and save what they read; the pages are
 * rendered by a child process from that snapshot, so the database's memory never adds to Astro's.
 */
export async function buildSite(outDir = DIST_DIR): Promise<BuildResult> {
  process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
  await setIslandEnv();
  const started = Date.now();
  const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-snapshot-'));
  const { sync } = await import('astro');
  process.env['GONGSHI_SNAPSHOT_DIR'] = snapshotDir;
  process.env['GONGSHI_SNAPSHOT'] = 'write';
  try {
    await sync({ root: ROOT, logLevel: 'warn' });
  } finally {
    delete process.env['GONGSHI_SNAPSHOT'];
  }
  const child = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/astro-build.mjs'), outDir], {
    cwd: ROOT,
    env: { ...process.env, GONGSHI_SNAPSHOT: 'read', GONGSHI_SNAPSHOT_DIR: snapshotDir },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  delete process.env['GONGSHI_SNAPSHOT_DIR'];
  fs.rmSync(snapshotDir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`astro build failed (exit code ${child.status ?? child.signal}).`);
  const lines = child.stdout.trim().split('\n');
  for (const line of lines.slice(0, -1)) console.log(line);
  const measured = JSON.parse(lines.at(-1) ?? '{}') as { maxRssBytes?: number };
  await buildSearchIndex(outDir);
  return { seconds: (Date.now() - started) / 1000, renderMaxRssBytes: measured.maxRssBytes ?? 0 };
}
