/** Runtime configuration read from the environment (see README "Configuration"). */
import path from 'node:path';

export interface Config {
  /** A real Postgres (local or Supabase); unset means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database. */
  dataDir: string;
  port: number;
  siteUrl: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env['PORT'] ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env['PORT']}"`);
  }
  const databaseUrl = env['DATABASE_URL']?.trim() || undefined;
  return {
    databaseUrl,
    dataDir: path.resolve(env['GONGSHI_DATA_DIR']?.trim() || '.data'),
    port,
    siteUrl: env['SITE_URL']?.trim() || `http://localhost:${port}`,
  };
}
