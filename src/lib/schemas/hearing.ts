/**
 * Hearings: the sign-up and the check-or-withdraw forms' inputs (mirrors of the checks in
 * public.sign_up_for_hearing and the confirmation-code functions) and the hearing pages' entries.
 */
import { z } from 'zod';
import { fieldMessage } from '../errors/catalogue.ts';
import { HearingStatusSchema, SIGNUP_CATEGORIES, SignupStatusSchema } from '../domain/hearings.ts';
import { ContactSchema, isStorableText, optionalText, UnitRefSchema } from './hall.ts';

/** The form lists the categories in this order. */
export { SIGNUP_CATEGORIES };
/** The form's category field: a sign-up category, with the form's message when it is not one. */
export const SignupCategorySchema = z.enum(SIGNUP_CATEGORIES, { error: fieldMessage('category.invalid') });

export const HearingSignupInputSchema = z.object({
  hearing_id: z.number().int().positive(),
  name: z
    .string({ error: fieldMessage('name.required') })
    .trim()
    .min(1, fieldMessage('name.empty'))
    .min(2, fieldMessage('name.tooShort'))
    .max(40, fieldMessage('name.tooLong'))
    .refine(isStorableText, fieldMessage('text.unsupported')),
  contact: ContactSchema,
  category: SignupCategorySchema,
  district_id: z.number().int().positive().optional(),
  statement: optionalText(1000, fieldMessage('statement.tooLong')),
  /** Whether the name may be listed with the published draw (otherwise the public id only). */
  consent_to_list: z.boolean({ error: fieldMessage('consent.invalid') }).default(false),
  /** The page's language: messages to the person are written in it. */
  locale: z.enum(['zh-CN', 'en']),
  /** A verified-contact token kept by the browser: a sign-up for that contact is confirmed at once. */
  contact_token: z.string().max(64).optional(),
});
export type HearingSignup = z.output<typeof HearingSignupInputSchema>;
export type HearingSignupInput = z.input<typeof HearingSignupInputSchema>;

/** The alphabet of confirmation codes and invitation tokens (Crockford base32, as private.new_code()). */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Codes and tokens as typed, in canonical form: private.normalize_code() in TypeScript. */
export function normalizeCode(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Canonical code grouped by four, for display. */
export const groupCode = (normalized: string) => normalized.replace(/(.{4})(?=.)/g, '$1-');

/** What sign_up_for_hearing answers without a token (the same for every contact, apart from request_id). */
export const CodeSentSchema = z.object({
  status: z.literal('code_sent'),
  sent_to: z.string(),
  request_id: z.string(),
  valid_minutes: z.number().int(),
});
export type CodeSent = z.output<typeof CodeSentSchema>;

/** A confirmed sign-up: confirm_hearing_signup's answer, and sign_up_for_hearing's with a valid token. */
export const SignupConfirmedSchema = z.object({
  hearing_id: z.number().int(),
  public_id: z.string(),
  status: z.string(),
  confirmation_code: z.string(),
  contact_token: z.string(),
  contact_token_expires_at: z.string(),
  contact: z.string(),
});
export type SignupConfirmed = z.output<typeof SignupConfirmedSchema>;

export const ConfirmationCodeInputSchema = z.object({
  code: z
    .string({ error: fieldMessage('code.required') })
    .transform(normalizeCode)
    .refine((v) => v !== '', fieldMessage('code.required'))
    .refine((v) => v === '' || /^[0-9A-HJKMNP-TV-Z]{16}$/.test(v), fieldMessage('code.invalid'))
    .transform(groupCode),
});
export type ConfirmationCode = z.output<typeof ConfirmationCodeInputSchema>;
export type ConfirmationCodeInput = z.input<typeof ConfirmationCodeInputSchema>;

export const DistrictSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), name_en: z.string().nullable() });
export type District = z.output<typeof DistrictSchema>;

/** A hearing as its page shows it (read as the anonymous role; sign-ups counted, never listed). */
export const HearingSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  title_en: z.string().nullable(),
  summary: z.string(),
  summary_en: z.string().nullable(),
  venue: z.string(),
  venue_en: z.string().nullable(),
  held_at: z.string(),
  seats: z.number().int(),
  signup_opens_at: z.string(),
  signup_closes_at: z.string(),
  status: HearingStatusSchema,
  votes_for: z.number().int().nullable(),
  votes_against: z.number().int().nullable(),
  votes_abstain: z.number().int().nullable(),
  /** Selected representatives present, when the office recorded attendance. */
  attendance: z.number().int().nullable(),
  unit: UnitRefSchema,
  /** Confirmed sign-ups not withdrawn, when the site was built. */
  signups: z.number().int(),
  districts: z.array(DistrictSchema),
});
export type Hearing = z.output<typeof HearingSchema>;

/** What public.check_hearing_signup and public.withdraw_hearing_signup answer. */
export const SignupStateSchema = z.object({
  hearing_id: z.number().int(),
  hearing_title: z.string().optional(),
  hearing_title_en: z.string().nullable().optional(),
  public_id: z.string(),
  status: SignupStatusSchema,
});
export type SignupState = z.output<typeof SignupStateSchema>;
