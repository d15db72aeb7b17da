/** Everything the open data of one year is made of, as the build reads it (collection "opendata", lib/site/collection-reads.ts). */
import { z } from 'zod';
import { AnnualAssessmentRowSchema } from './annual-assessments.ts';
import { AssessmentRulesRowSchema } from './assessment-rules.ts';
import { AssessmentTargetScoreRowSchema } from './assessment-target-scores.ts';
import { BulletinRowSchema } from './bulletins.ts';
import { BulletinFigureRowSchema } from '../../opendata/bulletin-figures.ts';
import { HearingDrawRowSchema } from './hearing-draws.ts';
import { LeaderReportRowSchema } from './leader-reports.ts';
import { MassEvaluationGroupRowSchema } from './mass-evaluation-groups.ts';
import { MonitoringInputRowSchema } from './monitoring-inputs.ts';
import { AccountabilityCaseRowSchema } from './accountability-cases.ts';
import { SurveyAggregateRowSchema } from './survey-aggregates.ts';
import { AssessmentYearStatusSchema } from '../../domain/assessment.ts';
import { YearSchema } from './common.ts';
import { ProgressReportRowSchema } from './progress-reports.ts';
import { SupervisionRecordRowSchema } from './supervision-records.ts';
import { TargetBaselineRowSchema, TargetRowSchema } from './targets.ts';
import { CadreRowSchema, UnitRowSchema } from './units.ts';

export const OpenDataYearSchema = z.object({
  year: YearSchema,
  /** Null for a year that only has bulletins and no assessment-year row. */
  status: AssessmentYearStatusSchema.nullable(),
  units: z.array(UnitRowSchema),
  cadres: z.array(CadreRowSchema),
  targets: z.array(TargetRowSchema),
  target_baselines: z.array(TargetBaselineRowSchema),
  progress_reports: z.array(ProgressReportRowSchema),
  supervision_records: z.array(SupervisionRecordRowSchema),
  bulletins: z.array(BulletinRowSchema),
  bulletin_figures: z.array(BulletinFigureRowSchema),
  /** Per bulletin with figures: the progress reports in force at its cut-off (public.current_progress_reports as of it). */
  bulletin_reports: z.array(z.object({ bulletin: z.string(), report_ids: z.array(z.number().int()) })),
  annual_assessments: z.array(AnnualAssessmentRowSchema),
  annual_assessment_versions: z.array(AnnualAssessmentRowSchema),
  assessment_rules: z.array(AssessmentRulesRowSchema),
  assessment_target_scores: z.array(AssessmentTargetScoreRowSchema),
  mass_evaluation_groups: z.array(MassEvaluationGroupRowSchema),
  monitoring_inputs: z.array(MonitoringInputRowSchema),
  survey_aggregates: z.array(SurveyAggregateRowSchema),
  hearing_draws: z.array(HearingDrawRowSchema),
  leader_reports: z.array(LeaderReportRowSchema),
  accountability_cases: z.array(AccountabilityCaseRowSchema),
});
export type OpenDataYear = z.output<typeof OpenDataYearSchema>;
