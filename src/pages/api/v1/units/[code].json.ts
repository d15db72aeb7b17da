/** /api/v1/units/<code>.json: one unit. */
import { unitPaths, unitRoute } from '../../../../lib/opendata/routes.ts';
import { keyed } from '../../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(unitPaths, ['opendata']);
export const GET = unitRoute;
