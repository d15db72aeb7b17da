/**
 * Reading the staff commands' option values (node:util parseArgs gives strings or booleans):
 * each reader returns the value in its type or throws a UsageError naming the option.
 */
import { UsageError } from './command.ts';
import type { Lang } from '../lib/import/columns.ts';
import { isKindName, KIND_NAMES, type KindName } from '../lib/import/kind.ts';
import { ENCODINGS, formatOf, SheetError, type Encoding, type Format } from '../lib/import/read.ts';

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

/** A text option as given (parseArgs gives strings for string options); undefined when not given. */
export function text(value: OptionValue): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A text option as given when it holds more than white space; undefined otherwise. */
export function filledText(value: OptionValue): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A boolean option: true only when given. */
export function flag(value: OptionValue): boolean {
  return value === true;
}

/** One of a fixed set of values, else a UsageError with `message`. */
export function choice<T extends string>(value: OptionValue, choices: readonly T[], message: string): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) throw new UsageError(message);
  return value as T;
}

/** A text option matching `pattern`, else a UsageError with `message`. */
export function matching(value: OptionValue, pattern: RegExp, message: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new UsageError(message);
  return value;
}

/** A calendar date YYYY-MM-DD (a day that exists); undefined when not given. */
export function optionalDate(value: OptionValue, name: string): string | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== s) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got "${s}".`);
  return s;
}

/** Refuses positional arguments beyond those a command reads. */
export function noMore(extra: readonly string[]): void {
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
}

// Import and export files.

/** --encoding of a CSV file (gbk and gb2312 read as gb18030); undefined when not given. */
export function parseEncoding(value: string | boolean | undefined): Encoding | undefined {
  if (value === undefined) return undefined;
  const normalized = String(value).toLowerCase().replace(/[-_]/g, '');
  if (normalized === 'utf8') return 'utf8';
  if (['gb18030', 'gbk', 'gb2312'].includes(normalized)) return 'gb18030';
  throw new UsageError(`--encoding must be one of ${ENCODINGS.join(', ')} (gbk and gb2312 are read as gb18030), got "${String(value)}".`);
}

/** The import kind named by a positional argument of `command`. */
export function parseKind(kind: string | undefined, command: string): KindName {
  if (!kind) throw new UsageError(`${command} needs a kind: one of ${KIND_NAMES.join(', ')}.`);
  if (!isKindName(kind)) throw new UsageError(`Unknown kind "${kind}": use one of ${KIND_NAMES.join(', ')}.`);
  return kind;
}

/** --format, else the extension of --out, else CSV. */
export function parseFormat(format: string | boolean | undefined, out: string | undefined): Format {
  if (format !== undefined) {
    if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`--format must be csv or xlsx, got "${String(format)}".`);
    if (out) {
      let fromOut: Format;
      try {
        fromOut = formatOf(out);
      } catch (error) {
        if (error instanceof SheetError) throw new UsageError(`--out ${out}: use a .csv or .xlsx file name.`);
        throw error;
      }
      if (fromOut !== format) throw new UsageError(`--out ${out} does not end in .${format}.`);
    }
    return format;
  }
  if (out) {
    try {
      return formatOf(out);
    } catch {
      throw new UsageError(`--out ${out}: use a .csv or .xlsx file name.`);
    }
  }
  return 'csv';
}

/** --lang of headers and labels: zh (default) or en. */
export function parseLang(value: string | boolean | undefined): Lang {
  if (value === undefined || value === 'zh') return 'zh';
  if (value === 'en') return 'en';
  throw new UsageError(`--lang must be zh or en, got "${String(value)}".`);
}
