/** /en/units/<code>/feed.xml: RSS of the status changes of a unit's targets, in English. */
import { unitFeedPaths, unitFeedRoute } from '../../../../lib/opendata/routes.ts';

export const getStaticPaths = unitFeedPaths;
export const GET = unitFeedRoute('en');
