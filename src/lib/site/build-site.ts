/**
 * Prepares the database (migrate; the demo city into an empty embedded one) and builds the static
 * site in three child processes, one step each: load, render and index.
 */
import { spawn } from 'node:child_process';
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
import { buildInputsDigest, linkTree, readLastBuild } from './build-inputs.ts';
import { withLockFile } from './lock-file.ts';

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

/**
 * Where the islands send their RPCs: PUBLIC_SUPABASE_URL / PUBLIC_SUPABASE_ANON_KEY when set
 * (Supabase); otherwise the page's own origin (the local gateway), whose anon key the build needs.
 */
export async function setIslandEnv(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (env['PUBLIC_SUPABASE_URL']?.trim() || env['PUBLIC_SUPABASE_ANON_KEY']?.trim()) return;
  env['PUBLIC_SUPABASE_ANON_KEY'] = (await loadGatewayKeys()).anonKey;
}

/** One step of a build, each its own process that has ended before the next one starts. */
export interface BuildPhase {
  name: 'load' | 'render' | 'index';
  seconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
}

export interface BuildResult {
  seconds: number;
  /** Peak memory of the process that rendered the pages. */
  renderMaxRssBytes: number;
  /** Pages and files written, and how many of them Astro's incremental build kept from the last build. */
  pages: number;
  reused: number;
  /** The digest of what the build read (build-inputs.ts), recorded once the build is switched in. */
  inputs: string;
  phases: BuildPhase[];
}

/**
 * Where Astro keeps a site's incremental-build cache (the last build's pages and their cache
 * keys): beside the site folder, one per site, so parallel sites (tests) never share one.
 */
export function buildCacheDir(site = DIST_DIR): string {
  return path.join(path.dirname(site), `.${path.basename(site).replace(/^\./, '')}-cache`);
}

/**
 * The render process's old-space cap (MiB): a build that outgrows it fails instead of swapping the
 * machine, and below it V8 collects sooner. A cold render of six past years (63,807 files) needs
 * under 1,152 (measured); at 1,536 it peaked at 2.17 GB of memory in all, at 2,048 at 2.45 GB,
 * in the same CPU time. GONGSHI_BUILD_HEAP_MB raises it for a larger city.
 */
const RENDER_HEAP_MB = Number(process.env['GONGSHI_BUILD_HEAP_MB'] ?? 1536);

/**
 * Runs one phase of a build as a child process and returns its measurements, which the child
 * prints as JSON on its last line of output (every line before it is passed on). Asynchronous on
 * purpose: the portal that asks for a build serves the load step its database meanwhile.
 */
function runPhase(name: BuildPhase['name'], args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void = console.log): Promise<BuildPhase & Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    let last = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (last) onLine(last);
        last = line;
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (pending) {
        if (last) onLine(last);
        last = pending;
      }
      if (code !== 0) return reject(new Error(`the ${name} step of the site build failed (exit ${code ?? signal}).`));
      const measured = JSON.parse(last || '{}') as { cpuSeconds?: number; maxRssBytes?: number };
      resolve({ ...measured, name, seconds: (Date.now() - started) / 1000, cpuSeconds: measured.cpuSeconds ?? 0, maxRssBytes: measured.maxRssBytes ?? 0 });
    });
  });
}

export interface BuildOptions {
  /** The site (link) this build is for: its cache is the incremental one (default dist/). */
  site?: string;
  /** Where the steps' output lines go. */
  log?: (line: string) => void;
}

/**
 * Builds the site into the empty folder outDir in three processes, one after the other, so their
 * memory never adds up: `load` prepares the database and runs every collection's read (the only
 * step that reads it), saving what they read; `render` renders the pages from that snapshot with
 * Astro, which keeps every page whose cache key is unchanged since the last build (cache-keys.ts);
 * `index` builds the search index, keeping unchanged shards. When nothing the build reads has
 * changed since the site's last published build, that build is linked into outDir instead
 * (build-inputs.ts; the publisher records it).
 * The caller must not hold a PGlite folder open (a running portal serves it on its staff socket).
 */
export async function buildSite(outDir = DIST_DIR, options: BuildOptions = {}): Promise<BuildResult> {
  const { site = DIST_DIR, log = (line: string) => console.log(line) } = options;
  await setIslandEnv();
  const started = Date.now();
  const cacheDir = buildCacheDir(site);
  const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-snapshot-'));
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', GONGSHI_SNAPSHOT_DIR: snapshotDir, GONGSHI_BUILD_CACHE_DIR: cacheDir };
  const tsx = ['--import', 'tsx'];
  const measured = (phase: BuildPhase): BuildPhase => ({ name: phase.name, seconds: phase.seconds, cpuSeconds: phase.cpuSeconds, maxRssBytes: phase.maxRssBytes });
  try {
    const load = await runPhase('load', [...tsx, path.join(ROOT, 'src/cli/build-load.ts')], env, log);
    const inputs = buildInputsDigest(ROOT, snapshotDir);
    const last = readLastBuild(cacheDir);
    if (last?.inputs === inputs && last.folder !== outDir && fs.existsSync(last.folder)) {
      linkTree(last.folder, outDir);
      log(`Nothing the site shows has changed since the last build: its ${last.pages} pages are kept as they are.`);
      return { seconds: (Date.now() - started) / 1000, renderMaxRssBytes: 0, pages: last.pages, reused: last.pages, inputs, phases: [measured(load)] };
    }
    // Astro renders a site built outside the project through <project>/.astro/.prerender/, which it
    // empties after each build: one render at a time per project, whichever site it is for.
    fs.mkdirSync(path.join(ROOT, '.astro'), { recursive: true });
    const render = await withLockFile(path.join(ROOT, '.astro', 'render.lock'), 'the render step of a site build', () =>
      runPhase('render', [`--max-old-space-size=${RENDER_HEAP_MB}`, path.join(ROOT, 'src/cli/astro-build.mjs'), outDir], env, log),
    log);
    const index = await runPhase('index', [...tsx, path.join(ROOT, 'src/cli/build-index.ts'), outDir], env, log);
    const pages = Number(render['pages'] ?? 0);
    return {
      seconds: (Date.now() - started) / 1000,
      renderMaxRssBytes: render.maxRssBytes,
      pages,
      reused: Number(render['reused'] ?? 0),
      inputs,
      phases: [load, render, index].map(measured),
    };
  } finally {
    fs.rmSync(snapshotDir, { recursive: true, force: true });
  }
}
