/**
 * One route file serves every locale: pages live under src/pages/[...locale]/, whose `locale`
 * parameter is absent for the default locale (zh-CN at /…) and the locale's code otherwise (/en/…),
 * as astro.config's i18n routing (prefixDefaultLocale: false) lays the addresses out.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../i18n/ui.ts';

type Params = Record<string, string | number | undefined>;

/** The `locale` route parameter of a locale: undefined for the default, whose pages are unprefixed. */
export function localeParam(locale: Locale): string | undefined {
  return locale === DEFAULT_LOCALE ? undefined : locale;
}

/** getStaticPaths of a page with no other parameter: one path per locale. */
export function localePaths() {
  return LOCALES.map((locale) => ({ params: { locale: localeParam(locale) } }));
}

/** A getStaticPaths whose every path is generated once per locale, with the same props. */
export function withLocales<P extends { params: Params }, A extends unknown[]>(
  getPaths: (...args: A) => readonly P[] | Promise<readonly P[]>,
) {
  return async (...args: A) => {
    const paths = await getPaths(...args);
    return LOCALES.flatMap((locale) => paths.map((path) => ({ ...path, params: { ...path.params, locale: localeParam(locale) } })));
  };
}

/** The locale a page or endpoint under src/pages/[...locale]/ is rendered for, from its params. */
export function localeOf(params: Record<string, string | undefined>): Locale {
  const value = params['locale'];
  if (value === undefined) return DEFAULT_LOCALE;
  const locale = LOCALES.find((l) => l === value && l !== DEFAULT_LOCALE);
  if (!locale) throw new Error(`unknown locale in the address: ${value}`);
  return locale;
}
