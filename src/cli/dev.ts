/**
 * `npm run dev [-- --port N] [-- --host H]`: prepare the database, then run Astro's dev server
 * with the API gateway on the same origin (/rest/v1/), both in this process: the embedded
 * database is opened once and shared by the gateway and the pages' collection reads
 * (lib/site/snapshot.ts).
 */
import { parseArgs } from 'node:util';
import type { Plugin } from 'vite';
import { readConfig } from '../lib/config.ts';
import { releaseSharedDb, useSharedDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import { prepareDatabase, ROOT, setIslandEnv } from '../lib/site/build-site.ts';
import { createGateway, GATEWAY_PREFIX, type GatewayHandler } from '../server/gateway/gateway.ts';
import { loadGatewayKeys } from '../lib/auth/gateway-keys.ts';

function gatewayPlugin(gateway: GatewayHandler): Plugin {
  return {
    name: 'gongshi-gateway',
    // Registered before Astro's own middleware, so /rest/v1/ never reaches the page router.
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0]!;
        if (path === GATEWAY_PREFIX || path.startsWith(`${GATEWAY_PREFIX}/`)) gateway(req, res);
        else next();
      });
    },
  };
}

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, allowPositionals: false });
const config = readConfig(values.port ? { ...process.env, PORT: values.port } : process.env);
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';

try {
  // Held for the life of the dev server; the pages' collection reads share this instance.
  const db = await useSharedDb({ worker: true, staffSocket: true });
  await prepareDatabase(db, (line) => console.log(line));
  const keys = await loadGatewayKeys(config);
  await setIslandEnv();
  const { dev } = await import('astro');
  const server = await dev({
    root: ROOT,
    server: { port: config.port, ...(values.host ? { host: values.host } : {}) },
    vite: { plugins: [gatewayPlugin(createGateway({ db, keys }))] },
  });
  console.log(`API gateway on the same origin: ${GATEWAY_PREFIX}/rpc/<function>   anon key: ${keys.anonKey}`);
  const stop = () => {
    void server.stop().finally(() => releaseSharedDb().finally(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  await releaseSharedDb().catch(() => undefined);
  process.exit(1);
}
