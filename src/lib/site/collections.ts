/**
 * The site's collections as the pages read them: each row of a collection's snapshot
 * (lib/site/snapshot.ts) as an entry with its id, like an Astro content collection's.
 *
 * Not Astro's content layer on purpose: it copies every row into its data store, serialises the
 * store to JSON, and the render bundles that JSON as one string literal (24 MB for the demo city)
 * that the page renderer compiles and parses again: a third of a cold render's CPU time (demo
 * city: 61–75 CPU-s with it, 42–50 without) and two more copies of the data in its memory. The
 * pages need none of it: the rows are plain JSON already, and the cache keys
 * (lib/site/cache-keys.ts) digest the snapshot itself.
 */
import { COLLECTION_READS, type CollectionName } from './collection-reads.ts';
import { snapshotRows } from './snapshot.ts';

/** A collection's row, as its read returns it (parsed with the collection's schema). */
export type RowOf<N extends CollectionName> = Awaited<ReturnType<(typeof COLLECTION_READS)[N]['read']>>[number];

export interface CollectionEntry<N extends CollectionName> {
  id: string;
  collection: N;
  data: RowOf<N>;
}

interface Indexed {
  entries: CollectionEntry<CollectionName>[];
  byId: Map<string, CollectionEntry<CollectionName>>;
}

/**
 * The entries of each rows array, made once: every page gets the same entry objects, which the
 * cache keys digest once per build (by object) and no page changes.
 */
const indexed = new WeakMap<object[], Indexed>();

async function entriesOf(name: CollectionName): Promise<Indexed> {
  const { rows } = await snapshotRows(name);
  let index = indexed.get(rows);
  if (!index) {
    const idOf = COLLECTION_READS[name].idOf as (row: object) => string;
    const entries = rows.map((row) => ({ id: idOf(row), collection: name, data: row }) as CollectionEntry<CollectionName>);
    index = { entries, byId: new Map(entries.map((entry) => [entry.id, entry])) };
    indexed.set(rows, index);
  }
  return index;
}

/** Every entry of a collection, in the order of its read: a new array, which the caller may sort. */
export async function getCollection<N extends CollectionName>(name: N): Promise<CollectionEntry<N>[]> {
  return [...(await entriesOf(name)).entries] as CollectionEntry<N>[];
}

/** One entry of a collection by its id, or undefined. */
export async function getEntry<N extends CollectionName>(name: N, id: string): Promise<CollectionEntry<N> | undefined> {
  return (await entriesOf(name)).byId.get(id) as CollectionEntry<N> | undefined;
}
