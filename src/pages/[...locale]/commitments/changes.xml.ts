/** /commitments/changes.xml and /en/…: changes of published commitments as RSS 2.0, in each language. */
import type { APIRoute } from 'astro';
import { keyed } from '../../../lib/site/cache-keys.ts';
import { commitmentChangesRssRoute } from '../../../lib/opendata/commitment-feed-routes.ts';
import { localeOf, localePaths } from '../../../lib/site/locales.ts';

export const getStaticPaths = keyed(localePaths);
export const GET: APIRoute = (context) => commitmentChangesRssRoute(localeOf(context.params))(context);
