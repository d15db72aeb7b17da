/** /api/v1/index.json: every document, dataset and feed of the open data. */
import { apiIndexRoute } from '../../../lib/opendata/routes.ts';

export const GET = apiIndexRoute;
