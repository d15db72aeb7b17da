/**
 * Two builds of the same data are byte-identical, and incremental builds keep that: a page kept
 * from the last build must be the very page a cold build would write. On one small demo city:
 * a cold build; a warm build of the same data (every page kept, same bytes); a change made through
 * the staff CLI (a pending hall opinion published) and an incremental build; then a cold build of
 * the changed data into another site with its own cache, which must match the incremental one
 * file for file. A page whose cache key misses something it shows stays stale in the incremental
 * build and differs here. Runs `npm run build`'s program as a child process, as staff do.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO } from '../../src/lib/demo/generate.ts';
import { describeDifference, diffTrees, hashTree, sameTree } from './fixtures/tree-diff.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-determinism-'));
const dataDir = path.join(dir, 'data');
const siteA = path.join(dir, 'siteA');
const siteB = path.join(dir, 'siteB');
const siteC = path.join(dir, 'siteC');
/**
 * Pages show whether a survey, topic or hearing is open as of the build's clock: a build two
 * months after the demo's "today", with no data changed since one on that day, must match a cold
 * build two months later (lib/site/clock-state.ts keys those pages by the clock).
 */
const DEMO_DAY = `${DEFAULT_DEMO.asOf}T12:00:00Z`;
const TWO_MONTHS_LATER = new Date(Date.parse(DEMO_DAY) + 60 * 86_400_000).toISOString();
/** A cold build of this city takes about 1.5 min on a 2-core machine, a warm one about half a minute. */
const BUILD_TIMEOUT_MS = 360_000;

const env = { ...process.env, GONGSHI_DATA_DIR: dataDir, DATABASE_URL: '', USER: 'tester', GONGSHI_BUILD_INTO: '' };

function gongshi(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', env });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

interface Built {
  pages: number;
  reused: number;
  /** The build folder the site link points at after the build. */
  folder: string;
  seconds: number;
}

let buildCount = 0;

/** Runs a build with its clock starting at `instant` (fixtures/build-clock.mjs). */
const clockAt = (instant: string) => ({
  GONGSHI_TEST_CLOCK: instant,
  NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${path.join(import.meta.dirname, 'fixtures/build-clock.mjs')}`.trim(),
});

/** `npm run build` into the site link `site`: a fresh build folder, switched in when complete. */
function build(site: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Built> {
  const report = path.join(dir, `report-${++buildCount}.json`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/build.ts')], {
      cwd: root, env: { ...env, ...extraEnv, GONGSHI_DIST_DIR: site, GONGSHI_BUILD_REPORT: report }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (log += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (log += text));
    const timer = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS - 5_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`build of ${site} failed (exit ${code ?? signal}):\n${log.slice(-4000)}`));
      const { pages, reused, phases } = JSON.parse(fs.readFileSync(report, 'utf8')) as { pages: number; reused: number; phases: { name: string }[] };
      const seconds = (Date.now() - started) / 1000;
      // Only a `load` phase: nothing had changed, and the last build was linked in whole.
      console.log(`build ${buildCount} (${path.basename(site)}): ${pages} pages, ${reused} kept, ${seconds.toFixed(1)}s (${phases.map((p) => p.name).join(', ')})`);
      resolve({ pages, reused, folder: fs.realpathSync(site), seconds });
    });
  });
}

/** Asserts two build folders hold the same files with the same bytes, with a readable report if not. */
function expectSameTree(a: string, b: string, labelA: string, labelB: string): void {
  const difference = diffTrees(hashTree(a), hashTree(b));
  expect(sameTree(difference), describeDifference(difference, a, b, labelA, labelB)).toBe(true);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let failed = false;
let first: Built;
let changed: { id: string; topic: string; text: string };

beforeAll(() => {
  // The smallest city that still has every kind of page: one past year, a twentieth of its targets.
  const seeded = gongshi('seed', '--demo', '--past-years', '1', '--past-scale', '0.05');
  expect(seeded.code, seeded.err).toBe(0);
}, 180_000);

afterEach((context) => {
  if (context.task.result?.state === 'fail') failed = true;
});

afterAll(() => {
  // A failed comparison leaves both trees for a look (the path is in the message).
  if (failed) console.log(`build-determinism: builds kept in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
});

describe('site builds are deterministic', () => {
  it('a warm build of the same data keeps every page and writes the same bytes', async () => {
    first = await build(siteA);
    expect(first.reused).toBe(0);
    const warm = await build(siteA);
    expect(warm.folder).not.toBe(first.folder);
    expect(warm.pages).toBe(first.pages);
    expect(warm.reused, 'every page kept from the last build').toBe(warm.pages);
    expectSameTree(first.folder, warm.folder, 'cold build', 'warm build');
  }, 2 * BUILD_TIMEOUT_MS);

  it('publishing an opinion re-renders a few pages, and the result is what a cold build writes', async () => {
    const pending = gongshi('opinions', 'list', '--status', 'pending');
    expect(pending.code, pending.err).toBe(0);
    // The oldest pending opinion: "id  topic  status  submitted  name  opinion" (the text cut at 60).
    const row = /^\s*(\d+)\s+(\S+)\s+pending\s+\S+ \S+\s+\S+\s+(.+?)\s*$/m.exec(pending.out);
    expect(row, pending.out).not.toBeNull();
    changed = { id: row![1]!, topic: row![2]!, text: row![3]!.replace(/…$/, '') };
    const topicPages = [`hall/${changed.topic}/index.html`, `en/hall/${changed.topic}/index.html`];
    for (const page of topicPages) {
      expect(fs.readFileSync(path.join(first.folder, page), 'utf8'), `${page} before publishing`).not.toContain(escapeHtml(changed.text));
    }

    const published = gongshi('opinions', 'publish', changed.id);
    expect(published.code, published.err).toBe(0);

    const incremental = await build(siteA);
    expect(incremental.reused, 'some pages re-rendered').toBeLessThan(incremental.pages);
    expect(incremental.reused, 'most pages kept').toBeGreaterThan(incremental.pages * 0.9);
    for (const page of topicPages) {
      expect(fs.readFileSync(path.join(incremental.folder, page), 'utf8'), `${page} after publishing`).toContain(escapeHtml(changed.text));
    }

    const cold = await build(siteB);
    expect(cold.reused, 'siteB has a cache of its own').toBe(0);
    expect(cold.pages).toBe(incremental.pages);
    expectSameTree(incremental.folder, cold.folder, 'incremental build (siteA)', 'cold build (siteB)');
  }, 3 * BUILD_TIMEOUT_MS);

  it('a build two months later, of unchanged data, is what a cold build writes that day', async () => {
    // The demo's windows open and close around its "today": siteB is built on that day, then again
    // two months later with only the clock moved, and compared with a cold build on the later day.
    await build(siteB, clockAt(DEMO_DAY));
    const later = await build(siteB, clockAt(TWO_MONTHS_LATER));
    const cold = await build(siteC, clockAt(TWO_MONTHS_LATER));
    expect(cold.reused, 'siteC has a cache of its own').toBe(0);
    expectSameTree(later.folder, cold.folder, 'warm build two months later (siteB)', 'cold build two months later (siteC)');
  }, 3 * BUILD_TIMEOUT_MS);
});
