/** Security headers for every response (the same list is documented for static hosts in the README). */
import type { ServerResponse } from 'node:http';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Scripts and styles are restricted by each page's own <meta http-equiv="content-security-policy">
  // (security.csp in astro.config.mjs): its script-src and style-src list the hashes of that
  // build's inline scripts and styles. This header adds what a meta tag cannot carry
  // (frame-ancestors) and repeats the rest for every response. Browsers enforce both policies.
  'content-security-policy': "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function applySecurityHeaders(res: ServerResponse, tls: boolean): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (tls) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
}
