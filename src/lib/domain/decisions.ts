/** Major decisions (重大行政决策): their kind, their state, and what consulted panels recommended. */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** decisions.kind. Price adjustments and construction projects require a hearing (hearing_required_for_kind). */
export const DECISION_KINDS = ['price_adjustment', 'construction_project', 'public_service', 'regulation', 'planning', 'other'] as const;
export const DecisionKindSchema = z.enum(DECISION_KINDS);
export type DecisionKind = z.output<typeof DecisionKindSchema>;

export const DECISION_KIND = {
  name: 'decision kind',
  codes: DECISION_KINDS,
  labels: {
    price_adjustment: { 'zh-CN': '价格调整', en: 'Price adjustment' },
    construction_project: { 'zh-CN': '建设项目', en: 'Construction project' },
    public_service: { 'zh-CN': '公共服务', en: 'Public service' },
    regulation: { 'zh-CN': '规章制度', en: 'Regulation' },
    planning: { 'zh-CN': '规划', en: 'Planning' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
} as const satisfies Enumeration<DecisionKind>;

/** decisions.status: the hearing gate's states (the transitions are SQL). */
export const DECISION_STATUSES = ['proposed', 'hearing_scheduled', 'heard', 'cleared', 'submitted', 'decided', 'withdrawn'] as const;
export const DecisionStatusSchema = z.enum(DECISION_STATUSES);
export type DecisionStatus = z.output<typeof DecisionStatusSchema>;

export const DECISION_STATUS = {
  name: 'decision status',
  codes: DECISION_STATUSES,
  labels: {
    proposed: { 'zh-CN': '已提出', en: 'Proposed' },
    hearing_scheduled: { 'zh-CN': '听证已安排', en: 'Hearing scheduled' },
    heard: { 'zh-CN': '已听证', en: 'Heard' },
    cleared: { 'zh-CN': '准予提交', en: 'Cleared' },
    submitted: { 'zh-CN': '已提交审议', en: 'Submitted for deliberation' },
    decided: { 'zh-CN': '已决定', en: 'Decided' },
    withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
  },
} as const satisfies Enumeration<DecisionStatus>;

/** consultations.recommendation: an expert panel's position on a decision. */
export const RECOMMENDATIONS = ['support', 'support_with_changes', 'oppose', 'no_position'] as const;
export const RecommendationSchema = z.enum(RECOMMENDATIONS);
export type Recommendation = z.output<typeof RecommendationSchema>;

export const RECOMMENDATION = {
  name: 'consultation position',
  codes: RECOMMENDATIONS,
  labels: {
    support: { 'zh-CN': '支持', en: 'Support' },
    support_with_changes: { 'zh-CN': '修改后支持', en: 'Support with changes' },
    oppose: { 'zh-CN': '不支持', en: 'Oppose' },
    no_position: { 'zh-CN': '未表态', en: 'No position' },
  },
  // Spreadsheets (the consultations import) use the committees' own wording.
  sheet: {
    support: { aliases: ['赞成', '同意'] },
    support_with_changes: { zh: '有条件支持', aliases: ['修改后支持', '原则同意', 'conditional'] },
    oppose: { zh: '反对', aliases: ['不同意', '不赞成'] },
    no_position: { zh: '不表态', aliases: ['无意见', '未表态'] },
  },
} as const satisfies Enumeration<Recommendation>;
