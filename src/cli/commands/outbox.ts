/**
 * `gongshi outbox`: sends the queued messages (codes, lottery results, reminders…) and shows how
 * delivery goes. The portal (`npm start`) runs the same sender by itself; this command is for a
 * deployment whose database is Supabase or another Postgres (DATABASE_URL), run anywhere.
 */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { flag, noMore, wholeNumber } from '../args.ts';
import { renderTable } from '../table.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { MESSAGE_STATUSES, type MessageStatus } from '../../lib/domain/messages.ts';
import { readOutboxConfig } from '../../lib/outbox/config.ts';
import { maskRecipient } from '../../lib/outbox/mask.ts';
import { startOutboxSender } from '../../lib/outbox/run.ts';
import { createTransports, OutboxSender } from '../../lib/outbox/sender.ts';
import { errorLine } from '../../lib/outbox/transport.ts';
import type { Db } from '../../lib/db/types.ts';

const HELP = `Usage: npm run gongshi -- outbox run [--watch] [--batch N] [--interval SECONDS]
       npm run gongshi -- outbox list [--limit N]
       npm run gongshi -- outbox unblock CONTACT

Messages (contact codes, lottery results, reminders, replies) are queued in the database by the
actions that cause them and sent from there. \`npm start\` sends them by itself; this command sends
them from anywhere the database (DATABASE_URL) is reachable. Several senders may run at once: no
message is taken by two. Delivery is at least once: a sender that dies after handing a message
over but before recording it sends that message once more.

  run        sends every message that is due, then stops; with --watch keeps sending as new
             messages arrive (LISTEN where the database allows it, else every --interval)
  list       counts messages by status, and lists the failed ones with their last error
             (recipients masked; never a message's content)
  unblock    lets a contact that refused a message for good (e.g. "mailbox unknown") receive
             messages again

Where messages go (environment):
  GONGSHI_SMTP_URL     e-mail through this SMTP server, e.g. smtps://user:password@smtp.example.org:465
  GONGSHI_MAIL_FROM    the From address (default "公示 Gongshi" <no-reply@host of SITE_URL>)
  GONGSHI_SMS_WEBHOOK  SMS through a provider adapter: POST {"to", "text", "id"} as JSON
  Unset, each e-mail is written to <GONGSHI_DATA_DIR>/mail/<id>.eml and each SMS to
  <GONGSHI_DATA_DIR>/sms/<id>.txt.

Options:
  --watch             keep running until Ctrl+C
  --batch N           messages per claim (default 20)
  --interval SECONDS  how often --watch looks for due messages (default 5)
  --limit N           list: failed messages shown (default 50)`;

export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'Send queued messages (e-mail, SMS) and show how delivery goes',
  help: HELP,
  options: {
    watch: { type: 'boolean' },
    batch: { type: 'string' },
    interval: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, ...rest] = positionals;
    if (action === 'run') {
      noMore(rest);
      return run(values);
    }
    if (action === 'list') {
      noMore(rest);
      const limit = values['limit'] === undefined ? 50 : wholeNumber(values['limit'], 'limit');
      return withDb((db) => list(db, limit));
    }
    if (action === 'unblock') {
      const [contact, ...extra] = rest;
      if (!contact) throw new UsageError('outbox unblock needs a contact (an e-mail address or a phone number).');
      noMore(extra);
      return withDb((db) => unblock(db, contact));
    }
    throw new UsageError(action ? `Unknown action "${action}".` : 'outbox needs an action: run, list or unblock.');
  },
};

async function withDb(fn: (db: Db) => Promise<number>): Promise<number> {
  const db = await openDb();
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function run(values: Record<string, string | boolean | undefined>): Promise<number> {
  const batch = values['batch'] === undefined ? 20 : wholeNumber(values['batch'], 'batch');
  if (batch < 1 || batch > 1000) throw new UsageError('--batch must be from 1 to 1000.');
  const interval = values['interval'] === undefined ? 5 : wholeNumber(values['interval'], 'interval');
  if (interval < 1 || interval > 3600) throw new UsageError('--interval must be from 1 to 3600 seconds.');
  const config = readOutboxConfig();
  if (!flag(values['watch'])) {
    return withDb(async (db) => {
      const sender = new OutboxSender({ db, transports: createTransports(config), siteUrl: config.siteUrl, batch });
      try {
        console.log(`Sending: ${sender.describe()}`);
        await sender.runScheduled().catch((error: unknown) => {
          console.error(`Scheduled messages could not be enqueued (sending the queued ones anyway): ${errorLine(error)}`);
        });
        const { sent, retried, failed } = await sender.drain();
        console.log(`Sent ${sent}, to be retried ${retried}, failed ${failed}.`);
        return 0;
      } finally {
        await sender.close();
      }
    });
  }
  return withDb(async (db) => {
    const running = await startOutboxSender(db, { config, batch, intervalMs: interval * 1000 });
    console.log(`Sending: ${running.sender.describe()}`);
    console.log(running.listening
      ? `Waiting for messages (woken by each new one; checking every ${interval} s too). Ctrl+C stops.`
      : `Checking for messages every ${interval} s. Ctrl+C stops.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    console.log('Stopping after the message being sent…');
    await running.stop();
    return 0;
  });
}

async function list(db: Db, limit: number): Promise<number> {
  const counts = await db.query<{ status: MessageStatus; channel: string; count: number }>(
    `select status, channel, count(*)::int as count from private.outbox group by status, channel`,
  );
  const count = (status: MessageStatus, channel: string) =>
    String(counts.find((c) => c.status === status && c.channel === channel)?.count ?? 0);
  console.log(renderTable(
    ['status', 'e-mail', 'SMS'],
    MESSAGE_STATUSES.map((s) => [s, count(s, 'email'), count(s, 'sms')]),
    new Set([1, 2]),
  ));
  const [{ undeliverable } = { undeliverable: 0 }] = await db.query<{ undeliverable: number }>(
    `select count(*)::int as undeliverable from private.undeliverable_recipients`,
  );
  console.log(`\nUndeliverable contacts (never sent to again): ${undeliverable}`);
  const [{ retrying } = { retrying: 0 }] = await db.query<{ retrying: number }>(
    `select count(*)::int as retrying from private.outbox where status = 'queued' and last_error is not null`,
  );
  if (retrying > 0) console.log(`Queued after a failed attempt (will be retried): ${retrying}`);
  const failed = await db.query<{ id: string; template: string; channel: string; recipient: string; attempts: number; created_at: Date; last_error: string | null }>(
    `select id, template, channel, recipient, attempts, created_at, last_error
     from private.outbox where status = 'failed' order by id desc limit $1`,
    [limit],
  );
  if (failed.length === 0) return 0;
  console.log(`\nFailed messages (newest first${failed.length === limit ? `, the last ${limit}` : ''}):`);
  console.log(renderTable(
    ['id', 'template', 'to', 'attempts', 'queued at', 'last error'],
    failed.map((f) => [
      String(f.id), f.template, maskRecipient(f.recipient), String(f.attempts),
      new Date(f.created_at).toISOString().slice(0, 16).replace('T', ' '), (f.last_error ?? '').slice(0, 160),
    ]),
    new Set([0, 3]),
  ));
  return 0;
}

async function unblock(db: Db, contact: string): Promise<number> {
  const [row] = await db.query<{ key: string; removed: boolean }>(
    `select k.key, private.forget_undeliverable(k.key) as removed from private.contact_key($1, 'contact') as k(key)`,
    [contact],
  );
  if (!row?.removed) {
    console.log(`${maskRecipient(row?.key ?? contact)} is not marked undeliverable; nothing to do.`);
    return 0;
  }
  console.log(`${maskRecipient(row.key)} can receive messages again (earlier failed messages stay failed).`);
  return 0;
}
