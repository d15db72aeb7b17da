/**
 * Subscriptions in TypeScript: the form's first check (e-mail only), reading a link's token, and the
 * three message templates — links on SITE_URL in the reader's language, tokens in the fragment,
 * and List-Unsubscribe / List-Unsubscribe-Post on every list message.
 */
import { describe, expect, it } from 'vitest';
import { parseWithFriendlyErrors } from '../../src/lib/errors/catalogue.ts';
import { renderRow } from '../../src/lib/outbox/render.ts';
import { SubscribeInputSchema, SubscriptionTokenInputSchema, tokenFromLocation } from '../../src/lib/subscriptions/schema.ts';

const TOKEN = '7KQ2-M9XD-4HBT-PW3N-A8EF-Q2RS';
const SITE = 'https://gongshi.example.org';
const topic = { kind: 'unit', id: 3, path: '/units/FGW/', name: '市发展改革委', name_en: 'Development and Reform Commission' };
const report = (id: number) => ({
  id, period: '2026-03', status: 'on_track', progress_pct: 25, is_correction: false, target_code: `T-${id}`,
  target_title: '城镇新增就业', target_title_en: null, path: `/targets/${id}/`, excerpt: '按计划推进。',
});
const row = (template: string, locale: 'zh-CN' | 'en', payload: unknown) =>
  renderRow({ id: 1, channel: 'email', recipient: 'a@example.org', locale, template, payload }, `${SITE}/`);

describe('the subscribe form and the link pages', () => {
  it('takes an e-mail address only, in words', () => {
    expect(parseWithFriendlyErrors(SubscribeInputSchema, { email: '13812345678', topic_kind: 'bulletins', locale: 'en' }, 'en'))
      .toMatchObject({ success: false, errors: [{ field: 'email', message: /e-mail only/ }] });
    expect(parseWithFriendlyErrors(SubscribeInputSchema, { email: '', topic_kind: 'unit', topic_id: 3, locale: 'zh-CN' }, 'zh-CN'))
      .toMatchObject({ success: false, errors: [{ field: 'email', message: '请填写电子邮箱。' }] });
    expect(SubscribeInputSchema.parse({ email: ' a@example.org ', topic_kind: 'unit', topic_id: 3, locale: 'zh-CN' }))
      .toEqual({ email: 'a@example.org', topic_kind: 'unit', topic_id: 3, locale: 'zh-CN' });
  });

  it('reads the token from the fragment, else from ?token=, and checks its form', () => {
    expect(tokenFromLocation({ hash: `#${TOKEN}`, search: '' })).toBe(TOKEN);
    expect(tokenFromLocation({ hash: '', search: `?token=${TOKEN}` })).toBe(TOKEN);
    expect(tokenFromLocation({ hash: '', search: '' })).toBe('');
    expect(SubscriptionTokenInputSchema.safeParse({ token: TOKEN.toLowerCase().replaceAll('-', ' ') }).success).toBe(true);
    expect(SubscriptionTokenInputSchema.safeParse({ token: 'ABC' }).success).toBe(false);
  });
});

describe('subscription messages', () => {
  it('subscription_confirm: the confirmation link with the token in the fragment, no list headers', () => {
    const zh = row('subscription_confirm', 'zh-CN', { token: TOKEN, topic, valid_days: 7 });
    expect(zh.subject).toBe('请确认订阅：市发展改革委');
    expect(zh.text).toContain(`${SITE}/subscriptions/confirm/#${TOKEN}`);
    expect(zh.headers).toBeUndefined();
    const en = row('subscription_confirm', 'en', { token: TOKEN, topic, valid_days: 7 });
    expect(en.subject).toBe('Confirm your subscription: Development and Reform Commission');
    expect(en.text).toContain(`${SITE}/en/subscriptions/confirm/#${TOKEN}`);
  });

  it('progress_update: one report, or a digest that lists 50 and counts the rest; list headers', () => {
    const reports = Array.from({ length: 50 }, (_, i) => report(i + 1));
    const digest = row('progress_update', 'en', { token: TOKEN, topic, reports, total: 61 });
    expect(digest.subject).toBe('Development and Reform Commission: 61 progress updates');
    expect(digest.text).toContain('and 11 more');
    expect(digest.text).toContain(`${SITE}/en/targets/1/`);
    expect(digest.text).toContain(`Unsubscribe: ${SITE}/en/subscriptions/unsubscribe/#${TOKEN}`);
    expect(digest.headers).toEqual({
      'List-Unsubscribe': `<${SITE}/en/subscriptions/unsubscribe/?token=${TOKEN}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    const one = row('progress_update', 'zh-CN', {
      token: TOKEN, topic: { kind: 'target', id: 1, path: '/targets/1/', name: 'T-1 城镇新增就业', name_en: null }, reports: [report(1)], total: 1,
    });
    expect(one.subject).toBe('目标进展：T-1 城镇新增就业（2026-03）');
    expect(one.text).toContain('按进度推进 · 25%');
    expect(one.headers?.['List-Unsubscribe']).toBe(`<${SITE}/subscriptions/unsubscribe/?token=${TOKEN}>`);
  });

  it('bulletin_published: title, summary, link, erratum said as such', () => {
    const bulletin = {
      slug: 'monthly-2026-03', kind: 'monthly', period: '2026-03', title: '3月通报', title_en: 'March bulletin',
      summary: '摘要', summary_en: null, is_erratum: true,
    };
    const en = row('bulletin_published', 'en', { token: TOKEN, bulletin });
    expect(en.subject).toBe('Erratum: March bulletin');
    expect(en.text).toContain(`${SITE}/en/bulletins/monthly-2026-03/`);
    expect(en.text).toContain('摘要');
    expect(en.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('refuses a payload without its token (the message fails, not the recipient)', () => {
    expect(() => row('bulletin_published', 'en', { bulletin: {} })).toThrow(/Bad payload/);
  });
});
