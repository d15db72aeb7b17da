/**
 * ETags from a file's content, not its size and time: a rebuild that writes the same bytes (builds
 * are deterministic) keeps every ETag, so caches and mirrors revalidate with 304 instead of
 * downloading the whole site again. Weak (W/) because the same tag covers the identity, gzip and
 * Brotli forms of a file (RFC 9110 §8.8.1). Hashed once per file version (size and mtime).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export class ContentTags {
  private readonly tags = new Map<string, { version: string; tag: string }>();

  /** `key` names the file across builds (its path in the site), so that the map does not grow per build. */
  async of(file: string, stat: fs.Stats, key = file): Promise<string> {
    const version = `${stat.size}:${stat.mtimeMs}`;
    const known = this.tags.get(key);
    if (known?.version === version) return known.tag;
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
    const tag = `W/"${hash.digest('base64url').slice(0, 32)}"`;
    this.tags.set(key, { version, tag });
    return tag;
  }
}
