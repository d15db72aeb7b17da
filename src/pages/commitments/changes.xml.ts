/** /commitments/changes.xml: changes of published commitments as RSS 2.0, in Chinese. */
import { commitmentChangesRssRoute } from '../../lib/opendata/commitment-feed-routes.ts';

export const GET = commitmentChangesRssRoute('zh-CN');
