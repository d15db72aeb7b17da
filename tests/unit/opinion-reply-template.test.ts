/**
 * The opinion_reply message: in the author's language, by e-mail (the whole response and the
 * opinion's link on SITE_URL) and by short SMS (an excerpt and the link); registered by name.
 */
import { describe, expect, it } from 'vitest';
import { opinionReply } from '../../src/lib/outbox/templates/hall.ts';
import { TEMPLATES } from '../../src/lib/outbox/templates/index.ts';
import type { MessageContext } from '../../src/lib/outbox/template.ts';

const payload = opinionReply.payload.parse({
  opinion_id: 42,
  topic_slug: 'elevators-in-older-estates',
  topic_title: '老旧小区加装电梯的费用如何分摊',
  topic_title_en: 'Sharing the cost of lifts in older estates',
  unit_name: '市住房和城乡建设局',
  unit_name_en: 'Municipal Housing and Construction Bureau',
  submitted_at: '2026-11-02T03:04:05Z',
  responded_at: '2026-11-20T08:00:00Z',
  response_text: '补贴标准已在网站公布：每台电梯补贴20万元，其余费用按楼层分摊。'.repeat(3),
});
const ctx = (locale: MessageContext['locale'], channel: MessageContext['channel']): MessageContext =>
  ({ locale, channel, siteUrl: 'https://gongshi.example/', recipient: channel === 'sms' ? '+8613800138000' : 'a@example.org' });

describe('opinion_reply', () => {
  it('is registered under its name', () => {
    expect(TEMPLATES['opinion_reply']).toBe(opinionReply);
  });

  it('e-mails the whole response with the link to the opinion, in Chinese and in English', () => {
    const zh = opinionReply.render(payload, ctx('zh-CN', 'email'));
    expect(zh.subject).toContain('老旧小区加装电梯');
    expect(zh.text).toContain(payload.response_text);
    expect(zh.text).toContain('市住房和城乡建设局');
    expect(zh.text).toContain('https://gongshi.example/hall/elevators-in-older-estates/#opinion-42');
    const en = opinionReply.render(payload, ctx('en', 'email'));
    expect(en.subject).toContain('Sharing the cost of lifts');
    expect(en.text).toContain('Municipal Housing and Construction Bureau');
    expect(en.text).toContain('https://gongshi.example/en/hall/elevators-in-older-estates/#opinion-42');
  });

  it('texts a short excerpt and the link', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const sms = opinionReply.render(payload, ctx(locale, 'sms'));
      expect(sms.text).toContain('#opinion-42');
      expect(sms.text).toContain('…');
      expect([...sms.text].length).toBeLessThan(160);
    }
  });

  it('refuses a payload without the response', () => {
    expect(opinionReply.payload.safeParse({ ...payload, response_text: undefined }).success).toBe(false);
  });
});
