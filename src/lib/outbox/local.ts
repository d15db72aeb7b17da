/**
 * Local delivery when no SMTP server or SMS webhook is configured: each e-mail is written as an
 * RFC 5322 file <GONGSHI_DATA_DIR>/mail/<id>.eml (nodemailer's stream transport composes it, with
 * its attachments and headers), each SMS as <GONGSHI_DATA_DIR>/sms/<id>.txt. The files hold
 * codes and contacts: they stay in the private data folder, readable by its owner only.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { mailOptions } from './mail.ts';
import type { Delivery, OutgoingMessage, Transport } from './transport.ts';

async function writePrivate(file: string, content: string | Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, content, { mode: 0o600 });
  await fs.rename(temporary, file);
}

/** A path for the log line: relative to the working folder when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

export function localMailTransport(dataDir: string, from: string): Transport {
  const folder = path.join(dataDir, 'mail');
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    description: `files in ${shown(folder)}`,
    async send(message: OutgoingMessage): Promise<Delivery> {
      const info = await composer.sendMail(mailOptions(message, from));
      const file = path.join(folder, `${message.id}.eml`);
      await writePrivate(file, info.message as Buffer);
      return { via: shown(file) };
    },
  };
}

export function localSmsTransport(dataDir: string): Transport {
  const folder = path.join(dataDir, 'sms');
  return {
    description: `files in ${shown(folder)}`,
    async send(message: OutgoingMessage): Promise<Delivery> {
      const file = path.join(folder, `${message.id}.txt`);
      await writePrivate(file, `To: ${message.to}\nId: ${message.id}\n\n${message.text}\n`);
      return { via: shown(file) };
    },
  };
}
