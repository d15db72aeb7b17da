/**
 * Staff commands beside a running portal on PGlite: the process that holds the data folder serves
 * it on a private socket (src/lib/db/staff-socket.ts); the real CLI works through it with the
 * same role as on its own, a staff transaction never interleaves with the portal's work or with
 * another staff connection, and a committed change is announced (npm start republishes on it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/config.ts';
import { LOCK_FILE, readLock } from '../../src/lib/db/lock.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openDb } from '../../src/lib/db/open.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { staffSocketPath } from '../../src/lib/db/staff-socket.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-socket-'));
const dataDir = path.join(dir, 'data');
const env = { ...process.env, GONGSHI_DATA_DIR: dataDir, DATABASE_URL: '', USER: 'tester' };

function gongshi(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root, encoding: 'utf8', env,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

let holder: ChildProcess;
let output = '';
const lines = (word: string) => output.split('\n').filter((l) => l.startsWith(word)).length;
async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out; the portal printed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let opinionIds: number[] = [];
let directUser = '';

beforeAll(async () => {
  const db = await openPglite(dataDir);
  await migrate(db);
  await db.exec(`create table public.scratch (n int);
    insert into public.assessment_years (year) values (2026);
    insert into public.units (code, name, kind, sector) values ('M001', '市水务局', 'municipal_unit', 'urban');
    insert into public.hall_topics (slug, unit_id, title, description, opens_at)
      select 'water-price', id, '水价', '水价调整的意见', now() - interval '1 day' from public.units;`);
  opinionIds = (await db.query<{ id: number }>(
    `insert into public.hall_opinions (topic_id, body) select id, b from public.hall_topics, unnest(array['意见一号', '意见二号']) b returning id::int`,
  )).map((r) => r.id);
  directUser = (await db.query<{ u: string }>(`select current_user as u`))[0]!.u;
  await db.close();
  holder = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/cli/fixtures/hold-portal.ts')], {
    cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'],
  });
  holder.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  await until(() => output.includes('ready'), 60_000);
});

afterAll(async () => {
  if (holder.exitCode === null) {
    holder.kill('SIGTERM');
    await new Promise((resolve) => holder.once('exit', resolve));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('staff commands beside a running portal (PGlite)', () => {
  it('the lock advertises a private socket inside the data folder', () => {
    const socket = staffSocketPath(dataDir);
    expect(readLock(path.join(dataDir, LOCK_FILE))?.socket).toBe(socket);
    expect(fs.statSync(socket).isSocket()).toBe(true);
    expect(fs.statSync(socket).mode & 0o777).toBe(0o600);
  });

  it('a read-only command works through it and announces nothing', () => {
    const listed = gongshi('opinions', 'list');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain('意见一号');
    expect(lines('changed')).toBe(0);
  });

  it('a committing command works through it and announces its change once', async () => {
    const published = gongshi('opinions', 'publish', String(opinionIds[0]));
    expect(published.code, published.err).toBe(0);
    await until(() => lines('changed') === 1);
    expect(gongshi('opinions', 'list', '--status', 'published').out).toContain('意见一号');
    // Refused, rolled back: the same clear message as without a portal, and nothing announced.
    const again = gongshi('opinions', 'publish', String(opinionIds[0]));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/No pending opinion with id \d+\. Nothing was changed\./);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines('changed')).toBe(1);
  });

  it('connects as the same database user as a command on its own', async () => {
    const db = await openDb(readConfig(env));
    try {
      expect(db.location).toMatch(/staff socket/);
      const [row] = await db.query<{ u: string }>(`select current_user as u`);
      expect(row!.u).toBe(directUser);
      // The service role the commands take (asRole) is available as before.
      const [role] = await db.asRole('service_role', (tx) => tx.query<{ r: string }>(`select current_user as r`));
      expect(role!.r).toBe('service_role');
    } finally {
      await db.close();
    }
  });

  it("no statement of the portal runs inside a staff transaction, nor another client's", async () => {
    const a = await openDb(readConfig(env));
    const b = await openDb(readConfig(env));
    try {
      // Held open for a while with uncommitted rows, then rolled back: the portal's reader loop
      // runs all along and must never see them.
      const held = a
        .transaction(async (tx) => {
          await tx.query(`insert into public.scratch values ($1), ($2)`, [1, 2]);
          await new Promise((resolve) => setTimeout(resolve, 600));
          throw new Error('roll back');
        })
        .catch((error: Error) => error.message);
      // Meanwhile another client's parameterised statements (extended protocol) wait their turn.
      const other = Promise.all(
        Array.from({ length: 40 }, (_, i) => b.query<{ v: number }>(`select $1::int * 2 as v, (select count(*)::int from public.scratch) as seen`, [i])),
      );
      expect(await held).toBe('roll back');
      const rows = (await other).map((r) => r[0]!);
      expect(rows.map((r) => r.v)).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
      expect(rows.every((r) => (r as unknown as { seen: number }).seen === 0)).toBe(true);
      expect(output).not.toMatch(/LEAK/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('large statements that arrive in several pieces, from clients at once, each run whole', async () => {
    const clients = await Promise.all([0, 1, 2].map(() => openDb(readConfig(env))));
    try {
      const sizes = [3_000_000, 1_500_000, 700_000];
      const lengths = await Promise.all(
        clients.map(async (db, k) => {
          const rows = await db.transaction((tx) => tx.query<{ n: number }>(`select length($1::text) as n`, ['汉'.repeat(sizes[k]!)]));
          return rows[0]!.n;
        }),
      );
      expect(lengths).toEqual(sizes);
    } finally {
      await Promise.all(clients.map((db) => db.close()));
    }
  });

  it('a client that dies inside a transaction is rolled back and the portal goes on', async () => {
    const script = `import { openDb } from ${JSON.stringify(path.join(root, 'src/lib/db/open.ts'))};
      const db = await openDb();
      await db.transaction(async (tx) => { await tx.query('insert into public.scratch values (9)'); console.log('inside'); await new Promise(() => {}); });`;
    const file = path.join(dir, 'die.mts');
    fs.writeFileSync(file, script);
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (said += t));
    const end = Date.now() + 20_000;
    while (!said.includes('inside') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(said).toContain('inside');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const listed = gongshi('opinions', 'list', '--status', 'all');
    expect(listed.code, listed.err).toBe(0);
    expect(output).not.toMatch(/LEAK/);
  });

  it('without a portal serving staff, a command still refuses while the folder is held', () => {
    const other = path.join(dir, 'other');
    fs.mkdirSync(other, { recursive: true });
    fs.writeFileSync(path.join(other, LOCK_FILE), JSON.stringify({ pid: process.pid, command: 'npm run build', since: new Date().toISOString() }));
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'opinions', 'list'], {
      cwd: root, encoding: 'utf8', env: { ...env, GONGSHI_DATA_DIR: other },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/in use by process/);
  });

  it('the socket is removed when the portal stops', async () => {
    holder.kill('SIGTERM');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(output).toMatch(/reads \d+/);
    expect(fs.existsSync(staffSocketPath(dataDir))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    // And the folder is the CLI's own again.
    const listed = gongshi('opinions', 'list', '--status', 'published');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toContain('意见一号');
  });
});
