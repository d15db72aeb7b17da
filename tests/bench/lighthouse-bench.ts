/**
 * Lighthouse, mobile preset (Moto G Power emulation, simulated slow 4G and 4× CPU slowdown), on
 * three pages of a built site served by the portal's own server: /commitments/, the current
 * year's first target page (with its chart island) and an open hearing (sign-up form island).
 * Each page is measured RUNS times; the run with the median performance score is reported, with
 * its LCP, TBT, CLS, bytes transferred and DOM size. Goal (issue 18): performance ≥ 95 on each.
 *
 * Run alone: `GONGSHI_DATA_DIR=<data> tsx tests/bench/lighthouse-bench.ts [distDir] [reportDir]`
 * (reportDir keeps each run's Lighthouse JSON, to read why a page scores as it does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { loadGatewayKeys } from '../../src/lib/auth/gateway-keys.ts';
import { readConfig } from '../../src/lib/config.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { createPortalServer, listen } from '../../src/server/server.ts';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/chromium.ts';

export const GOAL_PERFORMANCE = 95;
const RUNS = 3;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

/** The Chromium the e2e tests use; none at all is an error that says how to get one. */
function chromePath(): string {
  try {
    return chromiumExecutable() ?? chromium.executablePath();
  } catch (error) {
    throw new Error(`Lighthouse needs Chromium. ${(error as Error).message}`, { cause: error });
  }
}

/** The three pages measured, found in the built site itself. */
export function lighthousePages(distDir: string): { name: string; url: string }[] {
  const read = (file: string) => fs.readFileSync(path.join(distDir, file), 'utf8');
  // The current year is the newest year of the published targets dataset.
  const directory = JSON.parse(read('api/v1/index.json')) as { datasets: { name: string; years: { year: number }[] }[] };
  const years = directory.datasets.find((d) => d.name === 'targets')?.years.map((y) => y.year) ?? [];
  if (years.length === 0) throw new Error(`${distDir}: no targets dataset in api/v1/index.json`);
  const year = Math.max(...years);
  const rows = (JSON.parse(read(`data/${year}/targets.json`)) as { rows: { id: number }[] }).rows;
  const target = rows.find((row) => fs.existsSync(path.join(distDir, 'targets', String(row.id), 'index.html')));
  if (!target) throw new Error(`${distDir}: no target page for any target of ${year}`);

  // A hearing whose sign-up is open (its form island is the page's heaviest part), else any hearing.
  const hearingIds = fs
    .readdirSync(path.join(distDir, 'hearings'))
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .sort((a, b) => a - b);
  const open = hearingIds.find((id) => read(`hearings/${id}/index.html`).includes('data-hearing-status="open"'));
  const hearing = open ?? hearingIds[0];
  if (hearing === undefined) throw new Error(`${distDir}: no hearing pages`);
  return [
    { name: 'commitments', url: '/commitments/' },
    { name: `target of ${year}`, url: `/targets/${target.id}/` },
    { name: open === undefined ? 'hearing' : 'hearing, sign-up open', url: `/hearings/${hearing}/` },
  ];
}

const score = (lhr: Result, category: (typeof CATEGORIES)[number]) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const numeric = (lhr: Result, audit: string) => lhr.audits[audit]?.numericValue ?? NaN;

/** The run whose performance score is the median (Lighthouse's advice for repeated runs). */
function medianRun(lhrs: Result[]): Result {
  return [...lhrs].sort((a, b) => score(a, 'performance') - score(b, 'performance'))[Math.floor(lhrs.length / 2)]!;
}

/** Performance audits that lose points, worst first: where to look when a page falls short. */
function shortfalls(lhr: Result): string {
  const weighted = new Set(lhr.categories['performance']?.auditRefs.map((ref) => ref.id));
  return Object.values(lhr.audits)
    .filter((a) => typeof a.score === 'number' && a.score < 0.9 && (weighted.has(a.id) || a.details?.type === 'opportunity'))
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))
    .slice(0, 6)
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`)
    .join('; ');
}

export async function benchLighthouse(
  record: (name: string, value: string) => void,
  distDir: string,
  options: {
    runs?: number;
    /** Keeps each run's Lighthouse JSON here. */
    reportDir?: string;
    /**
     * The PGlite folder the site was built from: the gateway then answers the islands' live calls
     * (sign-up counts) as `npm start` does, so their rendering is measured too; without it they get 404s.
     */
    dataDir?: string;
  } = {},
): Promise<void> {
  const dist = path.resolve(distDir);
  const runs = options.runs ?? RUNS;
  const pages = lighthousePages(dist);
  let db: Db | undefined;
  if (options.dataDir) db = await openPglite(options.dataDir);
  const keys = db ? await loadGatewayKeys(readConfig({ ...process.env, GONGSHI_DATA_DIR: options.dataDir })) : undefined;
  const server = createPortalServer({
    distDir: dist,
    ...(db && keys ? { db, keys } : {}),
    logError: (message, error) => console.error(message, error),
  });
  const base = await listen(server, 0);
  const chrome = await launch({
    chromePath: chromePath(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    logLevel: 'error',
  });
  try {
    if (options.reportDir) fs.mkdirSync(options.reportDir, { recursive: true });
    let allPass = true;
    for (const page of pages) {
      const lhrs: Result[] = [];
      for (let i = 0; i < runs; i++) {
        // Defaults kept: mobile form factor and simulated throttling (lantern), the least noisy on a busy machine.
        const result = await lighthouse(new URL(page.url, base).href, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
        if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${page.url}: ${result.lhr.runtimeError.message}`);
        lhrs.push(result.lhr);
        if (options.reportDir) {
          const file = `${page.url.replace(/^\/|\/$/g, '').replace(/\//g, '-')}-${i + 1}.json`;
          fs.writeFileSync(path.join(options.reportDir, file), result.report as string);
        }
      }
      const median = medianRun(lhrs);
      const performance = score(median, 'performance');
      const pass = performance >= GOAL_PERFORMANCE;
      allPass &&= pass;
      const label = `lighthouse ${page.url} (${page.name})`;
      record(
        `${label} performance, median of ${runs}`,
        `${performance} — ${pass ? 'PASS' : 'FAIL'} (goal ≥ ${GOAL_PERFORMANCE}; runs ${lhrs.map((l) => score(l, 'performance')).join(', ')})`,
      );
      record(
        `${label} metrics`,
        `LCP ${(numeric(median, 'largest-contentful-paint') / 1000).toFixed(2)} s, TBT ${Math.round(numeric(median, 'total-blocking-time'))} ms, ` +
          `CLS ${numeric(median, 'cumulative-layout-shift').toFixed(3)}, FCP ${(numeric(median, 'first-contentful-paint') / 1000).toFixed(2)} s, ` +
          `${(numeric(median, 'total-byte-weight') / 1024).toFixed(1)} KB transferred, ${numeric(median, 'dom-size-insight') || numeric(median, 'dom-size')} DOM elements`,
      );
      record(`${label} accessibility, best practices`, `${score(median, 'accessibility')}, ${score(median, 'best-practices')}`);
      if (!pass) record(`${label} losing points on`, shortfalls(median) || '—');
    }
    record(`lighthouse: mobile performance ≥ ${GOAL_PERFORMANCE} on all ${pages.length} pages`, allPass ? 'PASS' : 'FAIL');
  } finally {
    chrome.kill();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db?.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Data folder: GONGSHI_DATA_DIR, the one the site was built from (its gateway answers the islands).
  const distDir = process.argv[2] ?? path.resolve(import.meta.dirname, '../../dist');
  const reportDir = process.argv[3];
  const dataDir = process.env['GONGSHI_DATA_DIR'];
  await benchLighthouse((name, value) => console.log(`${name}: ${value}`), distDir, {
    ...(reportDir ? { reportDir } : {}),
    ...(dataDir ? { dataDir } : {}),
  });
}
