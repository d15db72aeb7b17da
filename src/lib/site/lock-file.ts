/**
 * A lock between processes: a file created exclusively, holding its holder's pid. A lock whose
 * process is gone is taken over, so a crashed build never blocks the next one.
 */
import fs from 'node:fs';
import { isAlive } from '../db/lock.ts';

export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Runs fn while holding the lock file `lock`, waiting (and saying so once) while another process holds it. */
export async function withLockFile<T>(lock: string, what: string, fn: () => Promise<T>, log: (line: string) => void = console.log): Promise<T> {
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readText(lock) ?? 0);
      if (!holder || !isAlive(holder)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (!told) log(`Waiting for ${what} of process ${holder} to finish…`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const release = () => {
    if (readText(lock) === String(process.pid)) fs.rmSync(lock, { force: true });
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.off('exit', release);
    release();
  }
}
