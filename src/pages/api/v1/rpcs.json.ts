/** /api/v1/rpcs.json: the citizen RPCs, their arguments, answers and error codes. */
import { rpcsRoute } from '../../../lib/opendata/routes.ts';

export const GET = rpcsRoute;
