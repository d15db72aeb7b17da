/**
 * Whom a limit counts (issue 19): an IPv4 address, or an IPv6 address's /64 — one subscriber's
 * network — so that an attacker holding a /64 does not get 2^64 fresh clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { clientGroup } from '../../src/server/gateway/gateway.ts';
import { createTestDb } from './harness.ts';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

async function clientKey(address: string): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('request.headers', $1, true)`, [JSON.stringify({ 'x-real-ip': address })]);
    const [row] = await tx.query<{ key: string; hash: string }>(`select private.client_key() as key, private.client_hash() as hash`);
    return `${row!.key} ${row!.hash.length}`;
  });
}

describe('IPv6 clients are grouped by /64, in SQL and in the gateway', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2:bbbb:cccc:dddd:eeee', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8::/64'],
    ['not-an-address', 'not-an-address'],
    ['::::::', '::::::'],
  ])('%s counts as %s', async (address, key) => {
    expect(await clientKey(address)).toBe(`${key} 64`);
  });

  it('the gateway groups the same way for its concurrency cap', () => {
    expect(clientGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientGroup('2001:DB8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(clientGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientGroup('203.0.113.9')).toBe('203.0.113.9');
  });
});
