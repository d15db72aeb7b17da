/**
 * A build reuses the last snapshot when the database is unchanged and no dated value of any table
 * came due since (lib/site/snapshot-reuse.ts). That holds only while the public reads compare
 * now() with stored values as they are: `published_at <= now()` flips exactly when a stored
 * moment passes, but `published_at + interval '7 days' <= now()` flips at a moment stored nowhere.
 * This test finds every function, view and policy of the migrations that does clock arithmetic
 * and checks each is a known write path that no build read calls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../supabase/migrations');
const QUERIES = path.resolve(import.meta.dirname, '../../src/lib/queries');

/** Functions that shift the clock, each run only when someone acts: a citizen's RPC, staff, the outbox. */
const WRITE_PATHS_WITH_CLOCK_ARITHMETIC = [
  'private.effective_time', // staff steps: refuses a moment in the future
  'private.take_rate_token', // every citizen RPC: refills its rate limit
  'private.send_contact_message', // contact codes: resend limit and expiry
  'private.issue_contact_token', // contact tokens: expiry
  'private.claim_messages', // the outbox: leases
  'private.reports_due', // staff: which reports are late
  'private.bulletin_draft_figures', // staff: a bulletin's draft
  'private.enqueue_scheduled_messages', // the outbox: hearing reminders
  'rpc_impl.subscribe', // citizens: confirmation expiry
];

const CLOCK = /\b(now\(\)|current_date|current_timestamp|localtimestamp|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\))/i;
const ARITHMETIC = /\b(make_)?interval\b|\bage\s*\(/i;
const DEFINITION = /^create (?:or replace )?(function|view|policy|materialized view)\s+"?([\w.]+)"?/gim;
const NEXT_STATEMENT = /^(create|alter|grant|revoke|comment|drop|insert|select|do)\b/im;

function definitionsWithClockArithmetic(): string[] {
  const found: string[] = [];
  for (const file of fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = fs.readFileSync(path.join(MIGRATIONS, file), 'utf8');
    for (const match of sql.matchAll(DEFINITION)) {
      const rest = sql.slice(match.index + match[0].length);
      const body = match[0] + rest.slice(0, NEXT_STATEMENT.exec(rest)?.index ?? rest.length);
      if (CLOCK.test(body) && ARITHMETIC.test(body)) found.push(match[2]!);
    }
  }
  return found;
}

describe('reusing a snapshot is safe with the clock', () => {
  it('no function, view or policy shifts the clock except the known write paths', () => {
    const found = definitionsWithClockArithmetic();
    expect(found.length, 'the scan found nothing: has the migrations folder moved?').toBeGreaterThan(0);
    expect(found.filter((name) => !WRITE_PATHS_WITH_CLOCK_ARITHMETIC.includes(name)),
      'a new definition compares the clock with a shifted value: if a build read can reach it, ' +
      'lib/site/snapshot-reuse.ts must also refuse a snapshot when that shifted moment passes').toEqual([]);
  });

  it('no build read calls those write paths', () => {
    const reads = fs.readdirSync(QUERIES).map((f) => fs.readFileSync(path.join(QUERIES, f), 'utf8')).join('\n');
    for (const name of WRITE_PATHS_WITH_CLOCK_ARITHMETIC) expect(reads, name).not.toContain(name.split('.')[1]);
  });
});
