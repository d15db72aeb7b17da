/** /en/bulletins/feed.json: the bulletins as JSON Feed 1.1, in English. */
import { bulletinsJsonFeedRoute } from '../../../lib/opendata/routes.ts';

export const GET = bulletinsJsonFeedRoute('en');
