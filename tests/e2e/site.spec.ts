/**
 * The public site as a citizen uses it, in real Chromium: following links from the home page to a
 * unit, a target and a bulletin in both languages; the same pages with JavaScript off; the
 * commitments facets and instant filter; the language switch; search in Chinese and English.
 * Expected content comes from the deterministic demo city and the UI strings, not from the site.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatPeriod, pick, useTranslations, type Locale } from '../../src/i18n/ui.ts';
import { STATUS, label } from '../../src/i18n/labels.ts';
import type { Row } from '../../src/lib/demo/generate.ts';
import { COMMITMENTS_PAGE_SIZE } from '../../src/lib/site/facets.ts';
import {
  bulletinSlug, chainBelow, chainLeaves, chainRoot, chartTarget, chartTargetOf, city, correctedTarget, correction, publishedTargets, reportsOf, responsibleLeader,
  unit, unitByName, unitPrincipal,
} from './demo-city.ts';

/** This year's published targets: what /commitments/ counts and its pages list. */
const thisYear = publishedTargets.filter((x) => x.year === city.year);

const LOCALES: { locale: Locale; prefix: string }[] = [
  { locale: 'zh-CN', prefix: '' },
  { locale: 'en', prefix: '/en' },
];

const str = (value: Row[string] | undefined) => String(value);
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A row's text in the locale: the English column when the page is English and it has one. */
const text = (row: Row, column: string, locale: Locale) => pick(locale, str(row[column]), row[`${column}_en`] as string | null);

const mainNav = (page: Page, locale: Locale) => page.getByRole('navigation', { name: useTranslations(locale)('nav.main') });
const region = (page: Page, name: string) => page.getByRole('region', { name });
/** The <section> whose heading has this text (sections without a label are not landmarks). */
const sectionWithHeading = (page: Page, heading: string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

/** The chain shows unit → leader → department → person, in that order. */
async function expectResponsibilityChain(page: Page, target: Row, locale: Locale): Promise<void> {
  const t = useTranslations(locale);
  const leader = responsibleLeader(target);
  const steps = region(page, t('target.chain')).getByRole('listitem');
  const owner = city.units.find((u) => u.id === target.unit_id)!;
  await expect(steps).toHaveText([
    new RegExp(escape(text(owner, 'name', locale))),
    new RegExp(leader ? escape(str(leader.name)) : '—'),
    new RegExp(escape(text(target, 'responsible_department', locale))),
    new RegExp(escape(str(target.responsible_person))),
  ]);
}

/** Every report (corrections and the reports they replace included) is in the timeline, newest first, status in words. */
async function expectTimeline(page: Page, target: Row, locale: Locale): Promise<void> {
  const t = useTranslations(locale);
  const reports = reportsOf(target);
  const items = region(page, t('target.timeline')).locator('ol.timeline > li');
  await expect(items).toHaveCount(reports.length);
  const newest = reports.filter((r) => !reports.some((c) => c.supersedes_id === r.id)).sort((a, b) => str(b.period).localeCompare(str(a.period)))[0]!;
  await expect(items.first().getByRole('heading')).toContainText(formatPeriod(str(newest.period), locale));
  await expect(items.first().getByRole('heading')).toContainText(label(STATUS, str(newest.status), locale));
}

/** The chart in the section with this heading: a one-sentence summary and its data table, opened. */
async function expectChartWithTable(page: Page, locale: Locale, section: string, rows: number): Promise<Locator> {
  const t = useTranslations(locale);
  const figure = region(page, section).locator('figure.chart');
  await expect(figure.locator('figcaption')).not.toBeEmpty();
  await figure.getByText(t('common.showData')).click(); // <details>: works without JavaScript
  await expect(figure.getByRole('table')).toBeVisible();
  await expect(figure.getByRole('table').locator('tbody tr')).toHaveCount(rows);
  return figure;
}

for (const { locale, prefix } of LOCALES) {
  const t = useTranslations(locale);

  test.describe(`walk through the site (${locale})`, () => {
    test('home → unit → target → bulletin, following links', async ({ page }) => {
      await page.goto(`${prefix}/`);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('home.title'));

      // Home → the unit most behind.
      const unitLink = sectionWithHeading(page, t('home.behind.heading')).getByRole('link').first();
      const unitName = (await unitLink.textContent())?.trim() ?? '';
      const shownUnit = unitByName(unitName);
      await unitLink.click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/units/${str(shownUnit.code)}/$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(unitName);
      const principal = city.cadres.find((c) => c.unit_id === shownUnit.id && c.is_principal === true)!;
      await expect(region(page, t('units.cadres'))).toContainText(str(principal.name));
      await expect(region(page, t('units.shares')).getByRole('table')).toBeVisible();

      // Unit → one of its targets with a comparison chart.
      const target = chartTargetOf(shownUnit);
      const title = text(target, 'title', locale);
      await region(page, t('units.targetsByCategory')).getByRole('link', { name: title, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/targets/${str(target.id)}/$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expectResponsibilityChain(page, target, locale);
      await expectTimeline(page, target, locale);
      const figure = await expectChartWithTable(page, locale, t('target.comparisons'), city.target_baselines.filter((b) => b.target_id === target.id).length + 1);
      await figure.scrollIntoViewIfNeeded();
      await expect(figure.locator('canvas')).toBeVisible(); // the island hydrates when visible

      // Target → bulletins → the latest bulletin.
      await mainNav(page, locale).getByRole('link', { name: t('nav.bulletins') }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('bulletins.title'));
      const period = formatPeriod(city.lastPeriod, locale);
      // The latest period's bulletin is linked twice: under "latest period" and in its kind's list.
      await page.getByRole('main').getByRole('link', { name: new RegExp(escape(period)) }).first().click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/bulletins/${bulletinSlug}/$`));
      await expect(page.getByRole('heading', { level: 1 })).toContainText(period);
      await expect(region(page, t('bulletins.figures'))).toBeVisible();
      await expectChartWithTable(page, locale, t('bulletins.figures'), 5);
      await expect(page.locator('article.bulletin-body h2').first()).toBeVisible();
    });

    test('a target shows a corrected report as a correction, and the report it replaces as superseded', async ({ page }) => {
      await page.goto(`${prefix}/targets/${str(correctedTarget.id)}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(correctedTarget, 'title', locale));
      const timeline = region(page, t('target.timeline'));
      const fixed = timeline.locator(`#report-${str(correction.id)}`);
      await expect(fixed).toContainText(t('target.correction'));
      await expect(fixed).toContainText(str(correction.correction_reason));
      await expect(fixed).toContainText(formatPeriod(str(correction.period), locale));
      const old = timeline.locator(`#report-${str(correction.supersedes_id)}`);
      await expect(old).toContainText(t('target.superseded'));
      await expect(old).toContainText(formatPeriod(str(correction.period), locale)); // same month, both kept
      await expect(old).not.toContainText(t('target.correction'));
    });

    test('a target decomposed over three levels shows the whole tree, rolled up, and a final sub-target links back to it', async ({ page }) => {
      await page.goto(`${prefix}/targets/${str(chainRoot.id)}/`);
      const tree = region(page, t('target.tree'));
      await expect(tree.getByText(t('target.rollupRule', { leaves: chainLeaves.length }))).toBeVisible();
      await expect(tree.locator('[aria-current="page"]')).toHaveText(text(chainRoot, 'title', locale));
      // Every level below, depth first, each linked.
      const links = tree.getByRole('link');
      await expect(links).toHaveText(chainBelow.map((s) => text(s, 'title', locale)));
      await expect(region(page, t('target.timeline'))).toContainText(t('target.timeline.decomposed'));

      const deepest = chainLeaves.find((l) => chainBelow.some((m) => m.id === l.parent_id && m.parent_id !== null))!;
      await tree.getByRole('link', { name: text(deepest, 'title', locale), exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/targets/${str(deepest.id)}/$`));
      const back = region(page, t('target.tree'));
      await expect(back.locator('[aria-current="page"]')).toHaveText(text(deepest, 'title', locale));
      await back.getByRole('link', { name: text(chainRoot, 'title', locale), exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(chainRoot, 'title', locale));
    });
  });

  test.describe(`without JavaScript (${locale})`, () => {
    test.use({ javaScriptEnabled: false });

    test('home, unit, target and bulletin pages show their content', async ({ page }) => {
      await page.goto(`${prefix}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('home.title'));
      await expect(page.locator('.status-table tbody tr')).toHaveCount(5);

      await page.goto(`${prefix}/units/${str(unit.code)}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(unit, 'name', locale));
      await expect(region(page, t('units.cadres'))).toContainText(str(unitPrincipal.name));
      await expect(region(page, t('units.targetsByCategory')).getByRole('link', { name: text(chartTarget, 'title', locale), exact: true })).toBeVisible();
      await expectChartWithTable(page, locale, t('units.trend'), Number(city.lastPeriod.slice(5)));

      await page.goto(`${prefix}/targets/${str(chartTarget.id)}/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(chartTarget, 'title', locale));
      await expectResponsibilityChain(page, chartTarget, locale);
      await expectTimeline(page, chartTarget, locale);
      await expectChartWithTable(page, locale, t('target.comparisons'), city.target_baselines.filter((b) => b.target_id === chartTarget.id).length + 1);

      await page.goto(`${prefix}/targets/${str(correctedTarget.id)}/`);
      await expect(page.locator(`#report-${str(correction.id)}`)).toContainText(t('target.correction'));

      await page.goto(`${prefix}/bulletins/${bulletinSlug}/`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(formatPeriod(city.lastPeriod, locale));
      await expectChartWithTable(page, locale, t('bulletins.figures'), 5);
    });

    test('the commitments facet links filter by status, a page of rows at a time', async ({ page }) => {
      await page.goto(`${prefix}/commitments/`);
      await expect(page.locator('target-filter')).toBeHidden(); // the JS filter form stays out of the way
      const behind = label(STATUS, 'behind', locale);
      const facets = region(page, t('commitments.facets'));
      const link = facets.getByRole('link', { name: behind, exact: true });
      const count = Number((await link.locator('xpath=following-sibling::span[1]').textContent())?.replace(/\D/g, ''));
      expect(count).toBeGreaterThan(0);
      await link.click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/commitments/status/behind/$`));
      await expect(page.getByRole('heading', { level: 1 })).toContainText(behind);
      await expect(facets.getByRole('link', { name: behind, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('h2#list')).toHaveText(t('common.targets', { n: count }));
      const rows = page.locator('table#targets tbody tr');
      const pages = Math.ceil(count / COMMITMENTS_PAGE_SIZE);
      // Every page of the facet, by its "next" link: together exactly the facet's targets, all behind.
      const seen = new Set<string>();
      for (let n = 1; n <= pages; n++) {
        await expect(rows).toHaveCount(n < pages ? COMMITMENTS_PAGE_SIZE : count - (pages - 1) * COMMITMENTS_PAGE_SIZE);
        const statuses = await rows.locator('.status').allTextContents();
        expect(new Set(statuses.map((s) => s.trim()))).toEqual(new Set([behind]));
        for (const href of await rows.locator('td:first-child a:first-child').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) seen.add(String(href));
        if (n < pages) {
          await page.getByRole('navigation', { name: t('commitments.pages') }).getByRole('link', { name: t('commitments.next') }).click();
          await expect(page).toHaveURL(new RegExp(`${prefix}/commitments/status/behind/${String(n + 1)}/$`));
        }
      }
      expect(seen.size).toBe(count);

      // And back, then a second facet: public commitments only.
      await page.getByRole('link', { name: t('commitments.back') }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/commitments/$`));
      await facets.getByRole('link', { name: t('commitments.facet.commitment'), exact: true }).click();
      await expect(page.locator('table#targets tbody tr').first()).toBeVisible();
      const flags = await page.locator('table#targets tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('.commitment-flag') !== null));
      expect(flags.every(Boolean)).toBe(true);

      // A unit from the summary table: its own list of the year's targets.
      await page.getByRole('link', { name: t('commitments.back') }).click();
      await page.locator('table#units').getByRole('link', { name: text(unit, 'name', locale), exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/commitments/unit/${escape(str(unit.code))}/$`));
      await expect(rows).toHaveCount(Math.min(thisYear.filter((x) => x.unit_id === unit.id).length, COMMITMENTS_PAGE_SIZE));
    });
  });

  test.describe(`with JavaScript (${locale})`, () => {
    test('the commitments filter lists the matching targets at once and updates its count', async ({ page }) => {
      await page.goto(`${prefix}/commitments/`);
      const filter = page.locator('target-filter');
      await expect(filter).toBeVisible();
      const total = thisYear.length;
      const rows = page.locator('#filter-results table#targets tbody tr');
      const count = filter.getByRole('status');
      await expect(count).toHaveText(t('commitments.filter.count', { shown: total, total }));
      // Until a filter is chosen the page shows the year by unit, not a list of every target.
      await expect(rows).toHaveCount(0);
      await expect(page.locator('table#units')).toBeVisible();

      const behind = label(STATUS, 'behind', locale);
      const facetCount = Number(
        (await region(page, t('commitments.facets')).getByRole('link', { name: behind, exact: true }).locator('xpath=following-sibling::span[1]').textContent())?.replace(/\D/g, ''),
      );
      await filter.getByRole('combobox', { name: t('common.status'), exact: true }).selectOption('behind');
      // The first choice fetches the filter's index; no navigation.
      await expect(count).toHaveText(t('commitments.filter.count', { shown: facetCount, total }));
      await expect(rows).toHaveCount(Math.min(facetCount, COMMITMENTS_PAGE_SIZE));
      await expect(page.locator('table#units')).toBeHidden();
      // The list's heading counts what is shown, not the whole year.
      await expect(page.locator('h2#list')).toHaveText(t('common.targets', { n: facetCount }));
      await expect(page).toHaveURL(/\?status=behind$/);
      const visibleStatuses = await rows.locator('.status').allTextContents();
      expect(new Set(visibleStatuses.map((s) => s.trim()))).toEqual(new Set([behind]));
      if (facetCount > COMMITMENTS_PAGE_SIZE) {
        await page.locator('#filter-results').getByRole('button').click();
        await expect(rows).toHaveCount(Math.min(facetCount, 2 * COMMITMENTS_PAGE_SIZE), { timeout: 1_000 });
      }

      // Narrow further by unit: exactly that unit's targets that are behind, as its static page lists them.
      const unitPage = await page.context().newPage();
      await unitPage.goto(`${prefix}/commitments/unit/${str(unit.code)}/`);
      const expected = (await unitPage.locator('table#targets tbody tr .status').allTextContents()).filter((s) => s.trim() === behind).length;
      await unitPage.close();
      await filter.getByRole('combobox', { name: t('common.unit'), exact: true }).selectOption(str(unit.code));
      // Instant: the index is loaded, the rows change within a frame or two.
      await expect(rows).toHaveCount(expected, { timeout: 1_000 });
      await expect(count).toHaveText(t('commitments.filter.count', { shown: expected, total }), { timeout: 1_000 });

      // The filter lives in the URL: a reload keeps it; clearing shows the summary again.
      await page.reload();
      await expect(rows).toHaveCount(expected);
      await filter.getByRole('button', { name: t('commitments.filter.reset') }).click();
      await expect(rows).toHaveCount(0, { timeout: 1_000 });
      await expect(page.locator('table#units')).toBeVisible();
      await expect(count).toHaveText(t('commitments.filter.count', { shown: total, total }));
    });
  });
}

test('the language switch keeps you on the same page', async ({ page }) => {
  const zh = useTranslations('zh-CN');
  const en = useTranslations('en');
  for (const path of [`/targets/${str(chartTarget.id)}/`, `/units/${str(unit.code)}/`, '/commitments/status/behind/', `/bulletins/${bulletinSlug}/`, '/methodology/']) {
    await page.goto(path);
    await page.getByRole('navigation', { name: zh('nav.language') }).getByRole('link', { name: zh('lang.switch') }).click();
    await expect(page).toHaveURL(new RegExp(`/en${path}$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('navigation', { name: en('nav.language') }).getByRole('link', { name: en('lang.switch') }).click();
    await expect(page).toHaveURL(new RegExp(`^[^?#]*//[^/]+${path}$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  }
  await page.goto(`/en/targets/${str(chartTarget.id)}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(chartTarget, 'title', 'en'));
});

test.describe('search', () => {
  const value = str(chartTarget.target_value);

  for (const { locale, prefix, keyword } of [
    // A Chinese keyword from the title: the target value with its measure, e.g. "5.21亿美元".
    { locale: 'zh-CN' as const, prefix: '', keyword: str(chartTarget.title).slice(str(chartTarget.title).indexOf(value)) },
    // An English one: the indicator's words and the value, e.g. "Foreign direct investment used 5.21".
    { locale: 'en' as const, prefix: '/en', keyword: `${str(chartTarget.title_en).split(':')[0]!} ${value}` },
  ]) {
    test(`finds a target by a keyword from its title (${locale}: "${keyword}")`, async ({ page }) => {
      const t = useTranslations(locale);
      expect(keyword.length).toBeGreaterThan(value.length);
      await page.goto(`${prefix}/search/`);
      const box = page.getByRole('searchbox', { name: t('search.label') });
      await box.fill(keyword);
      await page.getByRole('search').getByRole('button', { name: t('search.button') }).click();
      const result = page.locator('[data-results]').getByRole('link', { name: text(chartTarget, 'title', locale), exact: true });
      await expect(result).toHaveAttribute('href', `${prefix}/targets/${str(chartTarget.id)}/`);
      await expect(page.getByRole('status')).toHaveText(/\d/);
      await result.click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text(chartTarget, 'title', locale));
    });
  }
});

test('unknown pages answer 404 with a way home', async ({ page }) => {
  const response = await page.goto('/targets/999999/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(useTranslations('zh-CN')('notFound.title'));
  await page.getByRole('main').getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(useTranslations('en')('home.title'));
});
