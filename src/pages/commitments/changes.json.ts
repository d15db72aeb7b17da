/** /commitments/changes.json: changes of published commitments as JSON Feed 1.1, in Chinese. */
import { commitmentChangesJsonFeedRoute } from '../../lib/opendata/commitment-feed-routes.ts';

export const GET = commitmentChangesJsonFeedRoute('zh-CN');
