/** Bench helper: prepares the database and builds the site into OUT_DIR, then prints timings and peak memory as JSON. */
import { releaseSharedDb, useSharedDb } from '../../src/lib/db/open.ts';
import { buildSite, prepareDatabase } from '../../src/lib/site/build-site.ts';

const outDir = process.env['OUT_DIR'];
if (!outDir) throw new Error('OUT_DIR is required');
const db = await useSharedDb();
await prepareDatabase(db, () => undefined);
const { seconds } = await buildSite(outDir);
await releaseSharedDb();
console.log(JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
