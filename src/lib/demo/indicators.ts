/** The demo city's indicator catalogue and its pool of qualitative key tasks. */
import type { Category, Direction } from '../domain/indicators.ts';
import type { DistrictSector, Role, Sector } from './city.ts';

export type { Category };

export interface IndicatorSpec {
  code: string;
  name: string;
  nameEn: string;
  category: Category;
  measure: string | null;
  measureEn: string | null;
  direction: Direction;
  /** cumulative: the actual value grows through the year; rate: a level measured each month. */
  shape: 'cumulative' | 'rate' | 'task';
  /** Typical target value for a municipal unit and the yearly improvement. */
  base: number;
  growth: number;
  decimals: number;
  sectors: readonly (Sector | 'district')[];
  /** The largest value the measure can take (100 for a rate); null where more is possible. */
  max: number | null;
}

/** Measured in % but not shares of a whole: growth and completion against plan may pass 100 %. */
const OPEN_ENDED_PERCENT = new Set(['SP-GDP', 'SP-TRD', 'SP-INV', 'PB-INC']);

const i = (
  code: string, name: string, nameEn: string, category: Category, measure: string | null, measureEn: string | null,
  direction: IndicatorSpec['direction'], shape: IndicatorSpec['shape'], base: number, growth: number, decimals: number,
  sectors: IndicatorSpec['sectors'],
): IndicatorSpec => ({
  code, name, nameEn, category, measure, measureEn, direction, shape, base, growth, decimals, sectors,
  max: measure === '%' && !OPEN_ENDED_PERCENT.has(code) ? 100 : null,
});

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

/**
 * Which municipal units own each indicator, by their function (a unit owns an indicator when it has
 * one of these roles): the museum answers for free opening of cultural venues, not for rental homes
 * or doctors. 'all' is work every unit does (its party building, its own reforms). Districts own
 * the indicators whose `sectors` include 'district'.
 */
export const INDICATOR_OWNERS: Readonly<Record<string, readonly Role[] | 'all'>> = {
  'EC-GDP': [],
  'EC-IND': ['industry', 'zone'],
  'EC-FAI': ['macro', 'construction', 'zone'],
  'EC-RTL': ['commerce'],
  'EC-REV': ['finance', 'zone'],
  'EC-FDI': ['commerce', 'zone'],
  'SP-GDP': ['macro', 'zone'],
  'SP-TRD': ['commerce', 'zone'],
  'SP-INV': ['macro', 'construction', 'transport', 'zone'],
  'QL-RND': ['industry'],
  'QL-HTI': ['industry', 'zone'],
  'QL-DIG': ['industry'],
  'QL-FRM': ['industry', 'zone'],
  'PB-JOB': ['employment'],
  'PB-UNE': ['employment'],
  'PB-INC': ['macro', 'employment', 'agriculture'],
  'PB-HOU': ['housing'],
  'PB-ELD': ['welfare'],
  'PB-ONL': ['services'],
  'PB-HLN': ['services'],
  'PB-DAY': ['services'],
  'SO-SCH': ['education'],
  'SO-DOC': ['health'],
  'SO-CUL': ['culture'],
  'SO-SAF': ['safety'],
  'SO-CRM': ['safety'],
  'SU-AIR': ['environment'],
  'SU-PM': ['environment'],
  'SU-SEW': ['environment', 'utilities'],
  'SU-GRN': ['environment', 'construction'],
  'SU-NRG': ['macro', 'industry'],
  'PT-ORG': 'all',
  'PT-INT': 'all',
  'KT-PRJ': ['construction', 'transport', 'environment', 'utilities', 'industry', 'zone', 'macro', 'commerce', 'agriculture', 'education', 'health', 'housing'],
  'KT-RFM': 'all',
  'KT-LIV': ['welfare', 'construction', 'housing', 'utilities', 'health', 'education', 'commerce', 'transport', 'employment'],
  'KT-BIZ': ['services', 'commerce', 'industry', 'zone', 'macro', 'finance', 'regulation'],
};

/** Whether a unit (by its roles, or as a district) owns an indicator. */
export function ownsIndicator(ind: IndicatorSpec, unit: { roles: readonly Role[]; district: boolean }): boolean {
  if (unit.district) return ind.sectors.includes('district');
  const owners = INDICATOR_OWNERS[ind.code];
  if (owners === undefined) throw new Error(`indicator ${ind.code} has no owners`);
  return owners === 'all' || owners.some((role) => unit.roles.includes(role));
}

export interface TaskSpec {
  indicator: string;
  title: string;
  titleEn: string;
  quality: string;
  /** Municipal units with one of these roles take the task on; any unit owning the indicator when absent. Districts take any. */
  roles?: readonly Role[];
}

/** Whether a unit (by its roles, or as a district) can carry a task. */
export function fitsTask(task: TaskSpec, unit: { roles: readonly Role[]; district: boolean }): boolean {
  return unit.district || task.roles === undefined || task.roles.some((role) => unit.roles.includes(role));
}

/** Qualitative tasks; `{u}` is replaced by a short place or unit word. */
export const TASKS: readonly TaskSpec[] = [
  { indicator: 'KT-PRJ', title: '建成智慧停车管理平台', titleEn: 'Build the smart parking management platform', quality: '平台上线运行，覆盖全市公共停车场', roles: ['transport', 'utilities'] },
  { indicator: 'KT-PRJ', title: '完成滨水绿道二期工程', titleEn: 'Complete phase two of the waterfront greenway', quality: '通过竣工验收并向市民开放', roles: ['environment', 'construction'] },
  { indicator: 'KT-PRJ', title: '推进城市快速路东段建设', titleEn: 'Build the eastern section of the urban expressway', quality: '主体结构完工，具备通车条件', roles: ['transport', 'construction'] },
  { indicator: 'KT-PRJ', title: '建成区域应急物资储备库', titleEn: 'Build the regional emergency supplies depot', quality: '库容达标并完成首批物资入库', roles: ['agriculture', 'macro', 'construction'] },
  { indicator: 'KT-PRJ', title: '完成老旧小区改造项目', titleEn: 'Renovate ageing residential compounds', quality: '改造内容经居民满意度评议', roles: ['housing', 'construction'] },
  { indicator: 'KT-PRJ', title: '建设科创产业园孵化楼', titleEn: 'Build the incubator of the innovation park', quality: '完成主体封顶并引进首批企业', roles: ['industry', 'zone', 'macro'] },
  { indicator: 'KT-PRJ', title: '实施雨污分流改造工程', titleEn: 'Separate storm water from sewage', quality: '改造片区无雨污混接', roles: ['environment', 'utilities'] },
  { indicator: 'KT-RFM', title: '推行企业开办“一网通办”', titleEn: 'Open a business through one online window', quality: '企业开办时间压缩至1个工作日', roles: ['services', 'regulation'] },
  { indicator: 'KT-RFM', title: '完成事业单位分类改革', titleEn: 'Complete the reform of public institutions', quality: '按时完成机构编制调整' },
  { indicator: 'KT-RFM', title: '建立项目审批容缺受理机制', titleEn: 'Accept project applications with minor gaps', quality: '制度印发并全面实施', roles: ['services', 'construction', 'macro'] },
  { indicator: 'KT-RFM', title: '推进国有企业混合所有制改革', titleEn: 'Mixed-ownership reform of state enterprises', quality: '完成改革方案审批并落地', roles: ['finance'] },
  { indicator: 'KT-RFM', title: '建立跨部门联合执法机制', titleEn: 'Set up joint cross-department enforcement', quality: '联合执法覆盖重点领域', roles: ['regulation', 'safety', 'utilities', 'environment', 'transport'] },
  { indicator: 'KT-LIV', title: '新建社区食堂', titleEn: 'Open new community canteens', quality: '每处食堂日均服务老人不少于80人次', roles: ['welfare'] },
  { indicator: 'KT-LIV', title: '改造提升农贸市场', titleEn: 'Upgrade farmers\' markets', quality: '通过食品安全和卫生验收', roles: ['commerce'] },
  { indicator: 'KT-LIV', title: '建设口袋公园', titleEn: 'Build pocket parks', quality: '每处面积不少于400平方米', roles: ['construction', 'housing'] },
  { indicator: 'KT-LIV', title: '增设公共充电桩', titleEn: 'Install public charging points', quality: '接入全市充电服务平台', roles: ['transport', 'utilities'] },
  { indicator: 'KT-LIV', title: '开展适老化改造', titleEn: 'Adapt homes for older residents', quality: '改造户满意率不低于95%', roles: ['welfare', 'housing'] },
  { indicator: 'KT-LIV', title: '新增普惠托育服务机构', titleEn: 'Open affordable childcare centres', quality: '取得备案并开始招收', roles: ['health', 'welfare', 'education'] },
  { indicator: 'KT-BIZ', title: '实现惠企政策“免申即享”', titleEn: 'Grant business support without applications', quality: '兑现政策事项覆盖率达到80%', roles: ['finance', 'industry', 'services', 'zone', 'macro', 'commerce'] },
  { indicator: 'KT-BIZ', title: '压缩工程建设项目审批时限', titleEn: 'Shorten approval times for construction projects', quality: '审批时限不超过40个工作日', roles: ['services', 'macro'] },
  { indicator: 'KT-BIZ', title: '建立企业诉求直达快办机制', titleEn: 'Fast-track businesses\' requests', quality: '诉求办结率不低于98%', roles: ['services', 'industry', 'commerce', 'regulation', 'zone'] },
  { indicator: 'KT-PRJ', title: '建设市公立医院新院区', titleEn: 'Build the new campus of the municipal hospital', quality: '主体结构封顶，年内完成设备安装', roles: ['health'] },
  { indicator: 'KT-PRJ', title: '新建改扩建中小学校舍', titleEn: 'Build and extend school buildings', quality: '新增校舍按期交付使用', roles: ['education'] },
  { indicator: 'KT-PRJ', title: '建设现代商贸物流园', titleEn: 'Build the modern trade and logistics park', quality: '一期工程竣工并引进首批商户', roles: ['commerce'] },
  { indicator: 'KT-RFM', title: '推进业务流程数字化改革', titleEn: 'Digitise the unit\'s work processes', quality: '主要业务实现线上办理' },
  { indicator: 'KT-LIV', title: '建设零工市场', titleEn: 'Open gig-work job markets', quality: '每处市场日均提供岗位信息不少于100条', roles: ['employment'] },
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

/** What an indicator is about, for texts that fit it (a trade indicator's reasons are about trade). */
export type Theme =
  | 'economy' | 'industry' | 'investment' | 'trade' | 'consumption' | 'fiscal' | 'jobs' | 'construction'
  | 'services' | 'reform' | 'health_culture' | 'safety' | 'environment' | 'party';

export const THEME: Readonly<Record<string, Theme>> = {
  'EC-GDP': 'economy', 'SP-GDP': 'economy', 'PB-INC': 'jobs', 'EC-REV': 'fiscal',
  'EC-IND': 'industry', 'QL-RND': 'industry', 'QL-HTI': 'industry', 'QL-DIG': 'industry', 'QL-FRM': 'industry', 'SU-NRG': 'industry',
  'EC-FAI': 'investment', 'SP-INV': 'investment', 'KT-PRJ': 'investment',
  'EC-RTL': 'consumption', 'EC-FDI': 'trade', 'SP-TRD': 'trade',
  'PB-JOB': 'jobs', 'PB-UNE': 'jobs',
  'PB-HOU': 'construction', 'PB-ELD': 'construction', 'SO-SCH': 'construction', 'SU-GRN': 'construction', 'KT-LIV': 'construction',
  'PB-ONL': 'services', 'PB-HLN': 'services', 'PB-DAY': 'services', 'KT-BIZ': 'services', 'KT-RFM': 'reform',
  'SO-DOC': 'health_culture', 'SO-CUL': 'health_culture',
  'SO-SAF': 'safety', 'SO-CRM': 'safety',
  'SU-AIR': 'environment', 'SU-PM': 'environment', 'SU-SEW': 'environment',
  'PT-ORG': 'party', 'PT-INT': 'party',
};

export interface ThemeTexts {
  /** Why it lags: a clause that follows "主要原因是". */
  reasons: readonly string[];
  remedies: readonly string[];
  /** What was done this month (on-track reports). */
  notes: readonly string[];
  /** Supervision findings about a target of this theme that went wrong. */
  findings: readonly string[];
}

export const TEXTS: Readonly<Record<Theme, ThemeTexts>> = {
  economy: {
    reasons: ['主要行业增速放缓，部分规上企业产值同比下降', '新增长点培育不足，新开工项目贡献尚未显现', '重点企业技改停产检修，拉低当期增速'],
    remedies: ['建立重点企业运行监测和包联服务机制，逐月跟踪分析', '加快推动新入库项目达产见效，挖掘增量', '开展经济运行专题调度，分行业制定稳增长措施'],
    notes: ['召开经济运行分析会，研判各行业走势', '建立重点企业联系点，按月监测运行数据', '落实稳增长政策措施，主要指标运行平稳'],
    findings: ['经济运行监测分析不够深入，对下行风险预判不足', '稳增长措施落实不到位，部分政策兑现滞后'],
  },
  industry: {
    reasons: ['部分重点工业企业订单减少，产能利用率下降', '新建产业项目投产晚于计划，尚未形成产值', '企业研发投入意愿不足，申报认定进度偏慢'],
    remedies: ['开展重点企业走访服务，协调解决用工、用能和融资问题', '推动在建产业项目加快竣工投产', '组织高新技术企业申报辅导，建立后备企业培育库'],
    notes: ['组织企业开展高新技术企业申报辅导', '推动技改项目投产，新增产能逐步释放', '走访重点企业，协调解决生产经营问题'],
    findings: ['对重点企业帮扶不够精准，企业反映问题解决不及时', '产业项目推进台账与实际进度不符'],
  },
  investment: {
    reasons: ['项目用地审批周期延长，开工时间推迟', '项目资金拨付进度滞后于年度计划', '征收补偿协商难度较大，施工场地未能按期移交', '施工期间连续降雨，户外作业受阻'],
    remedies: ['成立项目推进专班，实行每周调度，力争下月追回进度', '协调财政部门加快资金拨付，确保按节点支付', '增加施工班组，实行两班倒作业', '主动对接上级部门，加快补办用地和规划手续'],
    notes: ['召开项目推进会，协调解决用地和资金问题', '完成阶段性节点任务，并通过内部验收', '完成方案深化设计，进入施工阶段'],
    findings: ['重点项目现场管理不规范，存在安全隐患', '项目形象进度与上报投资完成额不符'],
  },
  trade: {
    reasons: ['外部需求回落，主要外贸企业订单减少', '重点外资项目资金到位晚于预期', '部分外资企业投资决策放缓，新设项目减少'],
    remedies: ['组织企业参加境内外展会，帮助企业拓市场、抢订单', '建立重点外资项目跟踪服务机制，推动资金尽快到位', '加强跨境电商和外贸新业态培育，扩大新增量'],
    notes: ['组织企业参加进出口商品交易会，新签订单增加', '跟踪服务重点外资项目，推动合同外资到位', '开展外资招商推介活动，签约一批外资项目'],
    findings: ['外贸企业帮扶措施落实不到位，企业诉求响应较慢', '招商引资项目台账信息不完整，到资情况与上报不符'],
  },
  consumption: {
    reasons: ['消费市场恢复偏慢，限额以上商贸企业销售额增长乏力', '部分大型商业综合体开业时间推迟', '汽车等大宗商品消费需求减弱'],
    remedies: ['开展促消费系列活动，落实以旧换新等政策', '推动新建商业综合体尽快开业运营', '培育夜间经济和特色商业街区，扩大消费增量'],
    notes: ['举办促消费活动，重点商贸企业销售回升', '推动新开业商业网点纳入统计，新增限上企业', '落实以旧换新政策，汽车和家电销售增长'],
    findings: ['促消费政策兑现不及时，企业反映补贴申领周期长', '限上企业培育入库台账不完整'],
  },
  reform: {
    reasons: ['改革涉及部门较多，协调推进时间较长', '改革方案需报上级审批，审批周期延长', '配套制度尚未出台，改革措施难以落地'],
    remedies: ['建立改革专班，实行清单化推进', '主动对接上级部门，加快方案审批', '加快制定配套制度，确保改革措施落地'],
    notes: ['完成改革方案起草，正在征求意见', '召开改革推进会，明确各环节责任和时限', '改革试点顺利推进，形成阶段性成果'],
    findings: ['改革任务推进迟缓，方案未按期报审', '改革台账与实际进展不符'],
  },
  fiscal: {
    reasons: ['落实减税降费政策，税收收入同比减少', '部分非税收入项目征缴进度慢于预期', '重点纳税企业效益下滑，入库税款减少'],
    remedies: ['加强重点税源监控，做到应收尽收', '加快非税收入征缴和国有资源资产盘活', '开展财源建设专项行动，培育新税源'],
    notes: ['加强重点税源监测，收入进度与时序基本同步', '推进国有资产盘活，非税收入按计划入库', '开展财源建设调研，培育后续税源'],
    findings: ['预算执行进度偏慢，部分资金未按时下达', '非税收入征缴台账不规范'],
  },
  jobs: {
    reasons: ['部分企业用工需求减少，新增岗位不及预期', '高校毕业生求职意向与岗位需求不匹配', '就业补贴申领程序较多，政策兑现偏慢'],
    remedies: ['举办专场招聘会，扩大岗位供给', '开展职业技能培训，提升求职人员就业能力', '简化就业补贴申领流程，推行免申即享'],
    notes: ['举办专场招聘活动，促成一批求职者就业', '开展职业技能培训，培训后就业率稳步提升', '落实稳岗返还政策，企业用工总体稳定'],
    findings: ['就业帮扶台账信息不全，部分登记失业人员未跟踪回访', '就业补贴审核发放不及时'],
  },
  construction: {
    reasons: ['项目选址调整，前期手续办理时间延长', '施工期间连续降雨，户外作业受阻', '建设资金到位不及时，工程进度放缓', '房源筹集和验收进度慢于计划'],
    remedies: ['倒排工期，实行挂图作战，明确每个节点完成时限', '协调财政部门加快资金拨付', '增加施工力量，在确保安全的前提下加快进度', '分管领导包联督办，每半月通报一次进展'],
    notes: ['完成主体施工阶段任务，工程质量符合要求', '项目前期手续全部办结，进入施工阶段', '组织现场督导，督促施工单位加快进度'],
    findings: ['在建项目现场管理不规范，存在安全隐患', '项目进度与上报情况不符，部分点位尚未开工'],
  },
  services: {
    reasons: ['部分事项涉及多个部门，系统对接和数据共享进度滞后', '新系统上线初期运行不稳定，部分事项无法全程网办', '诉求量集中增长，承办单位办理力量不足'],
    remedies: ['建立跨部门协调机制，加快系统对接和数据共享', '组织系统优化和业务培训，提升办理效率', '实行诉求办理日调度、周通报，压实承办责任'],
    notes: ['梳理办事事项清单，新增一批全程网办事项', '开展窗口服务业务培训，办理效率明显提升', '建立诉求办理回访机制，群众满意度稳步提高'],
    findings: ['窗口服务存在推诿现象，要求限期整改', '群众诉求办理不及时，回访满意度偏低'],
  },
  health_culture: {
    reasons: ['执业医师招聘和注册进度慢于计划', '部分文化场馆设施改造期间暂停开放', '基层医疗机构人才引进难度较大'],
    remedies: ['开展专项招聘，落实人才引进优惠政策', '加快场馆改造进度，改造期间开辟临时服务场所', '推进医联体建设，引导优质医疗资源下沉'],
    notes: ['完成一批执业医师招聘和注册', '延长公共文化场馆开放时间，开展公益活动', '推进基层医疗卫生服务能力提升'],
    findings: ['公共服务场所开放管理不规范，公示信息与实际不符', '人才引进政策落实不到位'],
  },
  safety: {
    reasons: ['部分行业领域安全隐患排查整治不彻底', '新型违法犯罪案件多发，防范宣传覆盖不足', '基层安全监管力量不足'],
    remedies: ['开展安全生产专项整治，实行隐患清单化管理', '加强重点区域巡防和反诈宣传', '充实基层监管力量，强化执法检查'],
    notes: ['开展安全生产大检查，整改一批隐患', '组织反诈宣传进社区，发案数同比下降', '强化重点时段巡逻防控，治安形势平稳'],
    findings: ['隐患排查整改台账不完整，部分隐患未按期整改销号', '执法检查记录不规范'],
  },
  environment: {
    reasons: ['不利气象条件持续，污染物扩散条件较差', '部分片区污水管网建设进度滞后', '工地扬尘和机动车尾气治理仍有短板'],
    remedies: ['加强扬尘和机动车尾气管控，落实重污染天气应急措施', '加快污水管网建设，推进雨污分流改造', '开展环境执法专项行动，严查违法排污'],
    notes: ['开展大气污染防治专项检查', '推进污水管网建设，收集率稳步提升', '落实扬尘管控措施，优良天数比例保持稳定'],
    findings: ['扬尘管控措施落实不到位，部分工地未按要求覆盖', '污染源整改进度滞后'],
  },
  party: {
    reasons: ['部分基层党组织换届和规范化建设工作推进不平衡', '专项整治发现问题整改周期较长', '部分支部组织生活制度落实不够规范'],
    remedies: ['开展基层党组织标准化建设督导，逐一对标整改', '建立问题整改台账，实行销号管理', '加强党务干部培训，规范组织生活'],
    notes: ['开展基层党组织标准化建设督导', '组织专题学习和警示教育', '落实“三会一课”制度，组织生活规范开展'],
    findings: ['部分支部“三会一课”记录不规范', '问题整改台账不完整，部分问题未按期销号'],
  },
};

/** Findings about a unit as a whole (no target named): about reporting and records, so they fit any unit. */
export const FINDINGS_GOOD = [
  '工作推进有力，月度目标全部按期完成，予以通报表扬',
  '创新工作方法，经验做法在全市推广',
  '月度进展材料报送及时、数据准确，予以通报表扬',
];
export const FINDINGS_BAD = [
  '部分目标进度滞后，未按时报送月度进展材料',
  '现场核查发现台账资料与实际进度不符',
  '目标责任分解不够细化，部分责任人不清楚工作进度',
];
