/**
 * The local gateway: answers `POST|GET /rest/v1/rpc/<function>` the way PostgREST (Supabase's
 * Data API) does, so that browser islands calling `supabase.rpc()` work the same against the
 * embedded database as against Supabase (DESIGN principle 3).
 *
 * Per call: the API key or bearer JWT is verified (HS256) and gives the role; one transaction runs
 * `set local role`, `request.jwt.claims` and `request.headers` (with the client address) and the
 * function with its named JSON arguments; errors come back as `{code, message, details, hint}`
 * with PostgREST's status mapping. Only functions of schema public are reachable, and only RPCs:
 * tables are not served (the site reads them at build time).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { pgErrorFields } from '../../lib/db/errors.ts';
import { ROLES, type Db, type Role } from '../../lib/db/types.ts';
import { ApiError, apiError, statusForSqlState, type ApiErrorBody } from './errors.ts';
import { callStatement, FunctionCache, matchArguments, type RpcFunction } from './functions.ts';
import type { GatewayKeys } from '../../lib/auth/gateway-keys.ts';
import { peerAddress, unmapIPv4 } from '../peer-address.ts';
import { BadRequestTarget, parseRequestTarget, type RequestTarget } from '../request-target.ts';

export const GATEWAY_PREFIX = '/rest/v1';

export interface GatewayOptions {
  db: Db;
  keys: GatewayKeys;
  /**
   * Trust the reverse proxy in front of the gateway to name the client in `clientIpHeader`. Off by
   * default: the client address is then the socket's. Either way every other address header the
   * request carries is dropped before SQL sees it, since rate limits and one-answer-per-client
   * depend on the address.
   */
  trustProxy?: boolean;
  /**
   * With trustProxy, the one header that names the client (lower or any case). Default
   * X-Real-IP; for X-Forwarded-For the last entry counts, the one the proxy itself appended.
   */
  clientIpHeader?: string;
  /** When set, a JWT must carry this `iss` (Supabase: https://<project>.supabase.co/auth/v1). */
  jwtIssuer?: string | undefined;
  /** When set, a JWT must carry this `aud` (Supabase's user tokens: authenticated). */
  jwtAudience?: string | undefined;
  /**
   * Largest request body accepted; larger ones get 413 before they are read. Default 16 KiB: the
   * longest citizen text (2,000 characters) fits several times over, JSON escapes included.
   */
  maxBodyBytes?: number;
  /** Per-RPC exceptions to maxBodyBytes. Default: 128 KiB for submit_survey_response (many answers). */
  bodyLimits?: Readonly<Record<string, number>>;
  /** Calls of one client under way at once; more get 429 at once. Default 8. */
  maxConcurrentPerClient?: number;
  /** statement_timeout of every RPC transaction, in ms. Default 5,000. */
  statementTimeoutMs?: number;
  /**
   * Deepest nesting of arrays and objects accepted in a JSON body; deeper ones get 400 PGRST102.
   * Default 100. Re-encoding the arguments (JSON.stringify) overflows the stack a few thousand
   * levels down and Postgres's json parser at ~20,000 (54001), both then answered as 500.
   */
  maxJsonDepth?: number;
  /** Where unexpected errors are reported (never to the client). Default console.error. */
  logError?: (message: string, error: unknown) => void;
}

/** `target`: the request target when the caller has parsed it already (the portal server has). */
export type GatewayHandler = (req: IncomingMessage, res: ServerResponse, target?: RequestTarget) => void;

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const ALLOW_HEADERS = 'Authorization, Content-Type, Accept, Accept-Language, Content-Language, apikey, x-client-info, Content-Profile, Accept-Profile, Prefer, Range';
const EXPOSE_HEADERS = 'Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, Transfer-Encoding, Range-Unit';
/** Request headers never passed on to SQL in request.headers. */
const PRIVATE_HEADERS = new Set(['authorization', 'apikey', 'cookie', 'proxy-authorization']);
/** Headers that name a client address; only the gateway's own pass to SQL. */
const ADDRESS_HEADERS = new Set([
  'x-forwarded-for', 'x-real-ip', 'cf-connecting-ip', 'true-client-ip', 'x-client-ip', 'x-cluster-client-ip',
  'fastly-client-ip', 'forwarded', 'forwarded-for', 'x-forwarded',
]);
/** Query parameters of a GET call that are not function arguments. */
const RESERVED_PARAMS = new Set(['apikey', 'select']);

interface Caller {
  role: Role;
  claims: JWTPayload;
}

export function createGateway(options: GatewayOptions): GatewayHandler {
  const cache = new FunctionCache(options.db);
  const verifier = new TokenVerifier(options.keys.secret, { issuer: options.jwtIssuer, audience: options.jwtAudience });
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const bodyLimits: Readonly<Record<string, number>> = options.bodyLimits ?? { submit_survey_response: 128 * 1024 };
  const statementTimeoutMs = Math.max(1, Math.floor(options.statementTimeoutMs ?? 5000));
  const inFlight = new ClientConcurrency(options.maxConcurrentPerClient ?? 8);
  const maxJsonDepth = options.maxJsonDepth ?? 100;
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const addressSource: ClientAddressSource = {
    trustProxy: options.trustProxy === true,
    header: (options.clientIpHeader ?? 'x-real-ip').toLowerCase(),
  };

  return (req, res, target) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
    const attempt: Attempt = {};
    handle(req, res, attempt, target)
      .catch(async (error: unknown) => {
        if (error instanceof ApiError) {
          if (attempt.rpc && attempt.headers && error.status >= 400 && error.status < 500 && error.status !== 429) {
            await chargeRefusedCall(attempt.rpc, attempt.headers);
          }
          send(res, error.status, error.body, error.headers);
          return;
        }
        logError(`gateway: ${req.method} ${req.url} failed`, error);
        send(res, 500, { code: 'PGRSTX00', message: 'Internal server error', details: null, hint: null });
      })
      .catch((error: unknown) => logError(`gateway: answering ${req.method} ${req.url} failed`, error))
      .finally(() => {
        if (attempt.client !== undefined) inFlight.leave(attempt.client);
        // A refused body may still be arriving: drop the connection rather than read it.
        if (!req.complete) res.once('finish', () => req.destroy());
      });
  };

  /**
   * A refused call rolled back its own rate-limit charge; charge it again in a transaction of its
   * own, so that wrong codes, used tokens, duplicates and invalid input meet the limit too.
   */
  async function chargeRefusedCall(rpc: string, headers: Record<string, string>): Promise<void> {
    try {
      await options.db.asRole('service_role', (tx) => tx.query(`select private.charge_refused_call($1)`, [rpc]), { headers });
    } catch (error) {
      logError(`gateway: charging a refused ${rpc} call failed`, error);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, attempt: Attempt, target: RequestTarget | undefined): Promise<void> {
    const method = req.method ?? 'GET';
    const url = requestUrl(target ?? req.url);
    if (method === 'OPTIONS') {
      res.writeHead(200, {
        'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? ALLOW_HEADERS,
        'access-control-max-age': '86400',
        'content-length': '0',
      });
      res.end();
      return;
    }
    const route = /^\/rpc\/([^/]*)\/?$/.exec(url.pathname.slice(GATEWAY_PREFIX.length));
    if (!route || !route[1]) {
      throw apiError(404, 'PGRST125', 'Invalid path specified in request URL', null,
        'This gateway serves only the RPC endpoint: POST or GET /rest/v1/rpc/<function>.');
    }
    const name = safeDecode(route[1]);
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      throw new ApiError(405, {
        code: 'PGRST101', message: `Cannot use the ${method} method on RPC`, details: null, hint: null,
      }, { allow: 'GET, HEAD, POST, OPTIONS' });
    }
    // The address is read first, before anything is awaited, while the connection is surely there.
    const headers = clientHeaders(req, addressSource);
    if (name !== undefined && FUNCTION_NAME.test(name)) Object.assign(attempt, { rpc: name, headers });
    const client = clientGroup(headers['x-real-ip']!);
    if (!inFlight.enter(client)) {
      throw new ApiError(429, {
        code: 'PT429', message: 'Too many calls under way from this address.',
        details: `At most ${inFlight.max} calls of one client are answered at once.`, hint: 'Wait for your earlier calls to finish.',
      }, { 'retry-after': '1' });
    }
    attempt.client = client;
    const profile = req.headers[method === 'POST' ? 'content-profile' : 'accept-profile'];
    if (profile !== undefined && profile !== 'public') {
      throw apiError(406, 'PGRST106', 'The schema must be one of the following: public', null,
        'Only schema public is exposed.');
    }
    const caller = await authenticate(req, url, verifier);
    const bodyLimit = (name !== undefined && Object.hasOwn(bodyLimits, name) ? bodyLimits[name] : undefined) ?? maxBodyBytes;
    const args = method === 'POST' ? await readJsonBody(req, bodyLimit, maxJsonDepth) : queryArguments(url);

    const given = Object.keys(args).sort();
    const overloads = name !== undefined && FUNCTION_NAME.test(name) ? await cache.lookup(name) : [];
    const fn = matchArguments(overloads, given);
    if (!fn) throw functionNotFound(name ?? route[1], given, overloads, cache.names());

    // PostgREST's access modes: GET and HEAD, and stable or immutable functions, run read only.
    const readOnly = method !== 'POST' || fn.volatility !== 'v';
    const rollback = prefersRollback([req.headers['prefer']].flat().join(','));
    const body = await call(fn, given, args, caller, headers, { readOnly, rollback });
    // PostgREST names a preference it applied; a rolled-back call still answers what it would have.
    if (rollback) res.setHeader('preference-applied', 'tx=rollback');
    if (body === undefined) {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(method === 'HEAD' ? undefined : body);
  }

  async function call(
    fn: RpcFunction,
    given: string[],
    args: Record<string, unknown>,
    caller: Caller,
    headers: Record<string, string>,
    mode: { readOnly: boolean; rollback: boolean },
  ): Promise<string | undefined> {
    try {
      return await options.db.asRole(
        caller.role,
        async (tx) => {
          if (mode.readOnly) await tx.exec('set transaction read only');
          // No call may hold the database for long, whatever its arguments.
          await tx.exec(`set local statement_timeout = ${statementTimeoutMs}`);
          const rows = await tx.query<{ body?: string | null }>(callStatement(fn, given), given.length > 0 ? [JSON.stringify(args)] : []);
          const body = fn.returns === 'void' ? undefined : (rows[0]?.body ?? 'null');
          if (mode.rollback) throw new RolledBack(body);
          return body;
        },
        { claims: { ...caller.claims, role: caller.role }, headers },
      );
    } catch (error) {
      if (error instanceof RolledBack) return error.body;
      const pg = pgErrorFields(error);
      if (!pg) throw error;
      const status = statusForSqlState(pg.code, caller.role !== 'anon');
      if (status >= 500) {
        logError(`gateway: ${fn.name} failed with SQLSTATE ${pg.code}`, error);
        throw apiError(status, pg.code, 'The request could not be completed.', null, 'Try again later.');
      }
      throw apiError(status, pg.code, pg.message, pg.detail ?? null, pg.hint ?? null);
    }
  }
}

/** What the handler learnt of a call before it was refused: whom to charge, and for which RPC. */
interface Attempt {
  rpc?: string;
  headers?: Record<string, string>;
  client?: string;
}

/** Counts each client's calls under way; a client at the cap is turned away at once. */
class ClientConcurrency {
  #counts = new Map<string, number>();
  constructor(readonly max: number) {}

  enter(client: string): boolean {
    const count = this.#counts.get(client) ?? 0;
    if (count >= this.max) return false;
    this.#counts.set(client, count + 1);
    return true;
  }

  leave(client: string): void {
    const count = (this.#counts.get(client) ?? 1) - 1;
    if (count <= 0) this.#counts.delete(client);
    else this.#counts.set(client, count);
  }
}

/** The client as limits see it: an IPv4 address, or the /64 network of an IPv6 address. */
export function clientGroup(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros: string[] = Array.from({ length: 8 - left.length - right.length }, () => '0');
  const groups = address.includes('::') ? [...left, ...zeros, ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Thrown out of a transaction to roll it back on purpose (Prefer: tx=rollback), carrying the answer. */
class RolledBack extends Error {
  constructor(readonly body: string | undefined) {
    super('rolled back as the client preferred');
  }
}

/** Whether the Prefer header asks to roll the call's transaction back (RFC 7240 preferences). */
export function prefersRollback(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((preference) => preference.trim().toLowerCase().replace(/\s+/g, '') === 'tx=rollback');
}

interface RequestUrl {
  pathname: string;
  params: URLSearchParams;
}

function requestUrl(raw: RequestTarget | string | undefined): RequestUrl {
  try {
    const target = typeof raw === 'object' ? raw : parseRequestTarget(raw);
    return { pathname: target.pathname, params: new URLSearchParams(target.search) };
  } catch (error) {
    if (error instanceof BadRequestTarget) throw apiError(400, 'PGRST000', `Bad request target: ${error.reason}`);
    throw error;
  }
}

function send(res: ServerResponse, status: number, body: ApiErrorBody, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Verifies HS256 JWTs with a key imported once, and remembers tokens it has verified (the anon key
 * arrives with every call): a remembered token skips the signature check, never the expiry check.
 */
class TokenVerifier {
  #key: Promise<CryptoKey>;
  #verified = new Map<string, JWTPayload>();
  #claims: JWTVerifyOptions;

  constructor(secret: Uint8Array, claims: { issuer?: string | undefined; audience?: string | undefined }) {
    this.#claims = {
      ...(claims.issuer ? { issuer: claims.issuer } : {}),
      ...(claims.audience ? { audience: claims.audience } : {}),
    };
    this.#key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  }

  async verify(jwt: string): Promise<JWTPayload> {
    const known = this.#verified.get(jwt);
    if (known && (known.exp === undefined || known.exp * 1000 > Date.now())) return known;
    const payload = await verify(jwt, await this.#key, this.#claims);
    if (this.#verified.size >= 1000) this.#verified.clear();
    this.#verified.set(jwt, payload);
    return payload;
  }
}

/** The role from the bearer JWT, else from the apikey header (or query parameter). */
async function authenticate(req: IncomingMessage, url: RequestUrl, verifier: TokenVerifier): Promise<Caller> {
  const authorization = req.headers.authorization;
  const bearer = authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const apikey = (req.headers['apikey'] as string | undefined) ?? url.params.get('apikey') ?? undefined;
  const token = bearer || apikey;
  if (!token) {
    throw apiError(401, 'PGRST302', 'Anonymous access is disabled', null,
      'Send the anon key in the apikey header, or a JWT as "Authorization: Bearer <token>".');
  }
  // Like Supabase's API gateway, an apikey sent beside a bearer token must be valid too.
  const tokens = bearer && apikey && apikey !== bearer ? [apikey, bearer] : [token];
  let claims: JWTPayload = {};
  for (const jwt of tokens) claims = await verifier.verify(jwt);
  const role = claims['role'] === undefined ? 'anon' : claims['role'];
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw jwtError(`JWT role ${JSON.stringify(role)} is not one of ${ROLES.join(', ')}`);
  }
  return { role: role as Role, claims };
}

async function verify(jwt: string, key: CryptoKey, claims: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(jwt, key, { ...claims, algorithms: ['HS256'] });
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw jwtError('JWT expired');
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw jwtError('JWSError JWSInvalidSignature');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw jwtError(`JWT claim ${error.claim} is not accepted`);
    if (error instanceof joseErrors.JOSEAlgNotAllowed) throw jwtError('Wrong or unsupported encoding algorithm');
    const parts = jwt.split('.').length;
    if (parts !== 3) throw jwtError(`Expected 3 parts in JWT; got ${parts}`);
    throw jwtError(`JWT cannot be decoded: ${(error as Error).message}`);
  }
}

function jwtError(message: string): ApiError {
  return new ApiError(401, { code: 'PGRST301', message, details: null, hint: null }, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${message.replaceAll('"', "'")}"`,
  });
}

async function readJsonBody(req: IncomingMessage, maxBytes: number, maxDepth: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw apiError(415, 'PGRST107', `Content-Type not acceptable: ${type || '(none)'}`, null,
      'Send the arguments as a JSON object with Content-Type: application/json.');
  }
  if (jsonNestedDeeperThan(text, maxDepth)) {
    throw apiError(400, 'PGRST102', 'Empty or invalid json', `Arrays and objects may be nested at most ${maxDepth} levels deep.`, null);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw apiError(400, 'PGRST102', 'Empty or invalid json', (error as Error).message, null);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw apiError(400, 'PGRST102', 'Empty or invalid json', 'The body must be a JSON object of named arguments.', null);
  }
  return parsed as Record<string, unknown>;
}

/** Whether JSON text nests arrays and objects deeper than `max`: one pass, no recursion, strings skipped. */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, {
    code: 'PT413', message: 'Request body too large', details: `At most ${maxBytes} bytes are accepted.`, hint: null,
  }, { connection: 'close' });
}

/** GET arguments: each query parameter is one named argument, as text. */
function queryArguments(url: RequestUrl): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of url.params) if (!RESERVED_PARAMS.has(key)) args[key] = value;
  return args;
}

export interface ClientAddressSource {
  trustProxy: boolean;
  /** Lower-case header name read behind a trusted proxy. */
  header: string;
}

/**
 * Request headers as PostgREST passes them to SQL, with the one client address the gateway vouches
 * for in X-Real-IP and X-Forwarded-For and no other address header. Throws 400 when there is no
 * address to vouch for (the connection is gone, or the trusted proxy did not name the client).
 */
export function clientHeaders(req: Pick<IncomingMessage, 'headers' | 'socket'>, source: ClientAddressSource): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || PRIVATE_HEADERS.has(name) || ADDRESS_HEADERS.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const address = source.trustProxy ? proxiedAddress(req.headers[source.header], source.header) : peerAddress(req.socket);
  if (!address) {
    throw apiError(400, 'PGRST000', 'The client address is unknown', null,
      source.trustProxy
        ? `The reverse proxy must send the client's address in ${source.header} (GONGSHI_CLIENT_IP_HEADER).`
        : 'The connection closed before the request was read.');
  }
  headers['x-real-ip'] = address;
  headers['x-forwarded-for'] = address;
  return headers;
}

/** The address in the trusted header: X-Forwarded-For's last entry (the proxy's own), else the value. */
function proxiedAddress(value: string | string[] | undefined, header: string): string | undefined {
  const text = Array.isArray(value) ? value.join(',') : value;
  if (!text) return undefined;
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const entry = header === 'x-forwarded-for' ? entries.at(-1) : entries[0];
  const candidate = entry === undefined ? undefined : unmapIPv4(entry);
  return candidate && isIP(candidate) ? candidate : undefined;
}

function functionNotFound(name: string, given: string[], overloads: RpcFunction[], known: string[]): ApiError {
  const list = given.join(', ');
  const similar = overloads[0] ?? undefined;
  const hint = similar
    ? `Perhaps you meant to call the function public.${similar.name}(${similar.args.map((a) => a.name).join(', ')})`
    : closest(name, known);
  return apiError(
    404,
    'PGRST202',
    `Could not find the function public.${name}(${list}) in the schema cache`,
    `Searched for the function public.${name} with parameter${given.length === 1 ? '' : 's'} ${list || '(none)'} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    hint,
  );
}

function closest(name: string, known: string[]): string | null {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best ? `Perhaps you meant to call the function public.${best.name}` : null;
}

function levenshtein(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
