/**
 * Subscription messages (supabase/migrations/20261130001330_subscriptions.sql enqueues them):
 * subscription_confirm (the double opt-in link), progress_update (one report of a target, or one
 * digest of a unit's reports filed together) and bulletin_published. Every message after the
 * confirmation carries List-Unsubscribe / List-Unsubscribe-Post (RFC 2369, RFC 8058) and an
 * unsubscribe link in its text. The payload's `token` is a secret: the sender removes it once sent.
 */
import { z } from 'zod';
import { REPORT_STATUS, REPORT_STATUSES } from '../../domain/progress.ts';
import { SUBSCRIPTION_TOPIC_KINDS } from '../../domain/subscriptions.ts';
import { byLocale, defineTemplate, signature, siteLink, type MessageContext, type RenderedMessage } from '../template.ts';

const TOKEN = /^[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){5}$/;
const token = z.string().regex(TOKEN, 'token must be 24 letters or digits');
const sitePath = z.string().regex(/^\/[a-z0-9/_.-]*$/i, 'a path on the site');

const TopicSchema = z.object({
  kind: z.enum(SUBSCRIPTION_TOPIC_KINDS),
  id: z.number().int().nullable(),
  path: sitePath,
  name: z.string().min(1).max(300),
  name_en: z.string().max(500).nullable(),
});
type Topic = z.output<typeof TopicSchema>;

const ReportSchema = z.object({
  id: z.number().int(),
  period: z.string().regex(/^[0-9]{4}-[0-9]{2}$/),
  status: z.enum(REPORT_STATUSES),
  progress_pct: z.number().nullable(),
  is_correction: z.boolean(),
  target_code: z.string().min(1).max(40),
  target_title: z.string().min(1).max(200),
  target_title_en: z.string().max(400).nullable(),
  path: sitePath,
  excerpt: z.string().max(200),
});

/** The page that unsubscribes, for a person (token in the fragment: not sent to any server). */
export function unsubscribeLink(ctx: Pick<MessageContext, 'siteUrl' | 'locale'>, unsubscribeToken: string): string {
  return siteLink(ctx, '/subscriptions/unsubscribe/', unsubscribeToken);
}

/**
 * The List-Unsubscribe headers. A one-click unsubscribe (RFC 8058) is a POST by the mail provider
 * to this URL, and a POST carries no fragment: the token is in the query here, which the portal's
 * server answers (src/server/one-click-unsubscribe.ts); a GET of the same URL opens the page,
 * whose island reads the token from the query too. See docs/security.md for the trade-off.
 */
export function unsubscribeHeaders(ctx: Pick<MessageContext, 'siteUrl' | 'locale'>, unsubscribeToken: string): Record<string, string> {
  const url = `${siteLink(ctx, '/subscriptions/unsubscribe/')}?token=${encodeURIComponent(unsubscribeToken)}`;
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

function topicName(ctx: MessageContext, topic: Topic): string {
  return ctx.locale === 'en' ? (topic.name_en ?? topic.name) : topic.name;
}

function footer(ctx: MessageContext, topic: Topic, unsubscribeToken: string): string {
  const name = topicName(ctx, topic);
  return byLocale(ctx, {
    'zh-CN': `您收到这封邮件，是因为您订阅了“${name}”。\n不想再收到？一键退订：${unsubscribeLink(ctx, unsubscribeToken)}`,
    en: `You receive this because you subscribed to “${name}”.\nNo longer interested? Unsubscribe: ${unsubscribeLink(ctx, unsubscribeToken)}`,
  }) + `\n\n${signature(ctx)}\n`;
}

/** Not sent by SMS (subscriptions are e-mail only); a short text should one ever be. */
function smsFallback(ctx: MessageContext, text: string): RenderedMessage {
  return { subject: '', text: text.slice(0, ctx.locale === 'en' ? 160 : 70) };
}

export const subscriptionConfirm = defineTemplate({
  name: 'subscription_confirm',
  payload: z.looseObject({ token, topic: TopicSchema, valid_days: z.number().int().min(1).max(60) }),
  render(p, ctx) {
    const name = topicName(ctx, p.topic);
    const link = siteLink(ctx, '/subscriptions/confirm/', p.token);
    if (ctx.channel === 'sms') return smsFallback(ctx, link);
    return {
      subject: byLocale(ctx, { 'zh-CN': `请确认订阅：${name}`, en: `Confirm your subscription: ${name}` }),
      text: byLocale(ctx, {
        'zh-CN': `您好：\n\n有人（希望是您本人）在公示平台用这个邮箱订阅了“${name}”的更新。请打开下面的链接确认订阅：\n\n${link}\n\n`
          + `链接${p.valid_days}天内有效。确认之前，我们不会发送任何订阅邮件。\n\n如果这不是您的操作，请忽略本邮件：不确认，就不会订阅。`,
        en: `Hello,\n\nsomeone (we hope you) subscribed this address to updates on “${name}” on the Gongshi portal. Open this link to confirm:\n\n${link}\n\n`
          + `The link works for ${p.valid_days} days. Until you confirm, we send you nothing else.\n\nIf this was not you, ignore this message: without confirmation there is no subscription.`,
      }) + `\n\n${signature(ctx)}\n`,
    };
  },
});

export const progressUpdate = defineTemplate({
  name: 'progress_update',
  payload: z.looseObject({
    token,
    topic: TopicSchema,
    reports: z.array(ReportSchema).min(1).max(50),
    total: z.number().int().min(1),
  }),
  render(p, ctx) {
    const name = topicName(ctx, p.topic);
    const status = (code: (typeof REPORT_STATUSES)[number]) => REPORT_STATUS.labels[code][ctx.locale];
    const lines = p.reports.map((r) => {
      const title = ctx.locale === 'en' ? (r.target_title_en ?? r.target_title) : r.target_title;
      const pct = r.progress_pct === null ? '' : ` · ${r.progress_pct}%`;
      const correction = r.is_correction ? byLocale(ctx, { 'zh-CN': '（更正）', en: ' (correction)' }) : '';
      return `- ${r.target_code} ${title}\n  ${r.period} · ${status(r.status)}${pct}${correction}`
        + `${r.excerpt ? `\n  ${r.excerpt}` : ''}\n  ${siteLink(ctx, r.path)}`;
    });
    const more = p.total - p.reports.length;
    const first = p.reports[0]!;
    if (ctx.channel === 'sms') return smsFallback(ctx, `${name} ${siteLink(ctx, p.topic.path)}`);
    const subject = p.topic.kind === 'target'
      ? byLocale(ctx, { 'zh-CN': `目标进展：${name}（${first.period}）`, en: `Progress: ${name} (${first.period})` })
      : byLocale(ctx, { 'zh-CN': `${name}：${p.total}条目标进展更新`, en: `${name}: ${p.total} progress ${p.total === 1 ? 'update' : 'updates'}` });
    const intro = p.topic.kind === 'target'
      ? byLocale(ctx, { 'zh-CN': '您订阅的目标有新的进展报告：', en: 'A target you follow has a new progress report:' })
      : byLocale(ctx, {
          'zh-CN': `您订阅的单位“${name}”报送了${p.total}条目标进展（同一次报送合并为一封邮件）：`,
          en: `The unit “${name}” you follow filed ${p.total} progress ${p.total === 1 ? 'report' : 'reports'} (reports filed together come in one e-mail):`,
        });
    const rest = more > 0
      ? `\n\n${byLocale(ctx, { 'zh-CN': `另有${more}条，请在单位页面查看：`, en: `and ${more} more, on the unit's page:` })} ${siteLink(ctx, p.topic.path)}`
      : '';
    return {
      subject,
      text: `${intro}\n\n${lines.join('\n\n')}${rest}\n\n${footer(ctx, p.topic, p.token)}`,
      headers: unsubscribeHeaders(ctx, p.token),
    };
  },
});

export const bulletinPublished = defineTemplate({
  name: 'bulletin_published',
  payload: z.looseObject({
    token,
    bulletin: z.object({
      slug: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/),
      kind: z.string().min(1).max(20),
      period: z.string().min(4).max(10),
      title: z.string().min(1).max(200),
      title_en: z.string().max(400).nullable(),
      summary: z.string().max(2000),
      summary_en: z.string().max(2000).nullable(),
      is_erratum: z.boolean(),
    }),
  }),
  render(p, ctx) {
    const b = p.bulletin;
    const title = ctx.locale === 'en' ? (b.title_en ?? b.title) : b.title;
    const summary = ctx.locale === 'en' ? (b.summary_en ?? b.summary) : b.summary;
    const link = siteLink(ctx, `/bulletins/${b.slug}/`);
    const topic: Topic = { kind: 'bulletins', id: null, path: '/bulletins/', name: '通报', name_en: 'Bulletins' };
    if (ctx.channel === 'sms') return smsFallback(ctx, `${title} ${link}`);
    const erratum = b.is_erratum
      ? byLocale(ctx, { 'zh-CN': '这是一份更正通报，取代此前发布的同期通报。\n\n', en: 'This is an erratum: it replaces the bulletin published earlier for the period.\n\n' })
      : '';
    return {
      subject: byLocale(ctx, { 'zh-CN': `${b.is_erratum ? '更正通报' : '新通报'}：${title}`, en: `${b.is_erratum ? 'Erratum' : 'New bulletin'}: ${title}` }),
      text: `${erratum}${title}\n\n${summary}\n\n${byLocale(ctx, { 'zh-CN': '全文：', en: 'Read it in full: ' })}${link}\n\n${footer(ctx, topic, p.token)}`,
      headers: unsubscribeHeaders(ctx, p.token),
    };
  },
});

export const SUBSCRIPTION_TEMPLATES = [subscriptionConfirm, progressUpdate, bulletinPublished];
