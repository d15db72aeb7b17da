/** A major decision as its public page shows it: state, log, hearings with their draws, consultations. */
import { z } from 'zod';
import { DecisionKindSchema, DecisionStatusSchema, RecommendationSchema } from '../domain/decisions.ts';
import { DrawOutcomeSchema, DrawStatusSchema, HearingStatusSchema } from '../domain/hearings.ts';

export const HearingDrawSchema = z.object({
  public_id: z.string(),
  category: z.string(),
  district_code: z.string().nullable(),
  district_name: z.string().nullable(),
  district_name_en: z.string().nullable(),
  draw_key: z.string(),
  draw_order: z.number().int(),
  drawn: DrawOutcomeSchema,
  current_status: DrawStatusSchema,
  listed_name: z.string().nullable(),
});
export type HearingDraw = z.output<typeof HearingDrawSchema>;

export const HearingRecordSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  title_en: z.string().nullable(),
  status: HearingStatusSchema,
  held_at: z.string(),
  seats: z.number().int(),
  lottery_seed_hash: z.string().nullable(),
  lottery_seed: z.string().nullable(),
  votes_for: z.number().int().nullable(),
  votes_against: z.number().int().nullable(),
  votes_abstain: z.number().int().nullable(),
  /** Selected representatives present, when the office recorded attendance. */
  attendance: z.number().int().nullable(),
  outcome_summary: z.string().nullable(),
  outcome_summary_en: z.string().nullable(),
  quotas: z.array(z.object({ category: z.string(), seats: z.number().int() })),
  draws: z.array(HearingDrawSchema),
});
export type HearingRecord = z.output<typeof HearingRecordSchema>;

export const DecisionSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  kind: DecisionKindSchema,
  title: z.string(),
  title_en: z.string().nullable(),
  summary: z.string(),
  summary_en: z.string().nullable(),
  unit_code: z.string(),
  unit_name: z.string(),
  unit_name_en: z.string().nullable(),
  requires_hearing: z.boolean(),
  status: DecisionStatusSchema,
  status_reason: z.string().nullable(),
  outcome: z.string().nullable(),
  created_at: z.string(),
  events: z.array(z.object({ from_status: z.string().nullable(), to_status: z.string(), reason: z.string().nullable(), actor: z.string(), at: z.string() })),
  consultations: z.array(z.object({
    panel: z.string(), panel_en: z.string().nullable(), recommendation: RecommendationSchema,
    opinion: z.string(), opinion_en: z.string().nullable(), given_on: z.string(),
  })),
  hearings: z.array(HearingRecordSchema),
  topics: z.array(z.object({ slug: z.string(), title: z.string(), title_en: z.string().nullable() })),
});
export type Decision = z.output<typeof DecisionSchema>;
