/** `npm run build`: migrate, seed the demo city if the embedded database is empty, build dist/. */
import { releaseSharedDb, useSharedDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import path from 'node:path';
import { buildSite, DIST_DIR, prepareDatabase } from '../lib/site/build-site.ts';

try {
  const db = await useSharedDb();
  await prepareDatabase(db, (line) => console.log(line));
  const { seconds } = await buildSite();
  await releaseSharedDb();
  console.log(`Site built in ${seconds.toFixed(1)}s into ${path.relative(process.cwd(), DIST_DIR) || '.'}.`);
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exitCode = 1;
  await releaseSharedDb();
}
