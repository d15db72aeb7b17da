/**
 * The staff CLI in front of the hearing gate: impossible transitions fail with the database's clear
 * message and change nothing; a hearing opened, drawn and verified through the CLI verifies.
 * Runs the real command (`npm run gongshi -- …`) on an embedded database of its own.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { migrate } from '../../src/lib/db/migrate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-cli-'));
const dataDir = path.join(dir, 'data');

function gongshi(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, GONGSHI_DATA_DIR: dataDir, DATABASE_URL: '', USER: 'tester' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  const db = await openPglite(dataDir);
  await migrate(db);
  await db.exec(`insert into public.assessment_years (year) values (2026);
    insert into public.units (code, name, kind, sector) values ('M001', '市水务局', 'municipal_unit', 'urban')`);
  await db.close();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('decision and hearing commands', () => {
  it('create works; an impossible transition fails clearly and changes nothing', () => {
    const created = gongshi('decision', 'create', '--slug', 'water-2027', '--kind', 'price_adjustment', '--title', '水价调整',
      '--summary', '调整水价', '--unit', 'M001', '--requires-hearing');
    expect(created.code, created.err).toBe(0);
    const skip = gongshi('decision', 'advance', 'water-2027', '--to', 'submitted');
    expect(skip.code).toBe(1);
    expect(skip.err).toMatch(/cannot go from proposed to submitted/);
    const gate = gongshi('decision', 'advance', 'water-2027', '--to', 'cleared');
    expect(gate.code).toBe(1);
    expect(gate.err).toMatch(/requires a citizen-representative hearing/);
    const shown = gongshi('decision', 'show', 'water-2027');
    expect(shown.out).toMatch(/status proposed/);
    expect(shown.out.match(/tester/g)).toHaveLength(1); // only the creation is logged
  });

  it('bad input is refused before anything is written', () => {
    const bad = gongshi('decision', 'create', '--slug', 'x-1', '--kind', 'lottery', '--title', 't', '--summary', 's', '--unit', 'M001', '--no-hearing');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--kind must be one of/);
    expect(gongshi('decision', 'list').out).not.toMatch(/x-1/);
  });

  it('opens a hearing with a committed seed, draws it on close, and the draw verifies', async () => {
    const seedFile = path.join(dir, 'h.seed');
    // Sign-ups open now and end well after the CLI calls below (each a process start, slow on a
    // busy machine), and the hearing follows: each later step may only be taken once its time has come.
    const closesAt = Date.now() + 60_000;
    const heldAt = closesAt + 1000;
    const opened = gongshi('hearing', 'open', '--decision', 'water-2027', '--title', '水价听证会', '--summary', '听取意见', '--venue', '市民中心',
      '--held-at', new Date(heldAt).toISOString(), '--seats', '3', '--signup-opens', 'now', '--signup-closes', new Date(closesAt).toISOString(),
      '--quotas', 'expert=1', '--seed-file', seedFile);
    expect(opened.code, opened.err).toBe(0);
    const seed = fs.readFileSync(seedFile, 'utf8').trim();
    expect(opened.out).toContain(createHash('sha256').update(seed).digest('hex'));

    const db = await openPglite(dataDir);
    for (let i = 0; i < 6; i++) {
      await db.query(
        `insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, category, code_hash)
         values (1, $1, $2, $3, $3, $4, $5)`,
        [`ABCDEFG${i}`, `报名${i}`, `p${i}@example.invalid`, i < 2 ? 'expert' : 'affected_resident', createHash('sha256').update(`c${i}`).digest('hex')]);
    }
    await db.close();

    const early = gongshi('hearing', 'close', '1', '--reveal-seed', `@${seedFile}`);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/cannot be closed before then/);

    // Staff review the reserved-category claims before the draw: contacts masked; one expert confirmed.
    const claims = gongshi('signups', 'claims', '--hearing', '1');
    expect(claims.code, claims.err).toBe(0);
    expect(claims.out).toMatch(/ABCDEFG0\s+expert\s+To be reviewed/);
    expect(claims.out).toContain('p***@example.invalid');
    expect(claims.out).not.toContain('p0@example.invalid');
    const refused = gongshi('signups', 'review', '--hearing', '1', '--signup', 'ABCDEFG1', '--refuse');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/needs --reason/);
    const reviewed = gongshi('signups', 'review', '--hearing', '1', '--signup', 'ABCDEFG0', '--confirm');
    expect(reviewed.code, reviewed.err).toBe(0);
    expect(reviewed.out).toMatch(/ABCDEFG0 \(expert\): claim confirmed/);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, heldAt - Date.now() + 200)));
    const wrong = gongshi('hearing', 'close', '1', '--reveal-seed', 'not-the-seed-but-long-enough-to-be-one-0123');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/does not match/);
    const closed = gongshi('hearing', 'close', '1', '--reveal-seed', `@${seedFile}`);
    expect(closed.code, closed.err).toBe(0);
    expect(closed.out).toMatch(/6 sign-ups for 3 seats; 3 selected, 3 waitlisted/);
    // The confirmed expert takes the reserved seat; the unreviewed claims drew in the general pool.
    const drawnDb = await openPglite(dataDir);
    expect(await drawnDb.query(`select public_id, category, drawn from public.hearing_draws where public_id in ('ABCDEFG0', 'ABCDEFG1') order by public_id`))
      .toEqual([{ public_id: 'ABCDEFG0', category: 'expert', drawn: 'selected' }, { public_id: 'ABCDEFG1', category: 'general', drawn: expect.any(String) as string }]);
    await drawnDb.close();
    const verified = gongshi('hearing', 'verify', '1');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/equal the recomputation\. OK/);

    const outcome = gongshi('hearing', 'record-outcome', '1', '--for', '2', '--against', '1', '--abstain', '0', '--summary', '多数支持');
    expect(outcome.code, outcome.err).toBe(0);
    expect(outcome.out).toMatch(/The decision is now heard/);
  });
});
