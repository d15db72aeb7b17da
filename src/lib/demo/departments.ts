/**
 * Who inside a unit answers for a target (责任处室): the divisions of a municipal unit, or the
 * district bureaus of a district, whose work the indicator is — housing targets sit with the
 * housing security division or the district housing bureau, never with a randomly named office.
 * A decomposed target is shared among the departments of its indicator, in this order.
 */
import { THEME, type Theme } from './indicators.ts';

/** Departments by indicator where the theme is too broad (a construction theme covers homes, beds, schools and parks). */
const BY_INDICATOR: Readonly<Record<string, { unit: readonly string[]; district: readonly string[] }>> = {
  'PB-HOU': { unit: ['住房保障处', '房源筹集处', '建设管理处'], district: ['区住房和城乡建设局', '区住房保障中心', '区城市更新中心'] },
  'PB-ELD': { unit: ['养老服务处', '社会福利处', '规划财务处'], district: ['区民政局', '区卫生健康局', '区社会福利中心'] },
  'SO-SCH': { unit: ['基础教育处', '发展规划处', '学校建设管理处'], district: ['区教育局', '区教育发展中心', '区住房和城乡建设局'] },
  'SU-GRN': { unit: ['绿化建设处', '规划建设处', '园林管理处'], district: ['区园林绿化中心', '区城市管理局', '区住房和城乡建设局'] },
  'KT-LIV': { unit: ['民生项目处', '社会事务处', '建设管理处'], district: ['区民生实事办公室', '区民政局', '区住房和城乡建设局'] },
  'SO-DOC': { unit: ['医政医管处', '人事处', '基层卫生健康处'], district: ['区卫生健康局', '区人民医院', '区社区卫生服务中心'] },
  'SO-CUL': { unit: ['公共服务处', '场馆管理处', '群众文化处'], district: ['区文化和旅游局', '区文化馆', '区图书馆'] },
  'SO-SAF': { unit: ['安全生产综合协调处', '执法监督处', '风险防控处'], district: ['区应急管理局', '区安全生产委员会办公室', '区市场监督管理局'] },
  'SO-CRM': { unit: ['治安管理处', '刑事侦查处', '社区警务处'], district: ['区公安分局', '区委政法委', '区综治中心'] },
  'SU-SEW': { unit: ['排水管理处', '水环境处', '设施建设处'], district: ['区水务局', '区生态环境分局', '区城市管理局'] },
  'PB-INC': { unit: ['收入分配处', '就业促进处', '综合处'], district: ['区人力资源和社会保障局', '区农业农村局', '区统计局'] },
  'KT-BIZ': { unit: ['营商环境处', '企业服务处', '政策法规处'], district: ['区营商环境建设局', '区行政审批服务局', '区企业服务中心'] },
  'PT-INT': { unit: ['纪检监察室', '机关党委', '组织人事处'], district: ['区纪委监委', '区委组织部', '区直机关工委'] },
  'EC-REV': { unit: ['预算处', '收入管理处', '国库处'], district: ['区财政局', '区税务协调办公室', '区国有资产服务中心'] },
};

const BY_THEME: Readonly<Record<Theme, { unit: readonly string[]; district: readonly string[] }>> = {
  economy: { unit: ['经济运行处', '综合处', '发展规划处'], district: ['区发展和改革局', '区统计局', '区经济运行办公室'] },
  industry: { unit: ['产业发展处', '科技创新处', '企业服务处'], district: ['区工业和信息化局', '区科学技术局', '区企业服务中心'] },
  investment: { unit: ['项目推进处', '投资处', '建设管理处'], district: ['区发展和改革局', '区重点项目服务中心', '区住房和城乡建设局'] },
  trade: { unit: ['对外贸易处', '外资处', '开放合作处'], district: ['区商务局', '区投资促进中心', '区开放合作办公室'] },
  consumption: { unit: ['市场运行处', '商贸流通处', '消费促进处'], district: ['区商务局', '区市场监督管理局', '区文化和旅游局'] },
  fiscal: { unit: ['预算处', '收入管理处', '国库处'], district: ['区财政局', '区税务协调办公室', '区国有资产服务中心'] },
  jobs: { unit: ['就业促进处', '职业能力建设处', '失业保险处'], district: ['区人力资源和社会保障局', '区公共就业服务中心', '区人才服务中心'] },
  construction: { unit: ['建设管理处', '项目推进处', '规划建设处'], district: ['区住房和城乡建设局', '区重点项目服务中心', '区城市更新中心'] },
  services: { unit: ['政务服务处', '数据资源处', '热线管理处'], district: ['区行政审批服务局', '区政务服务中心', '区政务服务热线分中心'] },
  reform: { unit: ['改革创新处', '政策法规处', '综合处'], district: ['区委全面深化改革委员会办公室', '区司法局', '区委编办'] },
  health_culture: { unit: ['公共服务处', '医政医管处', '人事处'], district: ['区卫生健康局', '区文化和旅游局', '区社会事业局'] },
  safety: { unit: ['安全生产综合协调处', '执法监督处', '风险防控处'], district: ['区应急管理局', '区公安分局', '区综治中心'] },
  environment: { unit: ['大气环境处', '水生态环境处', '监测处'], district: ['区生态环境分局', '区水务局', '区城市管理局'] },
  party: { unit: ['机关党委', '组织人事处', '纪检监察室'], district: ['区委组织部', '区纪委监委', '区直机关工委'] },
};

/** English names of the departments above, for the English pages (demo data: a real city enters its own). */
const ENGLISH: Readonly<Record<string, string>> = {
  '产业发展处': 'Industrial Development Division', '人事处': 'Personnel Division', '企业服务处': 'Enterprise Services Division',
  '住房保障处': 'Housing Security Division', '公共服务处': 'Public Services Division', '养老服务处': 'Elderly Care Services Division',
  '刑事侦查处': 'Criminal Investigation Division', '医政医管处': 'Medical Administration Division',
  '发展规划处': 'Development Planning Division', '商贸流通处': 'Commerce and Distribution Division',
  '园林管理处': 'Parks and Gardens Management Division', '国库处': 'Treasury Division', '场馆管理处': 'Venue Management Division',
  '基层卫生健康处': 'Primary Health Care Division', '基础教育处': 'Basic Education Division', '外资处': 'Foreign Investment Division',
  '大气环境处': 'Air Environment Division', '失业保险处': 'Unemployment Insurance Division',
  '学校建设管理处': 'School Construction Management Division', '安全生产综合协调处': 'Work Safety Coordination Division',
  '对外贸易处': 'Foreign Trade Division', '就业促进处': 'Employment Promotion Division', '市场运行处': 'Market Operations Division',
  '建设管理处': 'Construction Management Division', '开放合作处': 'Opening-up and Cooperation Division',
  '房源筹集处': 'Housing Supply Division', '执法监督处': 'Law Enforcement Supervision Division', '投资处': 'Investment Division',
  '排水管理处': 'Drainage Management Division', '收入分配处': 'Income Distribution Division', '收入管理处': 'Revenue Management Division',
  '改革创新处': 'Reform and Innovation Division', '政务服务处': 'Government Services Division', '政策法规处': 'Policy and Regulations Division',
  '数据资源处': 'Data Resources Division', '机关党委': 'Party Committee of the Bureau', '民生项目处': 'Livelihood Projects Division',
  '水环境处': 'Water Environment Division', '水生态环境处': 'Water Ecology and Environment Division',
  '治安管理处': 'Public Order Management Division', '消费促进处': 'Consumption Promotion Division', '热线管理处': 'Hotline Management Division',
  '监测处': 'Monitoring Division', '社会事务处': 'Social Affairs Division', '社会福利处': 'Social Welfare Division',
  '社区警务处': 'Community Policing Division', '科技创新处': 'Science and Technology Innovation Division',
  '纪检监察室': 'Discipline Inspection and Supervision Office', '组织人事处': 'Organization and Personnel Division',
  '经济运行处': 'Economic Operations Division', '综合处': 'General Affairs Division', '绿化建设处': 'Greening Construction Division',
  '群众文化处': 'Community Culture Division', '职业能力建设处': 'Vocational Skills Development Division',
  '营商环境处': 'Business Environment Division', '规划建设处': 'Planning and Construction Division',
  '规划财务处': 'Planning and Finance Division', '设施建设处': 'Facilities Construction Division', '项目推进处': 'Project Promotion Division',
  '预算处': 'Budget Division', '风险防控处': 'Risk Prevention and Control Division',
  '区人力资源和社会保障局': 'District Human Resources and Social Security Bureau', '区人才服务中心': 'District Talent Services Center',
  '区人民医院': "District People's Hospital", '区企业服务中心': 'District Enterprise Services Center',
  '区住房保障中心': 'District Housing Security Center', '区住房和城乡建设局': 'District Housing and Urban-Rural Development Bureau',
  '区公共就业服务中心': 'District Public Employment Services Center', '区公安分局': 'District Public Security Sub-bureau',
  '区农业农村局': 'District Agriculture and Rural Affairs Bureau', '区卫生健康局': 'District Health Commission',
  '区发展和改革局': 'District Development and Reform Bureau', '区司法局': 'District Justice Bureau', '区商务局': 'District Commerce Bureau',
  '区园林绿化中心': 'District Landscaping and Greening Center', '区国有资产服务中心': 'District State-owned Assets Services Center',
  '区图书馆': 'District Library', '区城市更新中心': 'District Urban Renewal Center', '区城市管理局': 'District Urban Management Bureau',
  '区委全面深化改革委员会办公室': 'Office of the District Committee for Deepening Reform',
  '区委政法委': 'District Political and Legal Affairs Commission', '区委组织部': 'District Organization Department',
  '区委编办': 'District Staffing Commission Office', '区安全生产委员会办公室': 'District Work Safety Committee Office',
  '区工业和信息化局': 'District Industry and Information Technology Bureau', '区市场监督管理局': 'District Market Regulation Bureau',
  '区应急管理局': 'District Emergency Management Bureau', '区开放合作办公室': 'District Opening-up and Cooperation Office',
  '区投资促进中心': 'District Investment Promotion Center', '区政务服务中心': 'District Government Services Center',
  '区政务服务热线分中心': 'District Government Service Hotline Sub-center', '区教育发展中心': 'District Education Development Center',
  '区教育局': 'District Education Bureau', '区文化和旅游局': 'District Culture and Tourism Bureau', '区文化馆': 'District Cultural Center',
  '区民政局': 'District Civil Affairs Bureau', '区民生实事办公室': 'District Livelihood Projects Office',
  '区水务局': 'District Water Affairs Bureau', '区生态环境分局': 'District Ecology and Environment Sub-bureau',
  '区直机关工委': 'District Working Committee for Government Organs', '区社会事业局': 'District Social Affairs Bureau',
  '区社会福利中心': 'District Social Welfare Center', '区社区卫生服务中心': 'District Community Health Services Center',
  '区科学技术局': 'District Science and Technology Bureau', '区税务协调办公室': 'District Tax Coordination Office',
  '区纪委监委': 'District Commission for Discipline Inspection and Supervision', '区经济运行办公室': 'District Economic Operations Office',
  '区统计局': 'District Statistics Bureau', '区综治中心': 'District Comprehensive Governance Center',
  '区营商环境建设局': 'District Business Environment Bureau', '区行政审批服务局': 'District Administrative Approval Services Bureau',
  '区财政局': 'District Finance Bureau', '区重点项目服务中心': 'District Key Projects Services Center',
};

/** The English name of a department the demo uses; a name without one is a bug in this file. */
export function departmentEn(name: string): string {
  const english = ENGLISH[name];
  if (!english) throw new Error(`department ${name} has no English name`);
  return english;
}

/** The departments that answer for an indicator's targets in a municipal unit or a district, first the leading one. */
export function departmentsFor(indicatorCode: string, district: boolean): readonly string[] {
  const own = BY_INDICATOR[indicatorCode];
  if (own) return district ? own.district : own.unit;
  const theme = THEME[indicatorCode];
  if (!theme) throw new Error(`indicator ${indicatorCode} has no theme, so no departments`);
  return district ? BY_THEME[theme].district : BY_THEME[theme].unit;
}
