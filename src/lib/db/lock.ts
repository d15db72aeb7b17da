/**
 * One process at a time per PGlite data folder: two processes on one folder corrupt it.
 * The lock is a file holding the owner's pid; a lock whose process is gone is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'gongshi.lock';

interface LockInfo {
  pid: number;
  command: string;
  since: string;
}

export class DataDirBusyError extends Error {
  constructor(dataDir: string, owner: LockInfo) {
    super(
      `The data folder ${dataDir} is in use by process ${owner.pid} (${owner.command}, since ${owner.since}). ` +
        `PGlite allows one process per folder: stop that process first, or point GONGSHI_DATA_DIR at another folder.`,
    );
    this.name = 'DataDirBusyError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
}

/** Takes the folder's lock for this process; returns the function that releases it. */
export function lockDataDir(dataDir: string, command = process.argv.slice(1).join(' ')): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      const release = () => {
        if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLock(file);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) throw new DataDirBusyError(dataDir, owner);
      // Stale (its process died) or unreadable: take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
