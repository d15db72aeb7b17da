/** /units/<code>/feed.xml and /en/…: RSS of the status changes of a unit's targets, in each language. */
import type { APIRoute } from 'astro';
import { keyed } from '../../../../lib/site/cache-keys.ts';
import { unitFeedPaths, unitFeedRoute } from '../../../../lib/opendata/routes.ts';
import { localeOf, withLocales } from '../../../../lib/site/locales.ts';

export const getStaticPaths = keyed(withLocales(unitFeedPaths), ['opendata']);
export const GET: APIRoute = (context) => unitFeedRoute(localeOf(context.params))(context);
