/**
 * opinion_reply: the official response to a hall opinion, sent to its author when they left a
 * verified contact (private.send_opinion_reply queues it once per opinion, in the author's language).
 */
import { z } from 'zod';
import { byLocale, defineTemplate, signature, siteLink } from '../template.ts';

/** Characters of the response an SMS quotes: with the link, the text stays within about two SMS segments. */
const SMS_EXCERPT = 30;

/** The first `max` characters of a text (by code point), with an ellipsis when cut. */
function excerpt(text: string, max: number): string {
  const chars = [...text.trim().replace(/\s+/g, ' ')];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

const day = (iso: string, locale: 'zh-CN' | 'en') =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));

export const opinionReply = defineTemplate({
  name: 'opinion_reply',
  payload: z.looseObject({
    opinion_id: z.number().int().positive(),
    topic_slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/),
    topic_title: z.string().min(1).max(200),
    topic_title_en: z.string().max(400).nullable().optional(),
    unit_name: z.string().min(1).max(200),
    unit_name_en: z.string().max(400).nullable().optional(),
    submitted_at: z.string().min(1),
    responded_at: z.string().min(1),
    response_text: z.string().min(1).max(4000),
  }),
  render(p, ctx) {
    const link = siteLink(ctx, `/hall/${p.topic_slug}/`, `opinion-${p.opinion_id}`);
    const topic = ctx.locale === 'en' && p.topic_title_en ? p.topic_title_en : p.topic_title;
    const unit = ctx.locale === 'en' && p.unit_name_en ? p.unit_name_en : p.unit_name;
    if (ctx.channel === 'sms') {
      return {
        subject: '',
        text: byLocale(ctx, {
          'zh-CN': `【公示】您的意见（编号${p.opinion_id}）已获答复：${excerpt(p.response_text, SMS_EXCERPT)} 全文：${link}`,
          en: `Gongshi: your opinion no. ${p.opinion_id} was answered: ${excerpt(p.response_text, SMS_EXCERPT)} ${link}`,
        }),
      };
    }
    return {
      subject: byLocale(ctx, {
        'zh-CN': `您的意见已获答复：${excerpt(topic, 60)}`,
        en: `Your opinion has been answered: ${excerpt(topic, 80)}`,
      }),
      text: byLocale(ctx, {
        'zh-CN': `您好：\n\n您${day(p.submitted_at, 'zh-CN')}在市民议事厅话题“${topic}”下提交的意见（编号${p.opinion_id}）`
          + `已于${day(p.responded_at, 'zh-CN')}获得${unit}的正式答复：\n\n${p.response_text}\n\n`
          + `意见和答复已在网站公开：\n${link}\n\n您收到本邮件，是因为提交意见时确认了这个联系方式。每条意见只发送一次答复通知。`,
        en: `Hello,\n\nthe opinion you sent on ${day(p.submitted_at, 'en')} on the Deliberation Hall topic "${topic}" (no. ${p.opinion_id}) `
          + `was answered by ${unit} on ${day(p.responded_at, 'en')}:\n\n${p.response_text}\n\n`
          + `Your opinion and the response are public on the site:\n${link}\n\n`
          + 'You receive this message because you confirmed this contact when you sent the opinion. Each opinion\'s reply is sent once.',
      }) + `\n\n${signature(ctx)}\n`,
    };
  },
});

export const HALL_TEMPLATES = [opinionReply];
