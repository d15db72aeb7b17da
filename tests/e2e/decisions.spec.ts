import { expect, test } from '@playwright/test';

test.describe('major decisions and the hearing lottery', () => {
  test('a hearing shows its committed hash before the draw', async ({ page }) => {
    await page.goto('/en/decisions/bus-fare-optimisation/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bus fare optimisation');
    await expect(page.locator('[data-decision-status]')).toHaveText('Hearing scheduled');
    await expect(page.locator('[data-seed-hash]')).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.locator('[data-seed]')).toHaveText('revealed when sign-ups close');
    await expect(page.getByText('Not drawn yet.')).toBeVisible();
  });

  test('after the draw, the seed, the ordered result and the outcome are public and verify in the browser', async ({ page }) => {
    await page.goto('/decisions/tiered-water-prices-2026/');
    await expect(page.locator('[data-decision-status]')).toHaveText('已决定');
    await expect(page.locator('[data-seed]')).not.toHaveText('报名截止后公开');
    const rows = page.locator('table[data-draw] tbody tr');
    await expect(rows).toHaveCount(42);
    await expect(rows.filter({ hasText: '入选' }).first()).toBeVisible();
    await expect(page.locator('[data-votes]')).toHaveText('赞成10票，反对3票，弃权2票。');
    // Names never appear unless the person agreed; contacts never.
    await expect(page.locator('body')).not.toContainText('example.invalid');

    await page.getByRole('link', { name: '验证抽签结果' }).first().click();
    await expect(page).toHaveURL(/\/hearings\/verify\/\?hearing=\d+/);
    await page.getByRole('button', { name: '重新计算并比对' }).click();
    await expect(page.getByRole('status')).toHaveText(/验证通过/);
    // A wrong seed does not verify.
    await page.getByLabel('种子（默认使用已公开的种子）').fill('a guessed seed');
    await page.getByRole('button', { name: '重新计算并比对' }).click();
    await expect(page.getByRole('status')).toHaveText(/验证未通过/);
  });

  test('a decision the majority opposed is shown as withdrawn with the reason', async ({ page }) => {
    await page.goto('/en/decisions/expressway-east-section/');
    await expect(page.locator('[data-decision-status]')).toHaveText('Withdrawn');
    // The reason is the record's own Chinese text, marked as such on the English page.
    await expect(page.locator('[data-decision-status] + [lang="zh-CN"]')).toHaveText('听证会多数代表反对（赞成4票、反对9票、弃权2票），决策事项撤回。');
    await expect(page.locator('[data-votes]')).toHaveText('4 for, 9 against, 2 abstaining.');
    // Attendance is recorded, and the votes cannot exceed it.
    await expect(page.locator('[data-attendance]')).toHaveText('15 representatives present (15 seats).');
  });

  test('decisions can be filtered by kind and state without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/en/decisions/');
    await page.getByRole('link', { name: 'Price adjustment' }).click();
    await expect(page).toHaveURL(/\/en\/decisions\/kind\/price_adjustment\/$/);
    await expect(page.locator('.decision-list > li')).toHaveCount(7);
    await context.close();
  });
});

test('a hearing page shows the committed hash before the draw and the verifiable draw after it', async ({ page }) => {
  await page.goto('/en/decisions/bus-fare-optimisation/');
  await page.getByRole('link', { name: 'Hearing on bus fares' }).click();
  await expect(page.locator('[data-seed-hash]')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByText('Not drawn yet.')).toBeVisible();

  await page.goto('/en/decisions/parking-fee-standards/');
  await page.getByRole('link', { name: 'Hearing on parking fees' }).click();
  await expect(page.locator('[data-seed]')).not.toHaveText('revealed when sign-ups close');
  await expect(page.locator('table[data-draw] tbody tr')).toHaveCount(29);
  await page.getByRole('link', { name: 'Verify the lottery' }).click();
  await page.getByRole('button', { name: 'Recompute and compare' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Verified/);
});
