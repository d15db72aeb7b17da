/**
 * The commitments list stays light on a phone however many targets a city has: /commitments/,
 * /en/commitments/ and the biggest facet page each carry fewer than 3,000 elements; the instant
 * filter still finds a commitment by a word of its title; and with JavaScript off every target of
 * the year, public commitments included, is reachable by links within two clicks of /commitments/.
 * Expected targets come from the deterministic demo city, not from the site.
 */
import { expect, test, type Page } from '@playwright/test';
import { pick, useTranslations, type Locale } from '../../src/i18n/ui.ts';
import type { Row } from '../../src/lib/demo/generate.ts';
import { COMMITMENTS_PAGE_SIZE } from '../../src/lib/site/facets.ts';
import { city, publishedTargets } from './demo-city.ts';

const BUDGET = 3_000;
const thisYear = publishedTargets.filter((t) => t.year === city.year);
const commitments = thisYear.filter((t) => t.is_public_commitment === true);
const kindOf = (t: Row) => String(city.units.find((u) => u.id === t.unit_id)?.kind);

/** The facet with the most targets, among those the demo city lets us count: its first page is the heaviest. */
function largestFacet(): { path: string; size: number } {
  const tally = new Map<string, number>();
  const add = (path: string) => tally.set(path, (tally.get(path) ?? 0) + 1);
  for (const t of thisYear) {
    add(`/commitments/kind/${kindOf(t)}/`);
    add(`/commitments/category/${String(t.category)}/`);
    if (t.is_public_commitment === true) add('/commitments/commitment/yes/');
  }
  const [path, size] = [...tally].sort((a, b) => b[1] - a[1])[0]!;
  return { path, size };
}

const elements = (page: Page) => page.evaluate(() => document.getElementsByTagName('*').length);

test('the commitments pages stay under the element budget', async ({ page }) => {
  const largest = largestFacet();
  expect(largest.size).toBeGreaterThan(1_000); // the demo city is big enough for the budget to matter
  for (const path of ['/commitments/', '/en/commitments/', largest.path, `/en${largest.path}`, '/commitments/leader/']) {
    await page.goto(path);
    const n = await elements(page);
    test.info().annotations.push({ type: 'elements', description: `${path}: ${String(n)}` });
    expect(n, path).toBeLessThan(BUDGET);
  }
});

/** A public commitment and a word of its title that as few targets as possible share (titles repeat across units). */
function rareCommitment(locale: Locale): { target: Row; word: string } {
  const titleOf = (t: Row) => pick(locale, String(t.title), t.title_en as string | null);
  const titles = thisYear.map((t) => titleOf(t).toLocaleLowerCase());
  const rarity = (w: string) => titles.filter((x) => x.includes(w.toLocaleLowerCase())).length;
  const words = (title: string) => locale === 'en'
    ? title.split(/[\s,.:;()]+/).filter((w) => w.length >= 4)
    : Array.from({ length: Math.max(0, title.length - 3) }, (_, i) => title.slice(i, i + 4));
  const best = commitments
    .flatMap((target) => words(titleOf(target)).map((word) => ({ target, word, n: rarity(word) })))
    .sort((a, b) => a.n - b.n)[0]!;
  expect(best.n).toBeLessThanOrEqual(COMMITMENTS_PAGE_SIZE); // listed among the first rows
  return best;
}

for (const { locale, prefix } of [{ locale: 'zh-CN' as Locale, prefix: '' }, { locale: 'en' as Locale, prefix: '/en' }]) {
  test(`the instant filter finds a commitment by a word of its title (${locale})`, async ({ page }) => {
    const t = useTranslations(locale);
    const { target, word } = rareCommitment(locale);
    await page.goto(`${prefix}/commitments/`);
    const filter = page.locator('target-filter');
    await expect(filter).toBeVisible();
    await filter.getByLabel(t('commitments.filter.q')).fill(word);
    const link = page.locator(`#filter-results table#targets a[href="${prefix}/targets/${String(target.id)}/"]`);
    await expect(link).toHaveText(pick(locale, String(target.title), target.title_en as string | null));
    expect(new URL(page.url()).searchParams.get('q')).toBe(word); // shareable
    // Only the public commitments among them, still including it.
    await filter.getByLabel(t('commitments.facet.commitment')).check();
    await expect(link).toBeVisible();
    await expect(page.locator('#filter-results tbody tr:not(:has(.commitment-flag))')).toHaveCount(0);
    expect(await elements(page)).toBeLessThan(BUDGET);
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('every target of the year is reachable by links within two clicks of /commitments/', async ({ page }) => {
    test.setTimeout(300_000);
    const linksOn = async (path: string) => {
      const response = await page.goto(path, { waitUntil: 'domcontentloaded' });
      expect(response?.status(), path).toBe(200);
      return (await page.locator('main a[href]').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)));
    };
    const targets = new Set<string>();
    const seen = new Set<string>(['/commitments/']);
    let frontier = ['/commitments/'];
    // Pages one click away, then the target links on them: the second click.
    for (let depth = 0; depth <= 1; depth++) {
      const next: string[] = [];
      for (const path of frontier) {
        for (const href of await linksOn(path)) {
          if (/^\/targets\/\d+\/$/.test(href)) targets.add(href);
          // Stay on the commitments pages; a leader's page lists a subset of their unit's.
          else if (depth === 0 && /^\/commitments\/(?!leader\/)[^.]*\/$/.test(href) && !seen.has(href)) {
            seen.add(href);
            next.push(href);
          }
        }
      }
      frontier = next;
    }
    const expected = new Set(thisYear.map((t) => `/targets/${String(t.id)}/`));
    for (const c of commitments) expect(targets, `commitment ${String(c.id)}`).toContain(`/targets/${String(c.id)}/`);
    expect([...targets].filter((h) => expected.has(h)).length).toBe(expected.size);
    expect(commitments.length).toBeGreaterThan(0);
  });
});
