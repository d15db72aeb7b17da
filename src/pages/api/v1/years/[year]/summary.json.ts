/** /api/v1/years/<year>/summary.json: a year at a glance. */
import { yearPaths, yearRoute } from '../../../../../lib/opendata/routes.ts';
import { keyed } from '../../../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(yearPaths, ['opendata']);
export const GET = yearRoute;
