/** Accountability (追责问责): what a case rests on, the measure decided, and each person's responsibility. */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** accountability_cases.basis_kind. */
export const ACCOUNTABILITY_BASES = ['target', 'supervision', 'assessment'] as const;
export const AccountabilityBasisSchema = z.enum(ACCOUNTABILITY_BASES);
export type AccountabilityBasis = z.output<typeof AccountabilityBasisSchema>;

export const ACCOUNTABILITY_BASIS = {
  name: 'accountability basis',
  codes: ACCOUNTABILITY_BASES,
  labels: {
    target: { 'zh-CN': '目标未完成', en: 'Target not met' },
    supervision: { 'zh-CN': '督查发现', en: 'Supervision finding' },
    assessment: { 'zh-CN': '年度考核结果', en: 'Annual assessment result' },
  },
  sheet: {
    target: { aliases: ['目标', '未完成目标', '目标任务'] },
    supervision: { aliases: ['督查', '督查问题', 'finding'] },
    assessment: { aliases: ['考核', '考核结果', '年度考核'] },
  },
} as const satisfies Enumeration<AccountabilityBasis>;

/**
 * accountability_cases.measure: the measures of 《中国共产党问责条例》 art. 8 and
 * 《关于实行党政领导干部问责的暂行规定》 art. 7, and the decision not to hold to account.
 */
export const ACCOUNTABILITY_MEASURES = [
  'written_inspection', 'circulated_criticism', 'admonishment', 'public_apology',
  'suspension', 'demotion', 'ordered_resignation', 'dismissal', 'exempted',
] as const;
export const AccountabilityMeasureSchema = z.enum(ACCOUNTABILITY_MEASURES);
export type AccountabilityMeasure = z.output<typeof AccountabilityMeasureSchema>;

export const ACCOUNTABILITY_MEASURE = {
  name: 'accountability measure',
  codes: ACCOUNTABILITY_MEASURES,
  labels: {
    written_inspection: { 'zh-CN': '责令书面检查', en: 'Written self-criticism ordered' },
    circulated_criticism: { 'zh-CN': '通报批评', en: 'Circulated criticism' },
    admonishment: { 'zh-CN': '诫勉', en: 'Admonishment' },
    public_apology: { 'zh-CN': '责令公开道歉', en: 'Public apology ordered' },
    suspension: { 'zh-CN': '停职检查', en: 'Suspension for inspection' },
    demotion: { 'zh-CN': '降职', en: 'Demotion' },
    ordered_resignation: { 'zh-CN': '责令辞职', en: 'Resignation ordered' },
    dismissal: { 'zh-CN': '免职', en: 'Dismissal' },
    exempted: { 'zh-CN': '免予问责', en: 'Not held to account' },
  },
  sheet: {
    written_inspection: { aliases: ['书面检查', '检查'] },
    circulated_criticism: { aliases: ['通报'] },
    admonishment: { aliases: ['诫勉谈话'] },
    public_apology: { aliases: ['公开道歉'] },
    suspension: { aliases: ['停职'] },
    dismissal: { aliases: ['免去职务'] },
    exempted: { aliases: ['不予问责', '免责'] },
  },
} as const satisfies Enumeration<AccountabilityMeasure>;

/** private.accountability_case_persons.role: the kind of responsibility (personnel data). */
export const ACCOUNTABILITY_ROLES = ['direct', 'principal_leadership', 'important_leadership'] as const;
export type AccountabilityRole = (typeof ACCOUNTABILITY_ROLES)[number];

export const ACCOUNTABILITY_ROLE = {
  name: 'kind of responsibility',
  codes: ACCOUNTABILITY_ROLES,
  labels: {
    direct: { 'zh-CN': '直接责任', en: 'Direct responsibility' },
    principal_leadership: { 'zh-CN': '主要领导责任', en: 'Principal leadership responsibility' },
    important_leadership: { 'zh-CN': '重要领导责任', en: 'Important leadership responsibility' },
  },
  sheet: {
    direct: { aliases: ['直接责任者'] },
    principal_leadership: { aliases: ['主要领导责任者'] },
    important_leadership: { aliases: ['重要领导责任者'] },
  },
} as const satisfies Enumeration<AccountabilityRole>;
