/** /en/bulletins/rss.xml: the bulletins as RSS 2.0, in English. */
import { bulletinsRssRoute } from '../../../lib/opendata/routes.ts';

export const GET = bulletinsRssRoute('en');
