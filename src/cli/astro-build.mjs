// @ts-check
/**
 * The page-rendering step of a site build, run as its own process by buildSite(): its content
 * loaders load the snapshot the load step wrote (GONGSHI_SNAPSHOT_DIR) and never open the database, so
 * PGlite's memory stays out of it. Plain JavaScript on purpose: no TypeScript loader in this
 * process, whose memory is the build's budget. Prints its measurements as JSON last: CPU time,
 * peak memory, the paths generated and how many Astro's incremental build kept from the last one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: astro-build.mjs <outDir>');
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';

/** Astro's record of the last incremental build: each route's code hash and each path's cache key. */
const manifestFile = path.join(process.env['GONGSHI_BUILD_CACHE_DIR'] ?? 'node_modules/.astro', 'incremental-build.json');
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
 * Astro restores a kept page by copying it from its cache into the new build. Builds and the
 * cache's copies are never rewritten in place once written, so a hard link serves as well as a
 * copy at a fraction of the cost (a kept page is most of a build). To keep that true, a page
 * Astro re-renders replaces its cache copy with a new file instead of overwriting the one a
 * published build may share.
 */
const cachedPages = path.resolve(process.env['GONGSHI_BUILD_CACHE_DIR'] ?? 'node_modules/.astro', 'dist') + path.sep;
/** @param {unknown} file */
const inCache = (file) => {
  const name = file instanceof URL ? fileURLToPath(file) : typeof file === 'string' ? path.resolve(file) : '';
  return name.startsWith(cachedPages);
};
const { copyFile, writeFile } = fs.promises;
fs.promises.copyFile = (from, to, mode) => (inCache(from) ? fs.promises.link(from, to) : copyFile(from, to, mode));
fs.promises.writeFile = async (file, data, options) => {
  if (inCache(file)) await fs.promises.rm(/** @type {string | URL} */ (file), { force: true });
  return writeFile(file, data, options);
};

const before = readManifest();
const { build } = await import('astro');
// The log level is part of the code Astro hashes to keep pages: it stays the same for every build.
await build({ root: process.cwd(), outDir, logLevel: 'warn' });
const after = readManifest();
let pages = 0;
let reused = 0;
for (const [component, route] of Object.entries(after?.routes ?? {})) {
  const previous = before?.routes[component];
  for (const [pathname, entry] of Object.entries(route.paths)) {
    pages++;
    if (previous?.dependencyHash === route.dependencyHash && previous.paths[pathname]?.cacheKey === entry.cacheKey) reused++;
  }
}
const usage = process.resourceUsage();
console.log(JSON.stringify({ pages, reused, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssBytes: usage.maxRSS * 1024 }));
