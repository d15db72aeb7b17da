/**
 * Spreadsheet cells to database values. Every parser turns one trimmed, non-empty cell into the
 * canonical text the database prints for that value (numbers without trailing zeros, dates as
 * YYYY-MM-DD, booleans as true/false), so a file row and a database row compare as strings.
 * The zod builders wrap the parsers: `required()` refuses an empty cell, `optional()` keeps
 * null (empty cell) apart from undefined (the column is not in the file).
 */
import { z } from 'zod';
import { BOOLEAN, lookupVocab, vocabChoices, type Vocab } from './vocab.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
export type Parser<T> = (text: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** A cell as read: text, null when empty, undefined when the file has no such column. */
export const CellSchema = z.string().nullable().optional();
export type Cell = z.infer<typeof CellSchema>;

/** Full-width digits and signs (common in Chinese input methods) to ASCII. */
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0B\uFF0D\uFF0E\uFF05]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A decimal as Postgres prints numeric after trim_scale(): no exponent, no trailing zeros. */
export function canonicalDecimal(text: string): string | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const integer = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  const body = fraction ? `${integer}.${fraction}` : integer;
  return m[1] === '-' && body !== '0' ? `-${body}` : body;
}

export function text(options: { min?: number; max?: number } = {}): Parser<string> {
  const { min = 1, max = 4000 } = options;
  return (raw) => {
    const value = raw.replace(/\r\n?/g, '\n');
    const length = [...value].length;
    if (length < min) return fail(`too short: at least ${min} characters, got ${length}`);
    if (length > max) return fail(`too long: at most ${max} characters, got ${length}`);
    return ok(value);
  };
}

export function pattern(re: RegExp, what: string): Parser<string> {
  return (raw) => (re.test(raw) ? ok(raw) : fail(`"${raw}" is not a valid ${what}`));
}

export function decimal(options: { min?: number; max?: number; decimals?: number; percent?: boolean } = {}): Parser<string> {
  return (raw) => {
    let value = asciiDigits(raw).replace(/\s/g, '');
    if (options.percent) value = value.replace(/%$/, '');
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(value)) value = value.replace(/,/g, '');
    const canonical = canonicalDecimal(value);
    if (canonical === undefined) return fail(`"${raw}" is not a number`);
    const decimals = canonical.split('.')[1]?.length ?? 0;
    if (options.decimals !== undefined && decimals > options.decimals) {
      return fail(`"${raw}" has more than ${options.decimals} decimal place${options.decimals === 1 ? '' : 's'}`);
    }
    const n = Number(canonical);
    if (options.min !== undefined && n < options.min) return fail(`${canonical} is below the minimum ${options.min}`);
    if (options.max !== undefined && n > options.max) return fail(`${canonical} is above the maximum ${options.max}`);
    return ok(canonical);
  };
}

export function integer(options: { min?: number; max?: number } = {}): Parser<number> {
  const parse = decimal({ ...options, decimals: 0 });
  return (raw) => {
    const r = parse(raw);
    if (!r.ok) return /decimal/.test(r.message) ? fail(`"${raw}" is not a whole number`) : r;
    return ok(Number(r.value));
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DATE_RE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/;

/** YYYY-MM-DD; also YYYY/M/D, YYYY.M.D, YYYY年M月D日 and a midnight time (a spreadsheet date cell). */
export const date: Parser<string> = (raw) => {
  const value = asciiDigits(raw).replace(/[ T]00:00(:00(\.0+)?)?(Z|[+-]00:?00)?$/, '');
  const m = DATE_RE.exec(value);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !validDate(y, mo, d)) return fail(`"${raw}" is not a date (write YYYY-MM-DD)`);
  return ok(`${y}-${pad(mo)}-${pad(d)}`);
};

/** A month YYYY-MM; also YYYY-M, YYYY/MM, YYYY.MM, YYYY年M月, and the first day of the month (a date cell). */
export const period: Parser<string> = (raw) => {
  const value = asciiDigits(raw).replace(/[ T]00:00(:00(\.0+)?)?(Z|[+-]00:?00)?$/, '');
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月|(?:[-/.]\s*0?1\s*日?))?$/.exec(value);
  const [y, mo] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || mo < 1 || mo > 12) return fail(`"${raw}" is not a month (write YYYY-MM)`);
  return ok(`${y}-${pad(mo)}`);
};

/**
 * A moment: YYYY-MM-DD HH:MM[:SS] in Beijing time unless an offset (Z, +08:00) is given; a date alone
 * means its midnight. Returned as ISO 8601 with offset, for Postgres to read.
 */
export const timestamp: Parser<string> = (raw) => {
  const value = asciiDigits(raw).trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return fail(`"${raw}" is not a date and time (write YYYY-MM-DD HH:MM:SS, Beijing time)`);
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (!validDate(y!, mo!, d!) || h > 23 || mi > 59 || s > 59) return fail(`"${raw}" is not a valid date and time`);
  const fraction = m[7] ? `.${m[7]}` : '';
  const zone = m[8] === undefined ? '+08:00' : m[8] === 'Z' ? 'Z' : m[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return ok(`${y}-${pad(mo!)}-${pad(d!)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction}${zone}`);
};

export function oneOf(vocab: Vocab): Parser<string> {
  return (raw) => {
    const code = lookupVocab(vocab, raw);
    return code === undefined ? fail(`"${raw}" is not a ${vocab.name}; use one of ${vocabChoices(vocab)}`) : ok(code);
  };
}

/** true/false as text (how Postgres prints a boolean). */
export const bool: Parser<string> = (raw) => {
  const code = lookupVocab(BOOLEAN, raw);
  return code === undefined ? fail(`"${raw}" is not yes or no (是/否, true/false, 1/0)`) : ok(code);
};

/** A column the file must fill in. */
export function required<T>(parse: Parser<T>) {
  return CellSchema.transform((cell, ctx): T => {
    if (cell === undefined || cell === null) {
      ctx.addIssue({ code: 'custom', message: 'required: the cell is empty' });
      return z.NEVER;
    }
    const result = parse(cell);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}

/** A column that may be left empty (null) or left out of the file (undefined: keep what is stored). */
export function optional<T>(parse: Parser<T>) {
  return CellSchema.transform((cell, ctx): T | null | undefined => {
    if (cell === undefined || cell === null) return cell;
    const result = parse(cell);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}
