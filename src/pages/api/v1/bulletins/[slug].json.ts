/** /api/v1/bulletins/<slug>.json: one bulletin as of its cut-off, with the reports it counts (its snapshot). */
import { bulletinPaths, bulletinRoute } from '../../../../lib/opendata/routes.ts';

export const getStaticPaths = bulletinPaths;
export const GET = bulletinRoute;
