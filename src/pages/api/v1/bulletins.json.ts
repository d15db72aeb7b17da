/** /api/v1/bulletins.json: every published bulletin, newest first. */
import { bulletinsRoute } from '../../../lib/opendata/routes.ts';

export const GET = bulletinsRoute;
