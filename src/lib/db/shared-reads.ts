/**
 * A read that several of a build's collections make alike (every target, behind the target
 * pages, the units' lists and the open data): the queries mark it with sharedRead(), and whoever
 * runs their transactions may offer a ReadSharer for them, so that the first collection runs
 * the read and the others take its rows. Without a sharer (a dev server, the API, a test) the
 * read simply runs.
 */
import type { Queryable } from './types.ts';

export interface ReadSharer {
  share<T>(tx: Queryable, name: string, read: (tx: Queryable) => Promise<T>): Promise<T>;
}

const sharers = new WeakMap<Queryable, ReadSharer>();

/** Offers sharer to the reads that run in tx, until the returned function is called. */
export function offerSharedReads(tx: Queryable, sharer: ReadSharer): () => void {
  sharers.set(tx, sharer);
  return () => sharers.delete(tx);
}

/** read(tx), or the rows another collection's transaction got from it, when one is on offer. */
export function sharedRead<T>(tx: Queryable, name: string, read: (tx: Queryable) => Promise<T>): Promise<T> {
  const sharer = sharers.get(tx);
  return sharer ? sharer.share(tx, name, read) : read(tx);
}
