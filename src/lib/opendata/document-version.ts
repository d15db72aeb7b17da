/**
 * Every JSON document of the open data and the API names its own version: the SHA-256 of the
 * document as published, without its last member "version". Anyone can check a file from its bytes
 * alone — cut the final `,"version":"sha256:…"` before the closing `}` and hash the rest — and cite
 * the version as the exact data they used. Two builds of the same data give the same version; any
 * changed value gives another.
 */
import { createHash } from 'node:crypto';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** The document with its version appended as the last member (as JSON.stringify writes it). */
export function withVersion<T extends object>(document: T): T & { version: string } {
  return { ...document, version: sha256(JSON.stringify(document)) };
}

const LAST_MEMBER = /,"version":"(sha256:[0-9a-f]{64})"\}\s*$/;

/** The version a published text states, and the one its bytes give; null when it states none. */
export function checkVersion(text: string): { stated: string; computed: string } | null {
  const match = LAST_MEMBER.exec(text);
  if (!match) return null;
  return { stated: match[1]!, computed: sha256(`${text.slice(0, match.index)}}`) };
}
