/** Leaders' half-year reports (述职报告): whether each was submitted on time. */
import { z } from 'zod';

/**
 * A half year's report as published: on time, late, or not submitted past its due date. Derived
 * from the dates by the view public.leader_report_status, not a stored column.
 */
export const LEADER_REPORT_STATUSES = ['on_time', 'late', 'not_submitted'] as const;
export const LeaderReportStatusSchema = z.enum(LEADER_REPORT_STATUSES);
export type LeaderReportStatus = z.output<typeof LeaderReportStatusSchema>;
