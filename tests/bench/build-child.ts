/** Bench helper: prepares the database and builds the site into OUT_DIR, then prints the build's result (timings, pages, and each step's CPU and peak memory) as JSON. */
import { releaseSharedDb, useSharedDb } from '../../src/lib/db/open.ts';
import { buildSite, prepareDatabase } from '../../src/lib/site/build-site.ts';

const outDir = process.env['OUT_DIR'];
if (!outDir) throw new Error('OUT_DIR is required');
const db = await useSharedDb();
await prepareDatabase(db, () => undefined);
// The build's steps open the database themselves, one process after the other.
await releaseSharedDb();
console.log(JSON.stringify(await buildSite(outDir, { site: outDir })));
