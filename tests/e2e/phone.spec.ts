/**
 * Every page type reads on a 390 px phone, in both languages: the document never scrolls
 * sideways (a wide data table scrolls inside its own labelled region instead) and `<main>`
 * starts within the first screen (the navigation collapses behind a "Menu" disclosure).
 */
import { expect, test, type Page } from '@playwright/test';
import { bulletinSlug, city, unit, chartTarget } from './demo-city.ts';

/** The common phone, and the narrowest one WCAG 1.4.10 asks for. */
const SCREENS = [
  { width: 390, height: 800 },
  { width: 320, height: 640 },
];
const WIDTH = 390;
const HEIGHT = 800;

interface PageType {
  name: string;
  path: string;
}

const PAGE_TYPES: PageType[] = [
  { name: 'home', path: '/' },
  { name: 'commitments', path: '/commitments/' },
  { name: 'a facet page', path: '/commitments/status/behind/' },
  { name: 'units', path: '/units/' },
  { name: 'a unit', path: `/units/${String(unit.code)}/` },
  { name: 'a district', path: '/units/D06/' },
  { name: 'a target', path: `/targets/${String(chartTarget.id)}/` },
  { name: 'bulletins', path: '/bulletins/' },
  { name: 'a bulletin', path: `/bulletins/${bulletinSlug}/` },
  { name: 'assessments', path: '/assessment/' },
  { name: 'an assessment year', path: `/assessment/${city.year - 1}/` },
  { name: 'decisions', path: '/decisions/' },
  { name: 'a decision', path: '/decisions/tiered-water-prices-2026/' },
  { name: 'the hall', path: '/hall/' },
  { name: 'a hall topic', path: '/hall/elevators-in-older-estates/' },
  { name: 'hearings', path: '/hearings/' },
  // Hearings are numbered in the order the demo city inserts them: 1 is the water-price hearing.
  { name: 'a hearing', path: '/hearings/1/' },
  { name: 'surveys', path: '/surveys/' },
  { name: 'a survey', path: `/surveys/city-open-${city.year}/` },
  { name: 'methodology', path: '/methodology/' },
  { name: 'open data', path: '/data/' },
  { name: 'API documentation', path: '/api/' },
  { name: 'search', path: '/search/' },
  { name: 'not found (404)', path: '/no-such-page/' },
];

/** What overflows the viewport (innermost elements outside a table scroll region), for the failure message. */
async function overflow(page: Page): Promise<{ scrollWidth: number; mainTop: number; wide: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-scroll, .chart-canvas') && e.getBoundingClientRect().right > width + 1)
      .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width + 1))
      .slice(0, 5)
      .map((e) => `<${e.tagName.toLowerCase()} class="${String(e.className)}"> "${(e.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(e.getBoundingClientRect().right)}px`);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      mainTop: document.querySelector('main')!.getBoundingClientRect().top,
      wide,
    };
  });
}

for (const screen of SCREENS) {
  test.describe(`every page type at ${screen.width}×${screen.height}`, () => {
    test.use({ viewport: screen, isMobile: true, hasTouch: true });
    for (const en of [false, true]) {
      const lang = en ? 'en' : 'zh-CN';
      for (const type of PAGE_TYPES) {
        // The 404 page is one page for both languages (a static host serves one 404.html).
        if (en && type.path === '/no-such-page/') continue;
        test(`${type.name} fits the screen (${lang})`, async ({ page }) => {
          const path = en ? `/en${type.path}` : type.path;
          const response = await page.goto(path);
          expect(response?.status()).toBe(type.path === '/no-such-page/' ? 404 : 200);
          const { scrollWidth, mainTop, wide } = await overflow(page);
          expect(scrollWidth, `${path} is ${scrollWidth}px wide:\n${wide.join('\n')}`).toBeLessThanOrEqual(screen.width);
          expect(mainTop, `<main> on ${path} starts at ${Math.round(mainTop)}px`).toBeLessThan(screen.height);
        });
      }
    }
  });
}

test.describe(`phone details at ${WIDTH}×${HEIGHT}`, () => {
  test.use({ viewport: { width: WIDTH, height: HEIGHT }, isMobile: true, hasTouch: true });

  test('the navigation collapses into a menu that opens without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/en/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Bulletins' })).toBeHidden();
    await nav.getByText('Menu').click();
    await nav.getByRole('link', { name: 'Bulletins' }).click();
    await expect(page).toHaveURL(/\/en\/bulletins\/$/);
    await context.close();
  });

  test('the header keeps the site name and the language switch on one line at 320 px', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/', '/en/']) {
      await page.goto(path);
      for (const selector of ['.brand-mark', '.site-header .lang-switch']) {
        const box = await page.locator(selector).boundingBox();
        const lineHeight = await page.locator(selector).evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
        expect(box!.height, `${selector} on ${path} wraps`).toBeLessThan(lineHeight * 1.5);
      }
    }
  });

  test('the ranking keeps rank, unit, total, grade and consequence readable, scrolling only inside its region', async ({ page }) => {
    for (const prefix of ['', '/en']) {
      await page.goto(`${prefix}/assessment/${city.year - 1}/`);
      const region = page.locator('.table-scroll').filter({ has: page.locator('tr[data-unit]') }).first();
      await expect(region).toHaveAttribute('tabindex', '0');
      await expect(region).toHaveAttribute('role', 'region');
      await expect(region).toHaveAttribute('aria-label', /.+/);
      // No word broken one character per line: each key cell (the first five) has one line, or lines of several characters.
      const cells = await region.locator('tr[data-unit]').evaluateAll((rows) =>
        rows.flatMap((row) =>
          [...row.children].slice(0, 5).map((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            const chars = (cell.textContent ?? '').replace(/\s/g, '').length;
            return { text: (cell.textContent ?? '').trim(), lines, chars };
          }),
        ),
      );
      const broken = cells.filter((c) => c.lines > 1 && c.chars / c.lines < 3);
      expect(broken, `${prefix} ranking cells broken into short lines: ${JSON.stringify(broken.slice(0, 5))}`).toEqual([]);
    }
  });
});
