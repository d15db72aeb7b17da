/** The demo city's indicator catalogue and its pool of qualitative key tasks. */
import type { DistrictSector, Sector } from './city.ts';

export type Category =
  | 'economic_scale' | 'economic_speed' | 'economic_quality' | 'peoples_benefit'
  | 'social_progress' | 'sustainability' | 'party_building' | 'key_task';

export interface IndicatorSpec {
  code: string;
  name: string;
  nameEn: string;
  category: Category;
  measure: string | null;
  measureEn: string | null;
  direction: 'higher' | 'lower' | 'qualitative';
  /** cumulative: the actual value grows through the year; rate: a level measured each month. */
  shape: 'cumulative' | 'rate' | 'task';
  /** Typical target value for a municipal unit and the yearly improvement. */
  base: number;
  growth: number;
  decimals: number;
  sectors: readonly (Sector | 'district')[];
}

const i = (
  code: string, name: string, nameEn: string, category: Category, measure: string | null, measureEn: string | null,
  direction: IndicatorSpec['direction'], shape: IndicatorSpec['shape'], base: number, growth: number, decimals: number,
  sectors: IndicatorSpec['sectors'],
): IndicatorSpec => ({ code, name, nameEn, category, measure, measureEn, direction, shape, base, growth, decimals, sectors });

export const INDICATORS: readonly IndicatorSpec[] = [
  i('EC-GDP', '地区生产总值', 'Gross regional product', 'economic_scale', '亿元', '100M yuan', 'higher', 'cumulative', 420, 0.06, 1, ['district']),
  i('EC-IND', '规模以上工业增加值', 'Value added of industry above designated size', 'economic_scale', '亿元', '100M yuan', 'higher', 'cumulative', 95, 0.07, 1, ['economy', 'district']),
  i('EC-FAI', '固定资产投资', 'Fixed-asset investment', 'economic_scale', '亿元', '100M yuan', 'higher', 'cumulative', 160, 0.05, 1, ['economy', 'urban', 'district']),
  i('EC-RTL', '社会消费品零售总额', 'Retail sales of consumer goods', 'economic_scale', '亿元', '100M yuan', 'higher', 'cumulative', 210, 0.06, 1, ['economy', 'district']),
  i('EC-REV', '一般公共预算收入', 'General public budget revenue', 'economic_scale', '亿元', '100M yuan', 'higher', 'cumulative', 38, 0.04, 2, ['economy', 'district']),
  i('EC-FDI', '实际使用外资', 'Foreign direct investment used', 'economic_scale', '亿美元', '100M US dollars', 'higher', 'cumulative', 4.2, 0.05, 2, ['economy', 'district']),
  i('SP-GDP', '地区生产总值增速', 'Growth of gross regional product', 'economic_speed', '%', '%', 'higher', 'rate', 6.2, 0, 1, ['economy', 'district']),
  i('SP-TRD', '进出口总额增速', 'Growth of foreign trade', 'economic_speed', '%', '%', 'higher', 'rate', 7.5, 0, 1, ['economy', 'district']),
  i('SP-INV', '重点项目投资完成率', 'Key project investment completed', 'economic_speed', '%', '%', 'higher', 'cumulative', 100, 0, 1, ['economy', 'urban', 'district']),
  i('QL-RND', '研发经费投入强度', 'R&D spending as share of GDP', 'economic_quality', '%', '%', 'higher', 'rate', 2.6, 0.04, 2, ['economy', 'district']),
  i('QL-HTI', '高新技术产业产值占比', 'High-tech industry share of output', 'economic_quality', '%', '%', 'higher', 'rate', 48, 0.03, 1, ['economy', 'district']),
  i('QL-DIG', '数字经济核心产业增加值占比', 'Core digital economy share of GDP', 'economic_quality', '%', '%', 'higher', 'rate', 9.5, 0.06, 1, ['economy', 'district']),
  i('QL-FRM', '新增高新技术企业', 'New high-tech enterprises', 'economic_quality', '家', 'firms', 'higher', 'cumulative', 120, 0.08, 0, ['economy', 'district']),
  i('PB-JOB', '城镇新增就业', 'New urban jobs', 'peoples_benefit', '人', 'persons', 'higher', 'cumulative', 8500, 0.03, 0, ['social', 'district']),
  i('PB-UNE', '城镇登记失业率', 'Registered urban unemployment rate', 'peoples_benefit', '%', '%', 'lower', 'rate', 3.2, -0.02, 1, ['social', 'district']),
  i('PB-INC', '居民人均可支配收入增速', 'Growth of per-capita disposable income', 'peoples_benefit', '%', '%', 'higher', 'rate', 6.5, 0, 1, ['social', 'district']),
  i('PB-HOU', '新增保障性租赁住房', 'New affordable rental homes', 'peoples_benefit', '套', 'homes', 'higher', 'cumulative', 3200, 0.05, 0, ['urban', 'social', 'district']),
  i('PB-ELD', '新增养老服务床位', 'New elderly-care beds', 'peoples_benefit', '张', 'beds', 'higher', 'cumulative', 900, 0.06, 0, ['social', 'district']),
  i('PB-ONL', '政务服务事项全程网办率', 'Government services fully online', 'peoples_benefit', '%', '%', 'higher', 'rate', 92, 0.01, 1, ['governance', 'district']),
  i('PB-HLN', '政务热线诉求办结率', 'Service hotline requests resolved', 'peoples_benefit', '%', '%', 'higher', 'rate', 96, 0.005, 1, ['governance', 'social', 'district']),
  i('PB-DAY', '群众诉求平均办理时长', 'Average days to resolve a citizen request', 'peoples_benefit', '天', 'days', 'lower', 'rate', 4.5, -0.05, 1, ['governance', 'urban']),
  i('SO-SCH', '新增中小学学位', 'New primary and secondary school places', 'social_progress', '个', 'places', 'higher', 'cumulative', 6000, 0.04, 0, ['social', 'district']),
  i('SO-DOC', '每千人口执业（助理）医师数', 'Licensed doctors per 1,000 residents', 'social_progress', '人', 'doctors', 'higher', 'rate', 3.4, 0.02, 2, ['social']),
  i('SO-CUL', '公共文化设施免费开放率', 'Public cultural venues open free of charge', 'social_progress', '%', '%', 'higher', 'rate', 97, 0.005, 1, ['social', 'party']),
  i('SO-SAF', '生产安全事故死亡人数', 'Deaths in work-safety accidents', 'social_progress', '人', 'persons', 'lower', 'rate', 18, -0.08, 0, ['governance', 'district']),
  i('SO-CRM', '刑事案件发案率', 'Criminal cases per 10,000 residents', 'social_progress', '起/万人', 'per 10,000', 'lower', 'rate', 21, -0.05, 1, ['governance', 'party']),
  i('SU-AIR', '空气质量优良天数比例', 'Share of days with good air quality', 'sustainability', '%', '%', 'higher', 'rate', 86, 0.01, 1, ['urban', 'district']),
  i('SU-PM', '细颗粒物（PM2.5）平均浓度', 'Average PM2.5 concentration', 'sustainability', '微克/立方米', 'µg/m³', 'lower', 'rate', 31, -0.04, 0, ['urban', 'district']),
  i('SU-SEW', '城市生活污水集中收集率', 'Urban sewage collected centrally', 'sustainability', '%', '%', 'higher', 'rate', 78, 0.02, 1, ['urban', 'district']),
  i('SU-GRN', '新增城市绿地面积', 'New urban green space', 'sustainability', '公顷', 'hectares', 'higher', 'cumulative', 160, 0.04, 0, ['urban', 'district']),
  i('SU-NRG', '单位地区生产总值能耗降低', 'Reduction in energy use per unit of GDP', 'sustainability', '%', '%', 'higher', 'rate', 3.1, 0, 1, ['economy', 'district']),
  i('PT-ORG', '基层党组织标准化建设达标率', 'Grassroots party organisations meeting the standard', 'party_building', '%', '%', 'higher', 'rate', 95, 0.01, 1, ['economy', 'urban', 'social', 'governance', 'party', 'district']),
  i('PT-INT', '党风廉政建设责任制落实', 'Integrity responsibility system carried out', 'party_building', null, null, 'qualitative', 'task', 0, 0, 0, ['economy', 'urban', 'social', 'governance', 'party', 'district']),
  i('KT-PRJ', '重点项目建设', 'Key construction project', 'key_task', null, null, 'qualitative', 'task', 0, 0, 0, ['economy', 'urban', 'district']),
  i('KT-RFM', '重点改革任务', 'Key reform task', 'key_task', null, null, 'qualitative', 'task', 0, 0, 0, ['economy', 'governance', 'party', 'district']),
  i('KT-LIV', '民生实事项目', 'People\'s livelihood project', 'key_task', null, null, 'qualitative', 'task', 0, 0, 0, ['social', 'urban', 'district']),
  i('KT-BIZ', '营商环境优化行动', 'Business environment improvement', 'key_task', null, null, 'qualitative', 'task', 0, 0, 0, ['economy', 'governance', 'district']),
];

export interface TaskSpec {
  indicator: string;
  title: string;
  titleEn: string;
  quality: string;
}

/** Qualitative tasks; `{u}` is replaced by a short place or unit word. */
export const TASKS: readonly TaskSpec[] = [
  { indicator: 'KT-PRJ', title: '建成智慧停车管理平台', titleEn: 'Build the smart parking management platform', quality: '平台上线运行，覆盖全市公共停车场' },
  { indicator: 'KT-PRJ', title: '完成滨水绿道二期工程', titleEn: 'Complete phase two of the waterfront greenway', quality: '通过竣工验收并向市民开放' },
  { indicator: 'KT-PRJ', title: '推进城市快速路东段建设', titleEn: 'Build the eastern section of the urban expressway', quality: '主体结构完工，具备通车条件' },
  { indicator: 'KT-PRJ', title: '建成区域应急物资储备库', titleEn: 'Build the regional emergency supplies depot', quality: '库容达标并完成首批物资入库' },
  { indicator: 'KT-PRJ', title: '完成老旧小区改造项目', titleEn: 'Renovate ageing residential compounds', quality: '改造内容经居民满意度评议' },
  { indicator: 'KT-PRJ', title: '建设科创产业园孵化楼', titleEn: 'Build the incubator of the innovation park', quality: '完成主体封顶并引进首批企业' },
  { indicator: 'KT-PRJ', title: '实施雨污分流改造工程', titleEn: 'Separate storm water from sewage', quality: '改造片区无雨污混接' },
  { indicator: 'KT-RFM', title: '推行企业开办“一网通办”', titleEn: 'Open a business through one online window', quality: '企业开办时间压缩至1个工作日' },
  { indicator: 'KT-RFM', title: '完成事业单位分类改革', titleEn: 'Complete the reform of public institutions', quality: '按时完成机构编制调整' },
  { indicator: 'KT-RFM', title: '建立项目审批容缺受理机制', titleEn: 'Accept project applications with minor gaps', quality: '制度印发并全面实施' },
  { indicator: 'KT-RFM', title: '推进国有企业混合所有制改革', titleEn: 'Mixed-ownership reform of state enterprises', quality: '完成改革方案审批并落地' },
  { indicator: 'KT-RFM', title: '建立跨部门联合执法机制', titleEn: 'Set up joint cross-department enforcement', quality: '联合执法覆盖重点领域' },
  { indicator: 'KT-LIV', title: '新建社区食堂', titleEn: 'Open new community canteens', quality: '每处食堂日均服务老人不少于80人次' },
  { indicator: 'KT-LIV', title: '改造提升农贸市场', titleEn: 'Upgrade farmers\' markets', quality: '通过食品安全和卫生验收' },
  { indicator: 'KT-LIV', title: '建设口袋公园', titleEn: 'Build pocket parks', quality: '每处面积不少于400平方米' },
  { indicator: 'KT-LIV', title: '增设公共充电桩', titleEn: 'Install public charging points', quality: '接入全市充电服务平台' },
  { indicator: 'KT-LIV', title: '开展适老化改造', titleEn: 'Adapt homes for older residents', quality: '改造户满意率不低于95%' },
  { indicator: 'KT-LIV', title: '新增普惠托育服务机构', titleEn: 'Open affordable childcare centres', quality: '取得备案并开始招收' },
  { indicator: 'KT-BIZ', title: '实现惠企政策“免申即享”', titleEn: 'Grant business support without applications', quality: '兑现政策事项覆盖率达到80%' },
  { indicator: 'KT-BIZ', title: '压缩工程建设项目审批时限', titleEn: 'Shorten approval times for construction projects', quality: '审批时限不超过40个工作日' },
  { indicator: 'KT-BIZ', title: '建立企业诉求直达快办机制', titleEn: 'Fast-track businesses\' requests', quality: '诉求办结率不低于98%' },
  { indicator: 'PT-INT', title: '落实党风廉政建设主体责任', titleEn: 'Carry out the integrity responsibility system', quality: '全年无重大违纪违法案件' },
  { indicator: 'PT-INT', title: '开展作风建设专项整治', titleEn: 'Run the conduct improvement campaign', quality: '问题整改率100%' },
];

/** Weight of each category (share of a unit's 100 points) by sector: districts differ by their features. */
export const CATEGORY_WEIGHTS: Record<Sector | DistrictSector, Partial<Record<Category, number>>> = {
  economy: { economic_scale: 30, economic_speed: 20, economic_quality: 20, key_task: 15, party_building: 10, sustainability: 5 },
  urban: { key_task: 35, sustainability: 25, peoples_benefit: 20, economic_scale: 10, party_building: 10 },
  social: { peoples_benefit: 35, social_progress: 30, key_task: 20, party_building: 15 },
  governance: { peoples_benefit: 30, key_task: 30, social_progress: 25, party_building: 15 },
  party: { party_building: 45, key_task: 35, social_progress: 20 },
  core_urban: { economic_quality: 20, economic_scale: 20, peoples_benefit: 20, social_progress: 15, economic_speed: 10, key_task: 10, party_building: 5 },
  new_area: { economic_scale: 25, economic_speed: 25, economic_quality: 15, key_task: 15, peoples_benefit: 10, party_building: 5, sustainability: 5 },
  suburban: { economic_scale: 15, peoples_benefit: 20, social_progress: 15, sustainability: 20, key_task: 15, economic_speed: 10, party_building: 5 },
  ecological: { sustainability: 35, peoples_benefit: 20, social_progress: 15, key_task: 15, economic_scale: 10, party_building: 5 },
};

export const REASONS = [
  '受用地审批周期延长影响，项目开工时间推迟',
  '资金拨付进度滞后于年度计划',
  '施工期间连续降雨，户外作业受阻',
  '上级政策调整，需重新履行审批程序',
  '配套企业产能尚未完全释放',
  '征收补偿协商难度较大，进度慢于预期',
  '招标文件调整导致采购程序延后',
  '市场需求回落，主要企业订单减少',
];
export const REMEDIES = [
  '已成立工作专班，实行每周调度，力争下月追回进度',
  '协调财政部门加快资金拨付，确保按节点支付',
  '增加施工班组，实行两班倒作业',
  '主动对接上级部门，加快补办相关手续',
  '制定挂图作战计划，明确每项工作完成时限',
  '分管领导包联督办，每半月通报一次进展',
];
export const PROGRESS_NOTES = [
  '召开专题推进会，协调解决重点问题',
  '完成阶段性节点任务，并通过内部验收',
  '按月度计划推进，各项指标运行平稳',
  '开展现场督导，督促责任单位加快进度',
  '完成方案深化设计，进入实施阶段',
  '组织第三方评估，工作质量符合要求',
];
export const FINDINGS_GOOD = [
  '工作推进有力，月度目标全部按期完成，予以通报表扬',
  '创新工作方法，经验做法在全市推广',
  '群众反映良好，办事效率明显提升',
];
export const FINDINGS_BAD = [
  '部分目标进度滞后，未按时报送月度进展材料',
  '现场核查发现台账资料与实际进度不符',
  '窗口服务存在推诿现象，要求限期整改',
  '重点项目现场管理不规范，存在安全隐患',
  '群众诉求办理不及时，回访满意度偏低',
];
