/**
 * The demo city's participation: hall topics with opinions (published, some answered; pending;
 * rejected), hearings in every state with sign-ups, and two city-wide surveys — a panel survey
 * answered with invitation tokens and an open one — with responses. Everything follows from the
 * seed and the demo calendar; every person is fictional and every contact is an address of the
 * reserved .invalid domain.
 *
 * Dates: windows are placed around the demo's "today" (the 15th of the month after the last
 * reported period). The open topics and both surveys have no closing date, and the open hearing
 * takes sign-ups until about ten weeks after the demo's "today".
 */
import type { Queryable } from '../db/types.ts';
import type { HearingStatus } from '../domain/hearings.ts';
import type { QuestionKind, ResponseVerification } from '../domain/participation.ts';
import { GIVEN, SURNAMES } from './city.ts';
import type { DemoCity } from './generate.ts';
import { CODE_ALPHABET, groupCode } from '../schemas/hearing.ts';
import { at, backToNow } from './decisions.ts';
import { Rng } from './rng.ts';

/** A code of the form the database hands out: `length` characters grouped by four. */
function demoCode(rng: Rng, length: number): string {
  return groupCode(Array.from({ length }, () => CODE_ALPHABET[rng.int(0, 31)]!).join(''));
}

interface Opinion {
  display_name: string | null;
  body: string;
  status: 'pending' | 'published' | 'rejected';
  rejection_reason: string | null;
  response_text: string | null;
  submitted_at: string;
  moderated_at: string | null;
  responded_at: string | null;
}

export interface DemoTopic {
  slug: string;
  unitName: string;
  title: string;
  title_en: string;
  description: string;
  description_en: string;
  opens_at: string;
  closes_at: string | null;
  opinions: Opinion[];
}

interface Signup {
  public_id: string;
  name: string;
  contact: string;
  districtIndex: number | null;
  category: string;
  statement: string | null;
  status: 'registered' | 'selected' | 'waitlisted' | 'withdrawn';
  code: string;
  created_at: string;
  withdrawn_at: string | null;
}

export interface DemoHearing {
  unitName: string;
  title: string;
  title_en: string;
  summary: string;
  summary_en: string;
  venue: string;
  venue_en: string;
  held_at: string;
  seats: number;
  signup_opens_at: string;
  signup_closes_at: string;
  status: HearingStatus;
  votes: [number, number, number] | null;
  signups: Signup[];
  /** The major decision the hearing is held for (every price hearing belongs to one, SEED §1). */
  decision: DemoHallDecision;
}

/** A decision of the hall's hearings, dated relative to the demo's today like its hearing. */
export interface DemoHallDecision {
  slug: string;
  kind: 'price_adjustment';
  title: string;
  title_en: string;
  summary: string;
  summary_en: string;
  proposed_at: string;
  /** Steps after the hearing's own (scheduled with sign-ups, heard with the vote): [status, reason, when]. */
  after: [status: 'cleared' | 'submitted' | 'decided' | 'withdrawn', reason: string, at: string][];
}

interface Question {
  kind: QuestionKind;
  prompt: string;
  prompt_en: string;
  options: { value: string; label: string; label_en: string }[] | null;
  weight: number;
  required: boolean;
}

export interface DemoSurvey {
  slug: string;
  mode: 'panel' | 'open';
  title: string;
  title_en: string;
  description: string;
  description_en: string;
  opens_at: string;
  questions: Question[];
  /** Per response: its group, time and one answer per question (null: unanswered). */
  responses: { group: string; verification: ResponseVerification; submitted_at: string; answers: (number | string | null)[] }[];
  /** Panel surveys: the demo's invitation tokens; the first `used` are spent by the responses. */
  invitations: { group: string; tokens: string[]; used: number; issued_at: string } | null;
}

export interface DemoParticipation {
  topics: DemoTopic[];
  hearings: DemoHearing[];
  surveys: DemoSurvey[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The demo's "today" at 10:00 China time, shifted by `days` (and hours). */
function dayFrom(city: DemoCity, days: number, hour = 10, minute = 0): string {
  const [year, month] = city.lastPeriod.split('-').map(Number) as [number, number];
  const today = Date.UTC(year, month, 15); // the 15th of the month after the last report
  const d = new Date(today + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:${pad(minute)}:00+08:00`;
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
}

function displayName(rng: Rng): string | null {
  if (rng.chance(0.35)) return null;
  return rng.pick(SURNAMES) + rng.pick(['先生', '女士', '师傅', '老师', '同学']);
}

const TOPICS: Omit<DemoTopic, 'opens_at' | 'closes_at' | 'opinions'>[] = [
  {
    slug: 'elevators-in-older-estates', unitName: '市住房和城乡建设局',
    title: '老旧小区加装电梯的费用如何分摊', title_en: 'Sharing the cost of lifts in older housing estates',
    description: '市住房和城乡建设局正在修订既有住宅加装电梯的指导意见，重点是各楼层住户之间的费用分摊、低层住户的补偿和财政补贴标准。欢迎发表意见。',
    description_en: 'The Housing Bureau is revising its guidance on adding lifts to existing housing: how costs are shared between floors, compensation for ground-floor residents and the level of public subsidy. Your views are welcome.',
  },
  {
    slug: 'night-bus-routes', unitName: '市交通运输局',
    title: '夜间公交线路怎样调整更方便', title_en: 'Making the night bus routes more useful',
    description: '夜班公交将在明年一季度调整线路和发车间隔。请告诉我们您常用的夜间出行路线和时段。',
    description_en: 'Night bus routes and frequencies will be adjusted in the first quarter of next year. Tell us which routes and hours you travel at night.',
  },
  {
    slug: 'accessible-government-websites', unitName: '市大数据发展管理局',
    title: '政务网站和办事应用的适老化、无障碍改造', title_en: 'Making government websites and apps work for older and disabled people',
    description: '我市政务网站和办事应用正在进行适老化和无障碍改造。请告诉我们您在使用中遇到的困难。',
    description_en: 'The city\'s government websites and service apps are being adapted for older and disabled users. Tell us what gets in your way.',
  },
  {
    slug: 'tiered-water-prices', unitName: '市水务局',
    title: '居民阶梯水价调整方案', title_en: 'The proposed tiered water prices for households',
    description: '居民阶梯水价调整方案征求意见（已结束）。方案已经市民代表听证会听证。',
    description_en: 'Consultation on the tiered household water prices (closed). The proposal went to a citizen-representative hearing.',
  },
  {
    slug: 'after-school-services', unitName: '市教育局',
    title: '中小学课后服务和午餐供应', title_en: 'After-school services and school lunches',
    description: '征集家长和学生对课后服务时段、收费和学校午餐的意见（已结束）。',
    description_en: 'Parents\' and pupils\' views on after-school hours, fees and school lunches (closed).',
  },
  {
    slug: 'night-economy-streets', unitName: '市商务局',
    title: '夜间经济特色街区选址', title_en: 'Where to put the night-economy streets',
    description: '明年计划建设三条夜间经济特色街区。话题将于近期开放，欢迎届时参与。',
    description_en: 'Three night-economy streets are planned for next year. The topic opens soon.',
  },
];

const OPINIONS: Record<string, string[]> = {
  'elevators-in-older-estates': [
    '建议按楼层递增分摊，一楼住户不出钱，二楼少出，七楼最多，这样大家比较容易达成一致。',
    '希望财政补贴能提高到每部二十万元，老小区退休老人多，自筹压力太大。',
    '加装电梯后一楼采光会受影响，应该有明确的补偿标准，而不是让邻居私下协商。',
    '能不能由政府统一招标，价格透明，避免每个单元各自找施工队被抬价？',
    '电梯以后的维保费用怎么分摊也要写清楚，不然装好了没人管。',
    '我们小区已经装了，流程太长，前后跑了十一个部门，希望能一窗受理。',
    '建议对残疾人家庭和高龄老人家庭给予额外补贴。',
  ],
  'night-bus-routes': [
    '高铁站最后一班到达是晚上十一点半，夜班车应该和它衔接。',
    '医院夜班的护士下班在凌晨，希望能有经过市一医院的线路。',
    '发车间隔四十分钟太长了，冬天在站台等很冷，建议缩短到二十分钟。',
    '希望在电子站牌上显示夜班车实时到站时间。',
    '大学城到市中心周末晚上人很多，建议周五周六加密班次。',
  ],
  'accessible-government-websites': [
    '字体太小，放大以后页面就乱了，希望能有长辈模式。',
    '验证码太难认，老人根本输不对，建议换成短信验证。',
    '网站通知里的代码没有处理好，比如 <script>alert("澄岚")</script> 和 <img src=x onerror="alert(1)"> 这样的文字会直接显示出来，请技术部门检查。',
    '读屏软件读不出按钮的名称，盲人朋友没法独立办事。',
    '很多办事指南是扫描的图片，不能复制也不能朗读，希望改成文字。',
    '希望保留人工客服电话，不是每个人都会用手机。',
  ],
  'tiered-water-prices': [
    '第一阶梯的用水量应该按家庭人口核定，人口多的家庭不应该多交钱。',
    '低保家庭应该减免基本水费。',
    '涨价之前先把管网漏损降下来，不要让居民为漏掉的水买单。',
    '建议水价调整分两年逐步到位。',
  ],
  'after-school-services': [
    '课后服务希望延长到下午六点，双职工家庭接不了孩子。',
    '学校午餐的菜单和价格应该每周公开。',
    '课后服务不要变成上新课，应该以作业辅导和兴趣活动为主。',
  ],
  'night-economy-streets': [],
};

const RESPONSES: Record<string, string> = {
  'elevators-in-older-estates': '感谢您的建议。修订稿将明确按楼层分摊的参考比例，并设立统一的补贴申请窗口，预计下月公开征求意见。',
  'night-bus-routes': '已将高铁站末班衔接纳入调整方案，调整后的线路将在实施前一个月公布。',
  'accessible-government-websites': '已转技术部门核查并修复：页面上的所有文字现在都按原样显示，不会被当作代码执行。长辈模式将于下季度上线。',
  'tiered-water-prices': '听证会已采纳按家庭人口核定第一阶梯水量的意见，最终方案已公布。',
  'after-school-services': '自下学期起，课后服务时段延长至18:00，学校午餐菜单每周在家校平台公开。',
};

const REJECTIONS = [
  '含有他人的姓名和电话号码（个人信息），请删除后重新提交。',
  '与本话题无关的商业广告。',
  '含有侮辱性言辞。',
];

function topics(city: DemoCity, rng: Rng): DemoTopic[] {
  // The water prices were consulted on in spring, around their hearing (12 May) and before the
  // decision (18 June, decisions.ts); the after-school services through the summer and autumn.
  const windows: [number, number | null][] = [[-45, null], [-30, null], [-20, null], [-200, -155], [-120, -40], [40, null]];
  return TOPICS.map((spec, i) => {
    const [opens, closes] = windows[i]!;
    const trng = rng.fork(spec.slug);
    const bodies = OPINIONS[spec.slug] ?? [];
    const lastDay = closes ?? 0;
    const opinions: Opinion[] = bodies.map((body, k) => {
      const submittedDay = Math.min(lastDay - 1, opens + 2 + k * 3);
      const markup = body.includes('<script>');
      const published = markup || k < bodies.length - 2 || closes !== null;
      const answered = published && (k === 0 || markup || (closes !== null && k % 2 === 0));
      return {
        display_name: markup ? '网页设计爱好者' : displayName(trng),
        body,
        status: published ? 'published' : 'pending',
        rejection_reason: null,
        response_text: answered ? (RESPONSES[spec.slug] ?? null) : null,
        submitted_at: dayFrom(city, submittedDay, trng.int(8, 21), trng.int(0, 59)),
        moderated_at: published ? dayFrom(city, submittedDay + 1) : null,
        responded_at: answered ? dayFrom(city, submittedDay + 4) : null,
      };
    });
    if (bodies.length > 0) {
      const day = Math.min(lastDay - 1, opens + 5);
      opinions.push({
        display_name: null,
        body: i % 2 === 0 ? '联系我 138 0000 0000（演示：含他人个人信息的意见会被驳回）' : '【广告】专业疏通下水道，价格优惠（演示：广告会被驳回）',
        status: 'rejected',
        rejection_reason: REJECTIONS[i % 2]!,
        response_text: null,
        submitted_at: dayFrom(city, day, 23, 15),
        moderated_at: dayFrom(city, day + 1),
        responded_at: null,
      });
    }
    return { ...spec, opens_at: dayFrom(city, opens, 9), closes_at: closes === null ? null : dayFrom(city, closes, 18), opinions };
  });
}

const CATEGORIES = ['citizen_representative', 'npc_deputy', 'cppcc_member', 'expert', 'affected_resident', 'other'] as const;
const STATEMENTS = [
  '我是受影响的居民，希望听证会充分考虑低收入家庭。',
  '作为人大代表，我关注价格调整的成本依据是否公开。',
  '我从事相关行业二十年，可以从专业角度提出意见。',
  '希望方案兼顾公平和可持续。',
  null,
  null,
];

function signups(
  city: DemoCity, rng: Rng, serial: { n: number }, count: number, firstDay: number, lastDay: number,
  status: (k: number) => Signup['status'],
): Signup[] {
  return Array.from({ length: count }, (_, k) => {
    serial.n++;
    const day = firstDay + Math.floor(((lastDay - firstDay) * k) / Math.max(1, count));
    const s = status(k);
    return {
      public_id: demoCode(rng, 8).replace('-', ''),
      name: personName(rng),
      contact: `demo-${String(serial.n).padStart(4, '0')}@example.invalid`,
      districtIndex: rng.chance(0.8) ? rng.int(0, 11) : null,
      category: rng.pick(CATEGORIES),
      statement: rng.pick(STATEMENTS),
      status: s,
      code: demoCode(rng, 16),
      created_at: dayFrom(city, day, rng.int(8, 21), rng.int(0, 59)),
      withdrawn_at: s === 'withdrawn' ? dayFrom(city, day + 2) : null,
    };
  });
}

function hearings(city: DemoCity, rng: Rng): DemoHearing[] {
  const serial = { n: 0 };
  return [
    {
      unitName: '市交通运输局', status: 'open', seats: 25, votes: null,
      title: '城市轨道交通票价调整听证会', title_en: 'Hearing on the proposed metro fares',
      summary: '听取市民代表对轨道交通（地铁）票价调整方案的意见，包括起步价、里程分段和老年人、学生优惠；地面公交票价优化方案另行听证。',
      summary_en: 'Citizen representatives are heard on the proposed metro fares: base fare, distance bands and concessions for older people and students. Bus fares are a separate decision with a hearing of their own.',
      venue: '市政务服务中心三楼听证室', venue_en: 'Hearing room, 3rd floor, City Government Service Centre',
      signup_opens_at: dayFrom(city, -14, 9), signup_closes_at: dayFrom(city, 70, 17), held_at: dayFrom(city, 84, 9, 30),
      signups: signups(city, rng.fork('fares'), serial, 14, -13, 0, (k) => (k === 3 ? 'withdrawn' : 'registered')),
      decision: {
        slug: 'metro-fares-adjustment', kind: 'price_adjustment', proposed_at: dayFrom(city, -45),
        title: '城市轨道交通票价调整方案', title_en: 'Metro fares',
        summary: '拟调整城市轨道交通（地铁）票价的起步价和里程分段，并完善老年人、学生乘车优惠。地面公交票价另见公交票价优化方案。',
        summary_en: 'New metro base fare and distance bands, with better concessions for older people and students. Bus fares are the separate bus fare optimisation.',
        after: [],
      },
    },
    {
      unitName: '市城市管理局', status: 'closed', seats: 20, votes: null,
      title: '生活垃圾处理收费标准调整听证会', title_en: 'Hearing on household waste charges',
      summary: '生活垃圾处理费拟由按户定额收取调整为随水量计收。报名已截止，将从报名者中公开抽签确定参会代表。',
      summary_en: 'Household waste charges would move from a flat fee to a charge with the water bill. Sign-ups have closed; representatives will be drawn by public lottery.',
      venue: '市民中心第二会议室', venue_en: 'Meeting room 2, Citizen Centre',
      signup_opens_at: dayFrom(city, -50, 9), signup_closes_at: dayFrom(city, -10, 17), held_at: dayFrom(city, 25, 14),
      signups: signups(city, rng.fork('waste'), serial, 27, -49, -11, (k) => (k % 13 === 5 ? 'withdrawn' : 'registered')),
      decision: {
        slug: 'household-waste-charges', kind: 'price_adjustment', proposed_at: dayFrom(city, -80),
        title: '生活垃圾处理收费标准调整方案', title_en: 'Household waste charges',
        summary: '拟将居民生活垃圾处理费由按户定额收取调整为随水费按用水量计收。',
        summary_en: 'Household waste charges would move from a flat fee per household to a charge by water use, collected with the water bill.',
        after: [],
      },
    },
    {
      // Not the water prices again: that hearing is the decision's (decisions.ts), held in May.
      unitName: '市教育局', status: 'held', seats: 15, votes: [9, 2, 1],
      title: '中小学课后服务收费标准听证会', title_en: 'Hearing on fees for after-school services',
      summary: '听证会已举行。多数代表赞成课后服务收费标准，并建议对困难家庭学生免收服务费。',
      summary_en: 'The hearing has been held. Most representatives supported the proposed fees and asked that pupils from low-income families pay nothing.',
      venue: '市政务服务中心三楼听证室', venue_en: 'Hearing room, 3rd floor, City Government Service Centre',
      signup_opens_at: dayFrom(city, -110, 9), signup_closes_at: dayFrom(city, -80, 17), held_at: dayFrom(city, -60, 9, 30),
      signups: signups(city, rng.fork('water'), serial, 12, -109, -81, () => 'registered'),
      decision: {
        slug: 'after-school-service-fees', kind: 'price_adjustment', proposed_at: dayFrom(city, -140),
        title: '中小学课后服务收费标准', title_en: 'Fees for after-school services',
        summary: '拟统一全市公办中小学课后服务收费标准，按服务时长分档收费。',
        summary_en: 'One scale of fees for after-school services in public schools across the city, by hours of service.',
        after: [
          ['cleared', '听证会多数代表未反对，准予提交', dayFrom(city, -53)],
          ['submitted', '提交市政府常务会议审议', dayFrom(city, -41)],
          ['decided', '市政府常务会议审议通过，并采纳听证意见：困难家庭学生免收课后服务费', dayFrom(city, -27, 16)],
        ],
      },
    },
    {
      // Not parking again: the parking fees are the decision's hearing (decisions.ts), drawn and not yet held.
      unitName: '市民政局', status: 'cancelled', seats: 20, votes: null,
      title: '公办养老机构床位费调整听证会', title_en: 'Hearing on bed fees in public care homes',
      summary: '提出单位决定暂缓调整，先开展定价成本监审，听证会取消；已报名者无需另行操作。',
      summary_en: 'The proposing bureau postponed the adjustment to audit its costs first, and the hearing was cancelled; those signed up need do nothing.',
      venue: '市民中心第一会议室', venue_en: 'Meeting room 1, Citizen Centre',
      signup_opens_at: dayFrom(city, -30, 9), signup_closes_at: dayFrom(city, 20, 17), held_at: dayFrom(city, 35, 9, 30),
      signups: signups(city, rng.fork('parking'), serial, 5, -29, -5, () => 'registered'),
      decision: {
        slug: 'care-home-bed-fees', kind: 'price_adjustment', proposed_at: dayFrom(city, -60),
        title: '公办养老机构床位费调整方案', title_en: 'Bed fees in public care homes',
        summary: '拟按护理等级调整公办养老机构床位费。',
        summary_en: 'Bed fees in public care homes would follow the level of care.',
        // Withdrawn on the day the hearing is cancelled; a new proposal after the audit needs a hearing of its own.
        after: [['withdrawn', '提出单位决定暂缓调整，先开展定价成本监审，听证会取消；成本监审后如再提出，须重新举行听证会', dayFrom(city, -3)]],
      },
    },
  ];
}

function surveys(city: DemoCity, rng: Rng): DemoSurvey[] {
  const panel: Question[] = [
    { kind: 'rating', prompt: '您对全市今年重点民生实事的完成情况是否满意？', prompt_en: 'How satisfied are you with this year\'s key public-service projects?', options: null, weight: 0.5, required: true },
    { kind: 'rating', prompt: '您对目标进展逐月公开的及时性和完整性是否满意？', prompt_en: 'How satisfied are you with the monthly publication of progress?', options: null, weight: 0.5, required: true },
    {
      kind: 'choice', prompt: '您认为明年最需要加强的是哪一方面？', prompt_en: 'What needs most attention next year?', weight: 0, required: false,
      options: [
        { value: 'transport', label: '交通出行', label_en: 'Transport' },
        { value: 'housing', label: '住房保障', label_en: 'Housing' },
        { value: 'education', label: '教育', label_en: 'Education' },
        { value: 'health', label: '医疗卫生', label_en: 'Health care' },
        { value: 'environment', label: '生态环境', label_en: 'Environment' },
      ],
    },
    { kind: 'text', prompt: '其他意见和建议（选填）', prompt_en: 'Anything else? (optional)', options: null, weight: 0, required: false },
  ];
  const open: Question[] = [
    { kind: 'rating', prompt: '您对本平台公开的信息是否满意？', prompt_en: 'How satisfied are you with the information on this portal?', options: null, weight: 0, required: true },
    {
      kind: 'choice', prompt: '您最常查看哪类信息？', prompt_en: 'What do you look at most?', weight: 0, required: false,
      options: [
        { value: 'targets', label: '年度目标和承诺', label_en: 'Targets and commitments' },
        { value: 'progress', label: '逐月进展', label_en: 'Monthly progress' },
        { value: 'bulletins', label: '通报', label_en: 'Bulletins' },
        { value: 'participation', label: '议事厅和听证会', label_en: 'The hall and hearings' },
      ],
    },
    { kind: 'text', prompt: '您希望平台增加什么内容？（选填）', prompt_en: 'What should the portal add? (optional)', options: null, weight: 0, required: false },
  ];
  const answers = (r: Rng, questions: Question[]) =>
    questions.map((q) => {
      if (q.kind === 'rating') return Math.min(5, Math.max(1, Math.round(r.normal(3.8, 0.9))));
      if (q.kind === 'choice') return r.chance(0.85) ? r.pick(q.options!).value : null;
      return r.chance(0.2) ? r.pick(['希望数据能下载。', '建议增加地图。', '通报写得很清楚。', '希望手机上更好用。']) : null;
    });
  const prng = rng.fork('panel');
  const used = 12;
  const tokens = Array.from({ length: 40 }, () => demoCode(prng, 24));
  const orng = rng.fork('open');
  return [
    {
      slug: `city-representatives-${city.year}`, mode: 'panel',
      title: `${city.year}年度市民代表对全市重点民生实事的满意度评价`, title_en: `Citizen representatives on the city's key public-service projects, ${city.year}`,
      description: '受邀市民代表凭邀请码填写，每个邀请码只能使用一次。全市性评价，不计入单位考核得分。',
      description_en: 'Invited citizen representatives answer with their invitation token, which works once. A city-wide survey: it does not count towards any unit\'s score.',
      opens_at: dayFrom(city, -14, 9), questions: panel,
      responses: Array.from({ length: used }, (_, k) => ({
        group: 'representative', verification: 'invitation', submitted_at: dayFrom(city, -13 + k, prng.int(8, 21), prng.int(0, 59)), answers: answers(prng, panel),
      })),
      invitations: { group: 'representative', tokens, used, issued_at: dayFrom(city, -15) },
    },
    {
      slug: `city-open-${city.year}`, mode: 'open',
      title: `${city.year}年度公开平台使用感受调查`, title_en: `How useful is this portal? ${city.year}`,
      description: '任何市民均可参与：确认联系方式后的已验证答卷每人一份，未验证的快速答卷每个浏览器一份，两者分开统计。结果单独公布为社情民意，不计入考核得分。',
      description_en: 'Anyone may answer: verified answers (a confirmed contact) once per person, quick unverified answers once per browser, counted apart. Published separately as public sentiment; not part of any score.',
      opens_at: dayFrom(city, -14, 9), questions: open,
      responses: Array.from({ length: 26 }, (_, k) => ({
        group: 'public', verification: k % 3 === 0 ? 'verified' : 'quick', submitted_at: dayFrom(city, -13 + Math.floor(k / 2), orng.int(8, 22), orng.int(0, 59)), answers: answers(orng, open),
      })),
      invitations: null,
    },
  ];
}

/** The demo's participation rows, from the city's seed alone. */
export function generateDemoParticipation(city: DemoCity): DemoParticipation {
  const rng = new Rng(city.seed).fork('participation');
  return { topics: topics(city, rng.fork('topics')), hearings: hearings(city, rng.fork('hearings')), surveys: surveys(city, rng.fork('surveys')) };
}

/** The unused demo invitation tokens of each panel survey (public: the demo city is fictional). */
export function demoInvitationTokens(city: DemoCity): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const survey of generateDemoParticipation(city).surveys) {
    if (survey.invitations) out[survey.slug] = survey.invitations.tokens.slice(survey.invitations.used);
  }
  return out;
}

/** Writes the demo's participation rows (inside the demo city's loading transaction). */
export async function loadDemoParticipation(tx: Queryable, city: DemoCity): Promise<void> {
  const data = generateDemoParticipation(city);
  const units = new Map(city.units.map((u) => [u.name as string, u.id as number]));
  const districts = city.units.filter((u) => u.kind === 'district').map((u) => u.id as number);
  const unitId = (name: string) => {
    const id = units.get(name);
    if (id === undefined) throw new Error(`Demo participation: no unit named ${name}`);
    return id;
  };
  const one = async (sql: string, params: unknown[]) => (await tx.query<{ id: number }>(`${sql} returning id::int as id`, params))[0]!.id;

  for (const topic of data.topics) {
    const topicId = await one(
      `insert into public.hall_topics (slug, unit_id, title, title_en, description, description_en, opens_at, closes_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $7)`,
      [topic.slug, unitId(topic.unitName), topic.title, topic.title_en, topic.description, topic.description_en, topic.opens_at, topic.closes_at],
    );
    for (const o of topic.opinions) {
      await tx.query(
        `insert into public.hall_opinions (topic_id, display_name, body, status, rejection_reason, moderated_at,
           response_text, response_unit_id, responded_at, submitted_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [topicId, o.display_name, o.body, o.status, o.rejection_reason, o.moderated_at,
         o.response_text, o.response_text ? unitId(topic.unitName) : null, o.responded_at, o.submitted_at],
      );
    }
  }

  // Hearings go through their real lifecycle, as staff would take them: opened with a published
  // seed commitment a day before sign-ups open, sign-ups, then closed and drawn when sign-ups end,
  // the outcome recorded on the day, or cancelled with the reason.
  const seeds = new Rng(city.seed).fork('hall-hearing-seeds');
  for (const h of data.hearings) {
    const seed = seeds.lotterySeed();
    const d = h.decision;
    await at(tx, d.proposed_at);
    const decisionId = await one(
      `insert into public.decisions (slug, kind, title, title_en, summary, summary_en, unit_id, requires_hearing, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, true, $8)`,
      [d.slug, d.kind, d.title, d.title_en, d.summary, d.summary_en, unitId(h.unitName), d.proposed_at],
    );
    await at(tx, new Date(Date.parse(h.signup_opens_at) - 86_400_000).toISOString());
    const hearingId = await one(
      `insert into public.hearings (decision_id, unit_id, title, title_en, summary, summary_en, venue, venue_en, held_at, seats,
         signup_opens_at, signup_closes_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11::timestamptz - interval '1 day')`,
      [decisionId, unitId(h.unitName), h.title, h.title_en, h.summary, h.summary_en, h.venue, h.venue_en, h.held_at, h.seats,
       h.signup_opens_at, h.signup_closes_at],
    );
    await tx.query(`select private.commit_lottery_seed($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))`, [hearingId, seed]);
    // As in decisions.ts: the log names the hearing, not its date (npm start moves open hearings forward).
    await at(tx, h.signup_opens_at);
    await tx.query(`update public.decisions set status = 'hearing_scheduled', status_reason = $2 where id = $1`,
      [decisionId, `已安排${h.title}，报名、时间和地点见听证会页面`]);
    for (const s of h.signups) {
      await tx.query(
        // Confirmed sign-ups; claims of a reserved category reviewed and confirmed by staff.
        `insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, district_id, category,
           statement, status, code_hash, created_at, withdrawn_at, category_review, reviewed_at)
         values ($1, $2, $3, $4, lower($4), $5, $6, $7, $8, private.code_hash(private.normalize_code($9)), $10, $11,
                 case when $6::text in ('npc_deputy', 'cppcc_member', 'expert', 'affected_resident') then 'confirmed' end,
                 case when $6::text in ('npc_deputy', 'cppcc_member', 'expert', 'affected_resident') then $10::timestamptz end)`,
        [hearingId, s.public_id, s.name, s.contact, s.districtIndex === null ? null : districts[s.districtIndex] ?? null,
         s.category, s.statement, s.status, s.code, s.created_at, s.withdrawn_at],
      );
    }
    if (h.status === 'closed' || h.status === 'held') {
      await at(tx, h.signup_closes_at);
      await tx.query(`select private.close_hearing($1, $2)`, [hearingId, seed]);
    }
    if (h.status === 'held' && h.votes) {
      await at(tx, h.held_at);
      const present = h.votes.reduce((n, v) => n + v, 0);
      await tx.query(`select private.record_hearing_outcome($1, $2, $3, $4, $5, $6)`, [hearingId, ...h.votes, h.summary, present]);
      await tx.query(`update public.hearings set outcome_summary_en = $2 where id = $1`, [hearingId, h.summary_en]);
    }
    if (h.status === 'cancelled') {
      await at(tx, dayFrom(city, -3, 10));
      await tx.query(`update public.hearings set status = 'cancelled', outcome_summary = $2, outcome_summary_en = $3 where id = $1`,
        [hearingId, h.summary, h.summary_en]);
    }
    for (const [status, reason, when] of d.after) {
      await at(tx, when);
      await tx.query(`update public.decisions set status = $2, status_reason = $3 where id = $1`, [decisionId, status, reason]);
      if (status === 'decided') await tx.query(`update public.decisions set outcome = $2 where id = $1`, [decisionId, reason]);
    }
  }
  await backToNow(tx);

  for (const survey of data.surveys) {
    const surveyId = await one(
      `insert into public.surveys (slug, year, unit_id, mode, title, title_en, description, description_en, opens_at, closes_at, created_at)
       values ($1, $2, null, $3, $4, $5, $6, $7, $8, null, $8)`,
      [survey.slug, city.year, survey.mode, survey.title, survey.title_en, survey.description, survey.description_en, survey.opens_at],
    );
    const questionIds: number[] = [];
    for (const [k, q] of survey.questions.entries()) {
      questionIds.push(await one(
        `insert into public.survey_questions (survey_id, position, kind, prompt, prompt_en, options, weight, required)
         values ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8)`,
        [surveyId, k + 1, q.kind, q.prompt, q.prompt_en, q.options ? JSON.stringify(q.options) : null, q.weight, q.required],
      ));
    }
    for (const r of survey.responses) {
      const responseId = await one(
        `insert into public.survey_responses (survey_id, respondent_group, verification, submitted_at) values ($1, $2, $3, $4)`,
        [surveyId, r.group, r.verification, r.submitted_at],
      );
      for (const [k, value] of r.answers.entries()) {
        if (value === null) continue;
        const q = survey.questions[k]!;
        await tx.query(
          `insert into public.survey_answers (response_id, question_id, rating, choice, text_answer) values ($1, $2, $3, $4, $5)`,
          [responseId, questionIds[k], q.kind === 'rating' ? value : null, q.kind === 'choice' ? value : null, q.kind === 'text' ? value : null],
        );
      }
    }
    if (survey.invitations) {
      const { group, tokens, used, issued_at } = survey.invitations;
      for (const [k, token] of tokens.entries()) {
        await tx.query(
          `insert into private.survey_invitations (survey_id, token_hash, respondent_group, batch, issued_at, used_at)
           values ($1, private.code_hash(private.normalize_code($2)), $3, 'demo', $4, case when $5 then date_trunc('day', $4::timestamptz, 'UTC') end)`,
          [surveyId, token, group, issued_at, k < used],
        );
      }
    }
  }
}
