/**
 * One process at a time per PGlite data folder: two processes on one folder corrupt it.
 * The lock is a file holding the owner's pid; a lock whose process is gone is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'gongshi.lock';

export interface LockInfo {
  pid: number;
  command: string;
  since: string;
  /** The owner serves the database to staff commands on this Unix socket (staff-socket.ts). */
  socket?: string;
}

export class DataDirBusyError extends Error {
  readonly owner: LockInfo;

  constructor(dataDir: string, owner: LockInfo) {
    super(
      `The data folder ${dataDir} is in use by process ${owner.pid} (${owner.command}, since ${owner.since}). ` +
        `PGlite allows one process per folder: stop that process first, or point GONGSHI_DATA_DIR at another folder.`,
    );
    this.name = 'DataDirBusyError';
    this.owner = owner;
  }
}

/** Whether the process `pid` is alive (EPERM: alive, another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(file: string): LockInfo | undefined {
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

/** The folder's lock owner, if a live process holds it. */
export function lockOwner(dataDir: string): LockInfo | undefined {
  const owner = readLock(path.join(dataDir, LOCK_FILE));
  return owner && isAlive(owner.pid) ? owner : undefined;
}

/** Records in this process's lock that it serves the database on `socket` (or no longer does). */
export function advertiseSocket(dataDir: string, socket: string | undefined): void {
  const file = path.join(dataDir, LOCK_FILE);
  const mine = readLock(file);
  if (mine?.pid !== process.pid) return;
  const next: LockInfo = { pid: mine.pid, command: mine.command, since: mine.since, ...(socket ? { socket } : {}) };
  // Written beside and renamed over, so a reader never sees half a lock.
  const temp = `${file}.${process.pid}`;
  fs.writeFileSync(temp, JSON.stringify(next));
  fs.renameSync(temp, file);
}
