/** Dataset "survey-aggregates": each survey question's answers in aggregate per kind of response (never a single response). */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { QuestionKindSchema, ResponseVerificationSchema, SurveyModeSchema } from '../../domain/participation.ts';
import { YearSchema } from './common.ts';

const count = (zh: string, en: string) => column(z.number().int().nullable(), zh, en);

export const SurveyAggregateRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  survey_slug: column(z.string(), '测评编号', 'Survey'),
  mode: column(SurveyModeSchema, '方式', 'panel: invited respondents (counts in the mass evaluation); open: public sentiment (does not count)'),
  verification: column(ResponseVerificationSchema, '答卷类别',
    'Kind of response: invitation (panel); verified (open, one per confirmed contact) or quick (open, one per browser, unverified) — counted apart'),
  unit_code: column(z.string().nullable(), '被测评单位代码', 'Code of the unit evaluated (empty: city-wide)'),
  unit_name: column(z.string().nullable(), '被测评单位', 'Unit evaluated'),
  responses: column(z.number().int(), '答卷数', 'Responses of this kind to the survey'),
  position: column(z.number().int(), '题号', 'Question number'),
  prompt: column(z.string(), '题目', 'Question'),
  prompt_en: column(z.string().nullable(), '题目（英文）', 'Question in English'),
  kind: column(QuestionKindSchema, '题型', 'Kind of question'),
  weight: column(z.number(), '权重', 'Weight in the mass-evaluation score'),
  answers: column(z.number().int(), '作答数', 'Answers to the question'),
  mean_rating: column(z.number().nullable(), '平均评分', 'Mean rating (1–5)'),
  rating_1: count('评1分', 'Ratings of 1'),
  rating_2: count('评2分', 'Ratings of 2'),
  rating_3: count('评3分', 'Ratings of 3'),
  rating_4: count('评4分', 'Ratings of 4'),
  rating_5: count('评5分', 'Ratings of 5'),
});
export type SurveyAggregateRow = z.output<typeof SurveyAggregateRowSchema>;
