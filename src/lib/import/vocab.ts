/**
 * The enumerations a spreadsheet cell may hold: each value by its database code, its Chinese label
 * (what exports write by default) and the other names offices commonly use for it. The values and
 * their names are declared in src/lib/domain/; this module turns them into lookups.
 */
import * as accountability from '../domain/accountability.ts';
import * as assessment from '../domain/assessment.ts';
import * as decisions from '../domain/decisions.ts';
import type { Enumeration, SheetName } from '../domain/enumeration.ts';
import * as indicators from '../domain/indicators.ts';
import * as progress from '../domain/progress.ts';
import * as supervision from '../domain/supervision.ts';
import * as targets from '../domain/targets.ts';
import * as units from '../domain/units.ts';

export interface VocabEntry {
  code: string;
  zh: string;
  en: string;
  aliases?: readonly string[];
}

export interface Vocab {
  /** What the values are, for messages ("unit kind"). */
  name: string;
  entries: readonly VocabEntry[];
  /** Codes outside the list are accepted when they match this pattern (open vocabularies). */
  openPattern?: RegExp;
}

/** Lower case, no spaces, underscores or hyphens, ASCII brackets: how cells and names are compared. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-–—·・]/g, '');
}

/** The vocabulary of a domain enumeration: its sheet names where given, else its labels. */
export function vocabOf(enumeration: Enumeration & { readonly openPattern?: RegExp }): Vocab {
  const sheet: { readonly [code: string]: SheetName | undefined } = enumeration.sheet ?? {};
  return {
    name: enumeration.name,
    entries: enumeration.codes.map((code) => {
      const names = sheet[code];
      const label = enumeration.labels[code]!;
      return {
        code,
        zh: names?.zh ?? label['zh-CN'],
        en: names?.en ?? label.en,
        ...(names?.aliases ? { aliases: names.aliases } : {}),
      };
    }),
    ...(enumeration.openPattern ? { openPattern: enumeration.openPattern } : {}),
  };
}

const lookups = new WeakMap<Vocab, Map<string, string>>();

/** The code a cell names, or undefined. */
export function lookupVocab(vocab: Vocab, text: string): string | undefined {
  let map = lookups.get(vocab);
  if (!map) {
    map = new Map();
    for (const e of vocab.entries) {
      for (const name of [e.code, e.zh, e.en, ...(e.aliases ?? [])]) map.set(normalizeName(name), e.code);
    }
    lookups.set(vocab, map);
  }
  const found = map.get(normalizeName(text));
  if (found) return found;
  if (vocab.openPattern?.test(text)) return text;
  return undefined;
}

/** A code as a spreadsheet shows it in the given language (codes themselves in English). */
export function vocabLabel(vocab: Vocab, code: string, lang: 'zh' | 'en'): string {
  if (lang === 'en') return code;
  return vocab.entries.find((e) => e.code === code)?.zh ?? code;
}

export function vocabChoices(vocab: Vocab): string {
  return vocab.entries.map((e) => `${e.code} (${e.zh})`).join(', ');
}

/** The codes with their Chinese names as a column's documentation gives them: "a (甲), b (乙) or c (丙)". */
export function vocabAlternatives(vocab: Vocab): string {
  const named = vocab.entries.map((e) => `${e.code} (${e.zh})`);
  return named.length < 2 ? named.join('') : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
}

export const BOOLEAN: Vocab = {
  name: 'yes/no value',
  entries: [
    { code: 'true', zh: '是', en: 'yes', aliases: ['y', '1', 'true', '√', '✓', '对'] },
    { code: 'false', zh: '否', en: 'no', aliases: ['n', '0', 'false', '×', '✗', '不'] },
  ],
};

export const UNIT_KIND = vocabOf(units.UNIT_KIND);
// The database accepts any lower-case sector code; the list only names the known ones.
export const SECTOR = vocabOf(units.SECTOR);
export const CATEGORY = vocabOf(indicators.CATEGORY);
export const DIRECTION = vocabOf(indicators.DIRECTION);
/** A target's lifecycle stage (draft, approved, published): not how it is progressing. */
export const TARGET_LIFECYCLE = vocabOf(targets.TARGET_LIFECYCLE);
export const REPORT_STATUS = vocabOf(progress.REPORT_STATUS);
export const BASELINE_KIND = vocabOf(targets.BASELINE_KIND);
export const METHOD = vocabOf(supervision.SUPERVISION_METHOD);
export const CONSULTATION_POSITION = vocabOf(decisions.RECOMMENDATION);
export const ACCOUNTABILITY_BASIS = vocabOf(accountability.ACCOUNTABILITY_BASIS);
export const ACCOUNTABILITY_MEASURE = vocabOf(accountability.ACCOUNTABILITY_MEASURE);
export const ACCOUNTABILITY_ROLE = vocabOf(accountability.ACCOUNTABILITY_ROLE);
/** The annual result's values as the cadre-evaluation file writes them. */
export const GRADE = vocabOf(assessment.GRADE);
export const CONSEQUENCE = vocabOf(assessment.CONSEQUENCE);
export const CADRE_RATING = vocabOf(assessment.CADRE_RATING);
export const CADRE_RATING_RULE = vocabOf(assessment.CADRE_RATING_RULE);
