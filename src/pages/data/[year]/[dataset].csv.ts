/** /data/<year>/<dataset>.csv: a dataset of one year as CSV (UTF-8 with BOM, RFC 4180). */
import { datasetCsvRoute, datasetPaths } from '../../../lib/opendata/routes.ts';
import { keyed } from '../../../lib/site/cache-keys.ts';

export const getStaticPaths = keyed(datasetPaths, ['opendata']);
export const GET = datasetCsvRoute;
