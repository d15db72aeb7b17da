/** Contacts confirmed by a one-time code: what a code confirms. */
import { z } from 'zod';

/**
 * contact_codes.purpose: verify_contact (a token for later actions: survey answers, opinions),
 * hearing_signup (one pending sign-up, the code's subject).
 */
export const CONTACT_CODE_PURPOSES = ['verify_contact', 'hearing_signup'] as const;
export const ContactCodePurposeSchema = z.enum(CONTACT_CODE_PURPOSES);
export type ContactCodePurpose = z.output<typeof ContactCodePurposeSchema>;
