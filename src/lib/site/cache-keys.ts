/**
 * Incremental builds (astro.config: experimental.incrementalBuild): Astro keeps a page from the
 * last build when its route's code is unchanged and getStaticPaths gives it the same `cacheKey`.
 * A page's key is therefore a digest of everything it shows: its params and props, every
 * collection it reads beyond them, and the build environment the islands bake in (where their
 * RPCs go), and for pages that compare dates with the clock, which of those moments have passed.
 * A page that read something it did not declare would be kept stale, so a route declares its
 * reads next to its getStaticPaths, and the default is everything.
 */
import { createHash } from 'node:crypto';
import { COLLECTION_NAMES, type CollectionName } from './collection-reads.ts';
import { getCollection } from './collections.ts';
import { snapshotRows } from './snapshot.ts';
import { BUILD_ENVIRONMENT } from './build-inputs.ts';
import { clockState } from './clock-state.ts';

/** A page's reads: collections, and `clock` for a page that compares dates with the build's clock. */
export type Read = CollectionName | 'clock';

/** Everything: the safe declaration for pages that read broadly (indexes, feeds). */
export const ALL_READS: readonly Read[] = [...COLLECTION_NAMES, 'clock'];

/** A collection's digest: of its snapshot's JSON (lib/site/snapshot.ts). */
const collectionDigest = async (name: CollectionName): Promise<string> => (await snapshotRows(name)).digest;

let clock: Promise<string> | undefined;

/** Which dated moments of the data the build's clock has passed (lib/site/clock-state.ts). */
function clockDigest(): Promise<string> {
  clock ??= Promise.all([getCollection('hearings'), getCollection('surveys'), getCollection('hallTopics')]).then(([hearings, surveys, hallTopics]) =>
    clockState({ hearings: hearings.map((e) => e.data), surveys: surveys.map((e) => e.data), hallTopics: hallTopics.map((e) => e.data) }),
  );
  return clock;
}

const jsonDigests = new WeakMap<object, string>();

/**
 * A digest of a value's JSON, computed once per object in a build: the routes and locales that
 * show a row share its object (lib/site/collections.ts), and hashing a target's props for each
 * of them was a second of a cold render.
 */
function jsonDigest(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  let digest = jsonDigests.get(value);
  if (digest === undefined) {
    digest = createHash('sha256').update(JSON.stringify(value)).digest('base64url');
    jsonDigests.set(value, digest);
  }
  return digest;
}

/**
 * A prop's digest. A list's, and a paginated page's (Astro's `page`), is made of its rows' digests:
 * a row shows in many lists (each facet's pages, in each locale), and hashing the whole JSON of
 * every list page hashed each of those rows a dozen times, 1–2 s of a cold render.
 */
function propDigest(value: unknown): string {
  if (Array.isArray(value)) return jsonDigest(value.map(jsonDigest));
  if (isPage(value)) return jsonDigest({ ...value, data: value.data.map(jsonDigest) });
  return jsonDigest(value);
}

const isPage = (value: unknown): value is { data: unknown[] } =>
  typeof value === 'object' && value !== null && 'currentPage' in value && 'data' in value && Array.isArray(value.data);

interface StaticPath {
  params: Record<string, string | number | undefined>;
  props?: unknown;
}

/**
 * getStaticPaths with a cacheKey on every path: a digest of the path's params and props, of the
 * collections in `reads` and of the build environment. Props are hashed as given, each by its
 * JSON, so they must be plain data that no page changes (they are: rows read from the database).
 */
export function keyed<P extends StaticPath, A extends unknown[]>(
  getPaths: (...args: A) => readonly P[] | Promise<readonly P[]>,
  reads: readonly Read[] = ALL_READS,
) {
  return async (...args: A): Promise<(P & { cacheKey: string })[]> => {
    const paths = await getPaths(...args);
    const shared = createHash('sha256');
    for (const name of BUILD_ENVIRONMENT) shared.update(`${name}=${process.env[name] ?? ''}\n`);
    for (const name of reads) shared.update(`${name}:${await (name === 'clock' ? clockDigest() : collectionDigest(name))}\n`);
    const common = shared.digest('base64url');
    return paths.map((path) => {
      const props = path.props && typeof path.props === 'object' ? Object.entries(path.props).map(([name, value]) => [name, propDigest(value)]) : path.props;
      return { ...path, cacheKey: createHash('sha256').update(common).update(JSON.stringify([path.params, props ?? null])).digest('base64url') };
    });
  };
}
