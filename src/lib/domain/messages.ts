/**
 * Outbound messages (private.outbox, supabase/migrations/20261130000070_outbox.sql): how a message
 * travels, in which language, and where it is in its delivery.
 */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** private.outbox.channel, private.undeliverable_recipients.channel (from private.contact_channel). */
export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export const MessageChannelSchema = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.output<typeof MessageChannelSchema>;

export const MESSAGE_CHANNEL = {
  name: 'message channel',
  codes: MESSAGE_CHANNELS,
  labels: {
    email: { 'zh-CN': '电子邮件', en: 'E-mail' },
    sms: { 'zh-CN': '短信', en: 'SMS' },
  },
} as const satisfies Enumeration<MessageChannel>;

/** private.outbox.locale: the language the person used on the site. */
export const MESSAGE_LOCALES = ['zh-CN', 'en'] as const;
export const MessageLocaleSchema = z.enum(MESSAGE_LOCALES);
export type MessageLocale = z.output<typeof MessageLocaleSchema>;

/** private.outbox.status. */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.output<typeof MessageStatusSchema>;

export const MESSAGE_STATUS = {
  name: 'message status',
  codes: MESSAGE_STATUSES,
  labels: {
    queued: { 'zh-CN': '待发送', en: 'Queued' },
    sending: { 'zh-CN': '发送中', en: 'Sending' },
    sent: { 'zh-CN': '已发送', en: 'Sent' },
    failed: { 'zh-CN': '发送失败', en: 'Failed' },
  },
} as const satisfies Enumeration<MessageStatus>;

/** The p_outcome of private.mark_message_failed: try again later, give this message up, or refuse the recipient. */
export const FAILURE_OUTCOMES = ['retry', 'permanent', 'undeliverable'] as const;
export type FailureOutcome = (typeof FAILURE_OUTCOMES)[number];
