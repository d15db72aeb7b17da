/** /data/<year>/<dataset>.json: the same rows as the CSV file, as JSON with its schema named. */
import { datasetJsonRoute, datasetPaths } from '../../../lib/opendata/routes.ts';
import { keyed } from '../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(datasetPaths, ['opendata']);
export const GET = datasetJsonRoute;
