/** The Citizen Deliberation Hall and satisfaction surveys: moderation, survey modes, question kinds, respondents. */
import { z } from 'zod';
import type { Enumeration, OpenEnumeration } from './enumeration.ts';

/** hall_opinions.status: moderation of an opinion. */
export const OPINION_STATUSES = ['pending', 'published', 'rejected'] as const;
export const OpinionStatusSchema = z.enum(OPINION_STATUSES);
export type OpinionStatus = z.output<typeof OpinionStatusSchema>;

/** surveys.mode: panel (invited respondents; counts in the mass evaluation) or open (public sentiment). */
export const SURVEY_MODES = ['panel', 'open'] as const;
export const SurveyModeSchema = z.enum(SURVEY_MODES);
export type SurveyMode = z.output<typeof SurveyModeSchema>;

/** survey_questions.kind. */
export const QUESTION_KINDS = ['rating', 'choice', 'text'] as const;
export const QuestionKindSchema = z.enum(QUESTION_KINDS);
export type QuestionKind = z.output<typeof QuestionKindSchema>;

/**
 * survey_invitations.respondent_group, survey_responses.respondent_group and the keys of
 * assessment_years.respondent_group_weights: open codes (a pattern in SQL); the known ones are named.
 */
export const RESPONDENT_GROUPS = ['citizen', 'representative', 'enterprise'] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];

export const RESPONDENT_GROUP = {
  name: 'respondent group',
  codes: RESPONDENT_GROUPS,
  labels: {
    citizen: { 'zh-CN': '市民', en: 'Citizens' },
    representative: { 'zh-CN': '市民代表', en: 'Citizen representatives' },
    enterprise: { 'zh-CN': '企业', en: 'Enterprises' },
  },
  openPattern: /^[a-z_]{2,40}$/,
} as const satisfies OpenEnumeration<RespondentGroup>;

/**
 * survey_responses.verification: how a respondent was told apart. invitation: a panel survey's
 * single-use token; verified: an open survey answered with a confirmed contact (one per contact);
 * quick: an open survey answered with the browser's own random token (one per browser, unverified).
 * Open surveys publish verified and quick answers apart, labelled.
 */
export const RESPONSE_VERIFICATIONS = ['invitation', 'verified', 'quick'] as const;
export const ResponseVerificationSchema = z.enum(RESPONSE_VERIFICATIONS);
export type ResponseVerification = z.output<typeof ResponseVerificationSchema>;

/** open_survey_participants.verification: the kinds of an open survey's responses. */
export const OPEN_RESPONSE_VERIFICATIONS = ['verified', 'quick'] as const satisfies readonly ResponseVerification[];
export type OpenResponseVerification = (typeof OPEN_RESPONSE_VERIFICATIONS)[number];

export const RESPONSE_VERIFICATION = {
  name: 'response verification',
  codes: RESPONSE_VERIFICATIONS,
  labels: {
    invitation: { 'zh-CN': '受邀答卷（凭邀请码）', en: 'Invited (invitation token)' },
    verified: { 'zh-CN': '已验证答卷（凭确认的联系方式，每人一份）', en: 'Verified (one per confirmed contact)' },
    quick: { 'zh-CN': '快速答卷（未验证，每个浏览器一份）', en: 'Quick (unverified, one per browser)' },
  },
} as const satisfies Enumeration<ResponseVerification>;
