/**
 * Column maps: each kind's columns with their Chinese and English header names. A file may use
 * either name (or a listed alias) for any column, in any order.
 */
import { normalizeName, type Vocab } from './vocab.ts';

export type Lang = 'zh' | 'en';

export type ColumnType = 'text' | 'code' | 'int' | 'number' | 'date' | 'period' | 'timestamp' | 'boolean' | 'enum';

export interface ColumnSpec {
  /** The English header, also the key of the row object. */
  key: string;
  /** The Chinese header. */
  zh: string;
  aliases?: readonly string[];
  required: boolean;
  type: ColumnType;
  vocab?: Vocab;
  /** Written by export for reading; ignored by import. */
  infoOnly?: boolean;
  /** Format and meaning, for docs and templates. */
  doc: string;
  /** The template's example value (Chinese template; `exampleEn` when the English one differs). */
  example: string;
  exampleEn?: string;
}

export function headerName(column: ColumnSpec, lang: Lang): string {
  return lang === 'zh' ? column.zh : column.key;
}

export interface HeaderProblem {
  /** 0-based index of the header cell, or -1 for a column that is missing. */
  index: number;
  column: string;
  message: string;
}

export interface ResolvedHeader {
  /** Column key of each header cell (undefined: a blank header cell or an info-only column). */
  keys: (string | undefined)[];
  /** The header text as the file writes it, per column key (for messages). */
  names: Map<string, string>;
  /** The language most headers are written in (for naming columns the file does not have). */
  lang: Lang;
  problems: HeaderProblem[];
}

/** Header text to compare: without a trailing "*" (required mark) or bracketed translation. */
function headerKey(text: string): string {
  return normalizeName(text.replace(/\*+$/, '').replace(/\s*[(（][^)）]*[)）]\s*$/, ''));
}

export function resolveHeader(columns: readonly ColumnSpec[], cells: readonly string[], kindLabel: string): ResolvedHeader {
  const byName = new Map<string, ColumnSpec>();
  for (const column of columns) {
    for (const name of [column.key, column.zh, ...(column.aliases ?? [])]) byName.set(headerKey(name), column);
  }
  const keys: (string | undefined)[] = [];
  const names = new Map<string, string>();
  const problems: HeaderProblem[] = [];
  let zh = 0;
  let en = 0;
  cells.forEach((raw, index) => {
    const cell = raw.trim();
    if (cell === '') {
      keys.push(undefined);
      return;
    }
    const column = byName.get(headerKey(cell)) ?? byName.get(normalizeName(cell));
    if (!column) {
      keys.push(undefined);
      problems.push({
        index, column: cell,
        message: `unknown column "${cell}" for ${kindLabel}; the columns are ${columns.map((c) => `${c.zh} (${c.key})`).join(', ')}`,
      });
      return;
    }
    if (/[\u4e00-\u9fff]/.test(cell)) zh++;
    else en++;
    if (names.has(column.key)) {
      keys.push(undefined);
      problems.push({ index, column: cell, message: `column ${column.zh} (${column.key}) appears twice (also as "${names.get(column.key)}")` });
      return;
    }
    names.set(column.key, cell);
    keys.push(column.infoOnly ? undefined : column.key);
  });
  const lang: Lang = zh >= en ? 'zh' : 'en';
  for (const column of columns) {
    if (column.required && !names.has(column.key)) {
      problems.push({
        index: -1, column: headerName(column, lang),
        message: `missing required column ${column.zh} (${column.key})`,
      });
    }
  }
  return { keys, names, lang, problems };
}
