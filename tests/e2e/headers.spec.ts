import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** The anon key the started portal generated into its data folder (what the islands carry). */
function anonKey(): string {
  const file = path.join(process.env['E2E_DATA_DIR'] ?? '.data-e2e-4391', 'gateway-keys.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { anon_key: string }).anon_key;
}

test('every response carries the security headers', async ({ request }) => {
  for (const path of ['/', '/en/units/', '/no-such-page/', '/rest/v1/rpc/hall_topic_stats']) {
    const response = await request.get(path);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp, path).toContain(directive);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options'], path).toBe('DENY');
  }
});

test('the RPC endpoint accepts JSON only and answers unknown routes with 404', async ({ request }) => {
  const notJson = await request.post('/rest/v1/rpc/submit_hall_opinion', {
    headers: { 'content-type': 'text/plain', apikey: anonKey() },
    data: 'hello',
  });
  expect(notJson.status()).toBe(415);
  const body = (await notJson.json()) as { code?: string; message?: string };
  expect(body.code).toBeTruthy();
  expect(body.message).toBeTruthy();
  expect((await request.get('/rest/v1/no-such-thing', { headers: { apikey: anonKey() } })).status()).toBe(404);
  // Without a key the gateway answers 401, as Supabase's does.
  expect((await request.post('/rest/v1/rpc/hall_topic_stats', { data: {} })).status()).toBe(401);
});
