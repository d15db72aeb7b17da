// @ts-check
/**
 * The page-rendering half of a site build, run as its own process by buildSite(): it reads the
 * snapshot the content loaders wrote (GONGSHI_SNAPSHOT=read) and never opens the database, so
 * PGlite's memory stays out of it. Plain JavaScript on purpose: no TypeScript loader in this
 * process, whose memory is the build's budget. Prints timing and peak memory as JSON last.
 */
const outDir = process.argv[2];
if (!outDir) throw new Error('usage: astro-build.mjs <outDir>');
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const { build } = await import('astro');
const started = Date.now();
await build({ root: process.cwd(), outDir, logLevel: 'warn' });
console.log(JSON.stringify({ seconds: (Date.now() - started) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
