/**
 * Surveys: the answer form's input (a mirror of public.submit_survey_response's checks, built
 * from the survey's own questions) and the survey pages' entries.
 */
import { z } from 'zod';
import { fieldMessage } from '../errors/catalogue.ts';
import { isStorableText, UnitRefSchema } from './hall.ts';
import { QuestionKindSchema, ResponseVerificationSchema, SurveyModeSchema } from '../domain/participation.ts';
import { normalizeCode, groupCode } from './hearing.ts';

export const SurveyQuestionSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  kind: QuestionKindSchema,
  prompt: z.string(),
  prompt_en: z.string().nullable(),
  options: z.array(z.object({ value: z.string(), label: z.string(), label_en: z.string().nullable().optional() })).nullable(),
  required: z.boolean(),
});
export type SurveyQuestion = z.output<typeof SurveyQuestionSchema>;

const QuestionStatsSchema = z.object({
  question_id: z.number().int(),
  kind: QuestionKindSchema,
  answers: z.number().int(),
  mean: z.number().nullable(),
  distribution: z.record(z.string(), z.number().int()).nullable(),
  choices: z.record(z.string(), z.number().int()).nullable(),
});
export type SurveyQuestionStats = z.output<typeof QuestionStatsSchema>;

/** The figures of one kind of response (invitation; verified or quick) of a survey. */
export const SurveyKindStatsSchema = z.object({
  responses: z.number().int(),
  questions: z.array(QuestionStatsSchema),
});
export type SurveyKindStats = z.output<typeof SurveyKindStatsSchema>;

/**
 * Aggregates from public.survey_stats (free-text answers are counted, never shown): all responses,
 * and by_verification each kind apart — an open survey's verified and quick answers are shown side
 * by side, labelled, never only mixed.
 */
export const SurveyStatsSchema = z.object({
  responses: z.number().int(),
  by_group: z.record(z.string(), z.number().int()),
  questions: z.array(QuestionStatsSchema),
  by_verification: z.partialRecord(ResponseVerificationSchema, SurveyKindStatsSchema),
});
export type SurveyStats = z.output<typeof SurveyStatsSchema>;

export const SurveySchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  year: z.number().int(),
  mode: SurveyModeSchema,
  title: z.string(),
  title_en: z.string().nullable(),
  description: z.string(),
  description_en: z.string().nullable(),
  opens_at: z.string(),
  closes_at: z.string().nullable(),
  unit: UnitRefSchema.nullable(),
  questions: z.array(SurveyQuestionSchema),
  stats: SurveyStatsSchema,
});
export type Survey = z.output<typeof SurveySchema>;

export const InvitationTokenSchema = z
  .string({ error: fieldMessage('token.required') })
  .transform(normalizeCode)
  .refine((v) => v !== '', fieldMessage('token.required'))
  .refine((v) => v === '' || /^[0-9A-HJKMNP-TV-Z]{24}$/.test(v), fieldMessage('token.invalid'))
  .transform(groupCode);

const AnswerSchema = z.object({ question_id: z.number().int(), value: z.union([z.number().int(), z.string()]) });

/** The general shape of a response, as public.submit_survey_response takes it. */
export const SurveyResponseInputSchema = z.object({
  survey_id: z.number().int().positive(),
  token: InvitationTokenSchema.optional(),
  /** Open surveys: a verified contact's token (verify_contact), or … */
  contact_token: z.string().max(64).optional(),
  /** … the browser's own random token for a quick, unverified answer. */
  browser_token: z.string().regex(/^[A-Za-z0-9_-]{22,64}$/).optional(),
  answers: z.array(AnswerSchema).min(1, fieldMessage('answers.none')),
});
export type SurveyResponse = z.output<typeof SurveyResponseInputSchema>;
export type SurveyResponseInput = z.input<typeof SurveyResponseInputSchema>;

/**
 * The response schema of one survey: required questions answered, ratings 1–5, choices among the
 * options, texts at most 2000 characters, and a token for a panel survey; an open survey's answer
 * carries the verified contact's token or the browser token as given. Unanswered optional
 * questions are left out. Field paths: answers.<question id>, token.
 */
export function surveyResponseSchema(survey: Pick<Survey, 'id' | 'mode' | 'questions'>) {
  return z
    .object({
      token: survey.mode === 'panel' ? InvitationTokenSchema : z.string().optional(),
      contact_token: z.string().optional(),
      browser_token: z.string().optional(),
      answers: z.record(z.string(), z.union([z.number(), z.string()]).optional()),
    })
    .superRefine((input, ctx) => {
      for (const q of survey.questions) {
        const raw = input.answers[String(q.id)];
        const value = typeof raw === 'string' ? raw.trim() : raw;
        const path = ['answers', String(q.id)];
        if (value === undefined || value === '') {
          if (q.required) ctx.addIssue({ code: 'custom', path, message: fieldMessage('answer.required') });
        } else if (q.kind === 'rating' && !(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5)) {
          ctx.addIssue({ code: 'custom', path, message: fieldMessage('answer.rating') });
        } else if (q.kind === 'choice' && !(q.options ?? []).some((o) => o.value === value)) {
          ctx.addIssue({ code: 'custom', path, message: fieldMessage('answer.choice') });
        } else if (q.kind === 'text' && String(value).length > 2000) {
          ctx.addIssue({ code: 'custom', path, message: fieldMessage('answer.tooLong') });
        } else if (q.kind === 'text' && !isStorableText(String(value))) {
          ctx.addIssue({ code: 'custom', path, message: fieldMessage('text.unsupported') });
        }
      }
    })
    .transform((input) => ({
      survey_id: survey.id,
      ...(survey.mode === 'panel' && input.token ? { token: input.token } : {}),
      ...(survey.mode === 'open' && input.contact_token ? { contact_token: input.contact_token } : {}),
      ...(survey.mode === 'open' && !input.contact_token && input.browser_token ? { browser_token: input.browser_token } : {}),
      answers: survey.questions.flatMap((q) => {
        const raw = input.answers[String(q.id)];
        const value = typeof raw === 'string' ? raw.trim() : raw;
        return value === undefined || value === '' ? [] : [{ question_id: q.id, value }];
      }),
    }));
}
