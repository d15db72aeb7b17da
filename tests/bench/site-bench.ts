/**
 * Page weight of a built site (dist/): page count, the JavaScript a page would load (gzip, all of
 * it: its <script>s, inline or not, plus island components and renderers and every module they
 * import, statically or dynamically, transitively), and HTML bytes (gzip) per page, checked
 * against the budgets of issue #3. Run alone with `tsx tests/bench/site-bench.ts [distDir]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;
export const BUDGETS = {
  /** Pages without islands (e.g. /methodology/) ship no JavaScript at all. */
  noIslandJsBytes: 0,
  /** A target page with its comparison chart: every byte of JS it loads, gzip. */
  chartPageJsBytes: 90 * KB,
  /** The median page's HTML, gzip. */
  medianHtmlBytes: 30 * KB,
} as const;

const gzipSize = (data: string | Buffer) => gzipSync(data).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** URLs a page's markup loads JavaScript from, and its inline scripts' code. */
function scriptsOf(html: string): { urls: string[]; inline: string[] } {
  const urls: string[] = [];
  const inline: string[] = [];
  for (const [, attrs = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1];
    if (type !== undefined && type !== 'module' && type !== 'text/javascript') continue; // data, not code
    const src = /\bsrc="([^"]*)"/.exec(attrs)?.[1];
    if (src) urls.push(src);
    else if (body.trim() !== '') inline.push(body);
    // Module imports inside an inline module are loaded too.
    if (!src) urls.push(...importsOf(body));
  }
  for (const [, attrs = ''] of html.matchAll(/<astro-island\b([^>]*)>/g)) {
    for (const [, url] of attrs.matchAll(/\b(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g)) urls.push(url!);
  }
  for (const [, attrs = ''] of html.matchAll(/<link\b([^>]*)>/g)) {
    if (/\brel="modulepreload"/.test(attrs)) urls.push(/\bhref="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  return { urls: urls.filter((u) => u !== ''), inline };
}

/**
 * Module URLs a piece of JS can load: relative or absolute .js specifiers (static imports,
 * re-exports, dynamic imports with a literal) and Vite's preload lists of "_astro/x.js" paths.
 */
function importsOf(code: string): string[] {
  const found: string[] = [];
  for (const [, spec] of code.matchAll(/["'`]((?:\.{1,2}\/|\/)[^"'`\s]+\.m?js)["'`]/g)) found.push(spec!);
  for (const [, spec] of code.matchAll(/["'`](_astro\/[^"'`\s]+\.m?js)["'`]/g)) found.push(`/${spec!}`);
  return found;
}

/**
 * Every JS byte a page would load, gzip: its inline scripts, and each module it references with
 * everything those import, transitively (each file counted once).
 */
export function pageJs(distDir: string, pageUrl: string, html: string): { bytes: number; files: string[]; inline: number; missing: string[] } {
  const { urls, inline } = scriptsOf(html);
  const seen = new Set<string>();
  const missing: string[] = [];
  const queue = urls.map((u) => new URL(u, `http://site${pageUrl}`).pathname);
  let bytes = inline.reduce((n, code) => n + gzipSize(code), 0);
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const file = path.join(distDir, decodeURIComponent(url));
    if (!fs.existsSync(file)) {
      missing.push(url); // a string that looked like a module path; the link check reports real ones
      continue;
    }
    const code = fs.readFileSync(file);
    bytes += gzipSize(code);
    for (const spec of importsOf(code.toString('utf8'))) queue.push(new URL(spec, `http://site${url}`).pathname);
  }
  return { bytes, files: [...seen].filter((f) => !missing.includes(f)), inline: inline.length, missing };
}

const pageFile = (distDir: string, url: string) => path.join(distDir, url, url.endsWith('/') ? 'index.html' : '');

export async function benchSite(record: (name: string, value: string) => void, distDir: string): Promise<void> {
  const dist = path.resolve(distDir);
  const htmlFiles = (fs.readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
  record('pages (HTML files)', String(htmlFiles.length));

  // HTML weight per page (gzip), and whether the page ships any JavaScript (a <script> or an island).
  const sizes: { file: string; bytes: number }[] = [];
  let withJs = 0;
  for (const file of htmlFiles) {
    const html = await fs.promises.readFile(path.join(dist, file));
    sizes.push({ file, bytes: gzipSize(html) });
    if (/<script\b|<astro-island\b/.test(html.toString('utf8'))) withJs++;
  }
  sizes.sort((a, b) => a.bytes - b.bytes);
  const median = sizes.length === 0 ? 0 : sizes.length % 2 === 1
    ? sizes[(sizes.length - 1) / 2]!.bytes
    : (sizes[sizes.length / 2 - 1]!.bytes + sizes[sizes.length / 2]!.bytes) / 2;
  const largest = sizes.at(-1);
  record('HTML per page, median (gzip)', kb(median));
  record('HTML per page, max (gzip)', largest ? `${kb(largest.bytes)} (/${largest.file.split(path.sep).join('/')})` : '—');

  // JavaScript per page type, gzip.
  const measure = (url: string) => {
    const js = pageJs(dist, url, fs.readFileSync(pageFile(dist, url), 'utf8'));
    if (js.missing.length > 0) record(`JS of ${url}: module paths not found in dist (not counted)`, js.missing.join(', '));
    return js;
  };
  const plain = measure('/methodology/');
  record('JS, page without islands (/methodology/, gzip)', `${kb(plain.bytes)} (${plain.files.length} files, ${plain.inline} inline scripts)`);

  const targetIds = fs.readdirSync(path.join(dist, 'targets')).filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => a - b);
  const chartUrl = targetIds.map((id) => `/targets/${id}/`).find((url) => fs.readFileSync(pageFile(dist, url), 'utf8').includes('<astro-island'));
  const chart = chartUrl ? measure(chartUrl) : undefined;
  record(
    `JS, target page with a chart (${chartUrl ?? 'none found'}, gzip)`,
    chart ? `${kb(chart.bytes)} (${chart.files.length} files: ${chart.files.map((f) => path.posix.basename(f)).join(', ')}; ${chart.inline} inline scripts)` : '—',
  );

  const commitments = measure('/commitments/');
  record('JS, commitments page (/commitments/, gzip)', `${kb(commitments.bytes)} (${commitments.files.length} files, ${commitments.inline} inline scripts)`);

  record('pages shipping no JS', `${htmlFiles.length - withJs} of ${htmlFiles.length}`);

  record(
    'budget: 0 KB JS on pages without islands',
    `${verdict(plain.bytes <= BUDGETS.noIslandJsBytes)} (${kb(plain.bytes)})`,
  );
  record(
    'budget: chart pages ≤ 90 KB gzip JS',
    chart ? `${verdict(chart.bytes <= BUDGETS.chartPageJsBytes)} (${kb(chart.bytes)})` : 'FAIL (no target page with a chart)',
  );
  record('budget: median page ≤ 30 KB gzip HTML', `${verdict(median <= BUDGETS.medianHtmlBytes)} (${kb(median)})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2] ?? path.resolve(import.meta.dirname, '../../dist');
  await benchSite((name, value) => console.log(`${name}: ${value}`), distDir);
}
