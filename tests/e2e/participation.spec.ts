/**
 * Participation in real Chromium, through the islands, supabase-js and the local gateway into the
 * database of the started portal (the demo city): an opinion, a hearing sign-up checked and
 * withdrawn, a panel survey answered with a demo invitation token; friendly errors for bad input,
 * in both languages; markup in opinions shown as text; forms usable by keyboard; a clear message
 * without JavaScript.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { demoInvitationTokens } from '../../src/lib/demo/participation.ts';

const city = generateDemoCity(DEFAULT_DEMO);
const panelSlug = `city-representatives-${city.year}`;
const tokens = demoInvitationTokens(city)[panelSlug]!;

/** Fails the test if the page ever opens a dialog (an injected alert()). */
function forbidDialogs(page: Page) {
  page.on('dialog', (dialog) => {
    void dialog.dismiss();
    throw new Error(`Unexpected dialog: ${dialog.message()}`);
  });
}

test.describe('Citizen Deliberation Hall', () => {
  test('an opinion is checked before sending, then sent and acknowledged', async ({ page }) => {
    forbidDialogs(page);
    await page.goto('/hall/');
    await page.getByRole('link', { name: '老旧小区加装电梯的费用如何分摊' }).click();
    await expect(page).toHaveURL(/\/hall\/elevators-in-older-estates\/$/);
    const form = page.getByRole('form', { name: '发表意见' });
    const send = form.getByRole('button', { name: '提交意见' });
    await expect(send).toBeEnabled();

    // Nothing written: the error summary is announced and focused, and links to the field.
    await send.click();
    const summary = form.getByRole('alert');
    await expect(summary).toContainText('请填写您的意见。');
    await expect(summary).toBeFocused();
    await form.getByLabel('联系方式').fill('not a contact');
    await form.getByLabel('您的意见').fill('好');
    await send.click();
    await expect(summary).toContainText('意见至少需要2个字。');
    await expect(summary).toContainText('请填写有效的电子邮箱或电话号码');
    await expect(form.getByLabel('您的意见')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('您的意见').fill('建议公开每个小区加装电梯的施工进度。');
    await form.getByLabel('联系方式').fill('e2e-hall@example.invalid');
    await send.click();
    await expect(page.getByRole('status')).toContainText(/您的意见（编号\d+）已提交/);
  });

  test('markup in an opinion is text: a published one, and one just sent', async ({ page }) => {
    forbidDialogs(page);
    await page.goto('/hall/accessible-government-websites/');
    const opinion = page.locator('[data-opinion]').filter({ hasText: '<script>alert("澄岚")</script>' });
    await expect(opinion).toHaveCount(1);
    await expect(opinion.locator('.body').first()).toContainText('<img src=x onerror="alert(1)">');
    await expect(page.locator('.opinions script, .opinions img')).toHaveCount(0);

    const payload = '<img src=x onerror="document.body.dataset.xss=1"><script>document.body.dataset.xss=2</script>';
    await page.getByLabel('您的意见').fill(payload);
    await page.getByRole('button', { name: '提交意见' }).click();
    await expect(page.getByRole('status')).toContainText('已提交');
    expect(await page.evaluate(() => document.body.dataset['xss'])).toBeUndefined();
  });

  test('the form is usable with the keyboard alone, and speaks English on /en/', async ({ page }) => {
    await page.goto('/en/hall/night-bus-routes/');
    const body = page.getByRole('textbox', { name: /^Your opinion/ });
    // Focus only once the island has hydrated: hydration replaces the server-rendered form.
    await expect(page.locator('astro-island', { has: body })).not.toHaveAttribute('ssr');
    await body.focus();
    await page.keyboard.type('x');
    // Tab through the two optional fields to the button, and press Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Send opinion' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Your opinion needs at least 2 characters.');
    await body.focus();
    await page.keyboard.type('A night bus past the central hospital, please.');
    await page.getByRole('button', { name: 'Send opinion' }).press('Enter');
    await expect(page.getByRole('status')).toContainText(/Your opinion \(no\. \d+\) has been received/);
  });

  test('without JavaScript the page reads and says why the form does not work', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/hall/elevators-in-older-estates/');
    await expect(page.locator('noscript p, p.noscript').first()).toContainText('提交意见、报名和答卷需要启用JavaScript。');
    await expect(page.locator('p.noscript')).toBeVisible();
    await expect(page.getByRole('button', { name: '提交意见' })).toBeDisabled();
    await expect(page.locator('[data-opinion]').first()).toBeVisible();
    await context.close();
  });
});

test.describe('hearings', () => {
  test('sign up, refused a second time, check with the code, then withdraw', async ({ page }) => {
    await page.goto('/hearings/');
    await page.getByRole('link', { name: '城市公共交通票价调整听证会' }).click();
    await expect(page.locator('[data-hearing-status]')).toHaveText('报名中');
    const form = page.getByRole('form', { name: '报名参加' });
    await form.getByLabel('姓名').fill('测试市民');
    await form.getByLabel('联系方式').fill('13');
    await form.getByRole('button', { name: '报名' }).click();
    await expect(form.getByRole('alert')).toContainText('请填写有效的电子邮箱或电话号码');
    await expect(form.getByRole('alert')).toContainText('请选择身份类别。');

    await form.getByLabel('联系方式').fill('e2e-hearing@example.invalid');
    await form.getByLabel('身份类别').selectOption('affected_resident');
    await form.getByLabel('所在区市').selectOption({ index: 1 });
    await form.getByLabel('发言要点').fill('希望保留老年人免费乘车。');
    await form.getByRole('button', { name: '报名' }).click();
    const code = (await page.locator('[data-confirmation-code]').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);

    // The same contact again: the database refuses (409), the catalogue explains.
    await page.reload();
    const again = page.getByRole('form', { name: '报名参加' });
    await again.getByLabel('姓名').fill('测试市民');
    await again.getByLabel('联系方式').fill('E2E-hearing@example.invalid');
    await again.getByLabel('身份类别').selectOption('other');
    await again.getByRole('button', { name: '报名' }).click();
    await expect(again.getByRole('alert')).toContainText('这个联系方式已经报名了本场听证会。');

    const lookup = page.getByRole('form', { name: '查询或撤回我的报名' });
    await lookup.getByLabel('确认码').fill('ABC');
    await lookup.getByRole('button', { name: '查询' }).click();
    await expect(lookup.getByRole('alert')).toContainText('确认码由16位字母和数字组成');
    await lookup.getByLabel('确认码').fill(code.toLowerCase());
    await lookup.getByRole('button', { name: '查询' }).click();
    await expect(lookup.getByRole('status')).toContainText('已报名');
    await expect(lookup.getByRole('button', { name: '撤回报名' })).toBeDisabled();
    await lookup.getByLabel('确认撤回').check();
    await lookup.getByRole('button', { name: '撤回报名' }).click();
    await expect(lookup.getByRole('status')).toContainText('已撤回您对“城市公共交通票价调整听证会”的报名');
    await lookup.getByLabel('确认撤回').check();
    await lookup.getByRole('button', { name: '撤回报名' }).click();
    await expect(lookup.getByRole('alert')).toContainText('这个报名已经撤回了。');
  });
});

test.describe('surveys', () => {
  test('a panel survey is answered once with an invitation token', async ({ page }) => {
    await page.goto('/surveys/');
    await page.getByRole('link', { name: new RegExp(`${city.year}年度市民代表对全市重点民生实事的满意度评价`) }).click();
    const form = page.getByRole('form', { name: '填写问卷' });
    await form.getByLabel('邀请码').fill('ABC-123');
    await form.getByRole('button', { name: '提交答卷' }).click();
    const alert = form.getByRole('alert');
    await expect(alert).toContainText('邀请码由24位字母和数字组成');
    await expect(alert).toContainText('这道题必须回答。');

    await form.getByLabel('邀请码').fill(tokens[0]!);
    const ratings = form.getByRole('group');
    await ratings.nth(0).getByLabel('4分').check();
    await ratings.nth(1).getByLabel('5分（很满意）').check();
    await ratings.nth(2).getByLabel('交通出行').check();
    await form.getByRole('button', { name: '提交答卷' }).click();
    await expect(page.getByRole('status')).toContainText('谢谢！您的答卷已提交。');

    // The same token again: used up (410), explained.
    await page.reload();
    const again = page.getByRole('form', { name: '填写问卷' });
    await again.getByLabel('邀请码').fill(tokens[0]!.replaceAll('-', ' '));
    await again.getByRole('group').nth(0).getByLabel('3分').check();
    await again.getByRole('group').nth(1).getByLabel('3分').check();
    await again.getByRole('button', { name: '提交答卷' }).click();
    await expect(again.getByRole('alert')).toContainText('这个邀请码已经使用过');
  });
});

test.describe('accessibility', () => {
  async function expectNoViolations(page: Page) {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const found = results.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(found, `axe-core on ${page.url()}`).toEqual([]);
  }

  for (const path of ['/hall/', '/en/hearings/', '/surveys/']) {
    test(`${path} has no axe-core violations`, async ({ page }) => {
      await page.goto(path);
      await expectNoViolations(page);
    });
  }

  test('forms showing their error summaries have no axe-core violations', async ({ page }) => {
    await page.goto('/hall/elevators-in-older-estates/');
    await page.getByRole('button', { name: '提交意见' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page);

    await page.goto('/en/surveys/');
    await page.getByRole('link', { name: /Citizen representatives on the city's key public-service projects/ }).click();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page);

    await page.goto('/hearings/');
    await page.getByRole('link', { name: '城市公共交通票价调整听证会' }).click();
    await page.getByRole('button', { name: '报名', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page);
  });
});
