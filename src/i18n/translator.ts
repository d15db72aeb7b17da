/** The one way strings are translated: a dictionary per locale, keys checked when compiled. */
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
    return (key, vars = {}) => strings[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
}
