/** /bulletins/rss.xml: the bulletins as RSS 2.0, in Chinese. */
import { bulletinsRssRoute } from '../../lib/opendata/routes.ts';

export const GET = bulletinsRssRoute('zh-CN');
