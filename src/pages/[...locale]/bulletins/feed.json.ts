/** /bulletins/feed.json and /en/bulletins/feed.json: the bulletins as JSON Feed 1.1, in each language. */
import type { APIRoute } from 'astro';
import { keyed } from '../../../lib/site/cache-keys.ts';
import { bulletinsJsonFeedRoute } from '../../../lib/opendata/routes.ts';
import { localeOf, localePaths } from '../../../lib/site/locales.ts';

export const getStaticPaths = keyed(localePaths);
export const GET: APIRoute = (context) => bulletinsJsonFeedRoute(localeOf(context.params))(context);
