/** Addresses of the open data, the API and the feeds, in one place so links and routes agree. */
import { localizedPath, type Locale } from '../../i18n/ui.ts';

export const openDataPaths = {
  dataPage: (l: Locale) => localizedPath('/data/', l),
  apiPage: (l: Locale) => localizedPath('/api/', l),
  dataset: (year: number, name: string, ext: 'csv' | 'json') => `/data/${year}/${name}.${ext}`,
  schema: (name: string) => `/api/v1/schemas/${name}.schema.json`,
  apiIndex: () => '/api/v1/index.json',
  apiUnits: () => '/api/v1/units.json',
  apiUnit: (code: string) => `/api/v1/units/${code}.json`,
  apiTarget: (id: number) => `/api/v1/targets/${id}.json`,
  apiYear: (year: number) => `/api/v1/years/${year}/summary.json`,
  apiBulletins: () => '/api/v1/bulletins.json',
  apiRpcs: () => '/api/v1/rpcs.json',
  /** One bulletin's figures (see bulletin-figures.ts), beside its page; one file for both languages. */
  bulletinCsv: (slug: string) => `/bulletins/${slug}.csv`,
  bulletinsRss: (l: Locale) => localizedPath('/bulletins/rss.xml', l),
  bulletinsJsonFeed: (l: Locale) => localizedPath('/bulletins/feed.json', l),
  unitFeed: (l: Locale, code: string) => localizedPath(`/units/${code}/feed.xml`, l),
};

/** An absolute URL on the site. */
export function absolute(site: URL, path: string): string {
  return new URL(path, site).href;
}

/** The site address Astro was configured with; the open data only holds absolute links. */
export function siteOf(site: URL | undefined): URL {
  if (!site) throw new Error('astro.config.mjs must set `site` (SITE_URL): feeds and the API publish absolute URLs');
  return site;
}
