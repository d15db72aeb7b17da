/**
 * The sender: drains private.outbox (supabase/migrations/20261130000070_outbox.sql) through the
 * transports. Delivery is at-least-once: rows are leased by private.claim_messages (two senders
 * never take the same row), sent, then marked; if the process dies between send and mark, the
 * lease runs out and the message goes once more. Runs inside `npm start` and as
 * `npm run gongshi -- outbox run [--watch]`.
 *
 * Each call is one statement of its own (no transaction around it), run as the connection's role
 * (the owner, or service_role, which may execute the sender's functions): the staff CLI announces
 * every committed write transaction to a running portal as a site change, and marking a message
 * sent changes nothing on the site.
 */
import type { Db } from '../db/types.ts';
import type { FailureOutcome, MessageChannel, MessageLocale, MessageStatus } from '../domain/messages.ts';
import type { OutboxConfig } from './config.ts';
import { localMailTransport, localSmsTransport } from './local.ts';
import { maskRecipient } from './mask.ts';
import { renderRow } from './render.ts';
import { smsWebhookTransport } from './sms-webhook.ts';
import { smtpTransport } from './smtp.ts';
import type { MessageTemplate } from './template.ts';
import { TEMPLATES } from './templates/index.ts';
import { errorLine, outcomeOf, type Transport } from './transport.ts';

export type Transports = Record<MessageChannel, Transport>;

/** SMTP / SMS webhook where configured, files in the data folder otherwise (each channel on its own). */
export function createTransports(config: OutboxConfig): Transports {
  return {
    email: config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : localMailTransport(config.dataDir, config.mailFrom),
    sms: config.smsWebhook ? smsWebhookTransport(config.smsWebhook) : localSmsTransport(config.dataDir),
  };
}

/** A row as private.claim_messages returns it. */
export interface ClaimedRow {
  id: string | number;
  idempotency_key: string;
  channel: MessageChannel;
  recipient: string;
  locale: MessageLocale;
  template: string;
  payload: unknown;
  attempts: number;
}

export interface SenderOptions {
  db: Db;
  transports: Transports;
  /** SITE_URL, for links in messages. */
  siteUrl: string;
  /** Messages leased per claim (default 20). */
  batch?: number | undefined;
  /** How long a claim holds its rows before another sender may take them (default: 60 s per message, at least 5 minutes). */
  leaseSeconds?: number | undefined;
  templates?: Readonly<Record<string, MessageTemplate<unknown>>> | undefined;
  /** One line per message and per problem; default console.log. */
  log?: (line: string) => void | undefined;
}

export interface DrainResult {
  sent: number;
  /** Failed attempts that will be tried again. */
  retried: number;
  /** Messages given up (including those to undeliverable recipients). */
  failed: number;
}

const CHANNEL_NAMES: Record<MessageChannel, string> = { email: 'e-mail', sms: 'SMS' };

export class OutboxSender {
  readonly #db: Db;
  readonly #transports: Transports;
  readonly #siteUrl: string;
  readonly #batch: number;
  readonly #leaseSeconds: number;
  readonly #templates: Readonly<Record<string, MessageTemplate<unknown>>>;
  readonly #log: (line: string) => void;

  constructor(options: SenderOptions) {
    this.#db = options.db;
    this.#transports = options.transports;
    this.#siteUrl = options.siteUrl;
    this.#batch = options.batch ?? 20;
    if (!Number.isInteger(this.#batch) || this.#batch < 1 || this.#batch > 1000) throw new Error('The batch size must be from 1 to 1000.');
    this.#leaseSeconds = options.leaseSeconds ?? Math.max(300, 60 * this.#batch);
    this.#templates = options.templates ?? TEMPLATES;
    this.#log = options.log ?? ((line) => console.log(line));
  }

  /** The transports in use, for the start-up line. */
  describe(): string {
    return `e-mail → ${this.#transports.email.description}; SMS → ${this.#transports.sms.description}`;
  }

  /** Lets the scheduled producers (hearing reminders, …) enqueue what is due. */
  async runScheduled(): Promise<void> {
    await this.#db.query(`select private.run_scheduled_messages()`);
  }

  /**
   * Sends every message that is due, batch after batch, until none is left (or `signal` aborts).
   * An error outside a delivery (the database went away) propagates: the messages leased but not
   * marked go again when their lease runs out.
   */
  async drain(signal?: AbortSignal): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    while (!signal?.aborted) {
      const rows = await this.#db.query<ClaimedRow>(
        `select id, idempotency_key, channel, recipient, locale, template, payload, attempts
         from private.claim_messages($1, $2)`,
        [this.#batch, this.#leaseSeconds],
      );
      for (const row of rows) await this.#deliver(row, result);
      if (rows.length < this.#batch) break;
    }
    return result;
  }

  async #deliver(row: ClaimedRow, result: DrainResult): Promise<void> {
    const id = Number(row.id);
    const what = `Message #${id} (${row.template}, ${CHANNEL_NAMES[row.channel]} to ${maskRecipient(row.recipient)})`;
    let via: string;
    try {
      const rendered = renderRow(row, this.#siteUrl, this.#templates);
      const transport = this.#transports[row.channel];
      ({ via } = await transport.send({ ...rendered, id, key: row.idempotency_key, channel: row.channel, to: row.recipient }));
    } catch (error) {
      const status = await this.#markFailed(id, errorLine(error), outcomeOf(error));
      if (status === 'queued') {
        result.retried += 1;
        this.#log(`${what}: attempt ${row.attempts} failed, will try again: ${errorLine(error)}`);
      } else {
        result.failed += 1;
        const why = outcomeOf(error) === 'undeliverable' ? 'the recipient is marked undeliverable' : 'given up';
        this.#log(`${what}: failed, ${why}: ${errorLine(error)}`);
      }
      return;
    }
    // Between send and this mark lies the at-least-once window (see the file comment).
    await this.#db.query(`select private.mark_message_sent($1)`, [id]);
    result.sent += 1;
    this.#log(`${what}: sent → ${via}`);
  }

  async #markFailed(id: number, error: string, outcome: FailureOutcome): Promise<MessageStatus | null> {
    const [row] = await this.#db.query<{ status: MessageStatus | null }>(
      `select private.mark_message_failed($1, $2, $3) as status`, [id, error, outcome],
    );
    return row?.status ?? null;
  }

  async close(): Promise<void> {
    for (const transport of Object.values(this.#transports)) await transport.close?.();
  }
}

export interface WatchOptions {
  /** Polling interval when nothing wakes the sender (default 5 s). */
  intervalMs?: number | undefined;
  /** How often the scheduled producers run (default 60 s). */
  scheduledEveryMs?: number | undefined;
  /** The longest wait after repeated errors (default 5 minutes). */
  maxBackoffMs?: number | undefined;
  log?: (line: string) => void | undefined;
}

export interface Watcher {
  /** Drains now instead of at the next poll (e.g. on a NOTIFY). */
  wake(): void;
  /** Stops after the message being sent; resolves when the loop has ended. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended. */
  readonly done: Promise<void>;
}

/**
 * Keeps draining: every interval, on wake(), and — after errors such as a lost database — with a
 * doubling pause (capped), so a broken setup does not flood the log.
 */
export function watchOutbox(sender: OutboxSender, options: WatchOptions = {}): Watcher {
  const interval = options.intervalMs ?? 5_000;
  const scheduledEvery = options.scheduledEveryMs ?? 60_000;
  const maxBackoff = options.maxBackoffMs ?? 300_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const controller = new AbortController();
  let wakeUp: (() => void) | undefined;
  let woken = false;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || controller.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = async () => {
    let failures = 0;
    let lastScheduled = -Infinity;
    while (!controller.signal.aborted) {
      woken = false;
      if (Date.now() - lastScheduled >= scheduledEvery) {
        lastScheduled = Date.now();
        try {
          await sender.runScheduled();
        } catch (error) {
          log(`Outbox: scheduled messages could not be enqueued: ${errorLine(error)}`);
        }
      }
      try {
        await sender.drain(controller.signal);
        failures = 0;
      } catch (error) {
        failures += 1;
        const wait = Math.min(interval * 2 ** failures, maxBackoff);
        log(`Outbox: sending stopped: ${errorLine(error)} (trying again in ${Math.round(wait / 1000)} s)`);
        await pause(wait);
        continue;
      }
      await pause(interval);
    }
  };
  const done = loop();
  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      controller.abort();
      wakeUp?.();
      await done;
    },
    done,
  };
}
