/**
 * The loading step of a site build, run as its own process by buildSite() (lib/site/build-site.ts):
 * prepares the database (migrations; the demo city into an empty embedded one), then runs every
 * collection's read (lib/site/collection-reads.ts) and saves the rows as the snapshot the render
 * step loads (lib/site/snapshot.ts), except the collections whose rows in the last build's
 * snapshot provably stand for a read now (lib/site/snapshot-reuse.ts). It ends before rendering
 * starts, so the database's memory and the renderer's never add up. Prints its measurements as
 * JSON last.
 */
import fs from 'node:fs';
import { releaseSharedDb, useSharedDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import { prepareDatabase, ROOT } from '../lib/site/build-site.ts';
import { COLLECTION_NAMES, readCollection } from '../lib/site/collection-reads.ts';
import { snapshotFile } from '../lib/site/snapshot.ts';
import { processMeasurements } from '../lib/site/measure.ts';
import { loadStamp, reuseSnapshot, saveSnapshot, type CollectionTables } from '../lib/site/snapshot-reuse.ts';
import { traceTables, type SharedReads } from '../lib/site/table-tracing.ts';

try {
  const db = await useSharedDb();
  try {
    await prepareDatabase(db, (line) => console.log(line));
    const snapshotDir = process.env['GONGSHI_SNAPSHOT_DIR']?.trim();
    if (!snapshotDir) throw new Error('build-load.ts runs inside a site build (GONGSHI_SNAPSHOT_DIR is not set).');
    const cacheDir = process.env['GONGSHI_BUILD_CACHE_DIR']?.trim();
    // Taken before the reads: a write that lands during them changes the next build's stamp.
    const stamp = cacheDir ? await loadStamp(db, ROOT) : undefined;
    const kept = stamp && cacheDir ? await reuseSnapshot(db, cacheDir, stamp, snapshotDir) : {};
    const reads: CollectionTables = { ...kept };
    // Every target is read once, for the targets, the units and the open data alike; every
    // progress report once, for the targets and the open data.
    const shared: SharedReads = new Map();
    for (const name of COLLECTION_NAMES) {
      if (kept[name]) continue;
      const traced = traceTables(db, shared);
      fs.writeFileSync(snapshotFile(name, snapshotDir)!, JSON.stringify(await readCollection(traced.db, name)));
      reads[name] = traced.tables();
    }
    const keptNames = COLLECTION_NAMES.filter((name) => kept[name]);
    if (keptNames.length > 0) console.log(`Kept from the last build's snapshot (nothing they read has changed): ${keptNames.join(', ')}.`);
    if (stamp && cacheDir && keptNames.length < COLLECTION_NAMES.length) saveSnapshot(cacheDir, snapshotDir, stamp, reads);
  } finally {
    await releaseSharedDb();
  }
  console.log(JSON.stringify(processMeasurements()));
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exitCode = 1;
}
