/**
 * The search-index step of a site build, run as its own process by buildSite(): Pagefind's index
 * of the pages marked for search (data-pagefind-body), one per language from each page's lang.
 * Prints its measurements as JSON last.
 */
import { buildSearchIndex } from '../lib/site/search-index.ts';
import { childrenEnded, processMeasurements } from '../lib/site/measure.ts';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: build-index.ts <outDir>');
const indexed = await buildSearchIndex(outDir);
// Pagefind's indexer is a child process that close() stops: its CPU time counts once it is reaped.
await childrenEnded();
console.log(JSON.stringify({ ...indexed, ...processMeasurements() }));
