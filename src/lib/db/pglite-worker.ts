/**
 * The worker-thread side of openPgliteInWorker(): owns the PGlite instance and runs what the
 * main thread asks, so that WASM query execution never blocks the thread that serves requests.
 * Protocol (one message per request, answered with the same id):
 *   query/exec   — on its own, or inside transaction `tx`
 *   begin        — waits for the database (one transaction at a time), answers with a tx id
 *   commit/rollback tx — ends it; commit answers when the commit is done (or failed)
 *   close
 *   listen channel — from then on, each notification is posted as { notification: { channel, payload } }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openPglite } from './pglite.ts';
import type { Queryable } from './types.ts';
import type { WorkerReply, WorkerRequest } from './pglite-thread.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs only as a worker thread (openPgliteInWorker).');

const options = workerData as { dataDir?: string; staffSocket?: string };
const db = await openPglite(options.dataDir, { staffSocket: options.staffSocket });

interface OpenTransaction {
  tx: Queryable;
  /** Lets the transaction's callback return (commit) or throw (rollback). */
  end: (commit: boolean) => void;
  /** Settles when the transaction has committed or rolled back. */
  finished: Promise<void>;
}
const transactions = new Map<number, OpenTransaction>();
let nextTx = 1;

/** Thrown to roll a transaction back on the main thread's request; not a failure. */
class RolledBack extends Error {}

const reply = (message: WorkerReply) => port.postMessage(message);

/** An error as plain data: the Postgres fields (code, detail, hint, …) survive the thread boundary. */
function errorData(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const data: Record<string, unknown> = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) data[key] = value;
  }
  return data;
}

function run(id: number, work: () => Promise<unknown>): void {
  work().then(
    (result) => reply({ id, ok: true, result }),
    (error: unknown) => reply({ id, ok: false, error: errorData(error) }),
  );
}

function target(tx: number | undefined): Queryable {
  if (tx === undefined) return db;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
}

port.on('message', (message: WorkerRequest) => {
  switch (message.op) {
    case 'query':
      run(message.id, async () => target(message.tx).query(message.text, message.params));
      return;
    case 'exec':
      run(message.id, async () => target(message.tx).exec(message.text));
      return;
    case 'begin': {
      const tx = nextTx++;
      // db.transaction() waits its turn; the transaction stays open until commit or rollback.
      let opened: (open: Omit<OpenTransaction, 'finished'>) => void;
      const ready = new Promise<Omit<OpenTransaction, 'finished'>>((resolve) => (opened = resolve));
      const finished = db
        .transaction((q) => new Promise<void>((resolve, reject) => opened({ tx: q, end: (commit) => (commit ? resolve() : reject(new RolledBack())) })))
        .catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error;
        });
      let started = false;
      void ready.then((open) => {
        started = true;
        transactions.set(tx, { ...open, finished });
        reply({ id: message.id, ok: true, result: tx });
      });
      // A transaction that could not even begin answers its begin with the error.
      finished.catch((error: unknown) => {
        if (!started) reply({ id: message.id, ok: false, error: errorData(error) });
      });
      return;
    }
    case 'commit':
    case 'rollback': {
      const open = transactions.get(message.tx);
      if (!open) {
        reply({ id: message.id, ok: false, error: { message: `transaction ${message.tx} is not open` } });
        return;
      }
      transactions.delete(message.tx);
      open.end(message.op === 'commit');
      run(message.id, () => open.finished.then(() => null));
      return;
    }
    case 'listen':
      run(message.id, async () => {
        const channel = message.channel;
        await db.listen!(channel, (payload) => port.postMessage({ notification: { channel, payload } }));
        return null;
      });
      return;
    case 'close':
      run(message.id, async () => {
        await db.close();
        setImmediate(() => port.close());
      });
      return;
  }
});

reply({ id: 0, ok: true, result: 'ready' });
