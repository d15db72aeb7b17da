/**
 * PGlite in a worker thread, behind the same Db port. PGlite runs Postgres as WASM on the thread
 * that calls it: in the portal's own thread, every statement would hold up every request, static
 * pages included (tests/bench/stall-bench.ts measured the home page 50× slower while four clients
 * sent bad RPC bodies). `npm start` serves with this; the CLI, which serves nobody, keeps PGlite in
 * its own thread (openPglite).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db, Queryable, Role, RoleContext, Row } from './types.ts';
import { enterRole } from './types.ts';

export type WorkerRequest =
  | { id: number; op: 'query'; text: string; params: readonly unknown[]; tx?: number | undefined }
  | { id: number; op: 'exec'; text: string; tx?: number | undefined }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: Record<string, unknown> }
  | { id?: undefined; notification: { channel: string; payload: string } };

/** An error from the worker as an Error again, with its Postgres fields (code, detail, hint, …). */
function revive(data: Record<string, unknown>): Error {
  const message = data['message'];
  const error = new Error(typeof message === 'string' ? message : 'PGlite worker error');
  Object.assign(error, data);
  return error;
}

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export async function openPgliteInWorker(dataDir: string | undefined, options: { staffSocket?: string | undefined } = {}): Promise<Db> {
  // A plain path, not `new URL(…, import.meta.url)`: Vite (which loads this module for the
  // pages' collection reads in npm run dev) would try to bundle that form as a browser worker.
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pglite-worker.ts');
  const worker = new Worker(script, { workerData: { dataDir, staffSocket: options.staffSocket } });
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;

  const ready = new Promise<void>((resolve, reject) => waiting.set(0, { resolve: () => resolve(), reject }));
  worker.on('message', (reply: WorkerReply) => {
    if ('notification' in reply) {
      for (const fn of listeners.get(reply.notification.channel) ?? []) fn(reply.notification.payload);
      return;
    }
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(revive(reply.error));
  });
  const failAll = (error: Error) => {
    failure = error;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the PGlite worker exited (code ${code})`)));
  await ready;

  const call = <T>(request: Request): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };

  const queryable = (tx?: number): Queryable => ({
    query: <T extends object = Row>(text: string, params: readonly unknown[] = []) => call<T[]>({ op: 'query', text, params, tx }),
    exec: (text: string) => call<void>({ op: 'exec', text, tx }),
  });

  const transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    const tx = await call<number>({ op: 'begin' });
    let result: T;
    try {
      result = await fn(queryable(tx));
    } catch (error) {
      await call({ op: 'rollback', tx });
      throw error;
    }
    await call({ op: 'commit', tx });
    return result;
  };

  return {
    kind: 'pglite',
    location: `${dataDir ?? 'memory'} (worker thread)`,
    ...queryable(),
    transaction,
    asRole: <T>(role: Role, fn: (tx: Queryable) => Promise<T>, context?: RoleContext) =>
      transaction(async (tx) => {
        await enterRole(tx, role, context);
        return fn(tx);
      }),
    listen: async (channel, fn) => {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await call({ op: 'listen', channel });
      }
      set.add(fn);
      return () => {
        set.delete(fn);
        return Promise.resolve();
      };
    },
    close: async () => {
      if (failure) return;
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
