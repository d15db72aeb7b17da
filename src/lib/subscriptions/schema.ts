/**
 * Subscriptions: the inputs of public.subscribe, confirm_subscription and unsubscribe (mirrors of
 * their checks, for friendly messages before sending — the database stays the authority) and the
 * token a confirmation or unsubscribe link carries.
 */
import { z } from 'zod';
import { SUBSCRIPTION_TOPIC_KINDS } from '../domain/subscriptions.ts';
import { fieldMessage } from '../errors/catalogue.ts';
import { isStorableText } from '../schemas/hall.ts';
import { emailKey } from '../contacts/contact-key.ts';

/** An e-mail address as private.contact_key() accepts one (phones are refused: e-mail only). */
export const isEmail = (value: string) => value.includes('@') && emailKey(value) !== null;

export const SubscribeInputSchema = z.object({
  email: z
    .string({ error: fieldMessage('email.required') })
    .trim()
    .min(1, fieldMessage('email.required'))
    .max(254, fieldMessage('email.tooLong'))
    .refine(isStorableText, fieldMessage('text.unsupported'))
    .refine(isEmail, fieldMessage('email.invalid')),
  topic_kind: z.enum(SUBSCRIPTION_TOPIC_KINDS),
  /** The unit's or target's id; left out for bulletins. */
  topic_id: z.number().int().positive().optional(),
  /** The page's language: the messages are written in it. */
  locale: z.enum(['zh-CN', 'en']),
}).refine((input) => (input.topic_kind === 'bulletins') === (input.topic_id === undefined), {
  path: ['topic_id'], message: fieldMessage('invalid'),
});
export type SubscribeInput = z.input<typeof SubscribeInputSchema>;

/** 24 Crockford base32 characters, grouped by four, as the links carry them. */
const TOKEN = /^[0-9A-HJKMNP-TV-Z]{24}$/;
export const normalizeLinkToken = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();

export const SubscriptionTokenInputSchema = z.object({
  token: z.string().refine((v) => TOKEN.test(normalizeLinkToken(v)), fieldMessage('link.invalid')),
});

/**
 * The token of a confirmation or unsubscribe link: the fragment (#…), as the links in the e-mails
 * have it, else the `token` query parameter (the List-Unsubscribe URL: a POST carries no fragment).
 */
export function tokenFromLocation(location: Pick<Location, 'hash' | 'search'>): string {
  const fragment = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (fragment) return fragment;
  return new URLSearchParams(location.search).get('token')?.trim() ?? '';
}
