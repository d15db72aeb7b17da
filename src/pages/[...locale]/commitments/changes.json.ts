/** /commitments/changes.json and /en/…: changes of published commitments as JSON Feed 1.1, in each language. */
import type { APIRoute } from 'astro';
import { keyed } from '../../../lib/site/cache-keys.ts';
import { commitmentChangesJsonFeedRoute } from '../../../lib/opendata/commitment-feed-routes.ts';
import { localeOf, localePaths } from '../../../lib/site/locales.ts';

export const getStaticPaths = keyed(localePaths);
export const GET: APIRoute = (context) => commitmentChangesJsonFeedRoute(localeOf(context.params))(context);
