/**
 * Site builds at scale (issue #18): for the default demo city and a big one (six past years at
 * full scale), each in its own temporary folder, `npm run build` (src/cli/build.ts) three times:
 * cold (empty cache), warm (no data change) and after one staff change (a pending hall opinion
 * published with `gongshi opinions publish`). Each build runs as a child of this process while
 * the whole process tree it starts is sampled every 50 ms from /proc, for the peak memory of the
 * tree (the sum) and of each process; its CPU time is this process's cutime + cstime, which
 * counts every descendant that was waited for. Budgets: whole-tree peak ≤ 2.5 GiB, ≤ 3 CPU-ms
 * per page cold, a warm rebuild ≤ 15 % of the cold build's CPU. Linux only (/proc).
 * Standalone: `sh scripts/with-node.sh tsx tests/bench/build-scale-bench.ts [default|six-years]…`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCacheDir, ROOT } from '../../src/lib/site/build-site.ts';
import { openDb } from '../../src/lib/db/open.ts';
import { readConfig } from '../../src/lib/config.ts';

const MIB = 2 ** 20;
export const BUDGETS = {
  /** Every process of a build at once (the build's steps are sequential, so mostly one). */
  treePeakBytes: 2.5 * 1024 * MIB,
  /** A cold build's CPU time (all processes) per HTML page. */
  cpuMsPerPage: 3,
  /** A rebuild of unchanged data against the cold build's CPU time. */
  warmCpuShare: 0.15,
} as const;

/** A demo city to build: generateDemoCity's history options on top of DEFAULT_DEMO. */
export interface ScaleCity {
  name: string;
  pastYears?: number;
  pastScale?: number;
}

export const SCALE_CITIES: ScaleCity[] = [
  { name: 'default' },
  { name: 'six-years', pastYears: 6, pastScale: 1 },
];

export interface ScaleBenchOptions {
  cities?: ScaleCity[];
  log?: (line: string) => void;
}

/** The report `npm run build` writes with GONGSHI_BUILD_REPORT. */
interface BuildReport {
  pages: number;
  reused: number;
  phases: { name: string; seconds: number; cpuSeconds: number; maxRssBytes: number }[];
}

interface ProcessPeak {
  label: string;
  peakBytes: number;
  /** CPU seconds last seen, summed over the label's processes. */
  cpuSeconds: number;
  processes: number;
}

interface MeasuredBuild {
  report: BuildReport;
  wallSeconds: number;
  /** This process's cutime + cstime over the build: every process of the tree that its parent waited for. */
  waitedCpuSeconds: number;
  /** The kernel's part of waitedCpuSeconds. */
  waitedSystemSeconds: number;
  /** The per-process CPU time last seen by the sampler, summed: misses each process's last ≤ 50 ms, but not the processes nobody waited for. */
  sampledCpuSeconds: number;
  /** The larger of the two, both lower bounds of the tree's CPU time. */
  cpuSeconds: number;
  treePeakBytes: number;
  perProcess: ProcessPeak[];
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), from field 3 on. */
function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process is gone
  }
}

/** CPU seconds of the children this process has waited for (stat fields 16 and 17). */
function waitedChildrenCpuSeconds(): number {
  const fields = statFields('self')!;
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** The system (kernel) part of waitedChildrenCpuSeconds: creating tens of thousands of files costs more of it on some file systems than on others. */
function waitedChildrenSystemSeconds(): number {
  return Number(statFields('self')![14]) / CLOCK_TICKS;
}

/** The build step a process is, from its command line: the script it runs, else its program (undefined once it has ended). */
function labelOf(pid: number): string | undefined {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
  const script = args.slice(1).find((a) => !a.startsWith('-') && /\.(m?[jt]s)$/.test(a));
  const label = script ?? args[0];
  return label === undefined ? undefined : path.basename(label);
}

function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process with this pid and all its descendants now (this kernel has no /proc/…/children: parent ids from stat). */
function treeOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    if (!parent) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** Samples a process tree's memory every 50 ms until stopped. */
function watchTree(root: number) {
  let treePeakBytes = 0;
  const perPid = new Map<number, { label: string; peakBytes: number; cpuSeconds: number }>();
  const sample = () => {
    let sum = 0;
    for (const pid of treeOf(root)) {
      const rss = rssBytes(pid);
      const fields = statFields(pid);
      if (!fields) continue;
      sum += rss;
      const seen = perPid.get(pid) ?? { label: '?', peakBytes: 0, cpuSeconds: 0 };
      // Read each time: a process forked but not yet exec'd still shows its parent's command line
      // (an ended one, not yet reaped, shows none).
      seen.label = labelOf(pid) ?? seen.label;
      seen.peakBytes = Math.max(seen.peakBytes, rss);
      seen.cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
      perPid.set(pid, seen);
    }
    treePeakBytes = Math.max(treePeakBytes, sum);
  };
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      const byLabel = new Map<string, ProcessPeak>();
      for (const { label, peakBytes, cpuSeconds } of perPid.values()) {
        const peak = byLabel.get(label) ?? { label, peakBytes: 0, cpuSeconds: 0, processes: 0 };
        peak.peakBytes = Math.max(peak.peakBytes, peakBytes);
        peak.cpuSeconds += cpuSeconds;
        peak.processes++;
        byLabel.set(label, peak);
      }
      const sampledCpuSeconds = [...perPid.values()].reduce((total, p) => total + p.cpuSeconds, 0);
      return { treePeakBytes, sampledCpuSeconds, perProcess: [...byLabel.values()].sort((a, b) => b.peakBytes - a.peakBytes) };
    },
  };
}

/** Runs a child to its end, passing its output lines to log; rejects with its output's tail if it fails. */
function runChild(args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void, onStart: (pid: number) => void = () => undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) onStart(child.pid);
    let tail = '';
    const onData = (text: string) => {
      tail = (tail + text).slice(-4000);
      // Progress bars redraw with \r: show their last state only.
      for (const line of text.split('\n')) if (line.trim()) log(`    ${line.split('\r').at(-1)!.trim()}`);
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${args.filter((a) => !a.startsWith('-')).join(' ')} failed (${code ?? signal}):\n${tail}`)),
    );
  });
}

/**
 * Seeds the city into an empty PGlite folder in a child, as `npm run build` seeds an empty one
 * (prepareDatabase: migrate, load, keep the demo's participation open), with the city's history
 * options. A separate step, so that the cold build measures the build alone.
 */
async function seedCity(city: ScaleCity, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const url = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, file)).href);
  const script = `
    const { openDb } = await import(${url('src/lib/db/open.ts')});
    const { migrate } = await import(${url('src/lib/db/migrate.ts')});
    const { DEFAULT_DEMO, generateDemoCity } = await import(${url('src/lib/demo/generate.ts')});
    const { loadDemoCity } = await import(${url('src/lib/demo/load.ts')});
    const { keepDemoParticipationOpen } = await import(${url('src/lib/demo/live.ts')});
    const { progressReport } = await import(${url('src/lib/progress.ts')});
    const db = await openDb();
    await migrate(db);
    const city = generateDemoCity({ ...DEFAULT_DEMO, ...${JSON.stringify({ pastYears: city.pastYears, pastScale: city.pastScale })} });
    await loadDemoCity(db, city, progressReport('Seeding demo city'));
    await keepDemoParticipationOpen(db, DEFAULT_DEMO.asOf);
    console.log(city.targets.length + ' targets over ' + (city.pastYears + 1) + ' years, ' + city.progress_reports.length + ' progress reports');
    await db.close();`;
  await runChild(['--import', 'tsx', '--input-type=module', '--eval', script], env, log);
}

/** `npm run build` as a child, measured: its report, wall and CPU time, and its process tree's memory. */
async function measureBuildOnce(env: NodeJS.ProcessEnv, reportFile: string, log: (line: string) => void): Promise<MeasuredBuild> {
  fs.rmSync(reportFile, { force: true });
  const cpuBefore = waitedChildrenCpuSeconds();
  const systemBefore = waitedChildrenSystemSeconds();
  const started = performance.now();
  let watcher: ReturnType<typeof watchTree> | undefined;
  let tree: ReturnType<ReturnType<typeof watchTree>['stop']> | undefined;
  try {
    await runChild(['--import', 'tsx', path.join(ROOT, 'src/cli/build.ts')], { ...env, GONGSHI_BUILD_REPORT: reportFile }, log, (pid) => {
      watcher = watchTree(pid);
    });
  } finally {
    tree = watcher?.stop();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const waitedCpuSeconds = waitedChildrenCpuSeconds() - cpuBefore;
  const waitedSystemSeconds = waitedChildrenSystemSeconds() - systemBefore;
  const sampledCpuSeconds = tree?.sampledCpuSeconds ?? 0;
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as BuildReport;
  return {
    report,
    wallSeconds,
    waitedCpuSeconds,
    waitedSystemSeconds,
    sampledCpuSeconds,
    cpuSeconds: Math.max(waitedCpuSeconds, sampledCpuSeconds),
    treePeakBytes: tree?.treePeakBytes ?? 0,
    perProcess: tree?.perProcess ?? [],
  };
}

/**
 * measureBuildOnce, again (at most twice more) when the build failed on the project's own
 * .astro/ folder, which every build of this checkout shares: another build running at the same
 * time (another site, a test) can remove files this one reads. Any other failure fails the bench.
 */
async function measureBuild(env: NodeJS.ProcessEnv, reportFile: string, log: (line: string) => void): Promise<MeasuredBuild & { retriedAfter: string[] }> {
  const retriedAfter: string[] = [];
  for (;;) {
    try {
      return { ...(await measureBuildOnce(env, reportFile, log)), retriedAfter };
    } catch (error) {
      const message = (error as Error).message;
      const clash = new RegExp(`${path.join(ROOT, '.astro')}/\\S*`).exec(message)?.[0];
      if (!clash || retriedAfter.length >= 2) throw error;
      retriedAfter.push(`missing ${path.relative(ROOT, clash)}`);
      log(`  the build failed on the shared ${path.relative(ROOT, clash)} (another build of this checkout at the same time?): building again`);
    }
  }
}

function countHtml(site: string): number {
  const folder = fs.realpathSync(site);
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).length;
}

/** Each .html file of a built site and a digest of its bytes. */
function htmlDigests(site: string): Map<string, string> {
  const folder = fs.realpathSync(site);
  const digests = new Map<string, string>();
  for (const file of fs.readdirSync(folder, { recursive: true }) as string[]) {
    if (file.endsWith('.html')) digests.set(file, createHash('sha1').update(fs.readFileSync(path.join(folder, file))).digest('hex'));
  }
  return digests;
}

/** The pages whose HTML differs between two builds (or exists in one only), counted by section (first path segment, either language). */
function changedPages(before: Map<string, string>, after: Map<string, string>): { total: number; bySection: string } {
  const sections = new Map<string, number>();
  let total = 0;
  for (const file of new Set([...before.keys(), ...after.keys()])) {
    if (before.get(file) === after.get(file)) continue;
    total++;
    const section = file.replace(/^en\//, '').split('/')[0]!.replace(/\.html$/, '') || '/';
    sections.set(section, (sections.get(section) ?? 0) + 1);
  }
  const bySection = [...sections].sort((a, b) => b[1] - a[1]).map(([section, n]) => `${section} ${n}`).join(', ');
  return { total, bySection };
}

/** Astro's record of a site's last incremental build (as src/cli/astro-build.mjs reads it). */
type BuildManifest = { routes: Record<string, { dependencyHash: string; paths: Record<string, { cacheKey: string }> }> };

function readManifest(site: string): BuildManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(buildCacheDir(site), 'incremental-build.json'), 'utf8')) as BuildManifest;
  } catch {
    return undefined;
  }
}

/** The paths Astro rendered again (code or cache key changed), counted by route file. */
function reRenderedByRoute(before: BuildManifest | undefined, after: BuildManifest | undefined): string {
  const counts: string[] = [];
  for (const [component, route] of Object.entries(after?.routes ?? {})) {
    const previous = before?.routes[component];
    const n = Object.entries(route.paths).filter(
      ([pathname, entry]) => previous?.dependencyHash !== route.dependencyHash || previous.paths[pathname]?.cacheKey !== entry.cacheKey,
    ).length;
    if (n > 0) counts.push(`${component.replace(/^src\/pages\//, '')} ${n}`);
  }
  return counts.join(', ') || 'none';
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Whether a built page shows the opinion: its element and its text (as Astro escapes it). */
function pageShows(site: string, slug: string, opinion: { id: number; body: string }): { element: boolean; text: boolean } {
  const file = path.join(site, 'hall', slug, 'index.html');
  const html = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  // Astro may escape quotes as &#34; / &#39; or not at all: compare a quote-free stretch of the text.
  const stretch = opinion.body.split(/["'\n]/).reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 80);
  return { element: html.includes(`id="opinion-${opinion.id}"`), text: html.includes(escapeHtml(stretch)) };
}

const s = (seconds: number) => `${seconds.toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(0)} MiB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** One city: seed, cold build, warm rebuild, one staff change and its rebuild; every figure to record. */
async function benchCity(record: (name: string, value: string) => void, city: ScaleCity, log: (line: string) => void): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `gongshi-scale-${city.name}-`));
  const dist = path.join(tmp, 'dist');
  const env: NodeJS.ProcessEnv = { ...process.env, GONGSHI_DATA_DIR: path.join(tmp, 'data'), GONGSHI_DIST_DIR: dist, DATABASE_URL: '' };
  const reportFile = path.join(tmp, 'report.json');
  const name = (what: string) => `scale ${city.name}: ${what}`;
  try {
    log(`scale ${city.name}: seeding the demo city (past years ${city.pastYears ?? 'default'}, scale ${city.pastScale ?? 'default'}) into ${tmp}…`);
    const s0 = performance.now();
    await seedCity(city, env, log);
    record(name('seed (child process)'), s((performance.now() - s0) / 1000));

    /** What every build records: time, CPU, memory of the tree and of each process, the report's steps. */
    const recordBuild = (kind: string, build: MeasuredBuild & { retriedAfter: string[] }) => {
      record(name(`${kind} wall`), s(build.wallSeconds));
      record(name(`${kind} CPU (whole tree)`), `${build.cpuSeconds.toFixed(1)} CPU-s (waited-for ${build.waitedCpuSeconds.toFixed(1)}, of which system ${build.waitedSystemSeconds.toFixed(1)}; sampled ${build.sampledCpuSeconds.toFixed(1)})`);
      record(name(`${kind} reused`), `${build.report.reused} of ${build.report.pages} (re-rendered ${build.report.pages - build.report.reused})`);
      record(name(`${kind} peak RSS (whole tree)`), `${mib(build.treePeakBytes)}; budget ≤ ${mib(BUDGETS.treePeakBytes)}: ${verdict(build.treePeakBytes <= BUDGETS.treePeakBytes)}`);
      for (const p of build.perProcess) {
        record(name(`${kind} process ${p.label}`), `peak ${mib(p.peakBytes)}${p.processes > 1 ? ` (largest of ${p.processes})` : ''}, ${p.cpuSeconds.toFixed(1)} CPU-s sampled`);
      }
      for (const phase of build.report.phases) {
        record(name(`${kind} step ${phase.name} (report)`), `${s(phase.seconds)}, ${phase.cpuSeconds.toFixed(1)} CPU-s, peak ${mib(phase.maxRssBytes)}`);
      }
      if (build.retriedAfter.length > 0) record(name(`${kind} built again after`), build.retriedAfter.join('; '));
    };

    log(`scale ${city.name}: cold build (empty cache)…`);
    const cold = await measureBuild(env, reportFile, log);
    const html = countHtml(dist);
    const msPerPage = (cold.cpuSeconds * 1000) / html;
    record(name('cold pages'), `${html} .html files (report: ${cold.report.pages} pages and files)`);
    recordBuild('cold', cold);
    record(
      name('cold CPU per page'),
      `${msPerPage.toFixed(2)} ms per .html page (${((cold.cpuSeconds * 1000) / cold.report.pages).toFixed(2)} per report page); ` +
        `budget ≤ ${BUDGETS.cpuMsPerPage} ms: ${verdict(msPerPage <= BUDGETS.cpuMsPerPage)}`,
    );

    log(`scale ${city.name}: warm rebuild, no data change…`);
    const warm = await measureBuild(env, reportFile, log);
    const share = warm.cpuSeconds / cold.cpuSeconds;
    recordBuild('warm', warm);
    record(name('warm CPU share of cold'), `${(share * 100).toFixed(1)} %; budget ≤ ${BUDGETS.warmCpuShare * 100} %: ${verdict(share <= BUDGETS.warmCpuShare)}`);

    // One public fact changes as staff change it: a pending opinion published with the CLI.
    const db = await openDb(readConfig(env));
    const [opinion] = await db.query<{ id: number; slug: string; body: string }>(
      `select o.id::int, t.slug, o.body from public.hall_opinions o join public.hall_topics t on t.id = o.topic_id
       where o.status = 'pending' order by o.id limit 1`,
    );
    await db.close();
    if (!opinion) throw new Error(`the ${city.name} demo city has no pending hall opinion`);
    const before = pageShows(dist, opinion.slug, opinion);
    if (before.element) throw new Error(`hall/${opinion.slug}/ shows opinion ${opinion.id} before it was published`);
    log(`scale ${city.name}: gongshi opinions publish ${opinion.id} (topic ${opinion.slug}), then a build…`);
    const pagesBefore = htmlDigests(dist);
    const manifestBefore = readManifest(dist);
    const c0 = performance.now();
    await runChild(['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'opinions', 'publish', String(opinion.id)], env, log);
    record(name('change: staff CLI publish (process)'), s((performance.now() - c0) / 1000));
    const changed = await measureBuild(env, reportFile, log);
    const after = pageShows(dist, opinion.slug, opinion);
    recordBuild('change', changed);
    record(name('change re-rendered by route'), reRenderedByRoute(manifestBefore, readManifest(dist)));
    const differ = changedPages(pagesBefore, htmlDigests(dist));
    record(name('change .html pages that differ'), `${differ.total}: ${differ.bySection}`);
    record(name('change CPU share of cold'), `${((changed.cpuSeconds / cold.cpuSeconds) * 100).toFixed(1)} %`);
    record(
      name(`change: hall/${opinion.slug}/ shows opinion ${opinion.id}`),
      `${verdict(after.element && after.text)} (element ${after.element ? 'yes' : 'no'}, text ${after.text ? 'yes' : 'no'})`,
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The `scale` section of `npm run bench`. */
export async function benchBuildScale(record: (name: string, value: string) => void, options: ScaleBenchOptions = {}): Promise<void> {
  const log = options.log ?? console.log;
  for (const city of options.cities ?? SCALE_CITIES) await benchCity(record, city, log);
}

if (import.meta.filename === process.argv[1]) {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const cities = names.length > 0 ? SCALE_CITIES.filter((c) => names.includes(c.name)) : SCALE_CITIES;
  const results: [string, string][] = [];
  await benchBuildScale((name, value) => {
    results.push([name, value]);
    console.log(`${name}: ${value}`);
  }, { cities });
  console.log('\nSummary');
  console.table(Object.fromEntries(results));
}
