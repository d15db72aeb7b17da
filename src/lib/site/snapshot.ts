/**
 * The snapshot a site build's load step writes and its render step reads: one JSON file of rows
 * per collection, in GONGSHI_SNAPSHOT_DIR (set by buildSite for its child processes).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readCollection, type CollectionName } from './collection-reads.ts';
import { releaseSharedDb, useSharedDb } from '../db/open.ts';

/** The snapshot file of a collection in this build, or undefined outside a site build. */
export function snapshotFile(name: CollectionName, dir = process.env['GONGSHI_SNAPSHOT_DIR']?.trim()): string | undefined {
  return dir ? path.join(dir, `${name}.json`) : undefined;
}

/** A collection's rows and a digest of them (of their JSON: the same rows, the same digest). */
export interface SnapshotRows {
  rows: object[];
  digest: string;
}

const reads = new Map<CollectionName, Promise<SnapshotRows>>();

/**
 * A collection's rows, read once per process: in a site build from the snapshot, else (npm run
 * dev) from the database, as the dev server starts to show them (restart it to see new data).
 */
export function snapshotRows(name: CollectionName): Promise<SnapshotRows> {
  let read = reads.get(name);
  if (!read) {
    const file = snapshotFile(name);
    read = file ? Promise.resolve(file).then(readFile) : readDatabase(name);
    reads.set(name, read);
    // A failed read is not kept: the next page tries again.
    read.catch(() => reads.delete(name));
  }
  return read;
}

const digestOf = (json: string | Buffer) => createHash('sha256').update(json).digest('base64url');

function readFile(file: string): SnapshotRows {
  const json = fs.readFileSync(file);
  return { rows: JSON.parse(json.toString('utf8')) as object[], digest: digestOf(json) };
}

async function readDatabase(name: CollectionName): Promise<SnapshotRows> {
  const db = await useSharedDb();
  try {
    const rows = await readCollection(db, name);
    return { rows, digest: digestOf(JSON.stringify(rows)) };
  } finally {
    await releaseSharedDb({ lingerMs: 1500 });
  }
}
