/**
 * SMS through a provider adapter behind an HTTP webhook (GONGSHI_SMS_WEBHOOK): the sender POSTs
 * `{"to": "+8613800138000", "text": "…", "id": 12}` as JSON. `id` (the outbox id, also sent as the
 * Idempotency-Key header) is the same on every attempt, so the adapter can drop a resent copy.
 * Credentials in the URL (https://user:pass@host/…) are sent as HTTP Basic authentication.
 *
 * Answers: 2xx sent; 408, 425, 429 and 5xx or no answer: try again later; 401, 403, 404, 405 and
 * 407 (the webhook's own setup, not the person's fault): try again later; any other 4xx: the
 * number cannot receive messages (recorded as undeliverable).
 */
import { DeliveryError, type Delivery, type OutgoingMessage, type Transport } from './transport.ts';

const RETRY_4XX = new Set([401, 403, 404, 405, 407, 408, 425, 429]);

export function smsWebhookTransport(webhook: string, options: { timeoutMs?: number } = {}): Transport {
  const url = new URL(webhook);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const description = `SMS webhook ${url.origin}`;
  return {
    description,
    async send(message: OutgoingMessage): Promise<Delivery> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': `outbox-${message.id}` },
          body: JSON.stringify({ to: message.to, text: message.text, id: message.id }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
          redirect: 'error',
        });
      } catch (error) {
        throw new DeliveryError(`SMS webhook: ${error instanceof Error ? error.message : String(error)}`, 'retry', { cause: error });
      }
      const body = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
      const said = `SMS webhook answered ${response.status}${body ? `: ${body}` : ''}`;
      if (response.ok) return { via: description };
      if (response.status >= 400 && response.status < 500 && !RETRY_4XX.has(response.status)) {
        throw new DeliveryError(said, 'undeliverable');
      }
      throw new DeliveryError(said, 'retry');
    },
  };
}
