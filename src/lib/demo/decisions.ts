/**
 * The demo city's major decisions, taken through the real state machine and hearing lifecycle
 * (commit the seed, sign-ups, close with the lottery, record the vote), so the demo shows every
 * state: decided after a hearing, withdrawn because the majority opposed, a hearing still open
 * (hash committed, no draw yet), one drawn but not yet held, one cleared without a hearing, one
 * only proposed with the consultation committee's opinion. The hall's hearings (participation.ts)
 * bring their own decisions, dated relative to the demo's today.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { GIVEN, SURNAMES } from './city.ts';
import type { DemoCity } from './generate.ts';
import { Rng } from './rng.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CATEGORIES = ['citizen_representative', 'citizen_representative', 'affected_resident', 'affected_resident', 'npc_deputy', 'cppcc_member', 'expert', 'other'];

interface HearingPlan {
  title: string;
  title_en: string;
  venue: string;
  opens: string;
  closes: string;
  held: string;
  seats: number;
  signups: number;
  quotas: [string, number][];
  /** closed: drawn; held: drawn and voted. */
  stage: 'open' | 'closed' | 'held';
  votes?: [number, number, number];
  summary?: [string, string];
}

interface DecisionPlan {
  slug: string;
  kind: string;
  unit: string;
  title: string;
  title_en: string;
  summary: string;
  summary_en: string;
  requires_hearing: boolean;
  proposed: string;
  hearing?: HearingPlan;
  /** Steps after the hearing: [status, reason, date]. */
  after: [string, string, string][];
  consultation?: [string, string, string, string, string];
}

/** Exported for the e2e suites, which expect what these plans load. */
export const PLANS: readonly DecisionPlan[] = [
  {
    slug: 'tiered-water-prices-2026', kind: 'price_adjustment', unit: '市水务局', requires_hearing: true, proposed: '2026-03-02T10:00:00+08:00',
    title: '居民生活用水阶梯价格调整方案', title_en: 'Tiered household water prices',
    summary: '拟将居民生活用水第一阶梯水量由每户每月15立方米调整为按家庭人口核定，并相应调整第二、三阶梯价格。',
    summary_en: 'The first tier of household water would follow household size instead of a flat 15 m³ a month, with the second and third tiers adjusted.',
    hearing: {
      title: '居民生活用水阶梯价格调整听证会', title_en: 'Hearing on tiered household water prices', venue: '市民中心第一会议室',
      opens: '2026-04-01T09:00:00+08:00', closes: '2026-04-20T17:00:00+08:00', held: '2026-05-12T09:30:00+08:00',
      seats: 15, signups: 42, quotas: [['affected_resident', 5], ['expert', 2]], stage: 'held', votes: [10, 3, 2],
      summary: ['多数代表赞成调整方案，建议第一阶梯水量按家庭人口核定，并对低收入家庭给予减免。', 'Most representatives supported the proposal and asked for relief for low-income households.'],
    },
    after: [['cleared', '听证会多数代表未反对，准予提交', '2026-05-20T10:00:00+08:00'], ['submitted', '提交市政府常务会议审议', '2026-06-03T10:00:00+08:00'], ['decided', '市政府常务会议审议通过，自2026年9月1日起执行', '2026-06-18T16:00:00+08:00']],
    consultation: ['决策咨询委员会城市建设组', 'support_with_changes', '建议对低收入家庭设立减免措施，并在实施一年后评估。', 'Recommends relief for low-income households and a review after one year.', '2026-03-25'],
  },
  {
    slug: 'expressway-east-section', kind: 'construction_project', unit: '市交通运输局', requires_hearing: true, proposed: '2026-04-10T10:00:00+08:00',
    title: '城市快速路东段高架建设方案', title_en: 'Elevated eastern section of the urban expressway',
    summary: '拟在东部滨水区建设高架快速路，穿越两个居住片区。', summary_en: 'An elevated expressway through the eastern waterfront, crossing two residential areas.',
    hearing: {
      title: '城市快速路东段建设方案听证会', title_en: 'Hearing on the eastern expressway section', venue: '市民中心第二会议室',
      opens: '2026-06-01T09:00:00+08:00', closes: '2026-06-20T17:00:00+08:00', held: '2026-07-08T09:30:00+08:00',
      seats: 15, signups: 31, quotas: [['affected_resident', 6]], stage: 'held', votes: [4, 9, 2],
      summary: ['多数代表认为高架方案对沿线居民噪声和采光影响过大，反对该方案。', 'Most representatives found the noise and light impact on residents too great and opposed the plan.'],
    },
    after: [],
    consultation: ['决策咨询委员会交通组', 'oppose', '建议比选地下通道方案，并补充噪声影响评价。', 'Recommends comparing a tunnel option and a fuller noise assessment.', '2026-05-15'],
  },
  {
    slug: 'bus-fare-optimisation', kind: 'price_adjustment', unit: '市公共交通集团', requires_hearing: true, proposed: '2026-10-08T10:00:00+08:00',
    title: '公交票价优化方案', title_en: 'Bus fare optimisation',
    summary: '拟在地面公交线路之间实行一小时内免费换乘，并调整长距离公交线路票价；轨道交通（地铁）票价另行决策和听证。',
    summary_en: 'Free transfers between bus routes within an hour, and new fares on long bus routes. Metro fares are a separate decision with a hearing of their own.',
    hearing: {
      title: '公交票价优化方案听证会', title_en: 'Hearing on bus fares', venue: '市民中心第一会议室',
      opens: '2026-11-01T09:00:00+08:00', closes: '2026-12-05T17:00:00+08:00', held: '2026-12-18T09:30:00+08:00',
      seats: 20, signups: 26, quotas: [['citizen_representative', 8]], stage: 'open',
    },
    after: [],
  },
  {
    slug: 'parking-fee-standards', kind: 'price_adjustment', unit: '市城市管理局', requires_hearing: true, proposed: '2026-09-01T10:00:00+08:00',
    title: '中心城区停车收费标准调整', title_en: 'Parking fees in the city centre',
    summary: '拟按区域和时段实行差别化停车收费。', summary_en: 'Parking fees by area and time of day.',
    hearing: {
      title: '停车收费标准调整听证会', title_en: 'Hearing on parking fees', venue: '市民中心第三会议室',
      opens: '2026-10-01T09:00:00+08:00', closes: '2026-11-05T17:00:00+08:00', held: '2026-11-26T09:30:00+08:00',
      seats: 12, signups: 29, quotas: [['affected_resident', 4], ['npc_deputy', 1]], stage: 'closed',
    },
    after: [],
  },
  {
    slug: 'elevator-retrofit-subsidy', kind: 'regulation', unit: '市住房和城乡建设局', requires_hearing: false, proposed: '2026-05-06T10:00:00+08:00',
    title: '既有住宅加装电梯补贴办法', title_en: 'Subsidies for lifts in existing homes',
    summary: '对既有多层住宅加装电梯给予每台最高20万元补贴。', summary_en: 'Up to 200,000 yuan per lift added to existing multi-storey homes.',
    after: [['cleared', '不涉及价格和重大建设项目，无须听证', '2026-05-20T10:00:00+08:00'], ['submitted', '提交市政府常务会议审议', '2026-06-10T10:00:00+08:00']],
  },
  {
    slug: 'urban-renewal-plan', kind: 'planning', unit: '市自然资源和规划局', requires_hearing: true, proposed: '2026-11-02T10:00:00+08:00',
    title: '城市更新专项规划（2026—2035年）', title_en: 'Urban renewal plan 2026–2035',
    summary: '明确老旧片区更新范围、时序和保护要求。', summary_en: 'Which older areas are renewed, when, and what is protected.',
    after: [],
    consultation: ['决策咨询委员会规划组', 'support', '规划目标清晰，建议加强历史街区保护和公众参与。', 'Clear goals; recommends stronger protection of historic streets and more public participation.', '2026-11-12'],
  },
];

/** The demo replays history: each staff step takes effect when it happened, by whom (gongshi.at, gongshi.actor). */
export async function at(tx: Queryable, when: string, actor = '市政府办公厅'): Promise<void> {
  await tx.query(`select set_config('gongshi.at', $1, true), set_config('gongshi.actor', $2, true)`, [when, actor]);
}

/** Back to the present: later statements take effect now, by the database role. */
export async function backToNow(tx: Queryable): Promise<void> {
  await tx.query(`select set_config('gongshi.at', '', true), set_config('gongshi.actor', '', true)`);
}

export async function loadDemoDecisions(tx: Queryable, city: DemoCity): Promise<void> {
  const rng = new Rng(city.seed).fork('decisions');
  const units = new Map((city.units as { id: number; name: string }[]).map((u) => [u.name, u.id]));
  const districts = (city.units as { id: number; kind: string }[]).filter((u) => u.kind === 'district').map((u) => u.id);
  let person = 0;
  for (const plan of PLANS) {
    const unitId = units.get(plan.unit);
    if (unitId === undefined) throw new Error(`demo decision names an unknown unit ${plan.unit}`);
    await at(tx, plan.proposed);
    const [d] = await tx.query<{ id: number }>(
      `insert into public.decisions (slug, kind, title, title_en, summary, summary_en, unit_id, requires_hearing, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id::int as id`,
      [plan.slug, plan.kind, plan.title, plan.title_en, plan.summary, plan.summary_en, unitId, plan.requires_hearing, plan.proposed]);
    if (plan.consultation) {
      const [panel, recommendation, opinion, opinionEn, givenOn] = plan.consultation;
      await tx.query(
        `insert into public.consultations (decision_id, panel, panel_en, recommendation, opinion, opinion_en, given_on, published_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7::date + interval '3 days')`,
        [d!.id, panel, 'Decision Consultation Committee', recommendation, opinion, opinionEn, givenOn]);
    }
    const h = plan.hearing;
    if (h) {
      // The hearing is announced a day before sign-ups open, with its seed commitment published at once.
      const announced = new Date(Date.parse(h.opens) - 86_400_000).toISOString();
      await at(tx, announced);
      const [hearing] = await tx.query<{ id: number }>(
        `insert into public.hearings (decision_id, unit_id, title, title_en, summary, summary_en, venue, held_at, seats,
           signup_opens_at, signup_closes_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id::int as id`,
        [d!.id, unitId, h.title, h.title_en, plan.summary, plan.summary_en, h.venue, h.held, h.seats, h.opens, h.closes, announced]);
      const hearingId = hearing!.id;
      for (const [category, seats] of h.quotas) {
        await tx.query(`insert into public.hearing_quotas (hearing_id, category, seats) values ($1, $2, $3)`, [hearingId, category, seats]);
      }
      const seed = rng.lotterySeed();
      await tx.query(`select private.commit_lottery_seed($1, $2)`, [hearingId, sha(seed)]);
      await at(tx, h.opens);
      // The log names the hearing, not its date: a hearing can be postponed (npm start moves the open
      // ones forward), and the hearing page is where its date is kept.
      await tx.query(`update public.decisions set status = 'hearing_scheduled', status_reason = $2 where id = $1`, [d!.id, `已安排${h.title}，报名、时间和地点见听证会页面`]);
      const opensMs = Date.parse(h.opens);
      const span = Date.parse(h.closes) - opensMs;
      for (let i = 0; i < h.signups; i++) {
        person++;
        const publicId = Array.from({ length: 8 }, () => ALPHABET[rng.int(0, 31)]).join('');
        const name = rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : '');
        await tx.query(
          // Confirmed sign-ups (status registered); claims of a reserved category reviewed and confirmed by staff.
          `insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, district_id, category, statement,
             code_hash, consent_to_list, created_at, category_review, reviewed_at)
           values ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10,
                   case when $6::text in ('npc_deputy', 'cppcc_member', 'expert', 'affected_resident') then 'confirmed' end,
                   case when $6::text in ('npc_deputy', 'cppcc_member', 'expert', 'affected_resident') then $10::timestamptz end)`,
          [hearingId, publicId, name, `demo-signup-${String(person).padStart(4, '0')}@example.invalid`, rng.pick(districts),
           rng.pick(CATEGORIES), rng.chance(0.5) ? '希望参加听证，反映所在社区居民的意见。' : null,
           sha(`demo-code-${hearingId}-${i}`), rng.chance(0.2), new Date(opensMs + Math.floor(rng.next() * span)).toISOString()]);
      }
      if (h.stage !== 'open') {
        await at(tx, h.closes);
        await tx.query(`select private.close_hearing($1, $2)`, [hearingId, seed]);
      }
      if (h.stage === 'held' && h.votes && h.summary) {
        await at(tx, h.held);
        // Attendance is recorded: every representative present voted (abstaining counts as a vote).
        const present = h.votes.reduce((n, v) => n + v, 0);
        await tx.query(`select private.record_hearing_outcome($1, $2, $3, $4, $5, $6)`, [hearingId, ...h.votes, h.summary[0], present]);
        await tx.query(`update public.hearings set outcome_summary_en = $2 where id = $1`, [hearingId, h.summary[1]]);
      }
    }
    for (const [status, reason, when] of plan.after) {
      await at(tx, when);
      await tx.query(`update public.decisions set status = $2, status_reason = $3 where id = $1`, [d!.id, status, reason]);
    }
    if (plan.after.some(([s]) => s === 'decided')) {
      await tx.query(`update public.decisions set outcome = $2 where id = $1`, [d!.id, plan.after.at(-1)![1]]);
    }
  }
  await backToNow(tx);
}
