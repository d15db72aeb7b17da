/**
 * Hearing messages (supabase/migrations/20261130000800_hearings.sql enqueues them): what already
 * exists when someone signs up again, the confirmation, the draw's result, a move up from the
 * waitlist, a cancellation and the reminder the day before. Every payload carries the hearing
 * (private.hearing_message_payload); selected, promoted and reminder e-mails attach it as an .ics
 * event so it lands in the person's calendar.
 */
import { createEvent } from 'ics';
import { z } from 'zod';
import { SIGNUP_CATEGORY, SIGNUP_STATUS } from '../../domain/hearings.ts';
import { byLocale, defineTemplate, signature, siteLink, type MessageAttachment, type MessageContext, type RenderedMessage } from '../template.ts';

const HearingPayload = z.looseObject({
  hearing_id: z.number().int().positive(),
  title: z.string().min(1).max(200),
  title_en: z.string().max(400).nullable().optional(),
  venue: z.string().min(1).max(200),
  venue_en: z.string().max(400).nullable().optional(),
  /** UTC, ISO 8601. */
  held_at: z.iso.datetime(),
  public_id: z.string().regex(/^[0-9A-Z]{8}$/),
});
type Hearing = z.output<typeof HearingPayload>;

const title = (p: Hearing, ctx: MessageContext) => (ctx.locale === 'en' && p.title_en ? p.title_en : p.title);
const venue = (p: Hearing, ctx: MessageContext) => (ctx.locale === 'en' && p.venue_en ? p.venue_en : p.venue);

/** The hearing's time as people there read it (China Standard Time). */
export function hearingTime(heldAt: string, locale: MessageContext['locale']): string {
  const when = new Date(heldAt);
  return locale === 'en'
    ? `${new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'full', timeStyle: 'short' }).format(when)} (Beijing time)`
    : new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'full', timeStyle: 'short' }).format(when);
}

/** The hearing as a calendar event (.ics), three hours from its start; the uid is stable per hearing. */
export function hearingCalendar(p: Hearing, ctx: MessageContext, status: 'CONFIRMED' | 'CANCELLED' = 'CONFIRMED'): MessageAttachment {
  const { error, value } = createEvent({
    uid: `hearing-${p.hearing_id}@gongshi`,
    start: new Date(p.held_at).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { hours: 3 },
    title: title(p, ctx),
    location: venue(p, ctx),
    url: siteLink(ctx, `/hearings/${p.hearing_id}/`),
    description: byLocale(ctx, { 'zh-CN': `报名编号 ${p.public_id}`, en: `Sign-up ${p.public_id}` }),
    status,
    productId: 'gongshi/hearings',
    method: 'PUBLISH',
  });
  if (error || !value) throw error ?? new Error('ics: no calendar produced');
  return { filename: `hearing-${p.hearing_id}.ics`, content: value, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' };
}

const facts = (p: Hearing, ctx: MessageContext) =>
  byLocale(ctx, {
    'zh-CN': `听证会：${title(p, ctx)}\n时间：${hearingTime(p.held_at, 'zh-CN')}\n地点：${venue(p, ctx)}\n报名编号：${p.public_id}`,
    en: `Hearing: ${title(p, ctx)}\nWhen: ${hearingTime(p.held_at, 'en')}\nWhere: ${venue(p, ctx)}\nSign-up: ${p.public_id}`,
  });

/** An e-mail (subject, greeting, body, the hearing's facts, page link, sign-off) or a short SMS. */
function message(
  p: Hearing,
  ctx: MessageContext,
  texts: { subject: { 'zh-CN': string; en: string }; body: { 'zh-CN': string; en: string }; sms: { 'zh-CN': string; en: string } },
  attachment?: MessageAttachment,
): RenderedMessage {
  if (ctx.channel === 'sms') return { subject: '', text: byLocale(ctx, texts.sms) };
  const greeting = byLocale(ctx, { 'zh-CN': '您好：', en: 'Hello,' });
  const link = byLocale(ctx, { 'zh-CN': '听证会页面：', en: 'The hearing’s page: ' }) + siteLink(ctx, `/hearings/${p.hearing_id}/`);
  return {
    subject: byLocale(ctx, texts.subject),
    text: `${greeting}\n\n${byLocale(ctx, texts.body)}\n\n${facts(p, ctx)}\n\n${link}\n\n${signature(ctx)}\n`,
    ...(attachment ? { attachments: [attachment] } : {}),
  };
}

const CHECK_HINT = {
  'zh-CN': '可凭报名确认后页面显示的确认码查询或撤回报名。',
  en: 'You can check or withdraw your sign-up with the confirmation code shown when you confirmed it.',
};

export const signupExists = defineTemplate({
  name: 'signup_exists',
  payload: HearingPayload.extend({ status: z.string() }),
  render(p, ctx) {
    const status = SIGNUP_STATUS.labels[p.status as keyof typeof SIGNUP_STATUS.labels]?.[ctx.locale] ?? p.status;
    return message(p, ctx, {
      subject: { 'zh-CN': `您已报名：${title(p, ctx)}`, en: `You are already signed up: ${title(p, ctx)}` },
      body: {
        'zh-CN': `有人（可能是您本人）用这个联系方式再次报名了这场听证会。您的报名已经存在，状态：${status}，我们没有做任何更改。\n${CHECK_HINT['zh-CN']}\n如果这不是您本人的操作，请忽略本邮件。`,
        en: `Someone (probably you) signed up for this hearing again with this contact. Your sign-up already exists, status: ${status}; nothing was changed.\n${CHECK_HINT.en}\nIf this was not you, ignore this message.`,
      },
      sms: {
        'zh-CN': `【公示】您已报名听证会（编号${p.public_id}，${status}），无需重复报名。`,
        en: `Gongshi: you are already signed up for this hearing (${p.public_id}, ${status}).`,
      },
    });
  },
});

export const signupConfirmed = defineTemplate({
  name: 'signup_confirmed',
  payload: HearingPayload.extend({ category: z.string(), category_review: z.string().nullable().optional() }),
  render(p, ctx) {
    const category = SIGNUP_CATEGORY.labels[p.category as keyof typeof SIGNUP_CATEGORY.labels]?.[ctx.locale] ?? p.category;
    const claim = p.category_review
      ? byLocale(ctx, {
          'zh-CN': `\n您申报的类别“${category}”将在抽签前由工作人员核实；未经核实的，按一般名额参加抽签。`,
          en: `\nStaff will check your category “${category}” before the draw; unless confirmed, you draw for the general seats.`,
        })
      : '';
    return message(p, ctx, {
      subject: { 'zh-CN': `报名已确认：${title(p, ctx)}`, en: `Sign-up confirmed: ${title(p, ctx)}` },
      body: {
        'zh-CN': `您的听证会报名已确认，报名编号 ${p.public_id}。报名截止后如报名人数超过名额，将公开抽签，结果会通知您。${claim}\n${CHECK_HINT['zh-CN']}`,
        en: `Your sign-up for the hearing is confirmed, number ${p.public_id}. If more people sign up than there are seats, a public lottery decides after sign-ups close; we will tell you the result.${claim}\n${CHECK_HINT.en}`,
      },
      sms: {
        'zh-CN': `【公示】听证会报名已确认，编号${p.public_id}。抽签结果将另行通知。`,
        en: `Gongshi: hearing sign-up ${p.public_id} confirmed. We will tell you the draw's result.`,
      },
    });
  },
});

const DrawPayload = HearingPayload.extend({
  draw_order: z.number().int().positive(),
  entrants: z.number().int().nonnegative(),
  seats: z.number().int().positive(),
  waitlist_position: z.number().int().positive().nullable().optional(),
});

export const lotterySelected = defineTemplate({
  name: 'lottery_selected',
  payload: DrawPayload,
  render(p, ctx) {
    return message(p, ctx, {
      subject: { 'zh-CN': `您已入选：${title(p, ctx)}`, en: `You are selected: ${title(p, ctx)}` },
      body: {
        'zh-CN': `报名已截止，共${p.entrants}人确认报名，名额${p.seats}个。您已入选，将作为代表参加听证会（抽签顺序第${p.draw_order}位）。附件是日历文件。如不能参加，请尽早撤回报名，名额将依次递补给候补人员。`,
        en: `Sign-ups have closed: ${p.entrants} confirmed sign-ups for ${p.seats} seats. You are selected to take part as a representative (place ${p.draw_order} in the draw). The calendar file is attached. If you cannot come, please withdraw early: the seat goes to the next person on the waiting list.`,
      },
      sms: {
        'zh-CN': `【公示】您已入选听证会代表（编号${p.public_id}），${hearingTime(p.held_at, 'zh-CN')}，${venue(p, ctx)}。`,
        en: `Gongshi: you are selected for the hearing (${p.public_id}), ${hearingTime(p.held_at, 'en')}, ${venue(p, ctx)}.`,
      },
    }, hearingCalendar(p, ctx));
  },
});

export const lotteryWaitlisted = defineTemplate({
  name: 'lottery_waitlisted',
  payload: DrawPayload,
  render(p, ctx) {
    const place = p.waitlist_position ?? p.draw_order;
    return message(p, ctx, {
      subject: { 'zh-CN': `您在候补名单上：${title(p, ctx)}`, en: `You are on the waiting list: ${title(p, ctx)}` },
      body: {
        'zh-CN': `报名已截止，共${p.entrants}人确认报名，名额${p.seats}个，经公开抽签，您排在候补第${place}位。如有入选代表撤回，名额按顺序递补，届时我们会立即通知您。`,
        en: `Sign-ups have closed: ${p.entrants} confirmed sign-ups for ${p.seats} seats. The public lottery put you at number ${place} on the waiting list. When a selected representative withdraws, the next in line takes the seat; we will tell you at once if that is you.`,
      },
      sms: {
        'zh-CN': `【公示】听证会抽签结果：您为候补第${place}位（编号${p.public_id}），如递补将另行通知。`,
        en: `Gongshi: hearing draw: you are number ${place} on the waiting list (${p.public_id}).`,
      },
    });
  },
});

export const lotteryNotSelected = defineTemplate({
  name: 'lottery_not_selected',
  payload: HearingPayload,
  render(p, ctx) {
    return message(p, ctx, {
      subject: { 'zh-CN': `未能入选：${title(p, ctx)}`, en: `Not selected: ${title(p, ctx)}` },
      body: {
        'zh-CN': '听证会已经举行。很遗憾，您在候补名单上未能递补入选。感谢您的参与，欢迎关注听证会结果和今后的听证会。',
        en: 'The hearing has been held. We are sorry: no seat became free for you from the waiting list. Thank you for taking part; the outcome is on the hearing’s page.',
      },
      sms: {
        'zh-CN': `【公示】听证会已举行，您（编号${p.public_id}）未能递补入选，感谢参与。`,
        en: `Gongshi: the hearing was held; no seat became free for you (${p.public_id}). Thank you.`,
      },
    });
  },
});

export const waitlistPromoted = defineTemplate({
  name: 'waitlist_promoted',
  payload: HearingPayload,
  render(p, ctx) {
    return message(p, ctx, {
      subject: { 'zh-CN': `您已递补入选：${title(p, ctx)}`, en: `A seat is yours: ${title(p, ctx)}` },
      body: {
        'zh-CN': '有入选代表撤回了报名，您已从候补名单递补入选，请按时参加听证会。附件是日历文件。如不能参加，请尽早撤回报名。',
        en: 'A selected representative withdrew, and you move up from the waiting list: you are now selected. The calendar file is attached. If you cannot come, please withdraw early.',
      },
      sms: {
        'zh-CN': `【公示】您已递补入选听证会代表（编号${p.public_id}），${hearingTime(p.held_at, 'zh-CN')}，${venue(p, ctx)}。`,
        en: `Gongshi: a seat is yours (${p.public_id}), ${hearingTime(p.held_at, 'en')}, ${venue(p, ctx)}.`,
      },
    }, hearingCalendar(p, ctx));
  },
});

export const hearingCancelled = defineTemplate({
  name: 'hearing_cancelled',
  payload: HearingPayload.extend({ reason: z.string().max(4000).nullable().optional() }),
  render(p, ctx) {
    const reason = p.reason ? byLocale(ctx, { 'zh-CN': `原因：${p.reason}`, en: `Reason (as recorded, in Chinese): ${p.reason}` }) : '';
    return message(p, ctx, {
      subject: { 'zh-CN': `听证会取消：${title(p, ctx)}`, en: `Hearing cancelled: ${title(p, ctx)}` },
      body: {
        'zh-CN': `这场听证会已取消，您的报名随之结束，无需任何操作。${reason}`,
        en: `This hearing has been cancelled; your sign-up ends with it and there is nothing you need to do. ${reason}`,
      },
      sms: {
        'zh-CN': `【公示】您报名的听证会（编号${p.public_id}）已取消。`,
        en: `Gongshi: the hearing you signed up for (${p.public_id}) is cancelled.`,
      },
    }, hearingCalendar(p, ctx, 'CANCELLED'));
  },
});

export const hearingReminder = defineTemplate({
  name: 'hearing_reminder',
  payload: HearingPayload,
  render(p, ctx) {
    return message(p, ctx, {
      subject: { 'zh-CN': `明天举行：${title(p, ctx)}`, en: `Tomorrow: ${title(p, ctx)}` },
      body: {
        'zh-CN': '提醒您：您入选参加的听证会将于明天举行，请携带身份证件按时到场。如不能参加，请尽快撤回报名，让候补人员递补。',
        en: 'A reminder: the hearing you were selected for takes place tomorrow. Please bring an identity document and come on time. If you cannot come, withdraw at once so that the next person on the waiting list can take the seat.',
      },
      sms: {
        'zh-CN': `【公示】提醒：听证会${hearingTime(p.held_at, 'zh-CN')}在${venue(p, ctx)}举行（编号${p.public_id}）。`,
        en: `Gongshi reminder: hearing ${hearingTime(p.held_at, 'en')} at ${venue(p, ctx)} (${p.public_id}).`,
      },
    }, hearingCalendar(p, ctx));
  },
});

export const HEARING_TEMPLATES = [
  signupExists, signupConfirmed, lotterySelected, lotteryWaitlisted, lotteryNotSelected, waitlistPromoted, hearingCancelled, hearingReminder,
];
