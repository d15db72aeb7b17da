/**
 * The sender against real receivers: an SMTP server (smtp-server) whose messages are parsed with
 * mailparser, an SMS webhook on a local HTTP server, and the local transport's files.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { localMailTransport, localSmsTransport } from '../../src/lib/outbox/local.ts';
import { startOutboxSender } from '../../src/lib/outbox/run.ts';
import { OutboxSender, type Transports } from '../../src/lib/outbox/sender.ts';
import { smsWebhookTransport } from '../../src/lib/outbox/sms-webhook.ts';
import { smtpTransport } from '../../src/lib/outbox/smtp.ts';
import { defineTemplate, type MessageTemplate } from '../../src/lib/outbox/template.ts';
import { TEMPLATES } from '../../src/lib/outbox/templates/index.ts';
import { createTestDb } from './harness.ts';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gongshi//test//EN\r\nBEGIN:VEVENT\r\nUID:hearing-7@gongshi\r\n'
  + 'DTSTAMP:20261201T000000Z\r\nDTSTART:20261220T010000Z\r\nSUMMARY:Water price hearing\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

/** A template with everything a message can carry: an .ics attachment and list headers. */
const invite = defineTemplate({
  name: 'test_invite',
  payload: z.object({ title: z.string(), token: z.string() }),
  render: (p, ctx) => ({
    subject: ctx.locale === 'en' ? `Invitation: ${p.title}` : `邀请：${p.title}`,
    text: `${p.title}\n${ctx.siteUrl}/unsubscribe/#${p.token}\n`,
    attachments: [{ filename: 'hearing.ics', content: ICS, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }],
    headers: {
      'List-Unsubscribe': `<${ctx.siteUrl}/unsubscribe/#${p.token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }),
});
const templates: Record<string, MessageTemplate<unknown>> = { ...TEMPLATES, test_invite: invite };

const SITE = 'https://gongshi.example.org';
const FROM = '"公示 Gongshi" <no-reply@gongshi.example.org>';

let db: Db;
let tmp: string;
let smtp: SMTPServer;
let smtpUrl: string;
const received: ParsedMail[] = [];
/** What the SMTP server answers next; each entry is used once. */
const rcptRefusals: { code: number; message: string }[] = [];
const dataRefusals: { code: number; message: string }[] = [];
const logs: string[] = [];

beforeAll(async () => {
  db = await createTestDb();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-outbox-'));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const refusal = rcptRefusals.shift();
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, _session, callback) {
      const refusal = dataRefusals.shift();
      simpleParser(stream).then(
        (mail) => {
          if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await db?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  await db.exec(`delete from private.undeliverable_recipients; delete from private.outbox;`);
  received.length = 0;
  rcptRefusals.length = 0;
  dataRefusals.length = 0;
  logs.length = 0;
});

async function enqueue(key: string, recipient: string, template: string, payload: object, locale = 'zh-CN'): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    `select private.enqueue_message($1, $2, $3, $4, $5::text::jsonb) as id`, [key, recipient, locale, template, JSON.stringify(payload)]);
  return Number(row!.id);
}

const code = (c = 'K7QM4XZ2') => ({ code: c, purpose: 'hearing_signup', valid_minutes: 30, title: '水价听证会' });

async function status(id: number) {
  const [row] = await db.query<{ status: string; attempts: number; last_error: string | null; payload: Record<string, unknown> }>(
    `select status, attempts, last_error, payload from private.outbox where id = $1`, [id]);
  return row!;
}

/** A header line as sent (mailparser folds List-* headers into one parsed object). */
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ');

/** Lets a retry come due, or a lease run out, now. */
const makeDue = (id: number) =>
  db.query(`update private.outbox set next_attempt_at = now() - interval '1 second',
            locked_until = case when status = 'sending' then now() - interval '1 second' end where id = $1`, [id]);

function sender(transports: Partial<Transports>, onDb: Db = db): OutboxSender {
  return new OutboxSender({
    db: onDb,
    transports: { email: localMailTransport(tmp, FROM), sms: localSmsTransport(tmp), ...transports },
    siteUrl: SITE,
    templates,
    log: (line) => {
      logs.push(line);
    },
  });
}

describe('SMTP', () => {
  it('delivers subject, body, attachment and list headers; the message is marked sent and its secrets scrubbed', async () => {
    const s = sender({ email: smtpTransport(smtpUrl, FROM) });
    const codeId = await enqueue('contact_code:1', 'person@example.org', 'contact_code', code());
    const inviteId = await enqueue('invite:1', 'person@example.org', 'test_invite', { title: 'Water price hearing', token: 'tok-123' }, 'en');
    expect(await s.drain()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(received).toHaveLength(2);
    const [mail, inv] = received as [ParsedMail, ParsedMail];
    expect(mail.subject).toBe('验证码 K7QM-4XZ2');
    expect(mail.text).toContain('K7QM-4XZ2');
    expect(mail.text).toContain('水价听证会');
    expect(mail.from?.text).toContain('no-reply@gongshi.example.org');
    expect(mail.messageId).toMatch(new RegExp(`^<outbox\\.${codeId}\\.[0-9a-f]{16}@gongshi\\.example\\.org>$`));
    expect(inv.subject).toBe('Invitation: Water price hearing');
    expect(header(inv, 'list-unsubscribe')).toBe(`List-Unsubscribe: <${SITE}/unsubscribe/#tok-123>`);
    expect(header(inv, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(inv.attachments).toHaveLength(1);
    expect(inv.attachments[0]).toMatchObject({ filename: 'hearing.ics', contentType: 'text/calendar' });
    expect(inv.attachments[0]!.content.toString('utf8')).toBe(ICS);
    for (const id of [codeId, inviteId]) {
      const row = await status(id);
      expect(row.status).toBe('sent');
      expect(row.payload).not.toHaveProperty('code');
      expect(row.payload).not.toHaveProperty('token');
    }
    expect(logs.join('\n')).not.toContain('person@example.org');
    expect(logs[0]).toMatch(/Message #\d+ \(contact_code, e-mail to p\*\*\*@example\.org\): sent → SMTP 127\.0\.0\.1:\d+/);
    await s.close();
  });

  it('retries a 5xx answer to DATA after its backoff, then sends', async () => {
    const s = sender({ email: smtpTransport(smtpUrl, FROM) });
    const id = await enqueue('contact_code:2', 'person@example.org', 'contact_code', code());
    dataRefusals.push({ code: 554, message: 'Transaction failed, try again' });
    expect(await s.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await status(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await status(id)).last_error).toMatch(/554/);
    expect(await s.drain(), 'not before the backoff').toEqual({ sent: 0, retried: 0, failed: 0 });
    await makeDue(id);
    expect(await s.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 2 });
    await s.close();
  });

  it('also retries a temporary 4xx refusal of the recipient', async () => {
    const s = sender({ email: smtpTransport(smtpUrl, FROM) });
    const id = await enqueue('contact_code:3', 'person@example.org', 'contact_code', code());
    rcptRefusals.push({ code: 451, message: 'Greylisted, come back later' });
    expect(await s.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    await makeDue(id);
    expect(await s.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    await s.close();
  });

  it('marks a recipient refused with 550 undeliverable: never retried, and later messages to it fail at once', async () => {
    const s = sender({ email: smtpTransport(smtpUrl, FROM) });
    const id = await enqueue('contact_code:4', 'nobody@example.org', 'contact_code', code());
    rcptRefusals.push({ code: 550, message: '5.1.1 No such user' });
    expect(await s.drain()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await status(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await status(id)).last_error).toMatch(/550 5\.1\.1 No such user/);
    expect(await db.query(`select recipient from private.undeliverable_recipients`)).toEqual([{ recipient: 'nobody@example.org' }]);
    expect(logs.at(-1)).toMatch(/n\*\*\*@example\.org\): failed, the recipient is marked undeliverable/);
    await makeDue(id);
    const later = await enqueue('contact_code:5', 'nobody@example.org', 'contact_code', code());
    expect((await status(later)).status).toBe('failed');
    expect(await s.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(received).toHaveLength(0);
    await s.close();
  });

  it('a crash between send and mark resends the message once, after the lease runs out, and never again', async () => {
    const id = await enqueue('contact_code:6', 'person@example.org', 'contact_code', code());
    // The database "goes away" right after the transport accepted the message.
    let crashes = 1;
    const crashing: Db = {
      ...db,
      query: async (text, params) => {
        if (text.includes('mark_message_sent') && crashes-- > 0) throw new Error('connection lost');
        return db.query(text, params);
      },
    };
    const first = sender({ email: smtpTransport(smtpUrl, FROM) }, crashing);
    await expect(first.drain()).rejects.toThrow('connection lost');
    expect(received).toHaveLength(1);
    expect((await status(id)).status).toBe('sending');

    const second = sender({ email: smtpTransport(smtpUrl, FROM) });
    expect(await second.drain(), 'not while the lease holds').toEqual({ sent: 0, retried: 0, failed: 0 });
    await makeDue(id);
    expect(await second.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    await makeDue(id);
    expect(await second.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(received).toHaveLength(2);
    expect(received[1]!.messageId, 'the copy carries the same Message-ID').toBe(received[0]!.messageId);
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 2 });
    await first.close();
    await second.close();
  });

  it('fails an unknown template or a bad payload for good, naming the problem, without blaming the recipient', async () => {
    const s = sender({ email: smtpTransport(smtpUrl, FROM) });
    const unknown = await enqueue('x:1', 'person@example.org', 'no_such_template', {});
    const bad = await enqueue('x:2', 'person@example.org', 'contact_code', { code: 'secret-looking', purpose: 'verify_contact' });
    expect(await s.drain()).toEqual({ sent: 0, retried: 0, failed: 2 });
    expect((await status(unknown)).last_error).toBe('Unknown message template "no_such_template" (none is registered in src/lib/outbox/templates/index.ts).');
    const badRow = await status(bad);
    expect(badRow.last_error).toMatch(/^Bad payload for template "contact_code": code: .*valid_minutes: /);
    expect(badRow.last_error).not.toContain('secret-looking');
    expect(badRow.payload).not.toHaveProperty('code');
    expect(await db.query(`select 1 from private.undeliverable_recipients`)).toHaveLength(0);
    expect(received).toHaveLength(0);
    await s.close();
  });
});

describe('SMS webhook', () => {
  let server: http.Server;
  let url: string;
  const requests: { body: unknown; headers: http.IncomingHttpHeaders }[] = [];
  const answers: number[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        requests.push({ body: JSON.parse(body), headers: req.headers });
        const status = answers.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status < 300 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://sms:s3cret@127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  beforeEach(() => {
    requests.length = 0;
    answers.length = 0;
  });

  it('POSTs {to, text, id} as JSON with Basic credentials from the URL; 2xx is sent', async () => {
    const s = sender({ sms: smsWebhookTransport(url) });
    const id = await enqueue('contact_code:sms:1', '+8613800138000', 'contact_code', code());
    expect(await s.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(requests).toHaveLength(1);
    const body = requests[0]!.body as { to: string; text: string; id: number };
    expect(Object.keys(body).sort()).toEqual(['id', 'text', 'to']);
    expect(body).toMatchObject({ to: '+8613800138000', id });
    expect(body.text).toContain('K7QM-4XZ2');
    expect(body.text.length).toBeLessThanOrEqual(70);
    expect(requests[0]!.headers['authorization']).toBe(`Basic ${Buffer.from('sms:s3cret').toString('base64')}`);
    expect(requests[0]!.headers['idempotency-key']).toBe(`outbox-${id}`);
    expect(logs[0]).toMatch(/SMS to \+86 138\*\*\*\*8000\): sent → SMS webhook http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs[0]).not.toContain('s3cret');
  });

  it('retries a 5xx, a 429 and an unreachable webhook; marks the number undeliverable on another 4xx', async () => {
    const s = sender({ sms: smsWebhookTransport(url) });
    const id = await enqueue('contact_code:sms:2', '+8613800138001', 'contact_code', code());
    answers.push(503, 429);
    expect(await s.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await status(id)).last_error).toMatch(/^SMS webhook answered 503/);
    await makeDue(id);
    expect(await s.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    await makeDue(id);
    const unreachable = sender({ sms: smsWebhookTransport('http://127.0.0.1:1/send', { timeoutMs: 2000 }) });
    expect(await unreachable.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    await makeDue(id);
    expect(await s.drain()).toEqual({ sent: 1, retried: 0, failed: 0 });

    const refused = await enqueue('contact_code:sms:3', '+8613800138002', 'contact_code', code());
    answers.push(400);
    expect(await s.drain()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await status(refused)).status).toBe('failed');
    expect((await status(refused)).last_error).toMatch(/^SMS webhook answered 400/);
    expect(await db.query(`select recipient, channel from private.undeliverable_recipients`)).toEqual([{ recipient: '+8613800138002', channel: 'sms' }]);
  });
});

describe('local delivery', () => {
  it('writes each e-mail as a parseable RFC 5322 .eml file and each SMS as a .txt file, readable by the owner only', async () => {
    const s = sender({});
    const mailId = await enqueue('invite:local', 'person@example.org', 'test_invite', { title: '水价听证会', token: 'tok-9' });
    const smsId = await enqueue('contact_code:local', '+8613800138000', 'contact_code', code(), 'en');
    expect(await s.drain()).toEqual({ sent: 2, retried: 0, failed: 0 });
    const eml = path.join(tmp, 'mail', `${mailId}.eml`);
    const raw = fs.readFileSync(eml);
    expect(raw.toString('latin1')).toMatch(/\r\nMIME-Version: 1\.0\r\n/);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('邀请：水价听证会');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('person@example.org');
    expect(mail.attachments[0]).toMatchObject({ filename: 'hearing.ics', contentType: 'text/calendar' });
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const sms = fs.readFileSync(path.join(tmp, 'sms', `${smsId}.txt`), 'utf8');
    expect(sms).toContain('To: +8613800138000');
    expect(sms).toContain('Gongshi code K7QM-4XZ2');
    if (process.platform !== 'win32') {
      expect(fs.statSync(eml).mode & 0o077).toBe(0);
    }
    expect(logs.some((l) => l.includes(`sent → ${path.relative(process.cwd(), eml) || eml}`) || l.includes(`sent → ${eml}`))).toBe(true);
  });

  it('the running sender wakes on a new message (LISTEN) or at its next poll', async () => {
    const running = await startOutboxSender(db, {
      config: { smtpUrl: undefined, smsWebhook: undefined, mailFrom: FROM, dataDir: tmp, siteUrl: SITE },
      intervalMs: db.listen ? 60_000 : 200,
      log: (line) => {
        logs.push(line);
      },
    });
    expect(running.listening).toBe(db.listen !== undefined);
    try {
      // Let the first drain pass, so that only a wake-up (or a poll) can find the next message.
      await new Promise((r) => setTimeout(r, 300));
      const id = await enqueue('contact_code:watch', 'watcher@example.org', 'contact_code', code());
      const file = path.join(tmp, 'mail', `${id}.eml`);
      for (let i = 0; i < 100 && !(await status(id).then((r) => r.status === 'sent')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(fs.existsSync(file)).toBe(true);
      expect((await status(id)).status).toBe('sent');
    } finally {
      await running.stop();
    }
  });
});
