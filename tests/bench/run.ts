/**
 * `npm run bench [-- section …]`: measured side by side in one run, so ratios hold on a noisy
 * shared machine. Sections (all by default): seed, build (time, pages/s, peak memory, ratio to an
 * empty Astro build of as many pages), site (JS and HTML bytes against the budgets), opendata,
 * import, sheets (peak memory reading a workbook and zip bombs), gateway, stall (a page's latency
 * while clients send bad RPC bodies), assessment, publish (one staff change beside a running
 * `npm start` to the page served with it, with a request loop counting failures meanwhile),
 * lighthouse (mobile performance of /commitments/, a target page and a hearing page, median of 3),
 * scale (cold, warm and one-change builds of the default city and a six-year one: CPU per page,
 * the build's whole process tree's peak memory, against issue #18's budgets; the longest section).
 * Postgres is measured too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';
import { ROOT, type BuildResult } from '../../src/lib/site/build-site.ts';
import { writeEmptySite } from './empty-site.ts';
import { benchSite } from './site-bench.ts';
import { benchOpenData } from './opendata-bench.ts';
import { benchImport } from './import-bench.ts';
import { benchGateway } from './gateway-bench.ts';
import { benchStall } from './stall-bench.ts';
import { benchSheetMemory } from './sheet-memory-bench.ts';
import { benchAssessment } from './assessment-bench.ts';
import { benchLivePublish } from './publish-bench.ts';
import { benchLighthouse } from './lighthouse-bench.ts';
import { benchBuildScale } from './build-scale-bench.ts';

const SECTIONS = ['seed', 'build', 'site', 'opendata', 'import', 'sheets', 'gateway', 'stall', 'assessment', 'publish', 'lighthouse', 'scale'] as const;
const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((a) => !(SECTIONS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const wants = (section: (typeof SECTIONS)[number]) => asked.length === 0 || asked.includes(section);

const results: [string, string][] = [];
const record = (name: string, value: string) => {
  results.push([name, value]);
  console.log(`${name}: ${value}`);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-bench-'));

async function timeSeed(label: string, db: Db): Promise<void> {
  const t0 = performance.now();
  await migrate(db);
  const t1 = performance.now();
  const city = generateDemoCity(DEFAULT_DEMO);
  const t2 = performance.now();
  await loadDemoCity(db, city);
  const t3 = performance.now();
  const rows =
    city.targets.length + city.progress_reports.length + city.target_baselines.length + city.supervision_records.length;
  record(`${label} migrate`, seconds(t1 - t0));
  record(`${label} demo generate`, seconds(t2 - t1));
  record(`${label} demo load`, `${seconds(t3 - t2)} (${Math.round(rows / ((t3 - t2) / 1000))} rows/s)`);
}

// 1. Seeding the demo city.
const dataDir = path.join(tmp, 'data');
{
  const db = await openPglite(dataDir);
  await timeSeed('PGlite', db);
  await db.close();
}
const pgUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
if (pgUrl) {
  const admin = await openPostgres(pgUrl, { max: 1 });
  const name = `gongshi_bench_${process.pid}`;
  await admin.exec(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.href);
  try {
    await timeSeed('Postgres', db);
  } finally {
    await db.close();
    await admin.exec(`drop database ${name}`);
    await admin.close();
  }
}

const outDir = path.join(tmp, 'dist');
const needsBuild = wants('build') || wants('site') || wants('opendata') || wants('lighthouse');
if (needsBuild) {
  // 2. Building the site from the seeded embedded database (in a child, to measure its peak memory).
  const t0 = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/bench/build-child.ts')], {
    cwd: ROOT,
    env: { ...process.env, GONGSHI_DATA_DIR: dataDir, OUT_DIR: outDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  const buildMs = performance.now() - t0;
  if (child.status !== 0) throw new Error(`site build failed:\n${child.stderr}`);
  const measured = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as BuildResult;
  const pages = (fs.readdirSync(outDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).length;
  record('site pages', String(pages));
  record('site build (three steps)', seconds(measured.seconds * 1000));
  record('site build (process, incl. startup)', seconds(buildMs));
  record('pages per second', (pages / measured.seconds).toFixed(1));
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  for (const phase of measured.phases) {
    record(`build step ${phase.name}`, `${phase.seconds.toFixed(1)} s, ${phase.cpuSeconds.toFixed(1)} CPU-s, peak ${mib(phase.maxRssBytes)} MiB`);
  }

  // 3. The yardstick: an empty Astro build of the same number of trivial pages.
  const emptyDir = path.join(ROOT, '.bench-empty-site');
  writeEmptySite(emptyDir, pages);
  const e0 = performance.now();
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', emptyDir, '--silent'],
    {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
    },
  );
  const emptyMs = performance.now() - e0;
  fs.rmSync(emptyDir, { recursive: true, force: true });
  record('empty Astro build, same page count (process)', seconds(emptyMs));
  record('build ratio (demo site / empty site, whole processes)', (buildMs / emptyMs).toFixed(2));
  if (wants('site')) await benchSite(record, outDir);
  if (wants('opendata')) await benchOpenData(record, outDir);
  // The gateway on the seeded database answers the islands' live calls, as under `npm start`.
  if (wants('lighthouse')) await benchLighthouse(record, outDir, { dataDir });
}
if (wants('import')) await benchImport(record);
if (wants('sheets')) await benchSheetMemory(record);
if (wants('gateway')) await benchGateway(record);
if (wants('stall')) await benchStall(record);
if (wants('assessment')) await benchAssessment(record, pgUrl);
if (wants('publish')) await benchLivePublish(record);
if (wants('scale')) await benchBuildScale(record);

fs.rmSync(tmp, { recursive: true, force: true });
console.log('\nSummary');
console.table(Object.fromEntries(results));
