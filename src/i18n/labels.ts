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

export const GRADE: Labels = {
  excellent: { 'zh-CN': '优秀', en: 'Excellent' },
  good: { 'zh-CN': '良好', en: 'Good' },
  pass: { 'zh-CN': '合格', en: 'Pass' },
  fail: { 'zh-CN': '不合格', en: 'Fail' },
};

export const CONSEQUENCE: Labels = {
  none: { 'zh-CN': '—', en: '—' },
  award: { 'zh-CN': '评为优秀单位，给予奖励', en: 'Excellent unit, award' },
  admonishment: { 'zh-CN': '主要负责人诫勉', en: 'Principal leader admonished' },
  suspension_or_demotion: { 'zh-CN': '主要负责人待岗或降职', en: 'Principal leader suspended or demoted' },
};

export const POOL: Labels = {
  municipal_unit: { 'zh-CN': '市直单位', en: 'Municipal units' },
  district: { 'zh-CN': '区市', en: 'Districts' },
};

export const DECISION_STATUS: Labels = {
  proposed: { 'zh-CN': '已提出', en: 'Proposed' },
  hearing_scheduled: { 'zh-CN': '听证已安排', en: 'Hearing scheduled' },
  heard: { 'zh-CN': '已听证', en: 'Heard' },
  cleared: { 'zh-CN': '准予提交', en: 'Cleared' },
  submitted: { 'zh-CN': '已提交审议', en: 'Submitted for deliberation' },
  decided: { 'zh-CN': '已决定', en: 'Decided' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
};

export const DECISION_KIND: Labels = {
  price_adjustment: { 'zh-CN': '价格调整', en: 'Price adjustment' },
  construction_project: { 'zh-CN': '建设项目', en: 'Construction project' },
  public_service: { 'zh-CN': '公共服务', en: 'Public service' },
  regulation: { 'zh-CN': '规章制度', en: 'Regulation' },
  planning: { 'zh-CN': '规划', en: 'Planning' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const RECOMMENDATION: Labels = {
  support: { 'zh-CN': '支持', en: 'Support' },
  support_with_changes: { 'zh-CN': '修改后支持', en: 'Support with changes' },
  oppose: { 'zh-CN': '不支持', en: 'Oppose' },
  no_position: { 'zh-CN': '未表态', en: 'No position' },
};

export const SIGNUP_CATEGORY: Labels = {
  citizen_representative: { 'zh-CN': '市民代表', en: 'Citizen representative' },
  npc_deputy: { 'zh-CN': '人大代表', en: "People's Congress deputy" },
  cppcc_member: { 'zh-CN': '政协委员', en: 'CPPCC member' },
  expert: { 'zh-CN': '专家', en: 'Expert' },
  affected_resident: { 'zh-CN': '利益相关居民', en: 'Affected resident' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const DRAW_STATUS: Labels = {
  selected: { 'zh-CN': '入选', en: 'Selected' },
  waitlisted: { 'zh-CN': '候补', en: 'Waitlisted' },
  withdrawn: { 'zh-CN': '已退出', en: 'Withdrawn' },
};

/** Accountability measures (《中国共产党问责条例》 art. 8; 《关于实行党政领导干部问责的暂行规定》 art. 7). */
export const ACCOUNTABILITY_MEASURE: Labels = {
  written_inspection: { 'zh-CN': '责令书面检查', en: 'Written self-criticism ordered' },
  circulated_criticism: { 'zh-CN': '通报批评', en: 'Circulated criticism' },
  admonishment: { 'zh-CN': '诫勉', en: 'Admonishment' },
  public_apology: { 'zh-CN': '责令公开道歉', en: 'Public apology ordered' },
  suspension: { 'zh-CN': '停职检查', en: 'Suspension for inspection' },
  demotion: { 'zh-CN': '降职', en: 'Demotion' },
  ordered_resignation: { 'zh-CN': '责令辞职', en: 'Resignation ordered' },
  dismissal: { 'zh-CN': '免职', en: 'Dismissal' },
  exempted: { 'zh-CN': '免予问责', en: 'Not held to account' },
};
