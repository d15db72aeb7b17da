// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

const port = Number(process.env.PORT ?? 4321);
// The islands' RPCs go to the page's own origin (the local gateway) unless the build points them at Supabase.
const supabaseUrl = process.env.PUBLIC_SUPABASE_URL?.trim();
const rpcOrigin = supabaseUrl ? new URL(supabaseUrl).origin : undefined;

/**
 * Zod compiles object parsers with `new Function` after probing whether eval is allowed; under the
 * CSP the probe is refused and reported as a violation. Islands import their components only after
 * the before-hydration script has run, so every schema is built without eval.
 * @type {import('astro').AstroIntegration}
 */
const zodWithoutEval = {
  name: 'gongshi:zod-jitless',
  hooks: {
    'astro:config:setup': ({ injectScript }) =>
      injectScript('before-hydration', "import { config } from 'zod'; config({ jitless: true });"),
  },
};

export default defineConfig({
  site: process.env.SITE_URL || `http://localhost:${port}`,
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [svelte(), zodWithoutEval],
  i18n: {
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    routing: { prefixDefaultLocale: false },
  },
  server: { port },
  devToolbar: { enabled: false },
  // A build keeps every page whose cache key (src/lib/site/cache-keys.ts) and code are unchanged
  // since the last build of the same site, whose cache buildSite() names here.
  cacheDir: process.env.GONGSHI_BUILD_CACHE_DIR || './node_modules/.astro',
  experimental: { incrementalBuild: true },
  // No Markdown goes through Astro (bulletins have their own escaping renderer): no Shiki, whose
  // inline styles a CSP would block.
  markdown: { syntaxHighlight: false },
  security: {
    // Astro hashes every script and style it emits (bundled and inlined module scripts, the
    // astro-island bootstrap and client:* directives, inlined and island styles) into a
    // <meta http-equiv="content-security-policy"> on each page. Preferred over hashing dist/
    // ourselves: the hashes come from the very bytes Astro writes, so they cannot drift from the
    // pages, and the policy travels with the HTML to any static host. A meta tag cannot carry
    // frame-ancestors, so the HTTP header (src/server/headers.ts) keeps that; both policies apply.
    csp: {
      directives: [
        "default-src 'self'",
        `connect-src 'self'${rpcOrigin ? ` ${rpcOrigin}` : ''}`,
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
      ],
      // Pagefind compiles its WebAssembly search engine in the page when no worker is available.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // style-src stays 'self' plus hashes: no inline style at all (the status bars are SVG).
    },
  },
});
