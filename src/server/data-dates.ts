/**
 * Last-Modified for the open data from the data, not the file: every /data/ and /api/v1/ JSON
 * document states when its data last changed (generated_at, just before its final version), so a
 * rebuild of the same data keeps the date as it keeps the ETag, and a mirror that asks
 * If-Modified-Since gets 304. A dataset's CSV takes the date of its JSON twin. Read from the
 * document's last bytes, once per file version (size and mtime).
 */
import fs from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { statedGeneratedAt } from '../lib/opendata/document-version.ts';

const TAIL = 256;
const OPEN_DATA = /^(data|api)[\\/].+\.(json|csv)$/;

async function tail(file: string, size: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const length = Math.min(TAIL, size);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

export class DataDates {
  private readonly dates = new Map<string, { version: string; date: Date | null }>();

  /** The date the open data document at `file` (its path in the site: `key`) states, or null for any other file. */
  async of(file: string, stat: Stats, key: string): Promise<Date | null> {
    if (!OPEN_DATA.test(key)) return null;
    const version = `${stat.size}:${stat.mtimeMs}`;
    const known = this.dates.get(key);
    if (known?.version === version) return known.date;
    let date: Date | null = null;
    try {
      const json = file.endsWith('.csv') ? file.slice(0, -'.csv'.length) + '.json' : file;
      const size = json === file ? stat.size : (await fs.stat(json)).size;
      const stated = statedGeneratedAt(await tail(json, size));
      date = stated === null ? null : new Date(stated);
    } catch {
      // No JSON twin (or it went away with a swapped build): the file's own time stands.
    }
    this.dates.set(key, { version, date });
    return date;
  }
}
