import { expect, test } from '@playwright/test';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';

// What the demo city holds, computed independently of the site: the page must show these numbers.
const city = generateDemoCity(DEFAULT_DEMO);
const published = city.targets.filter((t) => t.status === 'published' && t.year === city.year).length;
const municipal = city.units.filter((u) => u.kind === 'municipal_unit').length;
const districts = city.units.filter((u) => u.kind === 'district').length;

const numbersIn = (text: string) => (text.match(/\d+/g) ?? []).map(Number);

// Each of this year's targets' status now, recomputed from the demo's rows as a journalist would
// from the open data: a leaf has the status of its latest report in force; a decomposed target rolls
// up from its leaves (completed only when all are, not completed / behind when any is, no report
// while none has reported, on track otherwise).
const thisYear = city.targets.filter((t) => t.status === 'published' && t.year === city.year);
const inForce = city.progress_reports.filter((r) => !city.progress_reports.some((c) => c.supersedes_id === r.id));
const latest = new Map<unknown, { period: string; status: string }>();
for (const r of inForce) {
  const seen = latest.get(r.target_id);
  if (!seen || String(r.period) > seen.period) latest.set(r.target_id, { period: String(r.period), status: String(r.status) });
}
const childrenOf = (id: unknown) => thisYear.filter((t) => t.parent_id === id);
const leavesOf = (id: unknown): unknown[] => {
  const children = childrenOf(id);
  return children.length === 0 ? [id] : children.flatMap((c) => leavesOf(c.id));
};
function statusNow(id: unknown): string {
  const statuses = leavesOf(id).map((leaf) => latest.get(leaf)?.status ?? 'no_report');
  if (statuses.every((s) => s === 'completed')) return 'completed';
  if (statuses.includes('not_completed')) return 'not_completed';
  if (statuses.includes('behind')) return 'behind';
  if (statuses.every((s) => s === 'no_report')) return 'no_report';
  return 'on_track';
}
const expectedCounts = Object.fromEntries(
  ['completed', 'on_track', 'behind', 'not_completed', 'no_report'].map((s) => [s, thisYear.filter((t) => statusNow(t.id) === s).length]),
);

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
    // Each status's count on its own, against the recount from the demo's rows.
    for (const [status, n] of Object.entries(expectedCounts)) {
      await expect(page.locator(`.status-table tr[data-status="${status}"] td.num`).first(), status).toHaveText(String(n));
    }
    expect(parts[0]).toBe(expectedCounts['completed']);
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
