/**
 * The journalist path (issue 16), in real Chromium and both languages: from the home page to the
 * latest period's bulletin, its figures as CSV and the feeds by clicking only; the CSV read back
 * and checked against the bulletin page; anchors on every heading and unit row; the lead once;
 * /targets/ with its filter, and a target found by its code. Expected values come from the
 * deterministic demo city; the page is read back only to cross-check it against the CSV.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { STATUS, label } from '../../src/i18n/labels.ts';
import { useOpenDataTranslations } from '../../src/i18n/opendata.ts';
import { pick, useTranslations, type Locale } from '../../src/i18n/ui.ts';
import { bulletinFigureColumns } from '../../src/lib/opendata/bulletin-figures.ts';
import { bulletinSlug, chartTarget, city, publishedTargets } from './demo-city.ts';

const LOCALES: { locale: Locale; prefix: string }[] = [
  { locale: 'zh-CN', prefix: '' },
  { locale: 'en', prefix: '/en' },
];
const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const thisYear = publishedTargets.filter((t) => t.year === city.year);

/** Follows a link by clicking it, counting the click. */
class Clicks {
  n = 0;
  async click(link: Locator): Promise<void> {
    this.n++;
    await link.click();
  }
  /** Clicks a download link and returns the file's text. */
  async download(page: Page, link: Locator): Promise<string> {
    const download = page.waitForEvent('download');
    await this.click(link);
    const file = await (await download).path();
    return fs.readFileSync(file, 'utf8');
  }
  /** Clicks a link to a file the browser shows (a feed) and returns the response body. */
  async open(page: Page, link: Locator): Promise<string> {
    const href = (await link.getAttribute('href')) ?? '';
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === href);
    await this.click(link);
    expect((await response).status()).toBe(200);
    // Read the body apart: the browser may save a feed rather than show it.
    return (await page.request.get(href)).text();
  }
}

type CsvRow = Record<string, string>;
const readCsv = (text: string): CsvRow[] => {
  expect(text.charCodeAt(0), 'the CSV starts with a byte order mark').toBe(0xfeff);
  const rows: CsvRow[] = parse(text, { bom: true, columns: true });
  return rows;
};

for (const { locale, prefix } of LOCALES) {
  const t = useTranslations(locale);
  const latest = (page: Page) => page.getByRole('region', { name: t('bulletins.latest') });
  const follow = (page: Page) => page.getByRole('region', { name: t('bulletins.follow') });

  test.describe(`journalist path (${locale})`, () => {
    test('home → the latest period’s bulletin → its CSV, and the feeds, by clicking only', async ({ page }) => {
      const clicks = new Clicks();
      await page.goto(`${prefix}/`);
      await clicks.click(page.getByRole('navigation', { name: t('nav.main') }).getByRole('link', { name: t('nav.bulletins'), exact: true }));
      await expect(page).toHaveURL(new RegExp(`${prefix}/bulletins/$`));
      const fromIndex = clicks.n;

      // The latest period (the demo publishes one monthly bulletin a month, the last for lastPeriod).
      await clicks.click(latest(page).getByRole('link').first());
      await expect(page).toHaveURL(new RegExp(`${prefix}/bulletins/${bulletinSlug}/$`));
      const csv = readCsv(await clicks.download(page, follow(page).getByRole('link', { name: t('bulletins.csv') })));
      expect(clicks.n - fromIndex, 'clicks from /bulletins/ to the CSV').toBeLessThanOrEqual(3);
      expect(csv.length).toBeGreaterThan(5);
      expect(new Set(csv.map((r) => r['bulletin']))).toEqual(new Set([bulletinSlug]));
      expect(new Set(csv.map((r) => r['period']))).toEqual(new Set([city.lastPeriod]));
      expect(Object.keys(csv[0]!)).toEqual(bulletinFigureColumns().map((c) => c.name));

      // Both feeds from the bulletins page, one click each; each carries the latest bulletin.
      for (const name of [t('bulletins.rss'), t('bulletins.jsonFeed')]) {
        await page.goto(`${prefix}/bulletins/`);
        const before = clicks.n;
        const body = await clicks.open(page, follow(page).getByRole('link', { name, exact: true }));
        expect(clicks.n - before).toBe(1);
        expect(body).toContain(`${prefix}/bulletins/${bulletinSlug}/`);
      }
    });

    test('the home page leads to the latest period’s bulletin directly', async ({ page }) => {
      await page.goto(`${prefix}/`);
      const section = page.locator('section').filter({ has: page.getByRole('heading', { name: t('home.bulletin.heading'), exact: true }) });
      await section.getByRole('link').first().click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/bulletins/${bulletinSlug}/$`));
    });

    test('the bulletin’s CSV has the figures the page shows', async ({ page, request }) => {
      await page.goto(`${prefix}/bulletins/${bulletinSlug}/`);
      const href = await follow(page).getByRole('link', { name: t('bulletins.csv') }).getAttribute('href');
      const response = await request.get(href!);
      expect(response.headers()['content-type']).toContain('text/csv');
      const csv = readCsv(await response.text());

      // The status table of the body: status, count, share, change, in the CSV's order.
      const status = csv.filter((r) => r['section'] === 'status');
      expect(status.map((r) => r['item'])).toEqual(['completed', 'on_track', 'behind', 'not_completed', 'no_report']);
      const table = page.locator('article.bulletin-body table').first();
      const signed = (v: string) => (v === '' ? '—' : Number(v) > 0 ? `+${v}` : v);
      await expect(table.locator('tbody tr')).toHaveText(
        status.map((r) => new RegExp(`^\\s*${escape(label(STATUS, r['item']!, locale))}\\s*${r['count']}\\s*${escape(Number(r['share_pct']).toFixed(1))}%\\s*${escape(signed(r['change']!))}\\s*$`)),
      );
      // The chart's data table has the same counts.
      const figures = page.getByRole('region', { name: t('bulletins.figures') });
      await figures.getByText(t('common.showData')).click();
      await expect(figures.locator('table tbody td')).toHaveText(status.map((r) => r['count']!));
      // Every unit most behind is a linked row of section 2, anchored by its code.
      for (const r of csv.filter((x) => x['section'] === 'most_behind')) {
        const row = page.locator(`article.bulletin-body li#s2-${r['unit_code']}`);
        await expect(row).toContainText(String(r['count']));
        await expect(row.getByRole('link').first()).toHaveAttribute('href', `${prefix}/units/${r['unit_code']}/`);
      }
    });

    test('every heading of a bulletin has an id, unit rows are anchored and linked, and the lead is said once', async ({ page }) => {
      await page.goto(`${prefix}/bulletins/${bulletinSlug}/`);
      const main = page.getByRole('main');
      const headings = main.locator('h2, h3');
      expect(await headings.count()).toBeGreaterThan(4);
      for (const id of await headings.evaluateAll((hs) => hs.map((h) => h.id))) expect(id).not.toBe('');
      // Each section of the body has a visible "#" link to itself.
      for (const h of await main.locator('article.bulletin-body h2').all()) {
        const id = await h.getAttribute('id');
        await expect(h.getByRole('link', { name: t('bulletins.anchor') })).toHaveAttribute('href', `#${id}`);
      }
      const unitRows = main.locator('article.bulletin-body li[id]');
      expect(await unitRows.count()).toBeGreaterThan(0);
      for (const li of await unitRows.all()) {
        const code = (await li.getAttribute('id'))!.replace(/^s\d+-/, '').replace(/-\d+$/, '');
        expect(city.units.some((u) => u.code === code), `${code} is a unit`).toBe(true);
        await expect(li.locator(`a[href="${prefix}/units/${code}/"]`).first()).toBeVisible();
      }
      // The lead: once in the visible text of the page.
      const lead = ((await main.locator('p.lead').textContent()) ?? '').trim();
      expect(lead.length).toBeGreaterThan(20);
      const text = await main.innerText();
      expect(text.split(lead).length - 1, 'the lead sentence appears once').toBe(1);
      // Its first sentence is not repeated in other words either.
      const first = lead.split(/(?<=。)|(?<=\.)\s+/)[0]!;
      expect(text.split(first).length - 1).toBe(1);
    });

    test('/bulletins/ names the latest period’s bulletin and has the feed and CSV links', async ({ page }) => {
      await page.goto(`${prefix}/bulletins/`);
      await expect(latest(page).getByRole('link').first()).toHaveAttribute('href', `${prefix}/bulletins/${bulletinSlug}/`);
      await expect(follow(page).getByRole('link', { name: t('bulletins.rss'), exact: true })).toHaveAttribute('href', `${prefix}/bulletins/rss.xml`);
      await expect(follow(page).getByRole('link', { name: t('bulletins.jsonFeed'), exact: true })).toHaveAttribute('href', `${prefix}/bulletins/feed.json`);
      await expect(follow(page).getByRole('link', { name: t('bulletins.csv') })).toHaveAttribute('href', `/bulletins/${bulletinSlug}.csv`);
    });

    test('/data/ explains the LibreOffice import settings next to the CSV links', async ({ page }) => {
      await page.goto(`${prefix}/data/`);
      const note = page.locator('#libreoffice');
      await expect(note).toContainText('UTF-8');
      await expect(note).toContainText(locale === 'en' ? 'comma' : '逗号');
      // It sits in the downloads section, right above the CSV links.
      await expect(page.getByRole('region', { name: useOpenDataTranslations(locale)('data.downloads') }).locator('#libreoffice')).toBeVisible();
      await expect(page.locator('#bulletin-figures code').first()).toHaveText('bulletin');
    });

    test('/targets/ lists this year’s targets by unit, and the filter narrows them', async ({ page }) => {
      await page.goto(`${prefix}/targets/`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('targets.title', { year: city.year }));
      const rows = page.locator('#unit-targets tbody tr');
      const holders = new Set(thisYear.map((x) => x.unit_id));
      await expect(rows).toHaveCount(holders.size);
      const counts = await page.locator('#unit-targets tbody tr td:nth-of-type(1)').allTextContents();
      expect(counts.reduce((n, c) => n + Number(c), 0)).toBe(thisYear.length);
      const m001 = city.units.find((u) => u.code === 'M001')!;
      await expect(page.locator('#unit-M001 td').first()).toHaveText(String(thisYear.filter((x) => x.unit_id === m001.id).length));
      await expect(page.locator('#unit-M001 a').first()).toHaveAttribute('href', `${prefix}/units/M001/`);

      await page.getByLabel(t('targets.filter')).fill('m001');
      const visible = page.locator('#unit-targets tbody tr:visible');
      await expect(visible).toHaveCount(1);
      await expect(page.locator('#unit-M001')).toBeVisible();
      await page.getByLabel(t('targets.filter')).fill('');
      await page.getByLabel(t('commitments.facet.kind')).selectOption('district');
      const districts = city.units.filter((u) => u.kind === 'district' && holders.has(u.id)).length;
      await expect(visible).toHaveCount(districts);
      await expect(page.getByRole('status')).toHaveText(t('targets.filter.count', { shown: districts, total: holders.size }));
    });

    test('a target code leads to its target, by address and from the lookup on /targets/', async ({ page }) => {
      const title = pick(locale, String(chartTarget.title), chartTarget.title_en as string | null);
      await page.goto(`${prefix}/targets/code/${String(chartTarget.code)}/`);
      await expect(page).toHaveURL(new RegExp(`${prefix}/targets/${String(chartTarget.id)}/$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

      await page.goto(`${prefix}/targets/`);
      await page.getByLabel(t('targets.code'), { exact: true }).fill(String(chartTarget.code).toLowerCase());
      await page.getByRole('button', { name: t('targets.go') }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/targets/${String(chartTarget.id)}/$`));
    });
  });
}

test('/targets/code/<code>/ works without JavaScript (meta refresh)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/targets/code/${String(chartTarget.code)}/`);
  await expect(page).toHaveURL(new RegExp(`/targets/${String(chartTarget.id)}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(String(chartTarget.title));
  await context.close();
});
