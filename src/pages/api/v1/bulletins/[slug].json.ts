/** /api/v1/bulletins/<slug>.json: one bulletin as of its cut-off, with the reports it counts (its snapshot). */
import { bulletinPaths, bulletinRoute } from '../../../../lib/opendata/routes.ts';
import { keyed } from '../../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(bulletinPaths, ['opendata']);
export const GET = bulletinRoute;
