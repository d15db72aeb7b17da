/**
 * Every JSON document of the open data and the API names its own version: the SHA-256 of the
 * document as published, without its last member "version". Anyone can check a file from its bytes
 * alone — cut the final `,"version":"sha256:…"` before the closing `}` and hash the rest — and cite
 * the version as the exact data they used. Two builds of the same data give the same version; any
 * changed value gives another.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

// The members that say when something was published or filed; other instants (a hearing's date)
// may lie ahead and say nothing about when the data changed.
const CHANGE_KEY = /^(published|reported|seed_committed|decided|cutoff)_at$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The latest change a value records: the greatest publication or filing instant (…_at members in
 * UTC) anywhere in it, or null. Derived from the data alone, so the same data gives the same time
 * and a build does not change it.
 */
export function latestChange(value: unknown): string | null {
  let latest: string | null = null;
  let latestMs = -Infinity;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (x !== null && typeof x === 'object') stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      // for…in rather than Object.entries, which makes an array a member: a build walks every API
      // document. The values are plain data, without inherited keys.
      for (const key in v) {
        const x = (v as Record<string, unknown>)[key];
        if (typeof x === 'string') {
          if (key.endsWith('_at') && CHANGE_KEY.test(key) && INSTANT.test(x)) {
            const ms = Date.parse(x);
            if (ms > latestMs) [latest, latestMs] = [x, ms];
          }
        } else if (x !== null && typeof x === 'object') stack.push(x);
      }
    }
  }
  return latest;
}

/** The later of two instants (null when both are). */
export const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a;

/** The generated_at a published document states (its second-to-last member), or null. */
export function statedGeneratedAt(text: string): string | null {
  return /,"generated_at":"([^"]+)","version":"sha256:[0-9a-f]{64}"\}\s*$/.exec(text)?.[1] ?? null;
}

/** The document with its version appended as the last member (as JSON.stringify writes it). */
export function withVersion<T extends object>(document: T): T & { version: string } {
  // A member of that name would be overwritten in place, and the hash would no longer be last.
  if (Object.hasOwn(document, 'version')) throw new Error('A published document must not have its own "version" member.');
  return { ...document, version: sha256(JSON.stringify(document)) };
}

const LAST_MEMBER = /,"version":"(sha256:[0-9a-f]{64})"\}\s*$/;

/** The version a published text states, and the one its bytes give; null when it states none. */
export function checkVersion(text: string): { stated: string; computed: string } | null {
  const match = LAST_MEMBER.exec(text);
  if (!match) return null;
  return { stated: match[1]!, computed: sha256(`${text.slice(0, match.index)}}`) };
}
