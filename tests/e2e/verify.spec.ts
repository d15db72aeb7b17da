/**
 * The journalist's verifier (issue 15) run as anyone would run it: `gongshi verify --site` against
 * the running portal, reading only published files. Every assessment (parts, totals, ranks, grades,
 * consequences) and every lottery of the demo city must reproduce, and no check may be skipped for
 * want of a published input.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');

function verify(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'verify', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, out: run.stdout + run.stderr };
}

test('every published assessment and lottery reproduces from the published files alone', ({ baseURL }) => {
  const { status, out } = verify('--site', baseURL!);
  expect(out).not.toMatch(/^(FAIL|MISSING)/m);
  expect(out).toMatch(/Everything reproduces: \d+ checks\./);
  // The demo city publishes at least two assessed years (two years running) and its hearings' draws.
  expect(out.match(/^ok {3}assessment \d{4} \(version \d+\)/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
  expect(out.match(/^ok {3}assessment \d{4} parts/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
  expect(out).toMatch(/^ok {3}lotteries \d{4}: [1-9]\d* hearings/m);
  expect(status).toBe(0);
});

test('the verifier refuses to guess what to read', () => {
  const none = verify();
  expect(none.status).toBe(2);
  expect(none.out).toContain('Give either --site URL or --dist DIR.');
  const bad = verify('--site', 'not a url');
  expect(bad.status).toBe(2);
  expect(bad.out).toContain('--site must be an address');
});
