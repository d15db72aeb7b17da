/** /commitments/changes.json: changes of published commitments as JSON Feed 1.1, in English. */
import { commitmentChangesJsonFeedRoute } from '../../../lib/opendata/commitment-feed-routes.ts';

export const GET = commitmentChangesJsonFeedRoute('en');
