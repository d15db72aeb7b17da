/**
 * `npm run check`: astro check, svelte-check and typed ESLint, all with zero warnings.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/site/build-site.ts';

process.env['ASTRO_TELEMETRY_DISABLED'] = '1';

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
