/**
 * The staff socket: the process that owns a PGlite data folder (`npm start`) serves that database
 * to the staff CLI over a private Unix socket in the folder, speaking the Postgres wire protocol
 * (pglite-socket frames it), so staff commands work while the portal runs.
 *
 * Isolation. PGlite is one backend session. The portal's own work (gateway RPCs, build reads) and
 * every staff connection take turns through one Mutex, and a staff connection keeps its turn from
 * its first message until the backend is idle again (ReadyForQuery 'I'): a whole extended-protocol
 * exchange (Parse … Sync) or a whole BEGIN … COMMIT. So no statement of another connection or of
 * the portal ever runs inside a staff transaction, nor a staff statement inside the portal's.
 * (pglite-socket's own queue only orders its clients while `isInTransaction()`, which misses the
 * implicit transaction between Parse and Sync, and knows nothing of the instance's other users.)
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { Mutex } from './mutex.ts';

/** postgres.js and libpq find a server's socket as `<host>/.s.PGSQL.<port>`; this is that port. */
export const STAFF_SOCKET_PORT = 5432;
/** The socket's folder inside the data folder (its path must stay under ~100 bytes). */
export const STAFF_SOCKET_DIR = 'staff-socket';
const MAX_SOCKET_PATH = 100;

export function staffSocketPath(dataDir: string): string {
  return path.join(dataDir, STAFF_SOCKET_DIR, `.s.PGSQL.${STAFF_SOCKET_PORT}`);
}

export interface Notification {
  channel: string;
  payload: string;
}

/** Reads the backend's replies as they stream to a client: its ReadyForQuery status and notifications. */
class ReplyScanner {
  #pending = Buffer.alloc(0);
  #skip = 0;
  /** The status of the last ReadyForQuery: 'I' idle, 'T' in a transaction, 'E' in a failed one. */
  status: string | undefined;
  readonly notifications: Notification[] = [];

  push(chunk: Uint8Array): void {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#skip > 0) {
      const skipped = Math.min(this.#skip, data.length);
      this.#skip -= skipped;
      data = data.subarray(skipped);
    }
    let buf = this.#pending.length > 0 ? Buffer.concat([this.#pending, data]) : data;
    while (buf.length >= 5) {
      const type = String.fromCharCode(buf[0]!);
      const total = 1 + buf.readInt32BE(1);
      if (type !== 'Z' && type !== 'A') {
        // Rows and the rest: skipped without being kept, however large.
        if (buf.length < total) {
          this.#skip = total - buf.length;
          buf = Buffer.alloc(0);
          break;
        }
        buf = buf.subarray(total);
        continue;
      }
      if (buf.length < total) break;
      const body = buf.subarray(5, total);
      if (type === 'Z') this.status = String.fromCharCode(body[0]!);
      else {
        const channelEnd = body.indexOf(0, 4);
        const payloadEnd = body.indexOf(0, channelEnd + 1);
        this.notifications.push({
          channel: body.subarray(4, channelEnd).toString('utf8'),
          payload: body.subarray(channelEnd + 1, payloadEnd).toString('utf8'),
        });
      }
      buf = buf.subarray(total);
    }
    this.#pending = Buffer.from(buf);
  }
}

/** The Sync message: ends an unfinished extended-protocol exchange of a client that went away. */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Decides whose turn it is; replaces pglite-socket's QueryQueueManager (same three methods, which
 * is all PGLiteSocketHandler calls).
 */
class TurnTaking {
  #holder: number | undefined;
  #release: (() => void) | undefined;
  readonly #gone = new Set<number>();
  readonly #chains = new Map<number, Promise<unknown>>();

  // Plain fields, not parameter properties: the worker thread loads this file with Node's type stripping.
  private readonly pg: PGlite;
  private readonly mutex: Mutex;
  private readonly onNotification: (notification: Notification) => void;

  constructor(pg: PGlite, mutex: Mutex, onNotification: (notification: Notification) => void) {
    this.pg = pg;
    this.mutex = mutex;
    this.onNotification = onNotification;
  }

  /**
   * Runs a handler's messages strictly one after another: PGLiteSocketHandler handles each data
   * event on its own, so a message split over two events can be enqueued before the previous
   * one has run, and must not wait for a turn its own handler holds.
   */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const previous = this.#chains.get(handlerId) ?? Promise.resolve();
    const next = previous.then(
      () => this.#run(handlerId, message, onData),
      () => this.#run(handlerId, message, onData),
    );
    const settled = next.catch(() => undefined);
    this.#chains.set(handlerId, settled);
    void settled.then(() => {
      if (this.#chains.get(handlerId) === settled) this.#chains.delete(handlerId);
    });
    return next;
  }

  async #run(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.#gone.has(handlerId)) throw new Error('Handler disconnected');
    if (this.#holder !== handlerId) {
      const release = await this.mutex.acquire();
      this.#holder = handlerId;
      this.#release = release;
      if (this.#gone.has(handlerId)) {
        await this.#endTurn(handlerId, true);
        throw new Error('Handler disconnected');
      }
    }
    const scanner = new ReplyScanner();
    let bytes = 0;
    try {
      await this.pg.runExclusive(() =>
        this.pg.execProtocolRawStream(message, {
          onRawData: (data) => {
            bytes += data.length;
            scanner.push(data);
            onData(data);
          },
        }),
      );
    } catch (error) {
      await this.#endTurn(handlerId, true);
      throw error;
    }
    for (const notification of scanner.notifications) this.onNotification(notification);
    if (this.#gone.has(handlerId)) await this.#endTurn(handlerId, true);
    else if (scanner.status === 'I') await this.#endTurn(handlerId, false);
    return bytes;
  }

  clearQueueForHandler(handlerId: number): void {
    this.#gone.add(handlerId);
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    this.#gone.add(handlerId);
    await this.#endTurn(handlerId, true);
    // Its socket no longer feeds it: once its last message has settled, it is forgotten.
    await this.#chains.get(handlerId);
    this.#gone.delete(handlerId);
  }

  /**
   * Gives the turn back; with cleanUp (a client that vanished or failed mid-turn), first ends
   * whatever it left open: an unfinished extended-protocol exchange, then its transaction.
   */
  async #endTurn(handlerId: number, cleanUp: boolean): Promise<void> {
    if (this.#holder !== handlerId) return;
    const release = this.#release;
    this.#holder = undefined;
    this.#release = undefined;
    try {
      if (cleanUp) {
        await this.pg
          .runExclusive(async () => {
            await this.pg.execProtocolRaw(SYNC);
          })
          .catch(() => undefined);
        if (this.pg.isInTransaction()) await this.pg.exec('rollback').catch(() => undefined);
      }
    } finally {
      release?.();
    }
  }

  getQueueLength(): number {
    return 0;
  }
}

export interface StaffSocket {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on `socketPath` (mode 0600, in a 0700 folder) and serves `pg` to staff connections,
 * taking turns with the portal through `mutex`. Notifications raised by staff transactions
 * (pg_notify) are passed to onNotification when they commit.
 */
export async function serveStaffSocket(
  pg: PGlite,
  mutex: Mutex,
  socketPath: string,
  onNotification: (notification: Notification) => void,
): Promise<StaffSocket> {
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(`The staff socket path ${socketPath} is too long for a Unix socket: use a shorter GONGSHI_DATA_DIR.`);
  }
  fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(socketPath), 0o700);
  // Left by a process that was killed: this process holds the folder's lock, so it is stale.
  fs.rmSync(socketPath, { force: true });
  const turns = new TurnTaking(pg, mutex, onNotification);
  const handlers = new Set<PGLiteSocketHandler>();
  const server = net.createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: turns as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    void handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: async () => {
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(socketPath, { force: true });
    },
  };
}
