/**
 * One-click unsubscribe (RFC 8058) for the portal's own server: a mail provider POSTs
 * `List-Unsubscribe=One-Click` to the List-Unsubscribe URL of a subscription message,
 * `/[en/]subscriptions/unsubscribe/?token=…` (src/lib/outbox/templates/subscriptions.ts). A POST
 * carries no URL fragment, so the token is in the query. The call is public.unsubscribe as anon,
 * exactly as the page's island makes it (same rate limit, same errors). A GET of the same URL is
 * the static page, whose island reads the token and calls the RPC itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pgErrorFields } from '../lib/db/errors.ts';
import type { Db } from '../lib/db/types.ts';
import { statusForSqlState } from './gateway/errors.ts';
import { clientHeaders, type ClientAddressSource } from './gateway/gateway.ts';
import type { RequestTarget } from './request-target.ts';

const PATH = /^\/(?:en\/)?subscriptions\/unsubscribe\/?$/;
const MAX_BODY_BYTES = 1024;

/** Whether a request is a one-click unsubscribe for this handler. */
export function isOneClickUnsubscribe(method: string | undefined, target: RequestTarget): boolean {
  return method === 'POST' && PATH.test(target.pathname);
}

export async function handleOneClickUnsubscribe(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  db: Db,
  source: ClientAddressSource,
): Promise<void> {
  const answer = (status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store' });
    res.end(text);
  };
  // RFC 8058's body is `List-Unsubscribe=One-Click`; it is read (and bounded) but not required.
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      answer(413, 'Request body too large.\n');
      return;
    }
  }
  const token = new URLSearchParams(target.search).get('token');
  let headers: Record<string, string>;
  try {
    headers = clientHeaders(req, source);
  } catch {
    answer(400, 'The client address is unknown.\n');
    return;
  }
  try {
    await db.asRole('anon', (tx) => tx.query(`select public.unsubscribe(token => $1)`, [token]), { headers });
    answer(200, 'Unsubscribed.\n');
  } catch (error) {
    const fields = pgErrorFields(error);
    if (!fields?.code) throw error;
    answer(statusForSqlState(fields.code, false), `${fields.message ?? 'Not unsubscribed.'}\n`);
  }
}
