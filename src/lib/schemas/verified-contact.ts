/**
 * Confirming a contact in the participation forms (request_contact_code, then verify_contact): the
 * two steps' inputs, mirroring the database's checks for friendly messages before sending.
 */
import { z } from 'zod';
import { fieldMessage } from '../errors/catalogue.ts';
import { ContactSchema } from './hall.ts';
import { normalizeCode } from './hearing.ts';

export const ContactCodeRequestSchema = z.object({
  contact: ContactSchema,
  locale: z.enum(['zh-CN', 'en']),
});

/** The 8-character code of our message, read leniently (case, spaces, dashes; O for 0, I/L for 1). */
export const ContactCodeSchema = z
  .string({ error: fieldMessage('contactCode.required') })
  .transform(normalizeCode)
  .refine((v) => v !== '', fieldMessage('contactCode.required'))
  .refine((v) => v === '' || /^[0-9A-HJKMNP-TV-Z]{8}$/.test(v), fieldMessage('contactCode.invalid'))
  .transform((v) => `${v.slice(0, 4)}-${v.slice(4)}`);

export const VerifyContactSchema = z.object({
  contact: ContactSchema,
  code: ContactCodeSchema,
});

/** What verify_contact answers. */
export const VerifiedContactSchema = z.object({
  contact_token: z.string(),
  contact_token_expires_at: z.string(),
  contact: z.string(),
});
export type VerifiedContactAnswer = z.output<typeof VerifiedContactSchema>;
