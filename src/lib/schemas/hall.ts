/**
 * The Citizen Deliberation Hall: the opinion form's input (a mirror of the checks in
 * public.submit_hall_opinion, for friendly messages before sending — the database stays the
 * authority) and the topic pages' entries. Messages are keys of the catalogue's field messages.
 */
import { z } from 'zod';
import { fieldMessage, type FieldMessageKey } from '../errors/catalogue.ts';
import { isContact } from '../contacts/contact-key.ts';

/**
 * Text the database can store: no NUL character and no lone UTF-16 surrogate (a broken emoji).
 * Postgres refuses both with a technical 400; the form says it in words first.
 */
export const isStorableText = (value: string) => !value.includes('\u0000') && value.isWellFormed();

/** An optional text field: trimmed, empty means not given. */
export const optionalText = (max: number, tooLong: FieldMessageKey) =>
  z.string().trim().max(max, tooLong).refine(isStorableText, fieldMessage('text.unsupported')).optional().transform((v) => (v ? v : undefined));

export const ContactSchema = z
  .string({ error: fieldMessage('contact.required') })
  .trim()
  .max(100, fieldMessage('contact.tooLong'))
  .refine(isStorableText, fieldMessage('text.unsupported'))
  .refine(isContact, fieldMessage('contact.invalid'));

export const HallOpinionInputSchema = z.object({
  topic_id: z.number().int().positive(),
  body: z
    .string({ error: fieldMessage('body.required') })
    .trim()
    .min(1, fieldMessage('body.empty'))
    .min(2, fieldMessage('body.tooShort'))
    .max(2000, fieldMessage('body.tooLong'))
    .refine(isStorableText, fieldMessage('text.unsupported')),
  display_name: optionalText(40, fieldMessage('display_name.tooLong')),
  /** A verified contact's token (verify_contact): the official reply is sent there. Never a plain contact. */
  contact_token: z
    .string()
    .trim()
    .max(64)
    .refine((v) => v === '' || /^[0-9A-HJKMNP-TV-Z]{24}$/.test(v.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')))
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** The page's language: the reply is written in it. */
  locale: z.enum(['zh-CN', 'en']).optional(),
});
export type HallOpinion = z.output<typeof HallOpinionInputSchema>;
export type HallOpinionInput = z.input<typeof HallOpinionInputSchema>;

const UnitRefSchema = z.object({ code: z.string(), name: z.string(), name_en: z.string().nullable() });
export type UnitRef = z.output<typeof UnitRefSchema>;
export { UnitRefSchema };

/** A published opinion as the topic page shows it. */
export const PublishedOpinionSchema = z.object({
  id: z.number().int(),
  display_name: z.string().nullable(),
  body: z.string(),
  submitted_at: z.string(),
  response_text: z.string().nullable(),
  response_unit: UnitRefSchema.nullable(),
  responded_at: z.string().nullable(),
});
export type PublishedOpinion = z.output<typeof PublishedOpinionSchema>;

/** Live counts from public.hall_topic_stats. */
export const HallTopicStatsSchema = z.object({
  topic_id: z.number().int(),
  open: z.boolean(),
  submitted: z.number().int(),
  pending: z.number().int(),
  published: z.number().int(),
  rejected: z.number().int(),
  answered: z.number().int(),
});
export type HallTopicStats = z.output<typeof HallTopicStatsSchema>;

/** A hall topic with its published opinions and counts (read as the anonymous role). */
export const HallTopicSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string(),
  title_en: z.string().nullable(),
  description: z.string(),
  description_en: z.string().nullable(),
  opens_at: z.string(),
  closes_at: z.string().nullable(),
  unit: UnitRefSchema,
  opinions: z.array(PublishedOpinionSchema),
  stats: HallTopicStatsSchema,
});
export type HallTopic = z.output<typeof HallTopicSchema>;
