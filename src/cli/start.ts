/** `npm start`: migrate, seed the demo city if empty, build, then serve site and API gateway on PORT. */
import { readConfig } from '../lib/config.ts';
import { releaseSharedDb, useSharedDb } from '../lib/db/open.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import { DIST_DIR, prepareDatabase } from '../lib/site/build-site.ts';
import { publishSite } from '../lib/site/publish.ts';
import { republishOnChange } from '../server/republish.ts';
import { GATEWAY_PREFIX } from '../server/gateway/gateway.ts';
import { loadGatewayKeys } from '../lib/auth/gateway-keys.ts';
import { createPortalServer, listen } from '../server/server.ts';
import { startOutboxSender } from '../lib/outbox/run.ts';

const config = readConfig();
// Last resort: a fault that escapes every handler is logged, and the portal keeps serving
// everyone else (each handler already answers its own request's errors).
process.on('uncaughtException', (error) => console.error('Unexpected error (the portal keeps running):', error));
process.on('unhandledRejection', (reason) => console.error('Unexpected rejection (the portal keeps running):', reason));
try {
  // The server holds the database (and the PGlite folder's lock) for its whole life; a site
  // build's load step reads it through this process. On PGlite it serves the database to staff
  // commands on a socket in the data folder, so they work while it runs.
  const db = await useSharedDb({ worker: true, staffSocket: true });
  console.log(`Database: ${db.location}`);
  await prepareDatabase(db, (line) => console.log(line));
  const keys = await loadGatewayKeys(config);
  console.log('Building the site…');
  const { seconds } = await publishSite();
  console.log(`Site built in ${seconds.toFixed(1)}s.`);
  const server = createPortalServer({
    distDir: DIST_DIR,
    db,
    keys,
    gateway: {
      trustProxy: process.env['GONGSHI_TRUST_PROXY'] === '1',
      clientIpHeader: process.env['GONGSHI_CLIENT_IP_HEADER']?.trim() || 'x-real-ip',
      jwtIssuer: process.env['GONGSHI_JWT_ISSUER']?.trim() || undefined,
      jwtAudience: process.env['GONGSHI_JWT_AUDIENCE']?.trim() || undefined,
    },
  });
  const url = await listen(server, config.port, process.env['HOST'] ?? '127.0.0.1');
  const islands = process.env['PUBLIC_SUPABASE_URL']
    ? `the islands call ${process.env['PUBLIC_SUPABASE_URL']} (PUBLIC_SUPABASE_URL)`
    : 'the islands call this gateway';
  console.log(`API gateway (PostgREST-compatible RPCs): ${new URL(`${GATEWAY_PREFIX}/rpc/`, url).href}  — ${islands}`);
  console.log(`  anon key:         ${keys.anonKey}`);
  // The service key is never printed: logs are shared and kept; whoever needs it reads its source.
  console.log(`  service_role key: kept in ${keys.source}  (secret: for trusted servers only)`);
  console.log(`Gongshi is running at ${url}  (Ctrl+C to stop)`);
  // Staff commands that commit changes (beside this process, or on the same Postgres) republish.
  const republisher = await republishOnChange(db, DIST_DIR);
  // Outbox (src/lib/outbox): sends queued messages on this process's database until shutdown.
  const outbox = await startOutboxSender(db);
  console.log(`Messages: ${outbox.sender.describe()}`);
  const stop = () => {
    republisher?.stop();
    server.close();
    server.closeAllConnections();
    void outbox.stop().finally(() => releaseSharedDb()).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof DataDirBusyError ? error.message : error);
  process.exit(1);
}
