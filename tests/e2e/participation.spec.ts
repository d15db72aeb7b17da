/**
 * Participation in real Chromium, through the islands, supabase-js and the local gateway into the
 * database of the started portal (the demo city): an opinion, a hearing sign-up checked and
 * withdrawn, a panel survey answered with a demo invitation token; friendly errors for bad input,
 * in both languages; markup in opinions shown as text; forms usable by keyboard; a clear message
 * without JavaScript.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { readConfig } from '../../src/lib/config.ts';
import { openDb, SITE_CHANGED_CHANNEL } from '../../src/lib/db/open.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { demoInvitationTokens } from '../../src/lib/demo/participation.ts';

const city = generateDemoCity(DEFAULT_DEMO);
const panelSlug = `city-representatives-${city.year}`;
const tokens = demoInvitationTokens(city)[panelSlug]!;

const MAIL_DIR = path.join(process.env['E2E_DATA_DIR'] ?? '.data-e2e', 'mail');

/** The code (XXXX-XXXX) in the newest delivered message to `address`, once the sender has written it. */
async function codeSentTo(address: string, after: number): Promise<string> {
  let code = '';
  await expect.poll(async () => {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')) : [];
    for (const file of files) {
      const full = path.join(MAIL_DIR, file);
      if (fs.statSync(full).mtimeMs < after) continue;
      const raw = fs.readFileSync(full);
      if (!raw.includes(address)) continue;
      const match = /\b([0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec((await simpleParser(raw)).text ?? '');
      if (match) code = match[1]!;
    }
    return code !== '';
  }, { timeout: 20_000, message: `a code sent to ${address}` }).toBe(true);
  return code;
}

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
    await form.getByLabel('您的意见').fill('好');
    await send.click();
    await expect(summary).toContainText('意见至少需要2个字。');
    await expect(form.getByLabel('您的意见')).toHaveAttribute('aria-invalid', 'true');

    // Asking for the reply needs a confirmed contact: a plain one is never taken.
    await form.getByLabel('您的意见').fill('建议公开每个小区加装电梯的施工进度。');
    await form.getByLabel(/主办单位答复后通知我/).check();
    await send.click();
    await expect(summary).toContainText('要接收答复，请先确认联系方式');
    await form.getByLabel('电子邮箱或手机号码').fill('not a contact');
    await form.getByRole('button', { name: '发送验证码' }).click();
    await expect(form.getByRole('alert').filter({ hasText: '请填写有效的电子邮箱或电话号码' })).toBeVisible();
    const address = `e2e-hall-${Date.now()}@example.invalid`;
    const asked = Date.now() - 1000;
    await form.getByLabel('电子邮箱或手机号码').fill(address);
    await form.getByRole('button', { name: '发送验证码' }).click();
    await expect(form.getByText(/验证码将很快送达/)).toBeVisible();
    // A wrong code: a clear refusal, and the code field stays.
    await form.getByLabel('验证码', { exact: true }).fill('ZZZZ-ZZZZ');
    await form.getByRole('button', { name: '确认', exact: true }).click();
    await expect(form.getByRole('alert').filter({ hasText: '验证码不正确' })).toBeVisible();
    await form.getByLabel('验证码', { exact: true }).fill(await codeSentTo(address, asked));
    await form.getByRole('button', { name: '确认', exact: true }).click();
    await expect(form.getByText(/已确认：e\*\*\*@example\.invalid/)).toBeVisible();
    await send.click();
    await expect(page.getByRole('status')).toContainText(/您的意见（编号\d+）已提交/);
    await expect(page.getByRole('status')).toContainText('e***@example.invalid');

    // The confirmed contact is kept in this browser: the next opinion needs no new code.
    await page.getByRole('button', { name: '再提一条意见' }).click();
    await expect(form.getByLabel(/主办单位答复后通知我/)).toBeChecked();
    await expect(form.getByText(/已确认：/)).toBeVisible();
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

/** The newest delivered e-mail to `address` whose subject matches, parsed (the portal's sender writes it). */
async function mailTo(address: string, subject: RegExp, after: number) {
  let found: Awaited<ReturnType<typeof simpleParser>> | undefined;
  await expect.poll(async () => {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')) : [];
    for (const file of files) {
      const full = path.join(MAIL_DIR, file);
      if (fs.statSync(full).mtimeMs < after) continue;
      const raw = fs.readFileSync(full);
      if (!raw.includes(address)) continue;
      const mail = await simpleParser(raw);
      if (subject.test(mail.subject ?? '')) found = mail;
    }
    return found !== undefined;
  }, { timeout: 60_000, message: `a message to ${address} about ${subject}` }).toBe(true);
  return found!;
}

test.describe('hearings', () => {
  test('sign up, confirm with the code from the message, refused a second time, check with the code, then withdraw', async ({ page }) => {
    await page.goto('/hearings/');
    await page.getByRole('link', { name: '城市轨道交通票价调整听证会' }).click();
    await expect(page.locator('[data-hearing-status]')).toHaveText('报名中');
    // Next to the form: how many, how many seats, when the draw is, how people are told.
    await expect(page.locator('[data-draw-explanation]')).toContainText('确认报名');
    await expect(page.locator('[data-draw-explanation]')).toContainText('电子邮件或短信');
    const form = page.getByRole('form', { name: '报名参加' });
    await form.getByLabel(/^姓名/).fill('测试市民');
    await form.getByLabel('联系方式').fill('13');
    await form.getByRole('button', { name: '报名' }).click();
    await expect(form.getByRole('alert').filter({ hasText: '请填写有效的电子邮箱或电话号码' })).toBeVisible();
    await expect(form.getByRole('alert')).toContainText('请选择身份类别。');

    const address = `e2e-hearing-${Date.now()}@example.invalid`;
    const asked = Date.now() - 1000;
    await form.getByLabel('联系方式').fill(address);
    await form.getByLabel('身份类别').selectOption('affected_resident');
    await expect(form.locator('[data-claim]')).toContainText('由工作人员核实');
    await form.getByLabel('所在区市').selectOption({ index: 1 });
    await form.getByLabel('发言要点').fill('希望保留老年人免费乘车。');
    await form.getByLabel('同意在公布的抽签结果中列出我的姓名').check();
    await form.getByRole('button', { name: '报名' }).click();

    // Step 2: the same answer for every contact; the message's delivery is followed.
    const confirmForm = page.getByRole('form', { name: '输入验证码，确认报名' });
    await expect(confirmForm.getByRole('status').first()).toContainText('我们已向e***@example.invalid发送了一条消息');
    await expect(confirmForm.locator('[data-delivery]')).toHaveAttribute('data-delivery', 'sent', { timeout: 30_000 });
    await confirmForm.getByLabel('验证码').fill('AAAA-AAAA');
    await confirmForm.getByRole('button', { name: '确认报名' }).click();
    await expect(confirmForm.getByRole('alert')).toContainText('验证码不正确');
    await confirmForm.getByLabel('验证码').fill('AB');
    await confirmForm.getByRole('button', { name: '确认报名' }).click();
    await expect(confirmForm.getByRole('alert')).toContainText('验证码由8位字母和数字组成');
    await confirmForm.getByLabel('验证码').fill((await codeSentTo(address, asked)).toLowerCase());
    await confirmForm.getByRole('button', { name: '确认报名' }).click();
    const code = (await page.locator('[data-confirmation-code]').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const confirmed = await mailTo(address, /报名已确认/, asked);
    expect(confirmed.text).toContain('报名编号');

    // The same contact again, from this browser (which keeps the contact's token): the owner is told (409).
    await page.reload();
    const again = page.getByRole('form', { name: '报名参加' });
    await again.getByLabel(/^姓名/).fill('测试市民');
    await again.getByLabel('联系方式').fill(address.toUpperCase());
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
    await expect(lookup.getByRole('status')).toContainText('已撤回您对“城市轨道交通票价调整听证会”的报名');
    await lookup.getByLabel('确认撤回').check();
    await lookup.getByRole('button', { name: '撤回报名' }).click();
    await expect(lookup.getByRole('alert')).toContainText('这个报名已经撤回了。');
  });

  test('a person signs up in English, confirms by the code in the message, and hears the draw\'s result once staff close the hearing', async ({ page }) => {
    test.setTimeout(600_000);
    // Staff, through the running portal's staff socket: a hearing whose sign-ups end in a few minutes
    // (time for the portal to republish its page, which takes minutes on a busy machine; the deadline
    // can only be postponed, never brought forward).
    process.env['GONGSHI_DATA_DIR'] = process.env['E2E_DATA_DIR'];
    const db = await openDb(readConfig({ ...process.env, DATABASE_URL: '' }));
    const seed = randomBytes(32).toString('base64url');
    let hearingId = 0;
    try {
      const [unit] = await db.query<{ id: number }>(`select id::int as id from public.units where kind = 'municipal_unit' order by id limit 1`);
      hearingId = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: number }>(
          `insert into public.hearings (unit_id, title, title_en, summary, venue, venue_en, held_at, seats, signup_opens_at, signup_closes_at, lottery_seed_hash)
           values ($1, '端到端测试听证会', 'End-to-end test hearing', '测试用听证会。', '市政务服务中心一楼', 'City service centre, ground floor',
                   now() + interval '1 day', 1, now(), now() + interval '240 seconds', encode(sha256(convert_to($2, 'UTF8')), 'hex'))
           returning id::int as id`, [unit!.id, seed]);
        await tx.query(`select pg_notify($1, '')`, [SITE_CHANGED_CHANNEL]);
        return rows[0]!.id;
      });
      // The portal republishes by itself; the new hearing's page appears.
      await expect.poll(async () => (await page.request.get(`/en/hearings/${hearingId}/`)).status(), { timeout: 230_000, intervals: [2000] }).toBe(200);

      await page.goto(`/en/hearings/${hearingId}/`);
      const form = page.getByRole('form', { name: 'Sign up' });
      // Filled in only once hydrated (the button is enabled then), so nothing typed is reset.
      await expect(form.getByRole('button', { name: 'Sign up' })).toBeEnabled();
      const address = `e2e-draw-${Date.now()}@example.invalid`;
      const asked = Date.now() - 1000;
      await form.getByLabel(/^Name/).fill('Test Citizen');
      await form.getByLabel('Contact').fill(address);
      await form.getByLabel('You are').selectOption('citizen_representative');
      await form.getByRole('button', { name: 'Sign up' }).click();
      const confirmForm = page.getByRole('form', { name: 'Enter the code to confirm' });
      await expect(confirmForm.getByRole('status').first()).toContainText('We sent a message to e***@example.invalid');
      await confirmForm.getByLabel('Code').fill(await codeSentTo(address, asked));
      await confirmForm.getByRole('button', { name: 'Confirm sign-up' }).click();
      await expect(page.locator('[data-signup="done"]')).toContainText('Your sign-up is confirmed!');

      // Staff close the hearing once its deadline has passed: the draw, and the result to the entrant.
      const [row] = await db.query<{ ms: number }>(`select (extract(epoch from signup_closes_at) * 1000)::float8 as ms from public.hearings where id = $1`, [hearingId]);
      await page.waitForTimeout(Math.max(0, row!.ms - Date.now() + 500));
      await db.transaction((tx) => tx.query(`select private.close_hearing($1, $2)`, [hearingId, seed]));
      const result = await mailTo(address, /You are selected/, asked);
      expect(result.text).toContain('End-to-end test hearing');
      const calendar = result.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      expect(calendar?.content.toString()).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*LOCATION:City service centre\\, ground floor/);
    } finally {
      // Nothing of it stays open for other specs.
      if (hearingId) {
        await db.query(`update public.hearings set status = 'cancelled', outcome_summary = '端到端测试结束' where id = $1 and status in ('open', 'closed')`, [hearingId])
          .catch(() => undefined);
      }
      await db.close();
    }
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

  test('an invitation link fills in its token from the fragment and removes it from the address bar', async ({ page }) => {
    await page.goto(`/surveys/${panelSlug}/#token=${tokens[1]!}`);
    const form = page.getByRole('form', { name: '填写问卷' });
    await expect(form.getByLabel('邀请码')).toHaveValue(tokens[1]!);
    expect(new URL(page.url()).hash).toBe('');
  });

  test('an open survey takes one quick answer per browser, counted apart, and says so politely on a repeat', async ({ page }) => {
    await page.goto(`/surveys/city-open-${city.year}/`);
    await expect(page.locator('[data-verification="verified"] h3')).toContainText('已验证答卷');
    await expect(page.locator('[data-verification="quick"] h3')).toContainText('快速答卷');
    const form = page.getByRole('form', { name: '填写问卷' });
    await expect(form.getByLabel('快速答卷（未验证）')).toBeChecked();
    await form.getByRole('group', { name: /您对本平台公开的信息是否满意/ }).getByLabel('4分').check();
    await form.getByRole('button', { name: '提交答卷' }).click();
    await expect(page.getByRole('status')).toContainText('您的答卷计入快速答卷');

    await page.reload();
    const again = page.getByRole('form', { name: '填写问卷' });
    await again.getByRole('group', { name: /您对本平台公开的信息是否满意/ }).getByLabel('2分').check();
    await again.getByRole('button', { name: '提交答卷' }).click();
    await expect(again.getByRole('alert')).toContainText('您已经用这个联系方式或在这个浏览器上答过本问卷');
    await expect(again.getByRole('alert')).toContainText('谢谢，您之前的答卷已经计入。');

    // Another browser (a fresh context: a person behind the same address) answers for the first time.
    const other = await page.context().browser()!.newContext();
    const neighbour = await other.newPage();
    await neighbour.goto(`/surveys/city-open-${city.year}/`);
    const theirs = neighbour.getByRole('form', { name: '填写问卷' });
    await theirs.getByRole('group', { name: /您对本平台公开的信息是否满意/ }).getByLabel('5分（很满意）').check();
    await theirs.getByRole('button', { name: '提交答卷' }).click();
    await expect(neighbour.getByRole('status')).toContainText('谢谢！您的答卷已提交。');
    await other.close();
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
    await page.getByRole('link', { name: '城市轨道交通票价调整听证会' }).click();
    await page.getByRole('button', { name: '报名', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page);
  });
});
