/** /api/v1/units/<code>.json: one unit. */
import { unitPaths, unitRoute } from '../../../../lib/opendata/routes.ts';

export const getStaticPaths = unitPaths;
export const GET = unitRoute;
