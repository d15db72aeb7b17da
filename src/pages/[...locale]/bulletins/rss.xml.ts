/** /bulletins/rss.xml and /en/bulletins/rss.xml: the bulletins as RSS 2.0, in each language. */
import type { APIRoute } from 'astro';
import { keyed } from '../../../lib/site/cache-keys.ts';
import { bulletinsRssRoute } from '../../../lib/opendata/routes.ts';
import { localeOf, localePaths } from '../../../lib/site/locales.ts';

export const getStaticPaths = keyed(localePaths);
export const GET: APIRoute = (context) => bulletinsRssRoute(localeOf(context.params))(context);
