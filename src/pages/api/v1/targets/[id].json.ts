/** /api/v1/targets/<id>.json: one published target. */
import { targetPaths, targetRoute } from '../../../../lib/opendata/routes.ts';
import { keyed } from '../../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(targetPaths, ['opendata']);
export const GET = targetRoute;
