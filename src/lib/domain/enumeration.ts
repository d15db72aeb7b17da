/**
 * The shape every enumeration of the domain is declared in: its codes (as the database stores
 * them), their names in each locale, and — where spreadsheets carry the values — the other names
 * a cell may use. Each concept file declares its enumerations once in this shape; zod schemas,
 * page labels, import vocabularies and facets derive from them, and tests/db/domain.test.ts
 * compares the codes with the database's check constraints.
 */

/** A value's name in each locale of the site. */
export interface Label {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** How a spreadsheet names a value, where it differs from the site's label. */
export interface SheetName {
  /** The Chinese name exports write (default: the zh-CN label). */
  readonly zh?: string;
  /** The English name a cell may use (default: the en label). */
  readonly en?: string;
  /** Other names offices commonly use; the importer compares them normalised. */
  readonly aliases?: readonly string[];
}

export interface Enumeration<Code extends string = string> {
  /** What the values are, in messages ("report status"). */
  readonly name: string;
  /** Every code, in display order. */
  readonly codes: readonly [Code, ...Code[]];
  readonly labels: { readonly [C in Code]: Label };
  /** Spreadsheet names, for the enumerations the importer or an export reads or writes. */
  readonly sheet?: { readonly [C in Code]?: SheetName };
}

/** An enumeration whose codes are open: the listed ones are named, others are accepted by pattern. */
export interface OpenEnumeration<Code extends string = string> extends Enumeration<Code> {
  readonly openPattern: RegExp;
}

export type CodeOf<E extends Enumeration> = E['codes'][number];
