/**
 * The shape of an outbound message template (e-mail and SMS). A template validates the payload the
 * SQL transaction enqueued (private.enqueue_message) and renders it in the recipient's locale.
 * Templates register in ./templates/index.ts; the sender looks them up by name.
 */
import type { z } from 'zod';
import type { MessageChannel, MessageLocale } from '../domain/messages.ts';

export type { MessageChannel, MessageLocale };

export interface MessageContext {
  locale: MessageLocale;
  channel: MessageChannel;
  /** SITE_URL without a trailing slash; links put tokens in the fragment (#…), never the query. */
  siteUrl: string;
  /** The recipient's normalised contact key (e-mail address or E.164 phone number). */
  recipient: string;
}

export interface MessageAttachment {
  filename: string;
  content: string;
  /** e.g. 'text/calendar; charset=utf-8; method=PUBLISH' for an .ics invitation. */
  contentType: string;
}

export interface RenderedMessage {
  /** The e-mail subject (not sent by SMS). */
  subject: string;
  /** The e-mail body as plain text; the SMS text (keep it short: about 70 Chinese characters). */
  text: string;
  /** E-mail only: e.g. a text/calendar .ics file. */
  attachments?: MessageAttachment[];
  /** E-mail only: e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
}

export interface MessageTemplate<P> {
  name: string;
  payload: z.ZodType<P>;
  render(payload: P, ctx: MessageContext): RenderedMessage;
}

/** Declares a template with its payload type inferred from the schema. */
export function defineTemplate<S extends z.ZodType>(template: {
  name: string;
  payload: S;
  render(payload: z.output<S>, ctx: MessageContext): RenderedMessage;
}): MessageTemplate<z.output<S>> {
  return template as MessageTemplate<z.output<S>>;
}

/** Picks the text of the message's locale. */
export function byLocale<T>(ctx: Pick<MessageContext, 'locale'>, texts: { 'zh-CN': T; en: T }): T {
  return texts[ctx.locale];
}

/** A link on the site: `path` is absolute ('/hearings/3/'); `fragment` (a token) goes after '#'. */
export function siteLink(ctx: Pick<MessageContext, 'siteUrl' | 'locale'>, path: string, fragment?: string): string {
  const base = ctx.siteUrl.replace(/\/+$/, '');
  const localized = ctx.locale === 'en' && !path.startsWith('/en/') ? `/en${path}` : path;
  return `${base}${localized}${fragment ? `#${fragment}` : ''}`;
}

/** The sign-off every e-mail ends with. */
export function signature(ctx: Pick<MessageContext, 'siteUrl' | 'locale'>): string {
  return byLocale(ctx, {
    'zh-CN': `——\n公示 · 目标绩效管理公开平台\n${siteLink(ctx, '/')}\n本邮件由系统自动发送，请勿直接回复。`,
    en: `—\nGongshi · target performance portal\n${siteLink(ctx, '/')}\nThis message was sent automatically; please do not reply to it.`,
  });
}
