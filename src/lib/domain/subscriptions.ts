/**
 * E-mail subscriptions (private.subscriptions, supabase/migrations/20261130001330_subscriptions.sql):
 * what one subscribes to and where a subscription is in its double opt-in.
 */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** private.subscriptions.topic_kind: a unit's progress, a target's progress, or new bulletins. */
export const SUBSCRIPTION_TOPIC_KINDS = ['unit', 'target', 'bulletins'] as const;
export const SubscriptionTopicKindSchema = z.enum(SUBSCRIPTION_TOPIC_KINDS);
export type SubscriptionTopicKind = z.output<typeof SubscriptionTopicKindSchema>;

export const SUBSCRIPTION_TOPIC_KIND = {
  name: 'subscription topic',
  codes: SUBSCRIPTION_TOPIC_KINDS,
  labels: {
    unit: { 'zh-CN': '单位目标进展', en: 'A unit’s progress' },
    target: { 'zh-CN': '目标进展', en: 'A target’s progress' },
    bulletins: { 'zh-CN': '新发布的通报', en: 'New bulletins' },
  },
} as const satisfies Enumeration<SubscriptionTopicKind>;

/** private.subscriptions.status: pending until the confirmation link is opened. */
export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'unsubscribed'] as const;
export const SubscriptionStatusSchema = z.enum(SUBSCRIPTION_STATUSES);
export type SubscriptionStatus = z.output<typeof SubscriptionStatusSchema>;

export const SUBSCRIPTION_STATUS = {
  name: 'subscription status',
  codes: SUBSCRIPTION_STATUSES,
  labels: {
    pending: { 'zh-CN': '待确认', en: 'Awaiting confirmation' },
    active: { 'zh-CN': '已订阅', en: 'Subscribed' },
    unsubscribed: { 'zh-CN': '已退订', en: 'Unsubscribed' },
  },
} as const satisfies Enumeration<SubscriptionStatus>;

/** How many confirmation mails one address receives per day at most (rpc_impl.subscribe). */
export const CONFIRMATION_MAILS_PER_DAY = 3;
/** How long a confirmation link works. */
export const CONFIRMATION_VALID_DAYS = 7;
