/**
 * The snapshot a site build's load step writes and its render step loads: one JSON file of rows
 * per collection, in GONGSHI_SNAPSHOT_DIR (set by buildSite for its child processes).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionName } from './collection-reads.ts';
import { readCollection } from '../db/build-loader.ts';
import { releaseSharedDb, useSharedDb } from '../db/open.ts';

/** The snapshot file of a collection in this build, or undefined outside a site build. */
export function snapshotFile(name: CollectionName, dir = process.env['GONGSHI_SNAPSHOT_DIR']?.trim()): string | undefined {
  return dir ? path.join(dir, `${name}.json`) : undefined;
}

const rows = new Map<CollectionName, Promise<object[]>>();

/**
 * A collection's rows in this build, read once: from the snapshot in a site build, else
 * (npm run dev) from the database.
 */
export function snapshotRows(name: CollectionName): Promise<object[]> {
  let read = rows.get(name);
  if (!read) {
    read = readRows(name);
    rows.set(name, read);
  }
  return read;
}

async function readRows(name: CollectionName): Promise<object[]> {
  const file = snapshotFile(name);
  if (file) return JSON.parse(fs.readFileSync(file, 'utf8')) as object[];
  const db = await useSharedDb();
  try {
    return await readCollection(db, name);
  } finally {
    await releaseSharedDb({ lingerMs: 1500 });
  }
}
