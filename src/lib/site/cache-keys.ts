/**
 * Incremental builds (astro.config: experimental.incrementalBuild): Astro keeps a page from the
 * last build when its route's code is unchanged and getStaticPaths gives it the same `cacheKey`.
 * A page's key is therefore a digest of everything it shows: its params and props, every
 * collection it reads beyond them, and the build environment the islands bake in (where their
 * RPCs go). A page that read a collection it did not declare would be kept stale, so a route
 * declares its reads next to its getStaticPaths, and the default is every collection.
 */
import { createHash } from 'node:crypto';
import { getCollection } from 'astro:content';
import { COLLECTION_NAMES, type CollectionName } from './collection-reads.ts';

/** Every collection: the safe declaration for pages that read broadly (indexes, feeds). */
export const ALL_COLLECTIONS: readonly CollectionName[] = COLLECTION_NAMES;

/** What pages bake in from the environment rather than from the data. */
const BUILD_ENVIRONMENT = ['SITE_URL', 'PUBLIC_SUPABASE_URL', 'PUBLIC_SUPABASE_ANON_KEY'] as const;

const digests = new Map<CollectionName, Promise<string>>();

/** A collection's digest: its entries' ids and digests (set by the loader from each row). */
export function collectionDigest(name: CollectionName): Promise<string> {
  let digest = digests.get(name);
  if (!digest) {
    digest = getCollection(name).then((entries) => {
      const hash = createHash('sha256');
      for (const entry of entries) hash.update(`${entry.id}\0${entry.digest ?? JSON.stringify(entry.data)}\n`);
      return hash.digest('base64url');
    });
    digests.set(name, digest);
  }
  return digest;
}

interface StaticPath {
  params: Record<string, string | number | undefined>;
  props?: unknown;
}

/**
 * getStaticPaths with a cacheKey on every path: a digest of the path's params and props, of the
 * collections in `reads` and of the build environment. Props are hashed as given, so they must
 * be plain data (they are: rows read from the database).
 */
export function keyed<P extends StaticPath, A extends unknown[]>(
  getPaths: (...args: A) => readonly P[] | Promise<readonly P[]>,
  reads: readonly CollectionName[] = ALL_COLLECTIONS,
) {
  return async (...args: A): Promise<(P & { cacheKey: string })[]> => {
    const paths = await getPaths(...args);
    const shared = createHash('sha256');
    for (const name of BUILD_ENVIRONMENT) shared.update(`${name}=${process.env[name] ?? ''}\n`);
    for (const name of reads) shared.update(`${name}:${await collectionDigest(name)}\n`);
    const common = shared.digest('base64url');
    return paths.map((path) => ({
      ...path,
      cacheKey: createHash('sha256').update(common).update(JSON.stringify([path.params, path.props ?? null])).digest('base64url'),
    }));
  };
}
