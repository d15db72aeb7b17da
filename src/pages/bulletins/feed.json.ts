/** /bulletins/feed.json: the bulletins as JSON Feed 1.1, in Chinese. */
import { bulletinsJsonFeedRoute } from '../../lib/opendata/routes.ts';

export const GET = bulletinsJsonFeedRoute('zh-CN');
