/**
 * The request target (`req.url`) read as a static host reads it, without WHATWG URL's host
 * semantics: `new URL('//', base)` throws and `new URL('//evil.example/x', base)` moves the path
 * into a host, so neither may see client input. Every handler takes its path from here.
 */

/** Longest request target accepted (nginx and Node answer 414/431 near here too). */
export const MAX_TARGET_LENGTH = 8 * 1024;

export interface RequestTarget {
  /** The path with runs of slashes collapsed, still percent-encoded; always starts with one `/`. */
  pathname: string;
  /** The query string including its `?`, or ''. */
  search: string;
  /** The path percent-decoded (no NUL, valid UTF-8). */
  decodedPath: string;
}

export class BadRequestTarget extends Error {
  constructor(readonly reason: string) {
    super(`Bad request target: ${reason}`);
    this.name = 'BadRequestTarget';
  }
}

/** Parses an origin-form request target; throws BadRequestTarget for anything else. */
export function parseRequestTarget(raw: string | undefined): RequestTarget {
  const target = raw ?? '/';
  if (target.length > MAX_TARGET_LENGTH) throw new BadRequestTarget(`longer than ${MAX_TARGET_LENGTH} characters`);
  // Absolute-form (`http://host/…`), authority-form and `*` are for proxies, not for this server.
  if (!target.startsWith('/')) throw new BadRequestTarget('it must start with "/"');
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const query = withoutFragment.indexOf('?');
  const rawPath = query === -1 ? withoutFragment : withoutFragment.slice(0, query);
  const search = query === -1 ? '' : withoutFragment.slice(query);
  // Browsers and proxies treat a leading `//` as a host; here a path is only ever a path.
  const pathname = rawPath.replace(/\/{2,}/g, '/');
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(pathname);
  } catch {
    throw new BadRequestTarget('invalid percent-encoding');
  }
  if (decodedPath.includes('\0')) throw new BadRequestTarget('a NUL character');
  return { pathname, search, decodedPath };
}

/** A Location header value that stays on this site: one leading slash, never `//host` or `/\host`. */
export function sameSiteLocation(location: string): string {
  return `/${location.replace(/^[/\\]+/, '')}`;
}
