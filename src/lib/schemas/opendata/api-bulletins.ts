/** /api/v1/bulletins.json: every published bulletin, newest first, with its full text. */
import { z } from 'zod';
import { BulletinRowSchema } from './bulletins.ts';
import { DocumentHeader } from './common.ts';

export const BulletinsDocumentSchema = z
  .object({
    ...DocumentHeader,
    rss_url: z.url(),
    json_feed_url: z.url(),
    bulletins: z.array(BulletinRowSchema.extend({ url: z.url(), url_en: z.url() })),
  })
  .meta({ title: 'Bulletins', description: 'Every published bulletin (通报), newest first; errata name what they correct.' });
export type BulletinsDocument = z.output<typeof BulletinsDocumentSchema>;
