/** Daily monitoring (日常监控): how the assessment office supervised a unit. */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** supervision_records.method. */
export const SUPERVISION_METHODS = [
  'monthly_report', 'quarterly_dispatch', 'semiannual_inspection', 'random_check',
  'push_inspection', 'research_inspection', 'open_inspection', 'covert_visit',
] as const;
export const SupervisionMethodSchema = z.enum(SUPERVISION_METHODS);
export type SupervisionMethod = z.output<typeof SupervisionMethodSchema>;

export const SUPERVISION_METHOD = {
  name: 'supervision method',
  codes: SUPERVISION_METHODS,
  labels: {
    monthly_report: { 'zh-CN': '月报告', en: 'Monthly report' },
    quarterly_dispatch: { 'zh-CN': '季调度', en: 'Quarterly dispatch' },
    semiannual_inspection: { 'zh-CN': '半年检查', en: 'Semi-annual inspection' },
    random_check: { 'zh-CN': '随机抽查', en: 'Random check' },
    push_inspection: { 'zh-CN': '推进式督查', en: 'Push-style inspection' },
    research_inspection: { 'zh-CN': '调研式督查', en: 'Research-style inspection' },
    open_inspection: { 'zh-CN': '明查', en: 'Open inspection' },
    covert_visit: { 'zh-CN': '暗访', en: 'Covert visit' },
  },
  sheet: {
    monthly_report: { aliases: ['月度报告', '月报'] },
    quarterly_dispatch: { aliases: ['季度调度'] },
    semiannual_inspection: { aliases: ['半年督查', '半年度检查'] },
    random_check: { aliases: ['抽查'] },
    open_inspection: { aliases: ['明察'] },
  },
} as const satisfies Enumeration<SupervisionMethod>;
