/** Names of the domain's enumerations (statuses, categories, methods…) in each locale. */
import type { Locale } from './ui.ts';

type Labels = Record<string, { 'zh-CN': string; en: string }>;

export const STATUS: Labels = {
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  on_track: { 'zh-CN': '按进度推进', en: 'On track' },
  behind: { 'zh-CN': '滞后', en: 'Behind' },
  not_completed: { 'zh-CN': '未完成', en: 'Not completed' },
  no_report: { 'zh-CN': '未报送', en: 'No report' },
};

export const CATEGORY: Labels = {
  economic_scale: { 'zh-CN': '经济总量', en: 'Economic scale' },
  economic_speed: { 'zh-CN': '发展速度', en: 'Growth speed' },
  economic_quality: { 'zh-CN': '发展质量', en: 'Quality of growth' },
  peoples_benefit: { 'zh-CN': '民生福祉', en: "People's benefit" },
  social_progress: { 'zh-CN': '社会进步', en: 'Social progress' },
  sustainability: { 'zh-CN': '可持续发展', en: 'Sustainability' },
  party_building: { 'zh-CN': '党的建设', en: 'Party building' },
  key_task: { 'zh-CN': '重点工作', en: 'Key tasks' },
};

export const KIND: Labels = {
  municipal_unit: { 'zh-CN': '市直单位', en: 'Municipal units' },
  district: { 'zh-CN': '区市', en: 'Districts' },
};

export const SECTOR: Labels = {
  economy: { 'zh-CN': '经济发展', en: 'Economy' },
  urban: { 'zh-CN': '城市建设与管理', en: 'Urban development' },
  social: { 'zh-CN': '社会民生', en: 'Social services' },
  governance: { 'zh-CN': '政务与法治', en: 'Governance and law' },
  party: { 'zh-CN': '党群', en: 'Party and mass organisations' },
  core_urban: { 'zh-CN': '中心城区', en: 'Core urban district' },
  new_area: { 'zh-CN': '新区', en: 'New area' },
  suburban: { 'zh-CN': '近郊区', en: 'Suburban district' },
  ecological: { 'zh-CN': '生态功能区', en: 'Ecological district' },
};

export const METHOD: Labels = {
  monthly_report: { 'zh-CN': '月报告', en: 'Monthly report' },
  quarterly_dispatch: { 'zh-CN': '季调度', en: 'Quarterly dispatch' },
  semiannual_inspection: { 'zh-CN': '半年检查', en: 'Semi-annual inspection' },
  random_check: { 'zh-CN': '随机抽查', en: 'Random check' },
  push_inspection: { 'zh-CN': '推进式督查', en: 'Push-style inspection' },
  research_inspection: { 'zh-CN': '调研式督查', en: 'Research-style inspection' },
  open_inspection: { 'zh-CN': '明查', en: 'Open inspection' },
  covert_visit: { 'zh-CN': '暗访', en: 'Covert visit' },
};

export const BULLETIN_KIND: Labels = {
  monthly: { 'zh-CN': '月度通报', en: 'Monthly' },
  quarterly: { 'zh-CN': '季度通报', en: 'Quarterly' },
  semiannual: { 'zh-CN': '半年通报', en: 'Semi-annual' },
  annual: { 'zh-CN': '年度通报', en: 'Annual' },
};

export const DIRECTION: Labels = {
  higher: { 'zh-CN': '越高越好', en: 'higher is better' },
  lower: { 'zh-CN': '越低越好', en: 'lower is better' },
  qualitative: { 'zh-CN': '定性任务', en: 'qualitative task' },
};

export const RESPONDENT_GROUP: Labels = {
  citizen: { 'zh-CN': '市民', en: 'Citizens' },
  representative: { 'zh-CN': '市民代表', en: 'Citizen representatives' },
  enterprise: { 'zh-CN': '企业', en: 'Enterprises' },
};

/** The label of value in the locale; the raw value when no label exists. */
export function label(labels: Labels, value: string, locale: Locale): string {
  return labels[value]?.[locale] ?? value;
}
