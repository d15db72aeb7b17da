/**
 * Content-Encoding for the static site: Brotli or gzip as the client accepts, compressed on
 * libuv's thread pool (never on the request thread) and kept in a cache bounded by bytes, so a
 * page is compressed once per build rather than once per request.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * The encoding to use for an Accept-Encoding header: Brotli before gzip, each only with q > 0
 * (RFC 9110 §12.5.3); `*` stands for either. Undefined means identity.
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: Encoding) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

interface Entry {
  size: number;
  mtimeMs: number;
  data: Buffer;
}

export class CompressionCache {
  #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  /** The file compressed with encoding, from the cache while the file's size and mtime match. */
  async get(file: string, stat: fs.Stats, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${file}`;
    const hit = this.#entries.get(key);
    if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) {
      // Re-insert: Map order is the eviction order (least recently used first).
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.data;
    }
    const raw = await fs.promises.readFile(file);
    const data =
      encoding === 'br'
        ? await brotli(raw, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          })
        : await gzip(raw, { level: 6 });
    this.#store(key, { size: stat.size, mtimeMs: stat.mtimeMs, data });
    return data;
  }

  #store(key: string, entry: Entry): void {
    const previous = this.#entries.get(key);
    if (previous) {
      this.#bytes -= previous.data.length;
      this.#entries.delete(key);
    }
    if (entry.data.length > this.maxBytes) return;
    this.#entries.set(key, entry);
    this.#bytes += entry.data.length;
    for (const [oldest, value] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= value.data.length;
    }
  }
}
