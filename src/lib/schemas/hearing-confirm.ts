/**
 * Confirming a hearing sign-up with the code from our message: public.confirm_hearing_signup's
 * input (a mirror of its checks, for friendly messages before sending). Apart from hearing.ts,
 * which verified-contact.ts itself builds on.
 */
import { z } from 'zod';
import { ContactSchema } from './hall.ts';
import { ContactCodeSchema } from './verified-contact.ts';

export const ConfirmSignupInputSchema = z.object({
  hearing_id: z.number().int().positive(),
  contact: ContactSchema,
  code: ContactCodeSchema,
});
export type ConfirmSignupInput = z.input<typeof ConfirmSignupInputSchema>;
