/**
 * Reading the staff commands' option values (node:util parseArgs gives strings or booleans):
 * each reader returns the value in its type or throws a UsageError naming the option.
 */
import { UsageError } from './command.ts';

type OptionValue = string | boolean | undefined;

/** A required text option, trimmed. */
export function requiredText(value: OptionValue, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required.`);
  return value.trim();
}

/** A required whole number of 0 or more. */
export function wholeNumber(value: OptionValue, name: string): number {
  const s = requiredText(value, name);
  if (!/^\d+$/.test(s)) throw new UsageError(`--${name} must be a whole number of 0 or more, got "${s}".`);
  return Number(s);
}

/** A decimal number of 0 or more. */
export function decimal(value: OptionValue, name: string): number {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!/^\d+(\.\d+)?$/.test(s)) throw new UsageError(`--${name} must be a number, got "${s}".`);
  return Number(s);
}

/** A required ISO 8601 date and time. */
export function dateTime(value: OptionValue, name: string): string {
  const s = requiredText(value, name);
  if (Number.isNaN(Date.parse(s))) throw new UsageError(`--${name} must be a date and time such as 2026-12-20T09:00+08:00, got "${s}".`);
  return s;
}

/** --year as a four-digit year; undefined when not given. */
export function optionalYear(value: OptionValue): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) throw new UsageError(`--year must be a year like 2026, got "${String(value)}".`);
  return Number(value);
}

/** --year, required. */
export function requiredYear(value: OptionValue): number {
  const year = optionalYear(value);
  if (year === undefined) throw new UsageError('--year is required, e.g. --year 2026.');
  return year;
}
