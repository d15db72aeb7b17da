/**
 * `gongshi outbox` as a process on an embedded database of its own: `run` delivers the queued
 * messages as local files and logs one masked line each, `list` counts them and shows the failed
 * ones without their content, `unblock` lets a refusing contact receive messages again.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { migrate } from '../../src/lib/db/migrate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-cli-outbox-'));
const dataDir = path.join(dir, 'data');

function gongshi(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, GONGSHI_DATA_DIR: dataDir, DATABASE_URL: '', SITE_URL: 'https://gongshi.example.org' };
  delete env['GONGSHI_SMTP_URL'];
  delete env['GONGSHI_SMS_WEBHOOK'];
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root, encoding: 'utf8', env,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  const db = await openPglite(dataDir);
  await migrate(db);
  const enqueue = (key: string, recipient: string, template: string, payload: object) =>
    db.query(`select private.enqueue_message($1, $2, 'zh-CN', $3, $4::text::jsonb)`, [key, recipient, template, JSON.stringify(payload)]);
  await enqueue('cli:1', 'person@example.org', 'contact_code', { code: 'K7QM4XZ2', purpose: 'verify_contact', valid_minutes: 30 });
  await enqueue('cli:2', '+8613800138000', 'contact_code', { code: 'K7QM4XZ3', purpose: 'verify_contact', valid_minutes: 30 });
  await enqueue('cli:3', 'person@example.org', 'no_such_template', { secret_body: 'do not show' });
  await db.exec(`insert into private.undeliverable_recipients (recipient, channel, reason) values ('gone@example.org', 'email', '550 no such user')`);
  await db.close();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('outbox command', () => {
  it('run delivers to local files, one masked line per message', async () => {
    const run = gongshi('outbox', 'run');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^Sending: e-mail → files in .*mail; SMS → files in .*sms$/m);
    expect(run.out).toMatch(/^Message #1 \(contact_code, e-mail to p\*\*\*@example\.org\): sent → .*1\.eml$/m);
    expect(run.out).toMatch(/^Message #2 \(contact_code, SMS to \+86 138\*\*\*\*8000\): sent → .*2\.txt$/m);
    expect(run.out).toMatch(/^Message #3 .*failed, given up: Unknown message template "no_such_template"/m);
    expect(run.out).toMatch(/^Sent 2, to be retried 0, failed 1\.$/m);
    expect(run.out + run.err).not.toMatch(/person@example\.org|8613800138000|K7QM/);
    const mail = await simpleParser(fs.readFileSync(path.join(dataDir, 'mail', '1.eml')));
    expect(mail.subject).toBe('验证码 K7QM-4XZ2');
    expect(fs.readFileSync(path.join(dataDir, 'sms', '2.txt'), 'utf8')).toContain('K7QM-4XZ3');
    expect(gongshi('outbox', 'run').out).toMatch(/^Sent 0, to be retried 0, failed 0\.$/m);
  });

  it('list counts by status and shows failed messages with their error, never their content', () => {
    const list = gongshi('outbox', 'list');
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/^sent\s+1\s+1$/m);
    expect(list.out).toMatch(/^failed\s+1\s+0$/m);
    expect(list.out).toMatch(/Undeliverable contacts \(never sent to again\): 1/);
    expect(list.out).toMatch(/^\s*3\s+no_such_template\s+p\*\*\*@example\.org\s+1 .*Unknown message template/m);
    expect(list.out).not.toMatch(/do not show|K7QM|person@example\.org/);
  });

  it('unblock lets a refusing contact receive messages again; bad usage is refused', () => {
    const unblocked = gongshi('outbox', 'unblock', 'Gone@Example.org');
    expect(unblocked.code, unblocked.err).toBe(0);
    expect(unblocked.out).toMatch(/g\*\*\*@example\.org can receive messages again/);
    expect(gongshi('outbox', 'unblock', 'gone@example.org').out).toMatch(/is not marked undeliverable/);
    const bad = gongshi('outbox', 'run', '--batch', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--batch must be from 1 to 1000/);
    expect(gongshi('outbox', 'send').err).toMatch(/Unknown action "send"/);
    expect(gongshi('outbox', '--help').out).toMatch(/^Usage: npm run gongshi -- outbox run/);
  });
});
