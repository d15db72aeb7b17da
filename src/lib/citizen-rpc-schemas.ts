/**
 * The zod input schemas of the citizen RPCs that have one: the forms' friendly first check, the
 * /api/ reference's input schema and the fuzz tests' oracle all take them from here.
 * SurveyResponseInputSchema is the general shape only (each survey's rules are its
 * surveyResponseSchema()). The live figures take only an id and have none.
 */
import type { z } from 'zod';
import type { CitizenRpc } from './citizen-rpcs.ts';
import { HallOpinionInputSchema } from './schemas/hall.ts';
import { ConfirmationCodeInputSchema, HearingSignupInputSchema } from './schemas/hearing.ts';
import { ConfirmSignupInputSchema } from './schemas/hearing-confirm.ts';
import { SurveyResponseInputSchema } from './schemas/survey.ts';
import { ContactCodeRequestSchema, VerifyContactSchema } from './schemas/verified-contact.ts';
import { SubscribeInputSchema, SubscriptionTokenInputSchema } from './subscriptions/schema.ts';

export const RPC_INPUT_SCHEMAS: Readonly<Partial<Record<CitizenRpc, z.ZodObject>>> = {
  submit_hall_opinion: HallOpinionInputSchema,
  sign_up_for_hearing: HearingSignupInputSchema,
  confirm_hearing_signup: ConfirmSignupInputSchema,
  check_hearing_signup: ConfirmationCodeInputSchema,
  withdraw_hearing_signup: ConfirmationCodeInputSchema,
  submit_survey_response: SurveyResponseInputSchema,
  request_contact_code: ContactCodeRequestSchema,
  verify_contact: VerifyContactSchema,
  subscribe: SubscribeInputSchema,
  confirm_subscription: SubscriptionTokenInputSchema,
  unsubscribe: SubscriptionTokenInputSchema,
};
