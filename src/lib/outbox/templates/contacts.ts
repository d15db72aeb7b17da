/**
 * contact_code: the one-time code that confirms a contact (private.send_contact_code enqueues it
 * with payload {code, purpose, valid_minutes} plus what the caller adds, e.g. a hearing's title).
 */
import { z } from 'zod';
import { byLocale, defineTemplate, signature } from '../template.ts';

/** What the code confirms, in the sentence "… to {purpose}"; unknown purposes read as the generic one. */
const PURPOSES: Record<string, { 'zh-CN': string; en: string }> = {
  verify_contact: { 'zh-CN': '确认您的联系方式', en: 'confirm your contact details' },
  hearing_signup: { 'zh-CN': '确认听证会报名', en: 'confirm your hearing sign-up' },
  survey_answer: { 'zh-CN': '确认问卷作答', en: 'confirm your survey answer' },
  hall_opinion: { 'zh-CN': '确认您的意见留言', en: 'confirm your opinion' },
  subscription: { 'zh-CN': '确认订阅', en: 'confirm your subscription' },
};

/** The code as people read it: XXXX-XXXX (8 Crockford base32 characters). */
export function displayCode(code: string): string {
  const plain = code.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

export const contactCode = defineTemplate({
  name: 'contact_code',
  payload: z.looseObject({
    code: z.string().regex(/^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/, 'code must be 8 letters or digits (XXXX-XXXX)'),
    purpose: z.string().min(1).max(60),
    valid_minutes: z.number().int().min(1).max(24 * 60),
    /** What the purpose concerns, e.g. the hearing's title. */
    title: z.string().min(1).max(200).optional(),
  }),
  render(p, ctx) {
    const code = displayCode(p.code);
    const purpose = byLocale(ctx, PURPOSES[p.purpose] ?? PURPOSES['verify_contact']!);
    if (ctx.channel === 'sms') {
      return {
        subject: '',
        text: byLocale(ctx, {
          'zh-CN': `【公示】验证码 ${code}，用于${purpose}，${p.valid_minutes}分钟内有效。如非本人操作请忽略。`,
          en: `Gongshi code ${code} to ${purpose}, valid ${p.valid_minutes} min. Not you? Ignore this.`,
        }),
      };
    }
    const about = p.title ? byLocale(ctx, { 'zh-CN': `（${p.title}）`, en: ` (${p.title})` }) : '';
    return {
      subject: byLocale(ctx, { 'zh-CN': `验证码 ${code}`, en: `Your code ${code}` }),
      text: byLocale(ctx, {
        'zh-CN': `您好：\n\n您的验证码是\n\n    ${code}\n\n用于${purpose}${about}，${p.valid_minutes}分钟内有效，只能使用一次。`
          + '请在页面上输入此验证码。\n\n如果这不是您本人的操作，请忽略本邮件：没有验证码，任何人都无法以您的名义确认。',
        en: `Hello,\n\nyour code is\n\n    ${code}\n\nto ${purpose}${about}. It is valid for ${p.valid_minutes} minutes and works once. `
          + 'Enter it on the page.\n\nIf this was not you, ignore this message: without the code nobody can confirm in your name.',
      }) + `\n\n${signature(ctx)}\n`,
    };
  },
});

export const CONTACT_TEMPLATES = [contactCode];
