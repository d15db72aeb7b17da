/**
 * The loading step of a site build, run as its own process by buildSite() (lib/site/build-site.ts):
 * prepares the database (migrations; the demo city into an empty embedded one), then runs every
 * collection's read (lib/site/collection-reads.ts) and saves the rows as the snapshot the render
 * step loads (lib/site/snapshot.ts). It ends before rendering starts, so the database's memory
 * and the renderer's never add up. Prints its measurements as JSON last.
 */
import fs from 'node:fs';
import { releaseSharedDb, useSharedDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import { readCollection } from '../lib/db/build-loader.ts';
import { prepareDatabase } from '../lib/site/build-site.ts';
import { COLLECTION_NAMES } from '../lib/site/collection-reads.ts';
import { snapshotFile } from '../lib/site/snapshot.ts';
import { processMeasurements } from '../lib/site/measure.ts';

try {
  const db = await useSharedDb();
  try {
    await prepareDatabase(db, (line) => console.log(line));
    for (const name of COLLECTION_NAMES) {
      const file = snapshotFile(name);
      if (!file) throw new Error('build-load.ts runs inside a site build (GONGSHI_SNAPSHOT_DIR is not set).');
      fs.writeFileSync(file, JSON.stringify(await readCollection(db, name)));
    }
  } finally {
    await releaseSharedDb();
  }
  console.log(JSON.stringify(processMeasurements()));
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exitCode = 1;
}
