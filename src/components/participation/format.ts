/** Dates and windows on the participation pages, in the city's time zone. */
import type { Locale } from '../../i18n/ui.ts';
import type { ParticipationTranslator } from '../../i18n/participation.ts';
import { formatDateWith } from '../../i18n/intl-cache.ts';

export type WindowState = 'upcoming' | 'open' | 'closed';

/** Where a window stands at `now` (the build's clock; the database decides at submission). */
export function windowState(opensAt: string, closesAt: string | null, now = Date.now()): WindowState {
  if (now < Date.parse(opensAt)) return 'upcoming';
  if (closesAt !== null && now >= Date.parse(closesAt)) return 'closed';
  return 'open';
}

export function formatDateTime(value: string, locale: Locale): string {
  return formatDateWith(new Date(value), locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric', hour: '2-digit', minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  });
}

export function formatDay(value: string, locale: Locale): string {
  return formatDateWith(new Date(value), locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric', timeZone: 'Asia/Shanghai',
  });
}

export function windowText(t: ParticipationTranslator, locale: Locale, opensAt: string, closesAt: string | null): string {
  const from = formatDay(opensAt, locale);
  return closesAt === null ? t('part.window.untilFurtherNotice', { from }) : t('part.window.range', { from, to: formatDay(closesAt, locale) });
}
