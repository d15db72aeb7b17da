/**
 * Progress: the status a monthly report states, and a target's progress status — its latest report
 * in force, or no_report (rolled up from the leaves for a decomposed target; computed, not stored).
 */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** progress_reports.status. */
export const REPORT_STATUSES = ['completed', 'on_track', 'behind', 'not_completed'] as const;
export const ReportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.output<typeof ReportStatusSchema>;

export const REPORT_STATUS = {
  name: 'report status',
  codes: REPORT_STATUSES,
  labels: {
    completed: { 'zh-CN': '已完成', en: 'Completed' },
    on_track: { 'zh-CN': '按进度推进', en: 'On track' },
    behind: { 'zh-CN': '滞后', en: 'Behind' },
    not_completed: { 'zh-CN': '未完成', en: 'Not completed' },
  },
  sheet: {
    completed: { aliases: ['完成'] },
    on_track: { aliases: ['正常推进', '按计划推进', '进行中', '序时推进'] },
    behind: { aliases: ['进度滞后', '滞后于序时进度'] },
    not_completed: { aliases: ['没有完成'] },
  },
} as const satisfies Enumeration<ReportStatus>;

/** A target's progress status: a report status, or no_report. */
export const PROGRESS_STATUSES = [...REPORT_STATUSES, 'no_report'] as const;
export const ProgressStatusSchema = z.enum(PROGRESS_STATUSES);
export type ProgressStatus = z.output<typeof ProgressStatusSchema>;

export const PROGRESS_STATUS = {
  name: 'progress status',
  codes: PROGRESS_STATUSES,
  labels: {
    ...REPORT_STATUS.labels,
    no_report: { 'zh-CN': '未报送', en: 'No report' },
  },
} as const satisfies Enumeration<ProgressStatus>;

/** Targets counted by progress status, every status present. */
export const StatusCountsSchema = z.object(
  Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, z.number().int().nonnegative()])) as Record<ProgressStatus, z.ZodNumber>,
);
export type StatusCounts = z.output<typeof StatusCountsSchema>;
