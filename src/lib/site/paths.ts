/** URLs of the public pages, per locale, in one place so links and routes agree. */
import { localizedPath, type Locale } from '../../i18n/ui.ts';

export const paths = {
  home: (l: Locale) => localizedPath('/', l),
  commitments: (l: Locale) => localizedPath('/commitments/', l),
  facet: (l: Locale, facet: string, value: string) => localizedPath(`/commitments/${facet}/${value}/`, l),
  units: (l: Locale) => localizedPath('/units/', l),
  unit: (l: Locale, code: string) => localizedPath(`/units/${code}/`, l),
  target: (l: Locale, id: number) => localizedPath(`/targets/${id}/`, l),
  targets: (l: Locale) => localizedPath('/targets/', l),
  bulletins: (l: Locale) => localizedPath('/bulletins/', l),
  bulletin: (l: Locale, slug: string) => localizedPath(`/bulletins/${slug}/`, l),
  methodology: (l: Locale) => localizedPath('/methodology/', l),
  decisions: (l: Locale) => localizedPath('/decisions/', l),
  decisionFacet: (l: Locale, facet: 'kind' | 'status', value: string) => localizedPath(`/decisions/${facet}/${value}/`, l),
  decision: (l: Locale, slug: string) => localizedPath(`/decisions/${slug}/`, l),
  hearing: (l: Locale, id: number) => localizedPath(`/hearings/${id}/`, l),
  hearingVerify: (l: Locale, id?: number) => localizedPath(`/hearings/verify/${id === undefined ? '' : `?hearing=${id}`}`, l),
  hallTopic: (l: Locale, slug: string) => localizedPath(`/hall/${slug}/`, l),
  assessments: (l: Locale) => localizedPath('/assessment/', l),
  assessment: (l: Locale, id: string) => localizedPath(`/assessment/${id}/`, l),
  /** One assessment version's own address, which never changes (the year's address follows the version in force). */
  assessmentVersion: (l: Locale, year: number, version: number) => localizedPath(`/assessment/${year}/v${version}/`, l),
  search: (l: Locale) => localizedPath('/search/', l),
};
