/** The embedded database's folder is the owner's alone (issue 19): made 0700, repaired if looser. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePrivateFolder } from '../../src/lib/db/private-folder.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-private-'));
const umask = process.umask();
afterAll(() => {
  process.umask(umask);
  fs.rmSync(root, { recursive: true, force: true });
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('makePrivateFolder', () => {
  it('creates the folder 0700, and files created afterwards are 0600', () => {
    const dir = path.join(root, 'new', 'data');
    makePrivateFolder(dir);
    expect(mode(dir)).toBe(0o700);
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17');
    expect(mode(path.join(dir, 'PG_VERSION'))).toBe(0o600);
  });

  it('repairs a world-readable folder made by an older version, to its deepest file', () => {
    process.umask(0o022);
    const dir = path.join(root, 'old');
    fs.mkdirSync(path.join(dir, 'base', '1'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'base', '1', '1259'), 'heap', { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'gateway-keys.json'), '{}', { mode: 0o644 });
    makePrivateFolder(dir);
    for (const folder of [dir, path.join(dir, 'base'), path.join(dir, 'base', '1')]) expect(mode(folder)).toBe(0o700);
    expect(mode(path.join(dir, 'base', '1', '1259'))).toBe(0o600);
    expect(mode(path.join(dir, 'gateway-keys.json'))).toBe(0o600);
  });
});
