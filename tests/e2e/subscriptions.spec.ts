/**
 * E-mail subscriptions in real Chromium against the started portal: subscribe on a page, read the
 * confirmation link from the delivered message (the .eml file the outbox sender writes to
 * <data dir>/mail), confirm, unsubscribe on the page and by one-click POST (RFC 8058) to the
 * portal's server; and the clear errors of a bad address or a broken link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { unit } from './demo-city.ts';

const MAIL_DIR = path.join(process.env['E2E_DATA_DIR'] ?? '.data-e2e', 'mail');

/** The delivered message to `address` whose subject matches, once the sender has written it. */
async function delivered(address: string, subject: RegExp): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect.poll(async () => {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')) : [];
    for (const file of files) {
      const raw = fs.readFileSync(path.join(MAIL_DIR, file));
      if (!raw.includes(address)) continue;
      const mail = await simpleParser(raw);
      if (subject.test(mail.subject ?? '')) {
        found = mail;
        return true;
      }
    }
    return false;
  }, { timeout: 20_000, message: `a message to ${address} with subject ${subject}` }).toBe(true);
  return found!;
}

/** The site path and fragment of the first link to `page` in the message's text. */
function linkIn(mail: ParsedMail, page: string): string {
  const match = new RegExp(`https?://[^/\\s]+((?:/en)?/subscriptions/${page}/#[0-9A-Z-]+)`).exec(mail.text ?? '');
  expect(match, `a ${page} link in:\n${mail.text}`).not.toBeNull();
  return match![1]!;
}

async function hydrated(page: Page, button: string | RegExp) {
  const locator = page.getByRole('button', { name: button, exact: typeof button === 'string' });
  // The subscribe box sits at the foot of long pages and hydrates when visible.
  await locator.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: locator })).not.toHaveAttribute('ssr');
  await expect(locator).toBeEnabled();
  return locator;
}

const unique = (label: string) => `e2e-${label}-${Date.now().toString(36)}@example.invalid`;

test('subscribe to the bulletins, confirm with the link from the e-mail, then unsubscribe', async ({ page }) => {
  const address = unique('bulletins');
  await page.goto('/bulletins/');
  const form = page.getByRole('form', { name: '邮件订阅' });
  const send = await hydrated(page, '订阅');
  // A phone number is refused before anything is sent: subscriptions are e-mail only.
  await form.getByLabel('电子邮箱').fill('13812345678');
  await send.click();
  await expect(form.getByRole('alert')).toContainText('订阅只通过电子邮件发送');
  await form.getByLabel('电子邮箱').fill(address);
  await send.click();
  const done = page.locator('[data-subscribe-done]');
  await expect(done).toContainText('e***@example.invalid');
  await expect(done).toBeFocused();

  const confirmation = await delivered(address, /^请确认订阅：通报$/);
  expect(confirmation.headers.get('list-unsubscribe'), 'the confirmation itself is no list message').toBeUndefined();
  const confirmLink = linkIn(confirmation, 'confirm');
  await page.goto(confirmLink);
  // The token leaves the address bar at once.
  await expect(page).toHaveURL(/\/subscriptions\/confirm\/$/);
  await (await hydrated(page, '确认订阅')).click();
  const confirmed = page.locator('[data-subscription-done="confirm"]');
  await expect(confirmed).toContainText('订阅成功');
  // Opening the link again is fine (from another page: a change of fragment alone would not reload).
  await page.goto('/bulletins/');
  await page.goto(confirmLink);
  await (await hydrated(page, '确认订阅')).click();
  await expect(page.locator('[data-subscription-done="confirm"]')).toContainText('订阅成功');

  await page.getByRole('link', { name: '改变主意了？可以立即退订' }).click();
  await expect(page).toHaveURL(/\/subscriptions\/unsubscribe\/$/);
  await (await hydrated(page, '退订')).click();
  await expect(page.locator('[data-subscription-done="unsubscribe"]')).toContainText('已退订');
});

test('in English on a unit page; one-click unsubscribe by POST, and again on the page', async ({ page, request }) => {
  const address = unique('unit');
  await page.goto(`/en/units/${String(unit['code'])}/`);
  const form = page.getByRole('form', { name: 'E-mail updates' });
  const send = await hydrated(page, 'Subscribe');
  await form.getByLabel(/E-mail address/).fill(address);
  await send.click();
  await expect(page.locator('[data-subscribe-done]')).toContainText('If this address is not subscribed yet');

  const confirmation = await delivered(address, /^Confirm your subscription: /);
  expect(confirmation.text).toContain('Until you confirm, we send you nothing else.');
  await page.goto(linkIn(confirmation, 'confirm'));
  await (await hydrated(page, 'Confirm subscription')).click();
  await expect(page.locator('[data-subscription-done="confirm"]')).toContainText('Subscribed');
  const href = await page.getByRole('link', { name: 'Changed your mind? Unsubscribe now' }).getAttribute('href');
  const token = href!.split('#')[1]!;

  // What a mail provider does with List-Unsubscribe-Post: a POST without the fragment.
  const oneClick = await request.post(`/en/subscriptions/unsubscribe/?token=${token}`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'List-Unsubscribe=One-Click',
  });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toBe('Unsubscribed.\n');
  const unknown = await request.post('/subscriptions/unsubscribe/?token=0000-0000-0000-0000-0000-0000', { data: 'List-Unsubscribe=One-Click' });
  expect(unknown.status()).toBe(403);

  // The page, with the token in the query as the List-Unsubscribe URL has it: unsubscribing twice is fine.
  await page.goto(`/en/subscriptions/unsubscribe/?token=${token}`);
  await (await hydrated(page, 'Unsubscribe')).click();
  await expect(page.locator('[data-subscription-done="unsubscribe"]')).toContainText('Unsubscribed');
});

test('a broken or unknown link gets a clear message', async ({ page }) => {
  await page.goto('/subscriptions/confirm/');
  await expect(page.getByRole('alert')).toContainText('这个地址缺少链接中的凭证');
  await page.goto('/en/subscriptions/confirm/#7KQ2-M9XD-4HBT-PW3N-A8EF-Q2RS');
  await (await hydrated(page, 'Confirm subscription')).click();
  await expect(page.getByRole('alert')).toContainText('Confirmation link not valid');
  await page.goto('/subscriptions/unsubscribe/#ABC');
  await (await hydrated(page, '退订')).click();
  await expect(page.getByRole('alert')).toContainText('链接中的凭证不完整');
});

test('without JavaScript the pages say what is needed', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/bulletins/');
  await expect(page.locator('.subscribe-box noscript')).toHaveCount(1);
  expect(await page.locator('.subscribe-box noscript').innerHTML()).toContain('邮件订阅需要启用JavaScript');
  await page.goto('/en/subscriptions/unsubscribe/');
  expect(await page.locator('main noscript').first().innerHTML()).toContain('needs JavaScript');
  await context.close();
});
