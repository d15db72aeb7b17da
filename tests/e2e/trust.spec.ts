/**
 * What lets a reader trust the portal, in both languages: a changed commitment shows its history
 * (old, new, reason, date) on the target page, is marked in the commitments list and is in the
 * commitment-change feeds; every page's footer names the site's owner, contact and filing numbers;
 * the accessibility statement exists. Expected values come from the deterministic demo city and
 * the configuration the server runs with, never from the site. Hearings: the oversubscribed open
 * hearing explains its draw next to the form; past hearings are listed under "past".
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { useTrustTranslations } from '../../src/i18n/trust.ts';
import { formatDate, pick, useTranslations, type Locale } from '../../src/i18n/ui.ts';
import { readSiteOwner } from '../../src/lib/config.ts';
import { demoCommitmentChanges } from '../../src/lib/demo/commitment-changes.ts';
import { PLANS } from '../../src/lib/demo/decisions.ts';
import { generateDemoParticipation } from '../../src/lib/demo/participation.ts';
import { useParticipation } from '../../src/i18n/participation.ts';
import { bulletinSlug, city, unit } from './demo-city.ts';

const LOCALES: { locale: Locale; prefix: string }[] = [
  { locale: 'zh-CN', prefix: '' },
  { locale: 'en', prefix: '/en' },
];

const changes = demoCommitmentChanges(city);
/** The target changed twice, and its changes newest first. */
const twice = changes.find((c) => changes.filter((d) => d.target_id === c.target_id).length > 1)!;
const target = city.targets.find((t) => t.id === twice.target_id)!;
const history = changes.filter((c) => c.target_id === target.id).reverse();
const changedTargets = new Set(changes.map((c) => c.target_id));
// The server inherits this environment: unset variables give the demo's fictional owner.
const owner = readSiteOwner(process.env);

const sectionWithHeading = (page: Page, heading: string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

for (const { locale, prefix } of LOCALES) {
  const t = useTranslations(locale);
  const tt = useTrustTranslations(locale);
  const title = pick(locale, String(target.title), target.title_en as string | null);

  test.describe(`commitment changes (${locale})`, () => {
    test('the target page shows the history: old text, new text, reason and date, newest first', async ({ page }) => {
      await page.goto(`${prefix}/targets/${String(target.id)}/`);
      await expect(page.locator('p.commitment')).toHaveText(history[0]!.new_text);
      const section = sectionWithHeading(page, t('target.commitmentChanges'));
      const items = section.locator('ol.commitment-changes > li');
      await expect(items).toHaveCount(history.length);
      for (const [i, change] of history.entries()) {
        const item = items.nth(i);
        await expect(item).toHaveAttribute('id', `commitment-change-${history.length - i}`);
        await expect(item.getByRole('heading')).toContainText(formatDate(change.at, locale));
        await expect(item.locator('.change-old')).toHaveText(change.old_text);
        await expect(item.locator('.change-new')).toHaveText(change.new_text);
        await expect(item.locator('.change-reason')).toHaveText(change.reason);
        if (locale === 'en') await expect(item.locator('.change-reason')).toHaveAttribute('lang', 'zh-CN');
      }
    });

    test('the commitments list marks exactly the changed commitments and links their feeds', async ({ page }) => {
      await page.goto(`${prefix}/commitments/`);
      const marks = page.locator('table#changed a.changed-flag');
      await expect(marks).toHaveCount(changedTargets.size);
      const hrefs = await marks.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.sort()).toEqual([...changedTargets].map((id) => `${prefix}/targets/${String(id)}/#commitment-changes`).sort());
      await expect(page.locator('table#changed tr', { has: page.getByRole('link', { name: title, exact: true }) }).locator('a.changed-flag'))
        .toHaveText(tt('changes.changed'));
      await expect(page.getByText(tt('changes.count', { n: changedTargets.size }))).toBeVisible();

      // The feeds, found from the page: every change, newest first, with its reason.
      const rss = await page.request.get(await page.getByRole('link', { name: 'RSS', exact: true }).getAttribute('href') ?? '');
      expect(rss.headers()['content-type']).toMatch(/xml/);
      const xml = await rss.text();
      expect(xml).toContain(`<title>${tt('changes.feed.title')}</title>`);
      const links = [...xml.matchAll(/<link>([^<]*#commitment-change-\d+)<\/link>/g)].map((m) => new URL(m[1]!).pathname + new URL(m[1]!).hash);
      const newestFirst = [...changes].reverse();
      const anchor = (c: (typeof changes)[number]) =>
        `${prefix}/targets/${String(c.target_id)}/#commitment-change-${changes.filter((d) => d.target_id === c.target_id).indexOf(c) + 1}`;
      expect(links).toEqual(newestFirst.map(anchor));
      for (const c of changes) expect(xml).toContain(c.reason);

      const json = await page.request.get(await page.getByRole('link', { name: 'JSON Feed', exact: true }).getAttribute('href') ?? '');
      const feed = (await json.json()) as { items: { url: string; content_html: string; date_published: string }[] };
      expect(feed.items.map((i) => new URL(i.url).pathname + new URL(i.url).hash)).toEqual(newestFirst.map(anchor));
      expect(feed.items[0]!.content_html).toContain(newestFirst[0]!.new_text);
      expect(new Date(feed.items[0]!.date_published).getTime()).toBe(new Date(newestFirst[0]!.at).getTime());
    });
  });

  test.describe(`site owner and accessibility (${locale})`, () => {
    const pages = ['/', `/targets/${String(target.id)}/`, '/commitments/', `/units/${String(unit.code)}/`, `/bulletins/${bulletinSlug}/`, '/hearings/', '/methodology/', '/accessibility/'];
    test('every page type carries the owner, contact and filing numbers in its footer', async ({ page }) => {
      const host = locale === 'en' && owner.nameEn ? owner.nameEn : owner.name;
      const colon = locale === 'en' ? ': ' : '：';
      for (const path of pages) {
        await page.goto(`${prefix}${path}`);
        const footer = page.locator('footer.site-footer');
        await expect(footer.locator('.owner-host'), path).toHaveText(`${tt('owner.host')}${colon}${host}`);
        if (owner.phone) await expect(footer.locator('.owner-phone')).toHaveText(`${tt('owner.phone')}${colon}${owner.phone}`);
        if (owner.email) await expect(footer.locator('.owner-email a')).toHaveAttribute('href', `mailto:${owner.email}`);
        if (owner.address) await expect(footer.locator('.owner-address')).toHaveText(`${tt('owner.address')}${colon}${owner.address}`);
        if (owner.icp) await expect(footer.locator('.owner-icp')).toHaveText(`${tt('owner.icp')}${colon}${owner.icp}`);
        if (owner.siteCode) await expect(footer.locator('.owner-site-code')).toHaveText(`${tt('owner.siteCode')}${colon}${owner.siteCode}`);
        if (owner.psb) await expect(footer.locator('.owner-psb')).toHaveText(`${tt('owner.psb')}${colon}${owner.psb}`);
        await expect(footer.getByRole('link', { name: tt('a11y.link'), exact: true })).toHaveAttribute('href', `${prefix}/accessibility/`);
      }
    });

    test('the accessibility statement: target, testing, limits and where to report a barrier', async ({ page }) => {
      await page.goto(prefix || '/');
      await page.locator('footer.site-footer').getByRole('link', { name: tt('a11y.link'), exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${prefix}/accessibility/$`));
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(tt('a11y.title'));
      await expect(sectionWithHeading(page, tt('a11y.target.heading'))).toContainText('WCAG');
      await expect(sectionWithHeading(page, tt('a11y.target.heading'))).toContainText('2.2');
      await expect(sectionWithHeading(page, tt('a11y.tested.heading'))).toContainText('axe-core');
      await expect(sectionWithHeading(page, tt('a11y.limits.heading')).getByRole('listitem')).toHaveCount(4);
      const report = sectionWithHeading(page, tt('a11y.report.heading'));
      if (owner.email) await expect(report.getByRole('link', { name: owner.email })).toHaveAttribute('href', `mailto:${owner.email}`);
      if (owner.phone) await expect(report).toContainText(owner.phone);
    });
  });
}

/** The demo's oversubscribed open hearing, a closed one whose date has gone by, and a held one. */
const hearingPlans = PLANS.flatMap((p) => (p.hearing ? [p.hearing] : []));
const oversubscribed = hearingPlans.find((h) => h.stage === 'open' && h.signups > h.seats)!;
const lapsed = hearingPlans.find((h) => h.stage === 'closed')!;
const held = generateDemoParticipation(city).hearings.find((h) => h.status === 'held')!;

for (const { locale, prefix } of LOCALES) {
  const p = useParticipation(locale);
  const name = (h: { title: string; title_en: string | null }) => pick(locale, h.title, h.title_en);

  test.describe(`hearings (${locale})`, () => {
    test('past hearings are under "past", an open one under "upcoming"', async ({ page }) => {
      await page.goto(`${prefix}/hearings/`);
      const past = page.locator('section[data-hearings="past"]');
      const upcoming = page.locator('section[data-hearings="upcoming"]');
      await expect(past.getByRole('heading', { level: 2 })).toHaveText(p('hearings.past'));
      // Two demo hearings share this English title (one from a decision); both were held.
      await expect(past.getByRole('link', { name: name(held), exact: true }).first()).toBeVisible();
      await expect(upcoming.getByRole('link', { name: name(held), exact: true })).toHaveCount(0);
      await expect(upcoming.getByRole('link', { name: name(oversubscribed), exact: true })).toBeVisible();
      // Closed for sign-up and its meeting day gone by, though no outcome is recorded yet.
      if (Date.parse(lapsed.held) < Date.now()) {
        await expect(past.getByRole('link', { name: name(lapsed), exact: true })).toBeVisible();
        await expect(upcoming.getByRole('link', { name: name(lapsed), exact: true })).toHaveCount(0);
      }
    });

    test('the oversubscribed hearing explains the draw next to the form, without "0 seats left"', async ({ page }) => {
      await page.goto(`${prefix}/hearings/`);
      await page.locator('section[data-hearings="upcoming"]').getByRole('link', { name: name(oversubscribed), exact: true }).click();
      const explanation = page.locator('[data-draw-explanation]');
      await expect(explanation.getByRole('heading')).toHaveText(p('hearings.draw.heading'));
      await expect(explanation).toContainText(p('hearings.draw.overOpen'));
      await expect(explanation).toContainText(p('hearings.draw.how'));
      await expect(explanation).toContainText(p('hearings.draw.told'));
      await expect(explanation.getByRole('link', { name: p('hearings.draw.verify') })).toHaveAttribute('href', new RegExp(`${prefix}/hearings/verify/\\?hearing=\\d+$`));
      await expect(page.locator('main')).not.toContainText(p('hearings.stats.seats_left'));
      // The live island answered: sign-up is open, the form is there, beside the explanation.
      await expect(page.locator('section.live')).toHaveAttribute('data-live', 'fresh');
      await expect(page.locator('[data-signup-phase]')).toHaveAttribute('data-signup-phase', 'open');
      await expect(page.getByRole('form', { name: p('hearings.form.heading') })).toBeVisible();
    });

    test('with JavaScript off, the built page gives the demo numbers', async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${prefix}/hearings/`);
      await page.locator('section[data-hearings="upcoming"]').getByRole('link', { name: name(oversubscribed), exact: true }).click();
      const explanation = page.locator('[data-draw-explanation]');
      await expect(explanation).toContainText(p('hearings.draw.count', { signups: oversubscribed.signups, seats: oversubscribed.seats }));
      await expect(page.locator('[data-figure="seats"]')).toHaveText(String(oversubscribed.seats));
      await expect(page.locator('[data-figure="signups"]')).toHaveText(String(oversubscribed.signups));
      await context.close();
    });

    test('a hearing whose sign-up has closed says so and offers no form', async ({ page }) => {
      await page.goto(`${prefix}/hearings/`);
      await page.getByRole('link', { name: name(lapsed), exact: true }).click();
      // Below its draw record: the island hydrates once it is scrolled into view.
      await page.locator('[data-draw-explanation]').scrollIntoViewIfNeeded();
      await expect(page.locator('section.live')).toHaveAttribute('data-live', 'fresh');
      await expect(page.locator('[data-signup-phase]')).toHaveText(p('hearings.phase.closed'));
      await expect(page.locator('[data-draw-explanation]')).toContainText(p('hearings.draw.overClosed'));
      await expect(page.getByRole('form', { name: p('hearings.form.heading') })).toHaveCount(0);
    });
  });
}

test.describe('axe-core on what this spec adds', () => {
  for (const { prefix } of LOCALES) {
    for (const path of ['/accessibility/', `/targets/${String(target.id)}/`, '/commitments/']) {
      test(`${prefix}${path} (footer included) has no WCAG 2.2 AA violations`, async ({ page }) => {
        await page.goto(`${prefix}${path}`);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });
    }
  }
});
