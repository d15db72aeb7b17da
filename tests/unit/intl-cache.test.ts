import { describe, expect, it } from 'vitest';
import { formatDateWith, formatNumberWith } from '../../src/i18n/intl-cache.ts';
import { formatDate, formatNumber, formatPeriod } from '../../src/i18n/ui.ts';

const dates = ['2026-03-01T00:00:00+08:00', '2025-12-31T16:00:00Z', '2024-02-29T23:59:00+08:00'].map((s) => new Date(s));
const dateOptions: Intl.DateTimeFormatOptions[] = [
  { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' },
  { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' },
  { month: 'long', year: 'numeric', timeZone: 'UTC' },
];

describe('cached Intl formatters', () => {
  it('answer what toLocaleString answers, for every locale and set of options, however often asked', () => {
    for (const locale of ['zh-CN', 'en-GB'])
      for (const options of dateOptions)
        for (const date of [...dates, ...dates]) expect(formatDateWith(date, locale, options)).toBe(date.toLocaleString(locale, options));
    for (const locale of ['zh-CN', 'en-GB'])
      for (const digits of [0, 1, 2])
        for (const value of [0, 1234.5678, -0.005, 98765432.1])
          expect(formatNumberWith(value, locale, { maximumFractionDigits: digits })).toBe(value.toLocaleString(locale, { maximumFractionDigits: digits }));
  });

  it('keep toLocaleString\'s answer for an invalid date instead of throwing', () => {
    expect(formatDateWith(new Date('not a date'), 'en-GB', dateOptions[0]!)).toBe(new Date('x').toLocaleDateString('en-GB', dateOptions[0]));
  });

  it('format the portal\'s dates, numbers and months in both locales', () => {
    expect(formatDate('2026-03-01', 'zh-CN')).toBe('2026年3月1日');
    expect(formatDate('2026-02-28T16:30:00Z', 'en')).toBe('1 Mar 2026');
    expect(formatNumber(1234.567, 'en')).toBe('1,234.57');
    expect(formatNumber(1234.567, 'zh-CN', 1)).toBe('1,234.6');
    expect(formatPeriod('2026-03', 'en')).toBe('March 2026');
    expect(formatPeriod('2026-03', 'zh-CN')).toBe('2026年3月');
  });
});
