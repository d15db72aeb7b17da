/**
 * Citizen-representative hearings (市民代表听证会): a hearing's state, the categories people sign up
 * in, and the verifiable lottery's results.
 */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** hearings.status. */
export const HEARING_STATUSES = ['open', 'closed', 'held', 'cancelled'] as const;
export const HearingStatusSchema = z.enum(HEARING_STATUSES);
export type HearingStatus = z.output<typeof HearingStatusSchema>;

export const HEARING_STATUS = {
  name: 'hearing status',
  codes: HEARING_STATUSES,
  labels: {
    open: { 'zh-CN': '报名中', en: 'Sign-ups open' },
    closed: { 'zh-CN': '报名已截止', en: 'Sign-ups closed' },
    held: { 'zh-CN': '已举行', en: 'Held' },
    cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  },
} as const satisfies Enumeration<HearingStatus>;

/** private.hearing_signups.category, hearing_quotas.category (reserved seats). */
export const SIGNUP_CATEGORIES = [
  'citizen_representative', 'npc_deputy', 'cppcc_member', 'expert', 'affected_resident', 'other',
] as const;
export type SignupCategory = (typeof SIGNUP_CATEGORIES)[number];

export const SIGNUP_CATEGORY = {
  name: 'sign-up category',
  codes: SIGNUP_CATEGORIES,
  labels: {
    citizen_representative: { 'zh-CN': '市民代表', en: 'Citizen representative' },
    npc_deputy: { 'zh-CN': '人大代表', en: "People's Congress deputy" },
    cppcc_member: { 'zh-CN': '政协委员', en: 'CPPCC member' },
    expert: { 'zh-CN': '专家学者', en: 'Expert' },
    affected_resident: { 'zh-CN': '利益相关居民', en: 'Affected resident' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
} as const satisfies Enumeration<SignupCategory>;

/**
 * The categories that reserve seats only once staff confirm the claim (`signups review`); an
 * unconfirmed or refused claim draws in the general pool.
 */
export const RESERVED_CATEGORIES = ['npc_deputy', 'cppcc_member', 'expert', 'affected_resident'] as const satisfies readonly SignupCategory[];
export type ReservedCategory = (typeof RESERVED_CATEGORIES)[number];
export const isReservedCategory = (category: string): category is ReservedCategory =>
  (RESERVED_CATEGORIES as readonly string[]).includes(category);

/** private.hearing_signups.category_review: a reserved category's claim as staff reviewed it. */
export const CLAIM_REVIEWS = ['claimed', 'confirmed', 'refused'] as const;
export type ClaimReview = (typeof CLAIM_REVIEWS)[number];

export const CLAIM_REVIEW = {
  name: 'category claim review',
  codes: CLAIM_REVIEWS,
  labels: {
    claimed: { 'zh-CN': '待核实', en: 'To be reviewed' },
    confirmed: { 'zh-CN': '已核实', en: 'Confirmed' },
    refused: { 'zh-CN': '未通过核实', en: 'Refused' },
  },
} as const satisfies Enumeration<ClaimReview>;

/** hearing_draws.category: the category an entrant was drawn in (general: a claim not confirmed). */
export const DRAW_CATEGORIES = [...SIGNUP_CATEGORIES, 'general'] as const;
export type DrawCategory = (typeof DRAW_CATEGORIES)[number];

export const DRAW_CATEGORY = {
  name: 'draw category',
  codes: DRAW_CATEGORIES,
  labels: {
    ...SIGNUP_CATEGORY.labels,
    general: { 'zh-CN': '一般名额（类别未经核实）', en: 'General pool (category not confirmed)' },
  },
} as const satisfies Enumeration<DrawCategory>;

/**
 * private.hearing_signups.status: pending until the contact confirms its code; expired when still
 * pending as sign-ups close. Only confirmed sign-ups (registered) enter the draw.
 */
export const SIGNUP_STATUSES = ['pending', 'registered', 'selected', 'waitlisted', 'withdrawn', 'expired'] as const;
export const SignupStatusSchema = z.enum(SIGNUP_STATUSES);
export type SignupStatus = z.output<typeof SignupStatusSchema>;

export const SIGNUP_STATUS = {
  name: 'sign-up status',
  codes: SIGNUP_STATUSES,
  labels: {
    pending: { 'zh-CN': '待确认', en: 'Awaiting confirmation' },
    registered: { 'zh-CN': '已报名', en: 'Signed up' },
    selected: { 'zh-CN': '已入选', en: 'Selected' },
    waitlisted: { 'zh-CN': '候补', en: 'On the waiting list' },
    withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
    expired: { 'zh-CN': '未确认，已失效', en: 'Expired (never confirmed)' },
  },
} as const satisfies Enumeration<SignupStatus>;

/** hearing_draws.drawn: what the lottery gave. */
export const DRAW_OUTCOMES = ['selected', 'waitlisted'] as const;
export const DrawOutcomeSchema = z.enum(DRAW_OUTCOMES);
export type DrawOutcome = z.output<typeof DrawOutcomeSchema>;

/** hearing_draws.current_status: the draw's result since, after withdrawals and moves up the waitlist. */
export const DRAW_STATUSES = [...DRAW_OUTCOMES, 'withdrawn'] as const;
export const DrawStatusSchema = z.enum(DRAW_STATUSES);
export type DrawStatus = z.output<typeof DrawStatusSchema>;

export const DRAW_STATUS = {
  name: 'draw status',
  codes: DRAW_STATUSES,
  labels: {
    selected: { 'zh-CN': '入选', en: 'Selected' },
    waitlisted: { 'zh-CN': '候补', en: 'Waitlisted' },
    withdrawn: { 'zh-CN': '已退出', en: 'Withdrawn' },
  },
} as const satisfies Enumeration<DrawStatus>;
