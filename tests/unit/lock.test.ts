import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirBusyError, LOCK_FILE, lockDataDir } from '../../src/lib/db/lock.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('is taken, recorded with the pid and released', () => {
    const dir = tempDir();
    const release = lockDataDir(dir, 'test');
    const info = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; command: string };
    expect(info).toMatchObject({ pid: process.pid, command: 'test' });
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while another live process holds the folder, naming it', () => {
    const dir = tempDir();
    const holder = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, command: 'npm start', since: '2026-11-30T00:00:00Z' }));
      expect(() => lockDataDir(dir)).toThrow(DataDirBusyError);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by process ${holder.pid} \\(npm start`));
      // Nothing was taken over.
      expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: holder.pid });
    } finally {
      holder.kill();
    }
  });

  it('takes over the lock of a process that died', () => {
    const dir = tempDir();
    const gone = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone), command: 'npm start', since: '2026-11-30T00:00:00Z' }));
    const release = lockDataDir(dir, 'test');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });
});
