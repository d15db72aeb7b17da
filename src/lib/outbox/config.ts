/** The sender's configuration, read from the environment (see README "Configuration"). */
import { readConfig, type Config } from '../config.ts';

export interface OutboxConfig {
  /** GONGSHI_SMTP_URL, e.g. smtps://user:pass@smtp.example.org:465; unset: e-mail goes to files. */
  smtpUrl: string | undefined;
  /** GONGSHI_MAIL_FROM; default "公示 Gongshi" <no-reply@host of SITE_URL>. */
  mailFrom: string;
  /** GONGSHI_SMS_WEBHOOK: POST {to, text, id} as JSON; unset: SMS go to files. */
  smsWebhook: string | undefined;
  /** Where the local transport writes: <GONGSHI_DATA_DIR>/mail and /sms. */
  dataDir: string;
  /** SITE_URL without a trailing slash, for the links in messages. */
  siteUrl: string;
}

export function readOutboxConfig(env: NodeJS.ProcessEnv = process.env, config: Config = readConfig(env)): OutboxConfig {
  const siteUrl = config.siteUrl.replace(/\/+$/, '');
  const smsWebhook = env['GONGSHI_SMS_WEBHOOK']?.trim() || undefined;
  if (smsWebhook && !/^https?:\/\//i.test(smsWebhook)) {
    throw new Error(`GONGSHI_SMS_WEBHOOK must be an http(s) URL, got "${smsWebhook}"`);
  }
  const smtpUrl = env['GONGSHI_SMTP_URL']?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//i.test(smtpUrl)) {
    throw new Error('GONGSHI_SMTP_URL must be an smtp:// or smtps:// URL (e.g. smtps://user:password@smtp.example.org:465)');
  }
  return {
    smtpUrl,
    mailFrom: env['GONGSHI_MAIL_FROM']?.trim() || defaultFrom(siteUrl),
    smsWebhook,
    dataDir: config.dataDir,
    siteUrl,
  };
}

function defaultFrom(siteUrl: string): string {
  let host = 'localhost';
  try {
    host = new URL(siteUrl).hostname || host;
  } catch {
    // SITE_URL is checked elsewhere; keep the default.
  }
  // A bare host name (localhost) is no mail domain; .invalid never resolves (RFC 2606).
  const domain = host.includes('.') && !/^[\d.]+$/.test(host) ? host.replace(/^www\./, '') : 'gongshi.invalid';
  return `"公示 Gongshi" <no-reply@${domain}>`;
}
