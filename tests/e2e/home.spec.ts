import { expect, test } from '@playwright/test';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';

// What the demo city holds, computed independently of the site: the page must show these numbers.
const city = generateDemoCity(DEFAULT_DEMO);
const published = city.targets.filter((t) => t.status === 'published' && t.year === city.year).length;
const municipal = city.units.filter((u) => u.kind === 'municipal_unit').length;
const districts = city.units.filter((u) => u.kind === 'district').length;

const numbersIn = (text: string) => (text.match(/\d+/g) ?? []).map(Number);

for (const { path, lang, heading, summary } of [
  { path: '/', lang: 'zh-CN', heading: '目标绩效公开', summary: /(\d+)项目标中，已完成(\d+)项/ },
  { path: '/en/', lang: 'en', heading: 'Targets in the open', summary: /Of (\d+) targets, (\d+) are completed/ },
]) {
  test(`home page (${lang}) shows the live figures from the database`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);

    await expect(page.locator('[data-figure="municipal-units"] .number')).toHaveText(String(municipal));
    await expect(page.locator('[data-figure="districts"] .number')).toHaveText(String(districts));
    await expect(page.locator('[data-figure="targets"] .number')).toHaveText(String(published));

    const statusText = (await page.locator('[data-summary="status"]').textContent()) ?? '';
    expect(statusText).toMatch(summary);
    const [total, ...parts] = numbersIn(statusText);
    expect(total).toBe(published);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(published); // no target reports "no report" in the demo

    // The table beside the bar carries the same counts, with status named in words.
    const rows = page.locator('.status-table tbody tr');
    await expect(rows).toHaveCount(5);
    const counts = await rows.locator('td.num').evaluateAll((cells) => cells.filter((_, i) => i % 2 === 0).map((c) => Number(c.textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(published);
  });
}

test('the language switch leads to the same page in the other language', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('pages work with JavaScript disabled', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/');
  await expect(page.locator('[data-figure="targets"] .number')).toHaveText(String(published));
  await context.close();
});
