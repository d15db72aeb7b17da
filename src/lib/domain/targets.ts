/**
 * Targets: where a target stands in its lifecycle (draft → approved → published, by staff) and
 * what each was set against. How a target is progressing is a different thing: see progress.ts.
 */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** targets.status: only published targets are public. */
export const TARGET_LIFECYCLE_STAGES = ['draft', 'approved', 'published'] as const;
export const TargetLifecycleSchema = z.enum(TARGET_LIFECYCLE_STAGES);
export type TargetLifecycle = z.output<typeof TargetLifecycleSchema>;

export const TARGET_LIFECYCLE = {
  name: 'target status',
  codes: TARGET_LIFECYCLE_STAGES,
  labels: {
    draft: { 'zh-CN': '草案', en: 'draft' },
    approved: { 'zh-CN': '已审定', en: 'approved' },
    published: { 'zh-CN': '已公布', en: 'published' },
  },
  sheet: {
    draft: { aliases: ['草稿', '待审核', '待审'] },
    approved: { aliases: ['已审核', '已批准', '审定'] },
    published: { aliases: ['已发布', '已公开', '公布'] },
  },
} as const satisfies Enumeration<TargetLifecycle>;

/** target_baselines.kind: own past years (纵向), a peer city (横向) or a functional benchmark (基准). */
export const BASELINE_KINDS = ['vertical', 'horizontal', 'benchmark'] as const;
export const BaselineKindSchema = z.enum(BASELINE_KINDS);
export type BaselineKind = z.output<typeof BaselineKindSchema>;

export const BASELINE_KIND = {
  name: 'baseline kind',
  codes: BASELINE_KINDS,
  labels: {
    vertical: { 'zh-CN': '纵向', en: 'vertical' },
    horizontal: { 'zh-CN': '横向', en: 'horizontal' },
    benchmark: { 'zh-CN': '基准', en: 'benchmark' },
  },
  sheet: {
    vertical: { aliases: ['纵向比较', '历史', '往年'] },
    horizontal: { aliases: ['横向比较', '对标', '同类城市'] },
    benchmark: { aliases: ['职能基准', '基准值'] },
  },
} as const satisfies Enumeration<BaselineKind>;
