/**
 * The Content Security Policy in real Chromium. Every page type, in both languages, does its work
 * with no CSP violation: the custom-element filter and sortable table, the Svelte islands (their
 * inline bootstrap, RPCs to the gateway, a real sign-up and a real survey answer), the Chart.js
 * charts, the lottery recomputed with crypto.subtle, and Pagefind's search (a worker and
 * WebAssembly). And the negative control: a script injected into a page does not run, while the
 * same page without the policy runs it, so the policy is what stops it and this suite can fail.
 */
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { useParticipation } from '../../src/i18n/participation.ts';
import { useTranslations, type Locale } from '../../src/i18n/ui.ts';
import { demoInvitationTokens } from '../../src/lib/demo/participation.ts';
import { bulletinSlug, chartTarget, city, unit } from './demo-city.ts';

const LOCALES: { locale: Locale; prefix: string }[] = [
  { locale: 'zh-CN', prefix: '' },
  { locale: 'en', prefix: '/en' },
];
/** Invitation tokens the participation suite leaves unused (it answers with the first one). */
const panelSlug = `city-representatives-${city.year}`;
const tokens = demoInvitationTokens(city)[panelSlug]!.slice(1);
/** An open hearing other suites do not sign up for. */
const OPEN_HEARING = 7;

interface CspWindow {
  __cspViolations: string[];
  __reportCspViolation?: (line: string) => Promise<void>;
  __pwned?: number;
}

/**
 * Every CSP violation on every page the test opens: securitypolicyviolation events (listened for
 * from an init script, kept in window.__cspViolations and reported here, so a navigation loses
 * none) and console errors naming the policy. The test fails at its end unless the list is empty.
 */
const test = base.extend<{ violations: string[] }>({
  violations: [
    async ({ page }, use) => {
      const found: string[] = [];
      await page.exposeFunction('__reportCspViolation', (line: string) => {
        found.push(line);
      });
      await page.addInitScript(() => {
        const w = window as unknown as CspWindow;
        w.__cspViolations = [];
        window.addEventListener(
          'securitypolicyviolation',
          (e) => {
            const line = `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`;
            w.__cspViolations.push(line);
            void w.__reportCspViolation?.(line);
          },
          true,
        );
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          found.push(`console: ${message.text()}`);
      });
      await use(found);
      expect(found, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

/** Opens a page and checks it carries its policy (the meta tag Astro writes). */
async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator('meta[http-equiv="content-security-policy"]'), path).toHaveAttribute(
    'content',
    /script-src 'self'/,
  );
}

/** Brings each island into view (they hydrate client:visible) and waits until it has hydrated. */
async function expectIslandsHydrated(page: Page): Promise<void> {
  const islands = page.locator('astro-island');
  await expect(islands.first()).toBeAttached();
  for (const island of await islands.all()) {
    // An astro-island has no box of its own (display: contents): scroll to what it holds.
    await island.evaluate((element) => (element.firstElementChild ?? element).scrollIntoView());
    await expect(island).not.toHaveAttribute('ssr');
  }
}

/** Every chart's canvas has pixels painted by Chart.js (the server sends an empty canvas). */
async function expectChartsDrawn(page: Page): Promise<void> {
  const canvases = page.locator('figure.chart canvas');
  await expect(canvases.first()).toBeAttached();
  for (const canvas of await canvases.all()) {
    await canvas.scrollIntoViewIfNeeded();
    await expect.poll(() => painted(canvas), { message: 'a drawn chart' }).toBe(true);
  }
}

function painted(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const context = c.getContext('2d');
    if (!context || c.width === 0 || c.height === 0) return false;
    return context.getImageData(0, 0, c.width, c.height).data.some((value, i) => i % 4 === 3 && value > 0);
  });
}

/** The status bars (SVG, sized by attributes) are drawn with segments of real width. */
async function expectStatusBarsSized(page: Page): Promise<void> {
  const segment = page.locator('svg.bar rect').first();
  await expect(segment).toBeAttached();
  expect(await segment.evaluate((span) => span.getBoundingClientRect().width)).toBeGreaterThan(0);
}

for (const { locale, prefix } of LOCALES) {
  const t = useTranslations(locale);
  const p = useParticipation(locale);

  test.describe(`every page type runs under the policy (${locale})`, () => {
    test('home and open data', async ({ page }) => {
      await visit(page, `${prefix}/`);
      await expectStatusBarsSized(page);
      await visit(page, `${prefix}/data/`);
    });

    test('commitments: the filter element runs; a facet page', async ({ page }) => {
      await visit(page, `${prefix}/commitments/`);
      const filter = page.locator('target-filter');
      await expect(filter).toBeVisible(); // shown by its script
      await filter.locator('select[name="status"]').selectOption('behind');
      // The filter fetches its index from the site itself (connect-src 'self') and lists the matches.
      await expect(page.locator('#filter-results table#targets tbody tr').first()).toBeVisible();
      await visit(page, `${prefix}/commitments/status/behind/`);
      await expect(page.locator('table#targets tbody tr').first()).toBeVisible();
    });

    test('a unit and a target: status bars and charts', async ({ page }) => {
      await visit(page, `${prefix}/units/${String(unit.code)}/`);
      await expectStatusBarsSized(page);
      await expectIslandsHydrated(page);
      await expectChartsDrawn(page);
      await visit(page, `${prefix}/targets/${String(chartTarget.id)}/`);
      await expectIslandsHydrated(page);
      await expectChartsDrawn(page);
    });

    test('bulletins and a bulletin with its chart', async ({ page }) => {
      await visit(page, `${prefix}/bulletins/`);
      await visit(page, `${prefix}/bulletins/${bulletinSlug}/`);
      await expectIslandsHydrated(page);
      await expectChartsDrawn(page);
    });

    test('an assessment year: the sortable table and the chart', async ({ page }) => {
      await visit(page, `${prefix}/assessment/2025/`);
      const heading = page.locator('sortable-table thead th').first();
      await heading.getByRole('button').click(); // the button exists only once the script ran
      await expect(heading).toHaveAttribute('aria-sort', 'ascending');
      await expectIslandsHydrated(page);
      await expectChartsDrawn(page);
    });

    test('decisions, a decision, and the lottery verified in the browser', async ({ page }) => {
      await visit(page, `${prefix}/decisions/`);
      await visit(page, `${prefix}/decisions/tiered-water-prices-2026/`);
      await visit(page, `${prefix}/hearings/verify/`);
      await page.getByRole('button', { name: t('verify.run') }).click();
      await expect(page.getByRole('status')).toHaveText(t('verify.ok'));
    });

    test('the hall and a topic: live figures from the gateway, the opinion form checks its input', async ({ page }) => {
      await visit(page, `${prefix}/hall/`);
      await visit(page, `${prefix}/hall/night-bus-routes/`);
      await expectIslandsHydrated(page);
      await expect(page.locator('section.live')).toHaveAttribute('data-live', 'fresh'); // an RPC answered (connect-src)
      const form = page.getByRole('form', { name: p('hall.form.heading') });
      await form.getByRole('button', { name: p('hall.form.submit') }).click();
      await expect(form.getByRole('alert')).toBeVisible();
    });

    test('hearings and a real sign-up', async ({ page }) => {
      await visit(page, `${prefix}/hearings/`);
      await visit(page, `${prefix}/hearings/${OPEN_HEARING}/`);
      await expectIslandsHydrated(page);
      await expect(page.locator('section.live')).toHaveAttribute('data-live', 'fresh');
      const form = page.getByRole('form', { name: p('hearings.form.heading') });
      await form.getByLabel(new RegExp(`^${p('hearings.form.name')}`)).fill('CSP');
      await form.getByLabel(p('hearings.form.contact')).fill(`e2e-csp-${locale}@example.invalid`);
      await form.getByLabel(p('hearings.form.category')).selectOption('other');
      await form.getByRole('button', { name: p('hearings.form.submit') }).click();
      // A code goes to the contact; the form asks for it (the sign-up counts once confirmed).
      await expect(page.locator('[data-signup="code"]')).toBeVisible();
    });

    test('surveys and a real answer to a panel survey', async ({ page }) => {
      await visit(page, `${prefix}/surveys/`);
      await visit(page, `${prefix}/surveys/${panelSlug}/`);
      await expectIslandsHydrated(page);
      await expect(page.locator('section.live')).toHaveAttribute('data-live', 'fresh');
      const form = page.getByRole('form', { name: p('surveys.form.heading') });
      await form.getByLabel(p('surveys.form.token')).fill(tokens[locale === 'en' ? 1 : 0]!);
      for (const group of await form.getByRole('group').all()) await group.getByRole('radio').first().check();
      await form.getByRole('button', { name: p('surveys.form.submit') }).click();
      await expect(page.getByRole('status')).toContainText(p('surveys.form.done'));
    });

    test('search finds results (Pagefind: worker and WebAssembly)', async ({ page }) => {
      await visit(page, `${prefix}/search/`);
      const box = page.getByRole('searchbox', { name: t('search.label') });
      await box.fill(locale === 'en' ? 'bulletin' : '通报');
      await page
        .getByRole('search')
        .getByRole('button', { name: t('search.button') })
        .click();
      await expect(page.locator('[data-results] li').first()).toBeVisible();
      await expect(page.locator('[data-status]')).toHaveText(/\d/);
    });
  });
}

test.describe('negative control: an injected script', () => {
  const INJECTED =
    '<script>window.__pwned = 1</script><img src="/no-such-image.png" alt="" onerror="window.__pwned = 2">';

  /** Serves /en/ with the injection inside <main>, optionally without the policy's meta tag. */
  async function inject(page: Page, options: { dropPolicy: boolean }): Promise<void> {
    await page.route('**/en/', async (route) => {
      const response = await route.fetch();
      let html = await response.text();
      expect(html).toContain('</main>');
      if (options.dropPolicy) html = html.replace(/<meta http-equiv="content-security-policy"[^>]*>/, '');
      await route.fulfill({ response, body: html.replace('</main>', `${INJECTED}</main>`) });
    });
    await page.goto('/en/');
    await expect(page.locator('main img[src="/no-such-image.png"]')).toBeAttached();
  }

  const pwned = (page: Page) => page.evaluate(() => (window as unknown as CspWindow).__pwned);

  test('does not run under the policy, and the violations are reported', async ({ page, violations }) => {
    await inject(page, { dropPolicy: false });
    // Both refusals are heard twice: as securitypolicyviolation events and on the console.
    await expect.poll(() => violations.filter((v) => v.startsWith('/en/')).length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => violations.filter((v) => v.startsWith('console:')).length).toBeGreaterThanOrEqual(2);
    expect(await pwned(page)).toBeUndefined();
    const inWindow = await page.evaluate(() => (window as unknown as CspWindow).__cspViolations);
    expect(inWindow).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/en\/: script-src-elem blocked inline/),
        expect.stringMatching(/^\/en\/: script-src-attr blocked inline/),
      ]),
    );
    // These violations were the point of this test: take them out of the list checked at its end.
    violations.length = 0;
  });

  test('runs without the policy (so the policy is what stops it)', async ({ page }) => {
    await inject(page, { dropPolicy: true });
    await expect.poll(() => pwned(page)).toBeDefined();
  });
});
