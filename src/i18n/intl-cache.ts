/**
 * Intl formatters, created once per locale and options. Creating one costs tens of microseconds
 * (`date.toLocaleDateString(locale, options)` creates one on every call), and a site build formats
 * hundreds of thousands of dates and numbers: this was a sixth of its rendering time.
 * format() throws on an invalid date where toLocaleDateString() answers "Invalid Date": kept.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<F>(formats: Map<string, F>, locale: string, options: object, create: () => F): F {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = create()));
  return format;
}

/** What `date.toLocaleString(locale, options)` answers, from a formatter made once. */
export function formatDateWith(date: Date, locale: string, options: Intl.DateTimeFormatOptions): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  return cached(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options)).format(date);
}

/** What `value.toLocaleString(locale, options)` answers, from a formatter made once. */
export function formatNumberWith(value: number, locale: string, options: Intl.NumberFormatOptions): string {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options)).format(value);
}
