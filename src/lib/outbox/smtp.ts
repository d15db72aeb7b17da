/** E-mail through an SMTP server (GONGSHI_SMTP_URL) with nodemailer. */
import nodemailer from 'nodemailer';
import { mailOptions } from './mail.ts';
import { DeliveryError, type Delivery, type OutgoingMessage, type Transport } from './transport.ts';

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

/**
 * What a failed SMTP delivery means. A recipient the server refuses for good at RCPT TO
 * (5xx but 503 "bad sequence" and 552 "mailbox full") is undeliverable. Every other answer is
 * retried, 5xx ones included: a 5xx at MAIL FROM, DATA or AUTH says more about our server's
 * setup (sender domain, credentials, a content filter) than about the person, and the outbox
 * gives up after its last attempt anyway. A message nodemailer cannot compose fails for good.
 */
export function smtpOutcome(error: unknown): 'retry' | 'permanent' | 'undeliverable' {
  const e = (error ?? {}) as SmtpError;
  const code = e.responseCode;
  if (e.code === 'EMESSAGE' && code === undefined) return 'permanent';
  if (e.code === 'EENVELOPE' && e.command === 'RCPT TO' && code !== undefined && code >= 500 && code !== 503 && code !== 552) {
    return 'undeliverable';
  }
  return 'retry';
}

export function smtpTransport(url: string, from: string): Transport {
  const parsed = new URL(url);
  const mailer = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // Payloads come from the database: attachments are content, never a path or URL to fetch.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const description = `SMTP ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
  return {
    description,
    async send(message: OutgoingMessage): Promise<Delivery> {
      try {
        await mailer.sendMail(mailOptions(message, from));
      } catch (error) {
        throw new DeliveryError(`SMTP: ${error instanceof Error ? error.message : String(error)}`, smtpOutcome(error), { cause: error });
      }
      return { via: description };
    },
    close() {
      mailer.close();
    },
  };
}
