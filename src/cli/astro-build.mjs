// @ts-check
/**
 * The page-rendering step of a site build, run as its own process by buildSite(): its pages read
 * the snapshot the load step wrote (GONGSHI_SNAPSHOT_DIR, lib/site/collections.ts) and never open
 * the database, so PGlite's memory stays out of it. Plain JavaScript on purpose: no TypeScript
 * loader in this process, whose memory is the build's budget. Prints its measurements as JSON
 * last: CPU time, peak memory, the paths generated and how many Astro's incremental build kept
 * from the last one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: astro-build.mjs <outDir>');
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';

/** Astro's cache (astro.config: cacheDir): the last build's pages and their keys. */
const cacheDir = process.env['GONGSHI_BUILD_CACHE_DIR'] || 'node_modules/.astro';
/** Astro's record of the last incremental build: each route's code hash and each path's cache key. */
const manifestFile = path.join(cacheDir, 'incremental-build.json');
/** @typedef {{ routes: Record<string, { dependencyHash: string, paths: Record<string, { cacheKey: string }> }> }} Manifest */
/** @returns {Manifest | undefined} */
function readManifest() {
  try {
    /** @type {unknown} */
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    return /** @type {Manifest} */ (manifest);
  } catch {
    return undefined;
  }
}

/**
 * Astro restores a kept page by copying it from its cache into the new build, and saves a page it
 * renders by writing it twice, into the build and into its cache. Builds and the cache's copies
 * are never rewritten in place once written, so a hard link serves as well as a copy at a fraction
 * of the cost (a kept page is most of a build; a cold build writes hundreds of megabytes). To keep
 * that true, a page Astro re-renders replaces its cache copy with a new file (here, a link to the
 * build's copy it has just written) instead of overwriting the one a published build may share.
 *
 * The cache keeps its pages in one flat folder (cacheDir/pages/, each named by its path in the
 * site) instead of the site's tree of a folder per page: creating a folder costs the file system
 * a new inode, ~20,000 of them per cold build, and on an ext4 where builds keep deleting their
 * predecessors each new inode costs ~0.2 ms of kernel time (measured here: 9,000 folders, 1.8 s).
 *
 * These writes are synchronous: each asynchronous one is several round trips through libuv's
 * thread pool (open, write, close), and for ~20,000 small pages those hand-offs cost more system
 * time than the writing (a million futex calls). Nothing else runs in this process meanwhile.
 */
const cachedPages = path.resolve(cacheDir, 'dist') + path.sep;
const flatPages = path.resolve(cacheDir, 'pages');
const builtPages = path.resolve(outDir) + path.sep;
// The tree layout of earlier builds: its pages are rendered again once, into the flat folder.
fs.rmSync(cachedPages, { recursive: true, force: true });
fs.mkdirSync(flatPages, { recursive: true });
/** @param {unknown} file a file's absolute path, when it is given as a path or a file URL, else '' */
const localPath = (file) => (file instanceof URL ? fileURLToPath(file) : typeof file === 'string' ? path.resolve(file) : '');
/** @param {unknown} file the path of a page in the build or in its cache, else '' */
const pageFile = (file) => {
  const name = localPath(file);
  return name.startsWith(cachedPages) || name.startsWith(builtPages) ? name : '';
};
/**
 * A cached page's file in the flat folder: its site path, percent-encoded (so '/' cannot clash),
 * or, past a file name's 255 bytes, "%%" and its digest (encodeURIComponent never writes "%%").
 * @param {string} name a path under cachedPages
 */
const flatFile = (name) => {
  const encoded = encodeURIComponent(path.relative(cachedPages, name).split(path.sep).join('/'));
  return path.join(flatPages, encoded.length <= 240 ? encoded : `%%${createHash('sha256').update(encoded).digest('hex')}`);
};
const { copyFile, writeFile, mkdir, rm } = fs.promises;
const { existsSync } = fs;
fs.promises.copyFile = async (from, to, mode) => {
  const [source, target] = [pageFile(from), pageFile(to)];
  if (source.startsWith(cachedPages) && target) fs.linkSync(flatFile(source), target);
  else await copyFile(from, to, mode);
};
fs.promises.mkdir = /** @type {typeof mkdir} */ (async (/** @type {fs.PathLike} */ dir, /** @type {fs.MakeDirectoryOptions | undefined} */ options) => {
  const name = pageFile(dir);
  if (name.startsWith(cachedPages)) return undefined;
  return name ? fs.mkdirSync(name, options) : mkdir(dir, options);
});
fs.promises.rm = async (file, options) => {
  const name = pageFile(file);
  return name.startsWith(cachedPages) ? fs.rmSync(flatFile(name), { force: true }) : rm(file, options);
};
fs.promises.writeFile = async (file, data, options) => {
  const name = pageFile(file);
  if (!name || options !== undefined || !(typeof data === 'string' || ArrayBuffer.isView(data))) return writeFile(file, data, options);
  if (name.startsWith(builtPages)) return fs.writeFileSync(name, data);
  const cached = flatFile(name);
  const built = builtPages + path.relative(cachedPages, name);
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (fs.statSync(built, { throwIfNoEntry: false })?.size !== size) {
    fs.rmSync(cached, { force: true });
    return fs.writeFileSync(cached, data);
  }
  // Linked first, replaced only when a copy is there: a cold build has none, and a removal that
  // looks for one first costs a failed lstat a page (0.4 s of a cold build of the demo city).
  try {
    fs.linkSync(built, cached);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    fs.unlinkSync(cached);
    fs.linkSync(built, cached);
  }
};

/**
 * Before it writes a page, Astro asks whether public/ holds a file of the same path (a failed
 * stat a page, 0.35 s of a cold build): answered from one listing of public/, which nothing
 * writes to while the site builds.
 */
const publicDir = path.resolve('public') + path.sep;
const publicFiles = new Set(
  /** @type {string[]} */ (fs.readdirSync(publicDir, { recursive: true })).map((file) => path.join(publicDir, file)),
);
fs.existsSync = (file) => {
  const name = localPath(file);
  if (name.startsWith(cachedPages)) return existsSync(flatFile(name));
  return name.startsWith(publicDir) ? publicFiles.has(name) : existsSync(file);
};

/**
 * Astro hashes every inline script and style of every page for its content security policy
 * through WebCrypto, whose asynchronous digest hands each one to the thread pool: the same SHA
 * digests computed synchronously cost a tenth (0.5 s of a cold build of the demo city).
 */
const SYNC_DIGESTS = /** @type {Record<string, string>} */ ({ 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' });
const asyncDigest = crypto.subtle.digest.bind(crypto.subtle);
/** @param {AlgorithmIdentifier} algorithm @param {BufferSource} data */
crypto.subtle.digest = async (algorithm, data) => {
  const name = SYNC_DIGESTS[(typeof algorithm === 'string' ? algorithm : algorithm.name).toUpperCase()];
  if (!name) return asyncDigest(algorithm, data);
  const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  const digest = createHash(name).update(bytes).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength);
};

// The site has no content collections (lib/site/collections.ts): a data store that builds of
// earlier versions left in the cache (24 MB for the demo city) would only be loaded for nothing.
fs.rmSync(path.join(cacheDir, 'data-store.json'), { force: true });

const before = readManifest();
const { build } = await import('astro');
// The log level is part of the code Astro hashes to keep pages: it stays the same for every build.
await build({ root: process.cwd(), outDir, logLevel: 'warn' });
const after = readManifest();
let pages = 0;
let reused = 0;
// Astro renders every page of a route whose code (its modules' hash) changed: said in the log, so
// that a build which renders far more than its data changed shows why.
/** @type {string[]} */
const recoded = [];
for (const [component, route] of Object.entries(after?.routes ?? {})) {
  const previous = before?.routes[component];
  const sameCode = previous?.dependencyHash === route.dependencyHash;
  if (previous && !sameCode) recoded.push(component);
  for (const [pathname, entry] of Object.entries(route.paths)) {
    pages++;
    if (sameCode && previous?.paths[pathname]?.cacheKey === entry.cacheKey) reused++;
  }
}
if (recoded.length > 0) console.log(`The code of ${recoded.length} route(s) changed since the last build, so all their pages render again: ${recoded.join(', ')}.`);
const usage = process.resourceUsage();
console.log(JSON.stringify({ pages, reused, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssBytes: usage.maxRSS * 1024 }));
