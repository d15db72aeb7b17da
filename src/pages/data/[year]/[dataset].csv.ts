/** /data/<year>/<dataset>.csv: a dataset of one year as CSV (UTF-8 with BOM, RFC 4180). */
import { datasetCsvRoute, datasetPaths } from '../../../lib/opendata/routes.ts';

export const getStaticPaths = datasetPaths;
export const GET = datasetCsvRoute;
