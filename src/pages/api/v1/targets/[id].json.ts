/** /api/v1/targets/<id>.json: one published target. */
import { targetPaths, targetRoute } from '../../../../lib/opendata/routes.ts';

export const getStaticPaths = targetPaths;
export const GET = targetRoute;
