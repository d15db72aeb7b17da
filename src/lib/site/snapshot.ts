/**
 * The snapshot a site build's load step writes and its render step loads: one JSON file of rows
 * per collection, in GONGSHI_SNAPSHOT_DIR (set by buildSite for its child processes).
 */
import path from 'node:path';
import type { CollectionName } from './collection-reads.ts';

/** The snapshot file of a collection in this build, or undefined outside a site build. */
export function snapshotFile(name: CollectionName, dir = process.env['GONGSHI_SNAPSHOT_DIR']?.trim()): string | undefined {
  return dir ? path.join(dir, `${name}.json`) : undefined;
}
