/**
 * axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds no violation on any page type, in both
 * languages, with JavaScript on: the filter form, the chart islands and the search results are
 * checked as citizens see them.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { bulletinSlug, chainRoot, chartTarget, correctedTarget, unit } from './demo-city.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One line per violation and per offending node, so a failure says what to fix and where. */
function describe(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    at ${n.target.join(' ')}\n       ${n.html.slice(0, 160)}\n       ${n.failureSummary?.replaceAll('\n', '\n       ') ?? ''}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more nodes` : '';
      return `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.nodes.length} nodes)\n    ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n\n');
}

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.violations, `axe-core violations on ${page.url()}:\n\n${describe(results.violations)}\n`).toEqual([]);
}

interface PageType {
  name: string;
  path: string;
  /** Brings the page into the state to check (islands hydrated, results shown). */
  prepare?: (page: Page, en: boolean) => Promise<void>;
}

/** Scrolls each chart into view so its client:visible island mounts, waits for it, and opens its data table. */
async function hydrateChart(page: Page): Promise<void> {
  const figures = page.locator('figure.chart');
  await expect(figures.first()).toBeAttached();
  for (const figure of await figures.all()) {
    await figure.scrollIntoViewIfNeeded();
    await expect(figure.locator('canvas')).toBeVisible();
    await figure.locator('details summary').click();
  }
}

const PAGE_TYPES: PageType[] = [
  { name: 'home', path: '/' },
  {
    name: 'commitments',
    path: '/commitments/',
    prepare: async (page) => {
      await expect(page.locator('target-filter')).toBeVisible();
      await page.locator('target-filter select[name="status"]').selectOption('behind');
    },
  },
  { name: 'a facet page', path: '/commitments/status/behind/' },
  { name: 'units', path: '/units/' },
  { name: 'a unit', path: `/units/${String(unit.code)}/`, prepare: hydrateChart },
  { name: 'a target with a chart', path: `/targets/${String(chartTarget.id)}/`, prepare: hydrateChart },
  { name: 'a target decomposed over three levels', path: `/targets/${String(chainRoot.id)}/` },
  { name: 'a target with a corrected report', path: `/targets/${String(correctedTarget.id)}/` },
  {
    name: 'the year\'s targets, filtered',
    path: '/targets/',
    prepare: async (page) => {
      await expect(page.locator('unit-filter')).toBeVisible();
      await page.locator('unit-filter select[name="kind"]').selectOption('district');
    },
  },
  { name: 'bulletins', path: '/bulletins/' },
  { name: 'a bulletin', path: `/bulletins/${bulletinSlug}/`, prepare: hydrateChart },
  { name: 'methodology', path: '/methodology/' },
  { name: 'assessments', path: '/assessment/' },
  { name: 'an assessment year', path: '/assessment/2025/', prepare: hydrateChart },
  { name: 'decisions', path: '/decisions/' },
  { name: 'a decision with a drawn hearing', path: '/decisions/tiered-water-prices-2026/' },
  { name: 'hearing verification', path: '/hearings/verify/' },
  { name: 'open data', path: '/data/' },
  { name: 'API documentation', path: '/api/' },
  { name: 'the hall', path: '/hall/' },
  { name: 'hearings', path: '/hearings/' },
  { name: 'surveys', path: '/surveys/' },
  {
    name: 'search with results',
    path: '/search/',
    prepare: async (page, en) => {
      await page.getByRole('searchbox').fill(en ? 'bulletin' : '通报');
      await page.getByRole('searchbox').press('Enter');
      await expect(page.locator('[data-results] li').first()).toBeVisible();
    },
  },
  { name: 'not found (404)', path: '/no-such-page/' },
];

for (const en of [false, true]) {
  const lang = en ? 'en' : 'zh-CN';
  test.describe(`axe-core, ${lang}`, () => {
    for (const type of PAGE_TYPES) {
      // The 404 page is one page for both languages (a static host serves one 404.html).
      if (en && type.path === '/no-such-page/') continue;
      test(`${type.name} has no WCAG 2.2 AA violations (${lang})`, async ({ page }) => {
        const response = await page.goto(en ? `/en${type.path}` : type.path);
        expect(response?.status()).toBe(type.path === '/no-such-page/' ? 404 : 200);
        await type.prepare?.(page, en);
        await expectNoViolations(page);
      });
    }
  });
}

test.describe('beyond axe-core', () => {
  test.describe('reflow at 320 CSS pixels (WCAG 1.4.10): only data tables may need sideways scrolling', () => {
    test.use({ viewport: { width: 320, height: 640 } });
    for (const type of PAGE_TYPES) {
      test(`${type.name}`, async ({ page }) => {
        for (const prefix of ['', '/en']) {
          await page.goto(`${prefix}${type.path}`);
          const wide = await page.evaluate(() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
              .filter((e) => !e.closest('table, .chart-canvas') && e.getBoundingClientRect().right > width + 1)
              .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width + 1)) // the innermost ones
              .slice(0, 5)
              .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> "${(e.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(e.getBoundingClientRect().right)}px`);
          });
          expect(wide, `wider than the 320px viewport on ${prefix}${type.path}:\n${wide.join('\n')}`).toEqual([]);
        }
      });
    }
  });

  test('English pages mark the Chinese-only free text of targets as zh-CN (WCAG 3.1.2)', async ({ page }) => {
    await page.goto(`/en/targets/${String(correctedTarget.id)}/`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const unmarked = await page.locator('main').evaluate((main) => {
      const found: string[] = [];
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        // Sentences (a Chinese comma or full stop), not names: names are proper nouns.
        if (/[\u4e00-\u9fff].*[，。]/.test(text) && node.parentElement?.closest('[lang]')?.getAttribute('lang') !== 'zh-CN') found.push(text.trim().slice(0, 60));
      }
      return found;
    });
    expect(unmarked, `Chinese sentences without lang="zh-CN":\n${unmarked.join('\n')}`).toEqual([]);
  });
});
