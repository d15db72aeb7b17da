// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

const port = Number(process.env.PORT ?? 4321);

export default defineConfig({
  site: process.env.SITE_URL || `http://localhost:${port}`,
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [svelte()],
  i18n: {
    locales: ['zh-CN', 'en'],
    defaultLocale: 'zh-CN',
    routing: { prefixDefaultLocale: false },
  },
  server: { port },
  devToolbar: { enabled: false },
});
