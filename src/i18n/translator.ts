/** The one way strings are translated: a dictionary per locale, keys checked when compiled. */
import type { Enumeration } from '../lib/domain/enumeration.ts';
import type { Locale } from './ui.ts';

/** Values for the `{name}` placeholders of a string. */
export type Vars = Readonly<Record<string, string | number>>;

/** The strings of one part of the site, in every locale, with the same keys. */
export type Dictionaries<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

export type Translate<K extends string> = (key: K, vars?: Vars) => string;

/**
 * `translator(dictionaries)(locale)` is the function that translates a key: its string in that
 * locale, each `{name}` filled from vars (a placeholder with no value is left as it is).
 */
export function translator<K extends string>(dictionaries: Dictionaries<K>): (locale: Locale) => Translate<K> {
  return (locale) => {
    const strings = dictionaries[locale];
    // Most strings have no placeholder: those skip the pattern's pass (0.2 s of a site build).
    return (key, vars = {}) => {
      const text = strings[key];
      return text.includes('{') ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
    };
  };
}

/**
 * The dictionary entries `<prefix>.<code>` naming each value of a domain enumeration, from its
 * labels in src/lib/domain/: a page that builds a key from a code (t(`status.${code}`)) shows the
 * same name as every other place, and the name is changed in one file.
 */
export function enumerationEntries<P extends string, C extends string>(
  prefix: P,
  enumeration: Enumeration<C>,
  locale: Locale,
): Record<`${P}.${C}`, string> {
  return Object.fromEntries(enumeration.codes.map((code) => [`${prefix}.${code}`, enumeration.labels[code][locale]])) as Record<`${P}.${C}`, string>;
}
