/**
 * `npm run check`: astro check, svelte-check and typed ESLint, all with zero warnings.
 * astro check runs the content loaders, so it gets a migrated database of its own
 * (.data-check/) unless DATABASE_URL names one.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../lib/db/open.ts';
import { migrate } from '../lib/db/migrate.ts';
import { ROOT } from '../lib/site/build-site.ts';

if (!process.env['DATABASE_URL']) process.env['GONGSHI_DATA_DIR'] = path.join(ROOT, '.data-check');
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const db = await openDb();
try {
  await migrate(db);
} finally {
  await db.close();
}

const bin = (name: string) => path.join(ROOT, 'node_modules/.bin', name);
const hasSvelte = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }).some((f) => String(f).endsWith('.svelte'));
const steps: [string, string[]][] = [
  [bin('astro'), ['check', '--minimumSeverity', 'warning']],
  // svelte-check warns when a project has no .svelte file at all; there is nothing to check then.
  ...(hasSvelte ? [[bin('svelte-check'), ['--fail-on-warnings', '--threshold', 'warning']] as [string, string[]]] : []),
  [bin('eslint'), ['--max-warnings', '0', '.']],
];
if (!hasSvelte) console.log('No .svelte files in src/: svelte-check has nothing to check.');
for (const [command, args] of steps) {
  console.log(`\n$ ${path.basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`${path.basename(command)} failed.`);
    process.exit(result.status ?? 1);
  }
}
