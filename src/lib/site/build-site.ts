/**
 * Prepares the database and builds the static site in this process: migrate, load the demo
 * city into an empty embedded database, then `astro build` (whose loaders reuse this process's
 * database, so a PGlite folder is never opened twice).
 */
import path from 'node:path';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';
import { countUnits, loadDemoCity } from '../demo/load.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../demo/generate.ts';
import { progressBar, type Progress } from '../../cli/progress.ts';
import { loadGatewayKeys } from '../../server/gateway/keys.ts';

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
  let bar: Progress | undefined;
  await loadDemoCity(db, generateDemoCity(DEFAULT_DEMO), {
    start: (total) => (bar = progressBar('Seeding demo city', total)),
    tick: (n) => bar?.tick(n),
    done: () => bar?.done(),
  });
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

/** Builds the site into outDir (default dist/), then its search index. */
export async function buildSite(outDir = DIST_DIR): Promise<{ seconds: number }> {
  process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
  await setIslandEnv();
  const { build } = await import('astro');
  const started = Date.now();
  await build({ root: ROOT, outDir, logLevel: 'warn' });
  await buildSearchIndex(outDir);
  return { seconds: (Date.now() - started) / 1000 };
}
