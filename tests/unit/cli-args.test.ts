import { describe, expect, it } from 'vitest';
import { dateTime, decimal, optionalYear, requiredText, requiredYear, wholeNumber } from '../../src/cli/args.ts';

describe('staff command option readers', () => {
  it('return typed values, trimmed', () => {
    expect(requiredText('  水价调整 ', 'title')).toBe('水价调整');
    expect(wholeNumber('12', 'seats')).toBe(12);
    expect(decimal(' 0.35', 'weights')).toBe(0.35);
    expect(dateTime('2026-12-20T09:00+08:00', 'held-at')).toBe('2026-12-20T09:00+08:00');
    expect(optionalYear(undefined)).toBeUndefined();
    expect(requiredYear('2026')).toBe(2026);
  });

  it.each([
    [() => requiredText(undefined, 'reason'), '--reason is required.'],
    [() => requiredText(true, 'reason'), '--reason is required.'],
    [() => wholeNumber('-1', 'seats'), '--seats must be a whole number of 0 or more, got "-1".'],
    [() => decimal('', 'weights'), '--weights must be a number, got "".'],
    [() => dateTime('next friday', 'held-at'), '--held-at must be a date and time such as 2026-12-20T09:00+08:00, got "next friday".'],
    [() => optionalYear('26'), '--year must be a year like 2026, got "26".'],
    [() => requiredYear(undefined), '--year is required, e.g. --year 2026.'],
  ])('refuse bad input with a message naming the option (%#)', (read, message) => {
    expect(read).toThrow(message);
    expect(read).toThrow(expect.objectContaining({ name: 'UsageError' }) as Error);
  });
});
