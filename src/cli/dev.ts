/** `npm run dev`: prepare the database, then run Astro's dev server (which reads the database itself). */
import { spawn } from 'node:child_process';
import { openDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import { prepareDatabase, ROOT } from '../lib/site/build-site.ts';

try {
  const db = await openDb();
  try {
    await prepareDatabase(db, (line) => console.log(line));
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exit(1);
}
const child = spawn(process.execPath, [`${ROOT}/node_modules/astro/bin/astro.mjs`, 'dev', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
child.on('exit', (code) => process.exit(code ?? 0));
