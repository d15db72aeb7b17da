/**
 * Dataset "assessment-rules": every constant and rule the year's assessment uses, one row per year,
 * read from the same assessment_years row private.compute_assessment reads — so a re-user needs
 * nothing but the published files to recompute totals, ranks, grades and consequences.
 */
import { z } from 'zod';
import { column } from '../../opendata/columns.ts';
import { AssessmentYearStatusSchema } from '../../domain/assessment.ts';
import { YearSchema } from './common.ts';

const share = z.number().min(0).max(1);
const points = z.number().min(0).max(100);

export const AssessmentRulesRowSchema = z.strictObject({
  year: column(YearSchema, '考核年度', 'Assessment year'),
  status: column(AssessmentYearStatusSchema, '年度状态', 'State of the year: planning, active, closed or published'),
  weight_target: column(share, '目标考核权重', 'Weight of the target assessment in the total'),
  weight_mass: column(share, '群众测评权重', 'Weight of the mass evaluation in the total'),
  weight_monitoring: column(share, '日常监控权重', 'Weight of daily monitoring in the total'),
  total_rule: column(z.string(), '总分公式', 'The total from the three parts'),
  missing_mass_rule: column(z.string(), '无群众测评得分时的总分公式', 'The total when no respondent group reaches the minimum sample: the mass weight shared by the other two parts'),
  rounding_rule: column(z.string(), '取整规则', 'How parts and the total are rounded'),
  tie_rule: column(z.string(), '并列规则', 'How equal totals rank'),
  excellent_count: column(z.number().int().nonnegative(), '优秀名额', 'Municipal units ranked this high (and not failing) are graded excellent'),
  bottom_count: column(z.number().int().nonnegative(), '末位名额', 'Units this close to the bottom of their pool are admonished'),
  pass_score: column(points, '合格分', 'A total below this fails'),
  good_score: column(points, '良好分', 'A total from this on is good (when not excellent)'),
  consequence_rule: column(z.string(), '结果运用规则', 'How grade and rank give the consequence, including two years running'),
  achievement_cap: column(z.number().min(1), '超额完成上限', 'A quantitative target counts at most this share of its points (1.2 = 120 %)'),
  qualitative_scores: column(z.string(), '定性目标得分', 'Points (0–100) of a qualitative target by its final status (status:points; …)'),
  target_score_rule: column(z.string(), '目标考核得分计算', 'How the target score is formed from the targets'),
  monitoring_base: column(points, '日常监控基础分', 'Daily monitoring starts from this score; findings add or take away points'),
  monitoring_rule: column(z.string(), '日常监控得分计算', 'How the monitoring score is formed'),
  respondent_group_weights: column(z.string(), '测评群体权重', 'Weight of each respondent group in the mass evaluation (group:weight; …)'),
  mass_min_sample: column(z.number().int().positive(), '最低样本量', 'A respondent group counts only with at least this many responses'),
  mass_rule: column(z.string(), '群众测评得分公式', 'The mass score from the respondent groups'),
  rating_scale_rule: column(z.string(), '评分换算', 'How a 1–5 rating becomes a 0–100 score'),
  margin_rule: column(z.string(), '误差计算', 'How the 95 % margin of error of the mass score is computed'),
  report_due_day: column(z.number().int().min(1).max(28), '月报截止日', 'Monthly reports are due by this day of the following month'),
  cadre_lower_below: column(points, '干部降档线', 'A cadre (not the principal leader) whose own targets average below this is rated one step below the unit'),
  cadre_raise_from: column(points, '干部升档线', 'From this on, in a unit graded good or excellent, one step above'),
});
export type AssessmentRulesRow = z.output<typeof AssessmentRulesRowSchema>;
