/**
 * `npm run build`: migrate, seed the demo city if the embedded database is empty, then build the
 * site into a fresh folder and switch dist/ to it (lib/site/publish.ts). Beside a running
 * `npm start` on PGlite it reads through the portal's staff socket.
 * GONGSHI_BUILD_INTO=<folder> builds into that folder only (the portal's republisher switches).
 */
import { releaseSharedDb, useSharedDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import path from 'node:path';
import { buildSite, DIST_DIR, prepareDatabase } from '../lib/site/build-site.ts';
import { publishSite } from '../lib/site/publish.ts';

try {
  const db = await useSharedDb();
  await prepareDatabase(db, (line) => console.log(line));
  const into = process.env['GONGSHI_BUILD_INTO']?.trim();
  // With GONGSHI_BUILD_INTO the portal that asked holds the build lock.
  const { seconds } = into ? await buildSite(into) : await publishSite();
  await releaseSharedDb();
  console.log(`Site built in ${seconds.toFixed(1)}s into ${path.relative(process.cwd(), into ?? DIST_DIR) || '.'}.`);
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exitCode = 1;
  await releaseSharedDb();
}
