/** Chart colours: the status colours of global.css (WCAG AA on white), for Chart.js. */
import type { ProgressStatus } from '../domain/progress.ts';

export const STATUS_COLORS = {
  completed: '#1a6b3c',
  on_track: '#1f5fa8',
  behind: '#8a5300',
  not_completed: '#a4161a',
  no_report: '#5b636d',
} as const satisfies Record<ProgressStatus, string>;

export const SERIES_COLORS = ['#1f5fa8', '#8a5300', '#1a6b3c', '#6b3fa0', '#a4161a', '#5b636d'] as const;
