/** Indicators (考核指标): the category a target counts in and which way is better. */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** indicators.category. */
export const CATEGORIES = [
  'economic_scale', 'economic_speed', 'economic_quality', 'peoples_benefit',
  'social_progress', 'sustainability', 'party_building', 'key_task',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.output<typeof CategorySchema>;

export const CATEGORY = {
  name: 'indicator category',
  codes: CATEGORIES,
  labels: {
    economic_scale: { 'zh-CN': '经济总量', en: 'Economic scale' },
    economic_speed: { 'zh-CN': '发展速度', en: 'Growth speed' },
    economic_quality: { 'zh-CN': '发展质量', en: 'Quality of growth' },
    peoples_benefit: { 'zh-CN': '民生福祉', en: "People's benefit" },
    social_progress: { 'zh-CN': '社会进步', en: 'Social progress' },
    sustainability: { 'zh-CN': '可持续发展', en: 'Sustainability' },
    party_building: { 'zh-CN': '党的建设', en: 'Party building' },
    key_task: { 'zh-CN': '重点工作', en: 'Key tasks' },
  },
  sheet: {
    economic_scale: { aliases: ['经济规模'] },
    economic_speed: { aliases: ['经济速度'] },
    economic_quality: { aliases: ['经济质量', '经济效益'] },
    peoples_benefit: { aliases: ['民生'] },
    social_progress: { aliases: ['社会发展'] },
    sustainability: { aliases: ['生态环境'] },
    party_building: { aliases: ['党建'] },
    key_task: { aliases: ['重点任务', 'key task'] },
  },
} as const satisfies Enumeration<Category>;

/** indicators.direction: higher or lower is better, or a qualitative task (no target value). */
export const DIRECTIONS = ['higher', 'lower', 'qualitative'] as const;
export const DirectionSchema = z.enum(DIRECTIONS);
export type Direction = z.output<typeof DirectionSchema>;

export const DIRECTION = {
  name: 'direction',
  codes: DIRECTIONS,
  labels: {
    higher: { 'zh-CN': '越高越好', en: 'higher is better' },
    lower: { 'zh-CN': '越低越好', en: 'lower is better' },
    qualitative: { 'zh-CN': '定性任务', en: 'qualitative task' },
  },
  sheet: {
    higher: { aliases: ['正向', '越大越好'] },
    lower: { aliases: ['逆向', '反向', '越小越好'] },
    qualitative: { aliases: ['定性'] },
  },
} as const satisfies Enumeration<Direction>;
