/**
 * The embedded database's folder holds every personal record and the gateway's keys: it is the
 * owner's alone. New files are created 0600 (umask 077 for this process) and an existing folder
 * made with looser modes, e.g. by an older version, is repaired (folders 0700, files 0600).
 */
import fs from 'node:fs';
import path from 'node:path';

export function makePrivateFolder(dir: string): void {
  process.umask(0o077);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  repair(dir);
}

function repair(dir: string): void {
  fs.chmodSync(dir, 0o700);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) repair(file);
    else if (entry.isFile()) fs.chmodSync(file, 0o600);
  }
}
