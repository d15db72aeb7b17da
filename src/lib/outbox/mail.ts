/** The e-mail a message becomes (shared by the SMTP and the local transport). */
import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { OutgoingMessage } from './transport.ts';

/** Headers the sender sets itself; a template cannot override them. */
const RESERVED_HEADERS = new Set([
  'from', 'to', 'cc', 'bcc', 'reply-to', 'sender', 'subject', 'date', 'message-id', 'mime-version',
  'content-type', 'content-transfer-encoding', 'return-path',
]);

/** The domain of an address like `"Name" <user@domain>`. */
export function domainOf(from: string): string {
  return /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'gongshi.invalid';
}

/**
 * The same Message-ID on every attempt of one message, so a mail client that sees a resent copy
 * (at-least-once delivery) can tell it is the same message.
 */
export function messageIdFor(message: Pick<OutgoingMessage, 'id' | 'key'>, from: string): string {
  const digest = createHash('sha256').update(message.key).digest('hex').slice(0, 16);
  return `<outbox.${message.id}.${digest}@${domainOf(from)}>`;
}

export function mailOptions(message: OutgoingMessage, from: string): SendMailOptions {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!/^[A-Za-z0-9-]{1,76}$/.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new Error(`A template may not set the header "${name}".`);
    }
    headers[name] = value.replace(/[\r\n]+/g, ' ');
  }
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: messageIdFor(message, from),
    headers,
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}
