/** /api/v1/units.json: every assessed unit. */
import { unitsRoute } from '../../../lib/opendata/routes.ts';

export const GET = unitsRoute;
