/** /api/v1/years/<year>/summary.json: a year at a glance. */
import { yearPaths, yearRoute } from '../../../../../lib/opendata/routes.ts';

export const getStaticPaths = yearPaths;
export const GET = yearRoute;
