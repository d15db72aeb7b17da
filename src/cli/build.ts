/**
 * `npm run build`: migrate, seed the demo city if the embedded database is empty, then build the
 * site into a fresh folder and switch dist/ to it (lib/site/publish.ts). This process never opens
 * the database: the build's loading step does (beside a running `npm start` on PGlite, through
 * the portal's staff socket).
 * GONGSHI_BUILD_REPORT=<file.json> writes what the build measured: pages, pages kept, and each
 * step's seconds, CPU seconds and peak memory.
 */
import { DataDirBusyError } from '../lib/db/lock.ts';
import fs from 'node:fs';
import path from 'node:path';
import { DIST_DIR } from '../lib/site/build-site.ts';
import { publishSite } from '../lib/site/publish.ts';

try {
  const result = await publishSite();
  console.log(
    `Site built in ${result.seconds.toFixed(1)}s into ${path.relative(process.cwd(), DIST_DIR) || '.'}: ` +
      `${result.pages} pages, ${result.reused} kept from the last build.`,
  );
  const report = process.env['GONGSHI_BUILD_REPORT']?.trim();
  if (report) fs.writeFileSync(report, JSON.stringify({ pages: result.pages, reused: result.reused, phases: result.phases }, null, 2));
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exitCode = 1;
}
