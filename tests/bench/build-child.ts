/** Bench helper: prepares the database and builds the site into OUT_DIR, then prints timings and the peak memory of both build processes as JSON. */
import { releaseSharedDb, useSharedDb } from '../../src/lib/db/open.ts';
import { buildSite, prepareDatabase } from '../../src/lib/site/build-site.ts';

const outDir = process.env['OUT_DIR'];
if (!outDir) throw new Error('OUT_DIR is required');
const db = await useSharedDb();
await prepareDatabase(db, () => undefined);
const { seconds, renderMaxRssBytes } = await buildSite(outDir);
await releaseSharedDb();
// This process held the database and ran the loaders; a child rendered the pages.
console.log(JSON.stringify({ seconds, renderMaxRssBytes, loaderMaxRssBytes: process.resourceUsage().maxRSS * 1024 }));
