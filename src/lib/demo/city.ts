/**
 * The fictional demo city of Chenglan (澄岚市): its units, districts and people's names.
 * Every name here is invented; any likeness to a real place or person is accidental.
 */

export const CITY = { name: '澄岚市', nameEn: 'Chenglan City' } as const;

export type Sector = 'economy' | 'urban' | 'social' | 'governance' | 'party';
export type DistrictSector = 'core_urban' | 'new_area' | 'suburban' | 'ecological';

/**
 * What a municipal unit does: an indicator is owned only by units whose function it is
 * (INDICATOR_OWNERS in indicators.ts); districts, as local governments, own every local indicator.
 */
export type Role =
  | 'macro' | 'industry' | 'finance' | 'commerce' | 'agriculture' | 'zone' | 'construction' | 'housing'
  | 'transport' | 'environment' | 'utilities' | 'education' | 'health' | 'employment' | 'welfare'
  | 'culture' | 'services' | 'regulation' | 'safety' | 'party';

export interface UnitSpec {
  name: string;
  nameEn: string;
  sector: Sector | DistrictSector;
  /** Functions of a municipal unit; empty for a district. */
  roles: readonly Role[];
}

const u = (sector: Sector, name: string, nameEn: string, roles: Role[]): UnitSpec => ({ sector, name, nameEn, roles });

export const MUNICIPAL_UNITS: readonly UnitSpec[] = [
  u('economy', '市发展和改革委员会', 'Municipal Development and Reform Commission', ['macro']),
  u('economy', '市工业和信息化局', 'Municipal Bureau of Industry and Information Technology', ['industry']),
  u('economy', '市财政局', 'Municipal Finance Bureau', ['finance']),
  u('economy', '市商务局', 'Municipal Commerce Bureau', ['commerce']),
  u('economy', '市科学技术局', 'Municipal Science and Technology Bureau', ['industry']),
  u('economy', '市农业农村局', 'Municipal Agriculture and Rural Affairs Bureau', ['agriculture']),
  u('economy', '市文化和旅游局', 'Municipal Culture and Tourism Bureau', ['culture', 'commerce']),
  u('economy', '市国有资产监督管理委员会', 'Municipal State-owned Assets Commission', ['finance', 'industry']),
  u('economy', '市地方金融管理局', 'Municipal Local Financial Administration', ['finance']),
  u('economy', '市统计局', 'Municipal Statistics Bureau', ['macro']),
  u('economy', '市投资促进局', 'Municipal Investment Promotion Bureau', ['commerce']),
  u('economy', '市口岸办公室', 'Municipal Port Office', ['commerce']),
  u('economy', '市海洋发展局', 'Municipal Marine Development Bureau', ['agriculture', 'industry']),
  u('economy', '市大数据发展管理局', 'Municipal Big Data Development Bureau', ['industry', 'services']),
  u('economy', '市粮食和物资储备局', 'Municipal Grain and Material Reserves Bureau', ['agriculture']),
  u('economy', '市供销合作总社', 'Municipal Supply and Marketing Cooperative', ['agriculture', 'commerce']),
  u('economy', '市民营经济发展局', 'Municipal Private Economy Development Bureau', ['industry']),
  u('economy', '市会展业发展办公室', 'Municipal Exhibition Industry Office', ['commerce']),
  u('economy', '市现代物流发展中心', 'Municipal Modern Logistics Development Centre', ['commerce', 'transport']),
  u('economy', '高新技术产业开发区管委会', 'High-tech Industrial Development Zone Administration', ['industry', 'zone']),
  u('economy', '经济技术开发区管委会', 'Economic and Technological Development Zone Administration', ['industry', 'zone']),
  u('economy', '综合保税区管委会', 'Comprehensive Bonded Zone Administration', ['commerce', 'zone']),
  u('urban', '市自然资源和规划局', 'Municipal Natural Resources and Planning Bureau', ['construction']),
  u('urban', '市住房和城乡建设局', 'Municipal Housing and Urban-Rural Development Bureau', ['construction', 'housing']),
  u('urban', '市城市管理局', 'Municipal Urban Management Bureau', ['utilities']),
  u('urban', '市交通运输局', 'Municipal Transport Bureau', ['transport']),
  u('urban', '市生态环境局', 'Municipal Ecology and Environment Bureau', ['environment']),
  u('urban', '市水务局', 'Municipal Water Affairs Bureau', ['environment', 'utilities']),
  u('urban', '市园林和林业局', 'Municipal Parks and Forestry Bureau', ['environment']),
  u('urban', '市人民防空办公室', 'Municipal Civil Air Defence Office', ['construction']),
  u('urban', '市城市更新建设中心', 'Municipal Urban Renewal Centre', ['construction', 'housing']),
  u('urban', '市轨道交通建设指挥部', 'Municipal Rail Transit Construction Headquarters', ['construction', 'transport']),
  u('urban', '市公用事业服务中心', 'Municipal Public Utilities Service Centre', ['utilities']),
  u('urban', '市市政工程管理处', 'Municipal Works Administration', ['construction', 'utilities']),
  u('urban', '市房屋征收管理办公室', 'Municipal Housing Expropriation Office', ['construction']),
  u('urban', '市公共交通集团', 'Municipal Public Transport Group', ['transport']),
  u('urban', '市燃气热力管理中心', 'Municipal Gas and Heating Centre', ['utilities']),
  u('urban', '市城市排水管理中心', 'Municipal Urban Drainage Centre', ['environment', 'utilities']),
  u('urban', '市港航管理局', 'Municipal Port and Shipping Administration', ['transport', 'commerce']),
  u('urban', '市机场建设管理办公室', 'Municipal Airport Construction Office', ['construction', 'transport']),
  u('social', '市教育局', 'Municipal Education Bureau', ['education']),
  u('social', '市卫生健康委员会', 'Municipal Health Commission', ['health']),
  u('social', '市人力资源和社会保障局', 'Municipal Human Resources and Social Security Bureau', ['employment']),
  u('social', '市民政局', 'Municipal Civil Affairs Bureau', ['welfare']),
  u('social', '市医疗保障局', 'Municipal Healthcare Security Administration', ['health']),
  u('social', '市退役军人事务局', 'Municipal Veterans Affairs Bureau', ['welfare', 'employment']),
  u('social', '市体育局', 'Municipal Sports Bureau', ['culture']),
  u('social', '市残疾人联合会', 'Municipal Disabled Persons\' Federation', ['welfare']),
  u('social', '市住房公积金管理中心', 'Municipal Housing Provident Fund Centre', ['housing', 'services']),
  u('social', '市社会保险事业服务中心', 'Municipal Social Insurance Service Centre', ['employment', 'services']),
  u('social', '市疾病预防控制中心', 'Municipal Centre for Disease Control', ['health']),
  u('social', '市图书馆', 'Municipal Library', ['culture']),
  u('social', '市博物馆', 'Municipal Museum', ['culture']),
  u('social', '市广播电视台', 'Municipal Radio and Television Station', ['culture']),
  u('social', '市老龄工作委员会办公室', 'Municipal Office of the Committee on Ageing', ['welfare']),
  u('social', '市妇女儿童工作委员会办公室', 'Municipal Women and Children Committee Office', ['welfare']),
  u('social', '市公共就业服务中心', 'Municipal Public Employment Service Centre', ['employment']),
  u('social', '市红十字会', 'Municipal Red Cross Society', ['welfare', 'health']),
  u('social', '市慈善总会', 'Municipal Charity Federation', ['welfare']),
  u('social', '市档案馆', 'Municipal Archives', ['culture']),
  u('social', '市地方史志办公室', 'Municipal Local Chronicles Office', ['culture']),
  u('social', '市职业技术学院', 'Municipal Vocational and Technical College', ['education']),
  u('governance', '市政府办公室', 'Municipal Government General Office', ['services']),
  u('governance', '市行政审批服务局', 'Municipal Administrative Approval Bureau', ['services']),
  u('governance', '市市场监督管理局', 'Municipal Market Regulation Administration', ['regulation', 'services']),
  u('governance', '市应急管理局', 'Municipal Emergency Management Bureau', ['safety']),
  u('governance', '市司法局', 'Municipal Justice Bureau', ['regulation']),
  u('governance', '市审计局', 'Municipal Audit Bureau', ['regulation']),
  u('governance', '市公安局', 'Municipal Public Security Bureau', ['safety']),
  u('governance', '市信访局', 'Municipal Public Complaints and Proposals Bureau', ['services']),
  u('governance', '市政务服务热线中心', 'Municipal Government Service Hotline Centre', ['services']),
  u('governance', '市机关事务管理局', 'Municipal Government Offices Administration', ['regulation']),
  u('governance', '市外事办公室', 'Municipal Foreign Affairs Office', ['regulation']),
  u('governance', '市民族宗教事务局', 'Municipal Ethnic and Religious Affairs Bureau', ['regulation']),
  u('governance', '市消防救援支队', 'Municipal Fire and Rescue Detachment', ['safety']),
  u('governance', '市公共资源交易中心', 'Municipal Public Resources Trading Centre', ['services']),
  u('governance', '市城市综合执法局', 'Municipal Comprehensive Law Enforcement Bureau', ['regulation', 'utilities']),
  u('governance', '市政府研究室', 'Municipal Government Research Office', ['regulation']),
  u('governance', '市社会治理服务中心', 'Municipal Social Governance Service Centre', ['services', 'safety']),
  u('governance', '市营商环境建设局', 'Municipal Business Environment Bureau', ['services']),
  u('party', '市纪委监委', 'Municipal Commission for Discipline Inspection and Supervision', ['party']),
  u('party', '市委组织部', 'Organisation Department of the Municipal Party Committee', ['party']),
  u('party', '市委宣传部', 'Publicity Department of the Municipal Party Committee', ['party', 'culture']),
  u('party', '市委统战部', 'United Front Work Department of the Municipal Party Committee', ['party']),
  u('party', '市委政法委员会', 'Political and Legal Affairs Commission', ['party', 'safety']),
  u('party', '市直机关工作委员会', 'Working Committee of Municipal Government Organs', ['party']),
  u('party', '市总工会', 'Municipal Federation of Trade Unions', ['party']),
  u('party', '团市委', 'Municipal Communist Youth League Committee', ['party']),
  u('party', '市妇女联合会', 'Municipal Women\'s Federation', ['party']),
  u('party', '市科学技术协会', 'Municipal Association for Science and Technology', ['party']),
];

const d = (sector: DistrictSector, name: string, nameEn: string): UnitSpec => ({ sector, name, nameEn, roles: [] });

export const DISTRICTS: readonly UnitSpec[] = [
  d('core_urban', '澄心区', 'Chengxin District'),
  d('core_urban', '望岚区', 'Wanglan District'),
  d('core_urban', '云汀区', 'Yunting District'),
  d('core_urban', '澄浦区', 'Chengpu District'),
  d('new_area', '星屿新区', 'Xingyu New Area'),
  d('new_area', '岚湾新区', 'Lanwan New Area'),
  d('new_area', '鹭汀区', 'Luting District'),
  d('suburban', '青岚区', 'Qinglan District'),
  d('suburban', '松澄区', 'Songcheng District'),
  d('suburban', '雁汀区', 'Yanting District'),
  d('ecological', '翠澄区', 'Cuicheng District'),
  d('ecological', '苍汀区', 'Cangting District'),
];

export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤'];
export const GIVEN = [...'伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚华建国文辉力宁海峰晨宇欣悦博思远嘉睿航昊泽涵琳瑶婷倩颖晓红梅兰松柏林森振鹏飞雪冰清诚'];

/** Internal divisions that carry responsibility for a target (责任处室). */
export const DIVISIONS = [
  '综合处', '规划处', '发展处', '项目推进处', '政策法规处', '督查考核处', '产业处', '建设管理处',
  '社会事务处', '服务保障处', '信息化处', '运行监测处', '财务审计处', '宣传教育处', '改革创新处',
];

export const PEER_CITIES = [
  { name: '同类城市甲', nameEn: 'Peer city A' },
  { name: '同类城市乙', nameEn: 'Peer city B' },
  { name: '同类城市丙', nameEn: 'Peer city C' },
] as const;
