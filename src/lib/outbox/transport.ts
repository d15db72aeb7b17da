/**
 * What the sender hands a transport, and how a transport says a delivery failed. A transport
 * resolves when the provider accepted the message and throws a DeliveryError otherwise; any other
 * error counts as temporary.
 */
import type { FailureOutcome, MessageChannel } from '../domain/messages.ts';
import type { RenderedMessage } from './template.ts';

/** A rendered message with its outbox identity. */
export interface OutgoingMessage extends RenderedMessage {
  /** private.outbox.id: names the files of the local transport, goes to the SMS webhook as `id`. */
  id: number;
  /** private.outbox.idempotency_key (the event): the same on every attempt, so providers can dedupe. */
  key: string;
  channel: MessageChannel;
  /** The normalised contact key: an e-mail address or an E.164 number. */
  to: string;
}

export interface Delivery {
  /** Where it went, for the log line (never the recipient): 'SMTP', 'SMS webhook', a file path. */
  via: string;
}

export interface Transport {
  /** For logs: 'SMTP smtp.example.org', 'local files in .data/mail'. */
  readonly description: string;
  send(message: OutgoingMessage): Promise<Delivery>;
  close?(): Promise<void> | void;
}

/** A failed delivery and what to do about it (private.mark_message_failed's p_outcome). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly outcome: FailureOutcome,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/** The outcome of an error a transport threw: its own when a DeliveryError, else retry. */
export function outcomeOf(error: unknown): FailureOutcome {
  return error instanceof DeliveryError ? error.outcome : 'retry';
}

/** One line for outbox.last_error: no stack, no line breaks. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000) || 'unknown error';
}
