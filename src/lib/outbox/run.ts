/** Starts the sender on a Db: draining now, on every NOTIFY of a new message, and every interval. */
import type { Db } from '../db/types.ts';
import { readOutboxConfig, type OutboxConfig } from './config.ts';
import { createTransports, OutboxSender, watchOutbox, type Watcher } from './sender.ts';
import { errorLine } from './transport.ts';

/** The channel private.enqueue_message notifies (payload: the new row's id). */
export const OUTBOX_CHANNEL = 'gongshi_outbox';

/** How long stop() waits for a delivery in flight. */
const STOP_WAIT_MS = 10_000;

export interface RunningSender {
  sender: OutboxSender;
  watcher: Watcher;
  /** True when a NOTIFY wakes the sender; false when it only polls. */
  listening: boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: OutboxConfig;
  batch?: number;
  intervalMs?: number;
  log?: (line: string) => void;
}

export async function startOutboxSender(db: Db, options: StartOptions = {}): Promise<RunningSender> {
  const config = options.config ?? readOutboxConfig();
  const log = options.log ?? ((line: string) => console.log(line));
  const sender = new OutboxSender({ db, transports: createTransports(config), siteUrl: config.siteUrl, batch: options.batch, log });
  const watcher = watchOutbox(sender, { intervalMs: options.intervalMs, log });
  let unlisten: (() => Promise<void>) | undefined;
  try {
    unlisten = await db.listen?.(OUTBOX_CHANNEL, () => watcher.wake());
  } catch (error) {
    // A pooler in transaction mode (Supabase's port 6543) cannot LISTEN: polling still sends.
    log(`Outbox: cannot LISTEN for new messages (${errorLine(error)}); polling instead.`);
  }
  return {
    sender,
    watcher,
    listening: unlisten !== undefined,
    async stop() {
      await unlisten?.().catch(() => undefined);
      // A delivery in flight may finish (then it is marked); one that hangs is left to its lease.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([watcher.stop().catch(() => undefined), timeout]);
      clearTimeout(timer);
      await sender.close();
    },
  };
}
