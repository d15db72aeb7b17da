/** /data/<year>/<dataset>.json: the same rows as the CSV file, as JSON with its schema named. */
import { datasetJsonRoute, datasetPaths } from '../../../lib/opendata/routes.ts';

export const getStaticPaths = datasetPaths;
export const GET = datasetJsonRoute;
