/**
 * Checks the whole build in dist/ (written by the webServer's build before the tests run) with
 * plain file reads and regular expressions, so that 5,000+ pages take seconds: every page has its
 * head metadata, and no internal link, script, stylesheet or island URL points at a missing file.
 * DIST_DIR=<folder> checks another build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { city, correctedTarget, publishedTargets, reportsOf } from './demo-city.ts';

const DIST = path.resolve(process.env['DIST_DIR'] ?? path.join(import.meta.dirname, '../../dist'));
const LANGS = new Set(['zh-CN', 'en']);
/** Served by the API gateway, not by files in dist/. */
const IGNORED_PREFIXES = ['/rest/'];

interface Page {
  /** Path of the file inside dist, with forward slashes: "targets/1/index.html". */
  file: string;
  html: string;
}

let files: Set<string> | undefined;
let pages: Page[] | undefined;

function load(): { files: Set<string>; pages: Page[] } {
  if (!files || !pages) {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error(`No build in ${DIST}: run the site build first.`);
    const all = (fs.readdirSync(DIST, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/'));
    files = new Set(all.filter((f) => fs.statSync(path.join(DIST, f)).isFile()));
    pages = [...files].filter((f) => f.endsWith('.html')).map((file) => ({ file, html: fs.readFileSync(path.join(DIST, file), 'utf8') }));
  }
  return { files, pages };
}

/** The URL path a page is served at: "targets/1/index.html" → "/targets/1/", "404.html" → "/404.html". */
const urlOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' };
const decodeEntities = (value: string) => value.replace(/&(amp|quot|#39|lt|gt);/g, (_, name: string) => ENTITIES[name]!);

/** Attributes of every <tag …> in html, as objects. */
function tags(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const [, name, value] of match[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[name!.toLowerCase()] = decodeEntities(value!);
    found.push(attrs);
  }
  return found;
}

/** The file a URL path resolves to the way the static server does (file, folder/index.html, name.html), or undefined. */
function resolve(fileSet: Set<string>, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const bare = path.posix.normalize(decoded).replace(/^\/+/, '').replace(/\/+$/, '');
  const candidates = bare === '' ? ['index.html'] : [bare, `${bare}/index.html`, `${bare}.html`];
  return candidates.find((c) => fileSet.has(c));
}

test.describe('build output in dist/', () => {
  test.describe.configure({ timeout: 120_000 });

  test('every page exists in both languages, and every published target and unit has one', () => {
    const { pages: all } = load();
    const zh = new Set(all.map((p) => p.file).filter((f) => !f.startsWith('en/') && f !== '404.html'));
    const en = new Set(all.map((p) => p.file).filter((f) => f.startsWith('en/')));
    const missing = [...[...zh].filter((f) => !en.has(`en/${f}`)).map((f) => `/en/${f}`), ...[...en].filter((f) => !zh.has(f.slice(3))).map((f) => `/${f.slice(3)}`)];
    expect(missing.slice(0, 20), `${missing.length} pages have no counterpart in the other language:\n${missing.slice(0, 20).join('\n')}`).toEqual([]);

    const count = (re: RegExp) => [...zh].filter((f) => re.test(f)).length;
    expect(count(/^targets\/\d+\/index\.html$/), 'target pages').toBe(publishedTargets.length);
    expect(count(/^units\/[^/]+\/index\.html$/), 'unit pages').toBe(city.units.length);
    expect(count(/^bulletins\/[^/]+\/index\.html$/), 'bulletin pages').toBeGreaterThanOrEqual(Number(city.lastPeriod.slice(5)));
    for (const page of ['index.html', 'commitments/index.html', 'units/index.html', 'bulletins/index.html', 'methodology/index.html', 'search/index.html']) {
      expect(zh.has(page), page).toBe(true);
    }
    expect(all.length).toBeGreaterThan(5_000);
  });

  test('every page has a title, lang, an absolute canonical URL of itself (a forwarding page: of where it forwards) and a description', () => {
    const started = performance.now();
    const { files: fileSet, pages: all } = load();
    const problems: string[] = [];
    for (const { file, html } of all) {
      const say = (what: string) => problems.push(`${urlOf(file)}: ${what}`);
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim();
      if (!title) say('no <title> or an empty one');
      const lang = tags(html, 'html')[0]?.['lang'];
      if (!lang || !LANGS.has(lang)) say(`<html lang="${lang ?? ''}"> is not zh-CN or en`);
      else if (file !== '404.html' && lang !== (file.startsWith('en/') ? 'en' : 'zh-CN')) say(`lang="${lang}" does not match the page's language folder`);
      const links = tags(html, 'link');
      const canonical = links.filter((l) => l['rel'] === 'canonical');
      if (canonical.length !== 1) say(`${canonical.length} canonical links, expected 1`);
      else {
        let url: URL | undefined;
        try {
          url = new URL(canonical[0]!['href'] ?? '');
        } catch {
          say(`canonical "${canonical[0]!['href']}" is not an absolute URL`);
        }
        if (url && !/^https?:$/.test(url.protocol)) say(`canonical "${url.href}" is not http(s)`);
        else if (url) {
          // A forwarding page (/targets/code/<code>/) names the page it forwards to, as Astro's redirects do.
          const refresh = tags(html, 'meta').find((m) => m['http-equiv'] === 'refresh')?.['content'];
          const forwardsTo = refresh ? /url=(.+)$/.exec(refresh)?.[1] : undefined;
          const expected = forwardsTo ? resolve(fileSet, forwardsTo) : file;
          if (resolve(fileSet, url.pathname) !== expected) say(`canonical "${url.href}" is not ${forwardsTo ? `the page it forwards to (${forwardsTo})` : 'this page'}`);
        }
      }
      const description = tags(html, 'meta').find((m) => m['name'] === 'description')?.['content']?.trim();
      if (!description) say('no meta description or an empty one');
    }
    const seconds = (performance.now() - started) / 1000;
    expect(problems.slice(0, 20), `${problems.length} problems in ${all.length} pages, the first 20:\n${problems.slice(0, 20).join('\n')}`).toEqual([]);
    console.log(`head metadata: ${all.length} pages checked in ${seconds.toFixed(1)} s`);
  });

  test('search indexes the latest report in force on a target page, and leaves out the ones before it', () => {
    const reports = reportsOf(correctedTarget);
    const superseded = new Set(reports.map((r) => r.supersedes_id));
    const inForce = reports.filter((r) => !superseded.has(r.id)).sort((a, b) => String(b.period).localeCompare(String(a.period)));
    expect(reports.length, 'a target with a correction and months before it').toBeGreaterThan(2);
    for (const prefix of ['', 'en/']) {
      const html = fs.readFileSync(path.join(DIST, `${prefix}targets/${String(correctedTarget.id)}/index.html`), 'utf8');
      const items = tags(html, 'li').filter((li) => li['id']?.startsWith('report-'));
      expect(items.map((li) => li['id']).sort(), prefix).toEqual(reports.map((r) => `report-${String(r.id)}`).sort());
      expect(items.filter((li) => li['data-pagefind-ignore'] === undefined).map((li) => li['id']), prefix).toEqual([`report-${String(inForce[0]!.id)}`]);
      expect(items.filter((li) => li['data-pagefind-ignore'] === 'all'), prefix).toHaveLength(reports.length - 1);
    }
  });

  test('no internal link, script, stylesheet or island URL is broken, and no page repeats an id', () => {
    const started = performance.now();
    const { files: fileSet, pages: all } = load();
    const broken: string[] = [];
    const duplicates: string[] = [];
    let checked = 0;
    // Absolute URLs on the site's own origin (canonical, hreflang) are internal links too.
    const origin = new URL(tags(all.find((p) => p.file === 'index.html')!.html, 'link').find((l) => l['rel'] === 'canonical')!['href']!).origin;
    const attr = /\s(href|src|component-url|renderer-url|before-hydration-url)="([^"]*)"/g;
    for (const { file, html } of all) {
      // Inline scripts and styles hold no links but can hold attribute-like text: skip them.
      const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, (m) => m.slice(0, m.indexOf('>') + 1));
      const ids = new Set<string>();
      for (const [, id] of markup.matchAll(/\sid="([^"]*)"/g)) {
        if (ids.has(id!)) duplicates.push(`${urlOf(file)}: id="${id}" appears more than once`);
        ids.add(id!);
      }
      for (const [, name, raw] of markup.matchAll(attr)) {
        const value = decodeEntities(raw!);
        if (value === '') continue;
        if (value.startsWith('#')) {
          checked++;
          if (value.length > 1 && !ids.has(decodeURIComponent(value.slice(1)))) {
            broken.push(`${urlOf(file)}: ${name}="${value}" (no element with that id)`);
          }
          continue;
        }
        let url: URL;
        try {
          url = new URL(value, `${origin}${urlOf(file)}`);
        } catch {
          broken.push(`${urlOf(file)}: ${name}="${value}" is not a URL`);
          continue;
        }
        const internal = value.startsWith('/') ? !value.startsWith('//') : url.origin === origin && /^https?:/.test(value);
        if (!internal || IGNORED_PREFIXES.some((p) => url.pathname.startsWith(p))) continue;
        checked++;
        if (!resolve(fileSet, url.pathname)) broken.push(`${urlOf(file)}: ${name}="${value}"`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    expect(broken.slice(0, 20), `${broken.length} broken internal links in ${all.length} pages, the first 20:\n${broken.slice(0, 20).join('\n')}`).toEqual([]);
    expect(duplicates.slice(0, 20), `${duplicates.length} duplicate ids, the first 20:\n${duplicates.slice(0, 20).join('\n')}`).toEqual([]);
    expect(checked).toBeGreaterThan(all.length * 10);
    console.log(`links: ${checked} internal URLs in ${all.length} pages checked in ${seconds.toFixed(1)} s`);
  });
});
