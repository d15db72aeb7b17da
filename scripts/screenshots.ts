/**
 * `npm run screenshots [-- --url http://localhost:4321] [-- --out docs/screenshots]`: photographs
 * key pages of a running portal at phone and desktop width into <out>/<page>-<phone|desktop>.png.
 * Viewport shots (the first screen, not the full page) at device scale 1, so the PNGs stay small.
 * Pages after the home page are found by following the portal's own links, so any city works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/e2e/chromium.ts';

const { values } = parseArgs({
  options: { url: { type: 'string', default: 'http://localhost:4321' }, out: { type: 'string', default: 'docs/screenshots' } },
  allowPositionals: false,
});
const base = values.url.replace(/\/$/, '');
const out = path.resolve(values.out);

const SIZES = {
  phone: { width: 390, height: 800 },
  desktop: { width: 1280, height: 800 },
} as const;

interface Shot {
  name: string;
  /** A page path, or an index page and the first link on it to follow. */
  path: string;
  follow?: string;
}

const SHOTS: Shot[] = [
  { name: 'home', path: '/' },
  { name: 'commitments', path: '/commitments/' },
  { name: 'unit', path: '/units/', follow: 'main table a[href^="/units/"]' },
  { name: 'bulletin', path: '/bulletins/', follow: 'main a[href^="/bulletins/"][href$="/"]:not([href="/bulletins/"])' },
  { name: 'assessment', path: '/assessment/', follow: 'main a[href^="/assessment/"]:not([href="/assessment/"])' },
  { name: 'hearing', path: '/hearings/', follow: 'main table a[href^="/hearings/"]' },
];

async function resolve(page: Page, shot: Shot): Promise<string> {
  if (!shot.follow) return shot.path;
  await page.goto(base + shot.path);
  const href = await page.locator(shot.follow).first().getAttribute('href', { timeout: 10_000 });
  if (!href) throw new Error(`No link "${shot.follow}" on ${shot.path}: cannot photograph the ${shot.name} page.`);
  return href;
}

const executablePath = chromiumExecutable();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
try {
  fs.mkdirSync(out, { recursive: true });
  const finder = await browser.newPage();
  for (const shot of SHOTS) {
    const target = await resolve(finder, shot);
    for (const [size, viewport] of Object.entries(SIZES)) {
      // Reduced motion: Chart.js and CSS transitions settle at once, so shots are repeatable.
      const page = await browser.newPage({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
      const response = await page.goto(base + target, { waitUntil: 'networkidle' });
      if (!response?.ok()) throw new Error(`${base + target} answered ${String(response?.status())}.`);
      await page.waitForTimeout(1200); // islands in the first screen hydrate on visibility, charts animate in
      const file = path.join(out, `${shot.name}-${size}.png`);
      await page.screenshot({ path: file });
      console.log(`${path.relative(process.cwd(), file)}  ${target}  ${viewport.width}×${viewport.height}`);
      await page.close();
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(`Is the portal running at ${base}? Start it with "npm start", or pass --url.`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
