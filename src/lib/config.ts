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

/** Who runs the site, as the footer and the accessibility statement show it (政府网站 owner block). */
export interface SiteOwner {
  /** 主办单位, in Chinese. */
  name: string;
  /** Its English name, shown on English pages; unset shows the Chinese name marked as Chinese. */
  nameEn: string | undefined;
  address: string | undefined;
  phone: string | undefined;
  email: string | undefined;
  /** ICP备案号. */
  icp: string | undefined;
  /** 网站标识码 (government websites). */
  siteCode: string | undefined;
  /** 公安机关备案号. */
  psb: string | undefined;
}

/**
 * The demo city's fictional owner: obviously made-up numbers (no real filing or phone matches
 * them), so a copy that forgets to configure its own never shows someone else's.
 */
export const DEMO_SITE_OWNER: SiteOwner = {
  name: '澄岚市目标绩效管理办公室',
  nameEn: 'Chenglan City Target Performance Management Office',
  address: '澄岚市示范路1号（虚构地址）',
  phone: '0000-555-0100',
  email: 'contact@example.org',
  icp: '澄ICP备00000000号',
  siteCode: '0000000000',
  psb: '澄公网安备00000000000000号',
};

/**
 * Reads the site owner block. With GONGSHI_SITE_OWNER unset the whole block is the demo's; once
 * it is set, only what is configured shows (no demo number beside a real owner). An empty
 * variable hides its item.
 */
export function readSiteOwner(env: NodeJS.ProcessEnv = process.env): SiteOwner {
  const demo: Partial<SiteOwner> = env['GONGSHI_SITE_OWNER'] === undefined ? DEMO_SITE_OWNER : {};
  const value = (name: string, fallback: string | undefined) => {
    const raw = env[name];
    return raw === undefined ? fallback : raw.trim() || undefined;
  };
  const name = value('GONGSHI_SITE_OWNER', demo.name);
  if (!name) throw new Error('GONGSHI_SITE_OWNER must name the organisation that runs the site (主办单位)');
  return {
    name,
    nameEn: value('GONGSHI_SITE_OWNER_EN', demo.nameEn),
    address: value('GONGSHI_SITE_CONTACT_ADDRESS', demo.address),
    phone: value('GONGSHI_SITE_CONTACT_PHONE', demo.phone),
    email: value('GONGSHI_SITE_CONTACT_EMAIL', demo.email),
    icp: value('GONGSHI_ICP', demo.icp),
    siteCode: value('GONGSHI_SITE_CODE', demo.siteCode),
    psb: value('GONGSHI_PSB', demo.psb),
  };
}
