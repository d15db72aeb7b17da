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

/** A policy's directives: name → its sources. */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

test('every page restricts scripts: a script-src of self and hashes, never unsafe-inline', async ({ request }) => {
  for (const path of ['/', '/en/units/', '/search/', '/en/hall/night-bus-routes/', '/hearings/verify/', '/no-such-page/']) {
    const response = await request.get(path);
    const html = await response.text();
    // Astro writes the script and style part into each page (security.csp in astro.config.mjs).
    const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)">/g)];
    expect(metas, path).toHaveLength(1);
    const meta = directives(metas[0]![1]!.replaceAll('&#39;', "'").replaceAll('&amp;', '&'));
    // A meta tag governs only what follows it: it must come before the first script.
    const firstScript = html.indexOf('<script');
    expect(html.indexOf('<meta http-equiv="content-security-policy"'), path).toBeLessThan(firstScript === -1 ? html.length : firstScript);
    const scriptSrc = meta.get('script-src') ?? [];
    expect(scriptSrc, path).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    // Nothing else than self, WebAssembly and hashes: no 'unsafe-inline', no 'unsafe-eval', no host.
    const allowed = (source: string) => source === "'self'" || source === "'wasm-unsafe-eval'" || /^'sha256-[A-Za-z0-9+/]+=*'$/.test(source);
    expect(scriptSrc.filter((source) => !allowed(source)), path).toEqual([]);
    for (const name of ['script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem', 'style-src-attr']) expect(meta.get(name) ?? [], `${path} ${name}`).not.toContain("'unsafe-inline'");
    expect(meta.get('default-src'), path).toEqual(["'self'"]);
    expect(meta.get('object-src'), path).toEqual(["'none'"]);
    expect(meta.get('base-uri'), path).toEqual(["'none'"]);
    // The header keeps what a meta tag cannot carry, and loosens nothing.
    const header = directives(response.headers()['content-security-policy'] ?? '');
    expect(header.get('frame-ancestors'), path).toEqual(["'none'"]);
    expect([...header.values()].flat(), path).not.toContain("'unsafe-inline'");
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
