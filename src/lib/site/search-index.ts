/**
 * The site's search index (Pagefind), in parts: each page marked for search (data-pagefind-body)
 * belongs to a shard — a year's target pages to `targets-<year>` (its data-search-shard), every
 * other page to `site` — and each shard is its own Pagefind bundle in /pagefind/<shard>/. The
 * search page loads `site` and merges the others (/pagefind/shards.json lists them).
 *
 * Indexing is the costliest step of a build after rendering (about 2 CPU-ms a page), and most
 * changes touch one shard: a shard whose pages are byte-identical to a previous build's is copied
 * from the cache (GONGSHI_BUILD_CACHE_DIR/search/, as hard links: Pagefind writes new files and
 * never rewrites one) instead of being indexed again. Pagefind's output is a function of its
 * input, so a kept shard is the same bytes a fresh index would be.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { linkTree } from './build-inputs.ts';

/** The shard every page without its own belongs to; its bundle is the one the search page loads. */
export const PRIMARY_SHARD = 'site';
/** The folder of the search index in a built site. */
export const SEARCH_FOLDER = 'pagefind';

const INDEXED_MAIN = /<main\b[^>]*\bdata-pagefind-body\b[^>]*>/;
const SHARD_NAME = /\bdata-search-shard="([a-z0-9-]+)"/;

export interface SearchIndexResult {
  indexedPages: number;
  shards: number;
  /** Shards copied from an earlier build's index because their pages were unchanged. */
  reusedShards: number;
}

/** A page marked for search: its path relative to the site, and a digest of its bytes. */
interface SearchPage {
  file: string;
  digest: string;
}

/** Every page of the site marked for search, by shard (sorted by path), each file read once. */
function pagesByShard(outDir: string): Map<string, SearchPage[]> {
  const shards = new Map<string, SearchPage[]>();
  const files = (fs.readdirSync(outDir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.html') && !file.startsWith(`${SEARCH_FOLDER}${path.sep}`))
    .sort();
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(outDir, file));
    // The <main> tag is ASCII: only it is decoded, not the page.
    const start = bytes.indexOf('<main');
    const main = start < 0 ? undefined : INDEXED_MAIN.exec(bytes.toString('latin1', start, bytes.indexOf('>', start) + 1))?.[0];
    if (!main) continue;
    const shard = SHARD_NAME.exec(main)?.[1] ?? PRIMARY_SHARD;
    const pages = shards.get(shard) ?? [];
    pages.push({ file, digest: createHash('sha256').update(bytes).digest('base64url') });
    shards.set(shard, pages);
  }
  return shards;
}

/** A shard's identity: Pagefind's version and every page's path and bytes. */
function shardDigest(pages: SearchPage[], version: string): string {
  const hash = createHash('sha256').update(`pagefind ${version}\n`);
  for (const page of pages) hash.update(`${page.file}\0${page.digest}\n`);
  return hash.digest('base64url');
}

/** A glob matching exactly one path: each of the metacharacters of Pagefind's globs (wax) is escaped. */
const literalGlob = (file: string) => file.split(path.sep).join('/').replace(/[?*$:<>()[\]{},]/g, '\\$&');

/**
 * Indexes a shard's pages. Pagefind reads them itself, from the site's folder, through a glob that
 * names each of them (its addDirectory): sending each page through its stdin (addHTMLFile) cost
 * twice the time, and a folder of links to the shard's pages a folder per page, which costs more
 * kernel time than the indexing saves. The index is the same pages with the same fragments (in
 * Pagefind's own, stable, order).
 */
async function indexShard(outDir: string, files: string[], into: string): Promise<void> {
  const pagefind = await import('pagefind');
  // One fragment file a page, Pagefind's default. Bundled by four (maxFragments 250) they saved under
  // a CPU-second a build, but a phone loaded 62 KB of fragments for a search's first 20 results
  // instead of ~17 KB.
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  if (files.length > 0) {
    const added = await index.addDirectory({ path: outDir, glob: `{${files.map(literalGlob).join(',')}}` });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the ${files.length} pages: ${added.errors.join('; ')}`);
    if (added.page_count !== files.length) throw new Error(`Pagefind indexed ${added.page_count} of the ${files.length} pages.`);
  }
  const written = await index.writeFiles({ outputPath: into });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  await index.deleteIndex();
}

/**
 * Builds /pagefind/ of the site in outDir: every shard, from the cache when its pages are
 * unchanged. Without a cache folder every shard is indexed.
 */
export async function buildSearchIndex(outDir: string, cacheDir = process.env['GONGSHI_BUILD_CACHE_DIR']): Promise<SearchIndexResult> {
  const version = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../../node_modules/pagefind/package.json'), 'utf8')) as { version: string }).version;
  const shards = pagesByShard(outDir);
  if (!shards.has(PRIMARY_SHARD)) shards.set(PRIMARY_SHARD, []);
  const searchDir = path.join(outDir, SEARCH_FOLDER);
  const cache = cacheDir ? path.join(cacheDir, 'search') : undefined;
  let reusedShards = 0;
  let indexedPages = 0;
  for (const [shard, pages] of [...shards].sort(([a], [b]) => a.localeCompare(b))) {
    indexedPages += pages.length;
    const into = path.join(searchDir, shard);
    const cached = cache && path.join(cache, `${shard}-${shardDigest(pages, version)}`);
    if (cached && fs.existsSync(cached)) {
      linkTree(cached, into);
      reusedShards++;
      continue;
    }
    await indexShard(outDir, pages.map((page) => page.file), into);
    if (cache && cached) {
      // One cached copy per shard: the newest, which the next build compares against.
      fs.mkdirSync(cache, { recursive: true });
      for (const old of fs.readdirSync(cache)) if (old.startsWith(`${shard}-`)) fs.rmSync(path.join(cache, old), { recursive: true, force: true });
      linkTree(into, cached);
    }
  }
  const merged = [...shards.keys()].filter((s) => s !== PRIMARY_SHARD).sort();
  fs.writeFileSync(path.join(searchDir, 'shards.json'), `${JSON.stringify({ primary: PRIMARY_SHARD, merge: merged })}\n`);
  const pagefind = await import('pagefind');
  await pagefind.close();
  return { indexedPages, shards: shards.size, reusedShards };
}
