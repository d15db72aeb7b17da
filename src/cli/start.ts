/** `npm start`: migrate, seed the demo city if empty, build, then serve site (and API) on PORT. */
import { readConfig } from '../lib/config.ts';
import { releaseSharedDb, useSharedDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import { buildSite, DIST_DIR, prepareDatabase } from '../lib/site/build-site.ts';
import { createPortalServer, listen } from '../server/server.ts';

const config = readConfig();
try {
  // The server holds the database (and the PGlite folder's lock) for its whole life.
  const db = await useSharedDb();
  console.log(`Database: ${db.location}`);
  await prepareDatabase(db, (line) => console.log(line));
  console.log('Building the site…');
  const { seconds } = await buildSite();
  console.log(`Site built in ${seconds.toFixed(1)}s.`);
  const server = createPortalServer({ distDir: DIST_DIR });
  const url = await listen(server, config.port, process.env['HOST'] ?? '127.0.0.1');
  console.log(`Gongshi is running at ${url}  (Ctrl+C to stop)`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void releaseSharedDb().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exit(1);
}
