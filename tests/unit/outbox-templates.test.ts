/**
 * The outbox's pure parts: every registered template renders in both locales and both channels
 * (SMS short), contact codes read XXXX-XXXX, recipients are masked in logs, SMTP answers map to
 * retry / undeliverable, and the sender's configuration has sensible defaults.
 */
import { describe, expect, it } from 'vitest';
import { readOutboxConfig } from '../../src/lib/outbox/config.ts';
import { mailOptions, messageIdFor } from '../../src/lib/outbox/mail.ts';
import { maskRecipient } from '../../src/lib/outbox/mask.ts';
import { renderRow } from '../../src/lib/outbox/render.ts';
import { smtpOutcome } from '../../src/lib/outbox/smtp.ts';
import { siteLink } from '../../src/lib/outbox/template.ts';
import { displayCode } from '../../src/lib/outbox/templates/contacts.ts';
import { TEMPLATES } from '../../src/lib/outbox/templates/index.ts';
import { DeliveryError } from '../../src/lib/outbox/transport.ts';

const row = (over: Partial<Parameters<typeof renderRow>[0]> = {}) => ({
  id: 1,
  channel: 'email' as const,
  recipient: 'person@example.org',
  locale: 'zh-CN' as const,
  template: 'contact_code',
  payload: { code: 'K7QM4XZ2', purpose: 'hearing_signup', valid_minutes: 30, title: '水价听证会' },
  ...over,
});

describe('templates', () => {
  it('every template is registered under its own name', () => {
    for (const [name, template] of Object.entries(TEMPLATES)) expect(template.name).toBe(name);
    expect(TEMPLATES).toHaveProperty('contact_code');
  });

  it('contact_code renders in both locales and both channels; the SMS stays short', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const mail = renderRow(row({ locale }), 'https://gongshi.example.org/');
      expect(mail.subject).toContain('K7QM-4XZ2');
      expect(mail.text).toContain('K7QM-4XZ2');
      expect(mail.text).toContain('30');
      expect(mail.text).toContain('水价听证会');
      expect(mail.text).toContain(locale === 'en' ? 'https://gongshi.example.org/en/' : 'https://gongshi.example.org/');
      const sms = renderRow(row({ locale, channel: 'sms', recipient: '+8613800138000' }), 'https://gongshi.example.org');
      expect(sms.text).toContain('K7QM-4XZ2');
      expect(sms.text.length).toBeLessThanOrEqual(locale === 'en' ? 160 : 70);
    }
    expect(renderRow(row({ locale: 'en' }), 'https://x.example').text).toContain('to confirm your hearing sign-up');
    expect(renderRow(row({ payload: { code: 'K7QM4XZ2', purpose: 'something_new', valid_minutes: 5 } }), 'https://x.example').text)
      .toContain('确认您的联系方式');
  });

  it('refuses an unknown template and a bad payload as permanent failures that name the problem, not the values', () => {
    const unknown = () => renderRow(row({ template: 'nope' }), 'https://x.example');
    expect(unknown).toThrow(DeliveryError);
    expect(unknown).toThrow('Unknown message template "nope"');
    try {
      renderRow(row({ payload: { code: 'not-a-code!', purpose: 'x' } }), 'https://x.example');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).outcome).toBe('permanent');
      expect((error as Error).message).toMatch(/^Bad payload for template "contact_code": code: .*valid_minutes: /);
      expect((error as Error).message).not.toContain('not-a-code!');
    }
  });

  it('shows codes as XXXX-XXXX and builds links with the token in the fragment', () => {
    expect(displayCode('k7qm4xz2')).toBe('K7QM-4XZ2');
    expect(displayCode('K7QM-4XZ2')).toBe('K7QM-4XZ2');
    expect(siteLink({ siteUrl: 'https://x.example/', locale: 'en' }, '/hearings/3/', 'tok')).toBe('https://x.example/en/hearings/3/#tok');
    expect(siteLink({ siteUrl: 'https://x.example', locale: 'zh-CN' }, '/hearings/3/')).toBe('https://x.example/hearings/3/');
  });
});

describe('mail', () => {
  const message = { id: 7, key: 'contact_code:9', channel: 'email' as const, to: 'a@example.org', subject: 's', text: 't' };

  it('keeps one Message-ID for every attempt of a message', () => {
    expect(messageIdFor(message, '"G" <no-reply@gongshi.example.org>')).toBe(messageIdFor(message, 'no-reply@gongshi.example.org'));
    expect(messageIdFor(message, 'no-reply@gongshi.example.org')).toMatch(/^<outbox\.7\.[0-9a-f]{16}@gongshi\.example\.org>$/);
  });

  it('passes template headers through but never lets a template set To, From or Subject', () => {
    expect(mailOptions({ ...message, headers: { 'List-Unsubscribe': '<https://x.example/u/#t>' } }, 'f@x.example').headers)
      .toMatchObject({ 'List-Unsubscribe': '<https://x.example/u/#t>' });
    expect(() => mailOptions({ ...message, headers: { Bcc: 'spy@example.org' } }, 'f@x.example')).toThrow('may not set the header "Bcc"');
    expect(() => mailOptions({ ...message, headers: { 'X-Bad\r\nTo': 'x' } }, 'f@x.example')).toThrow();
  });
});

describe('maskRecipient', () => {
  it.each([
    ['+8613800138000', '+86 138****8000'],
    ['+861012345678', '+86 10****5678'],
    ['+447911123456', '+44 79****3456'],
    ['person@example.org', 'p***@example.org'],
    ['nonsense', '***'],
  ])('%s → %s', (recipient, masked) => {
    expect(maskRecipient(recipient)).toBe(masked);
  });
});

describe('smtpOutcome', () => {
  it.each([
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }, 'undeliverable'],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 553 }, 'undeliverable'],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 552 }, 'retry'],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451 }, 'retry'],
    [{ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550 }, 'retry'],
    [{ code: 'EMESSAGE', command: 'DATA', responseCode: 554 }, 'retry'],
    [{ code: 'EMESSAGE', command: 'API' }, 'permanent'],
    [{ code: 'EAUTH', responseCode: 535 }, 'retry'],
    [{ code: 'ECONNECTION' }, 'retry'],
  ])('%o → %s', (error, outcome) => {
    expect(smtpOutcome(error)).toBe(outcome);
  });
});

describe('readOutboxConfig', () => {
  it('delivers to files by default, from no-reply at the site host', () => {
    const config = readOutboxConfig({ SITE_URL: 'https://www.gongshi.example.org/', GONGSHI_DATA_DIR: '/tmp/d' });
    expect(config).toMatchObject({ smtpUrl: undefined, smsWebhook: undefined, siteUrl: 'https://www.gongshi.example.org', dataDir: '/tmp/d' });
    expect(config.mailFrom).toBe('"公示 Gongshi" <no-reply@gongshi.example.org>');
    expect(readOutboxConfig({}).mailFrom).toBe('"公示 Gongshi" <no-reply@gongshi.invalid>');
    expect(readOutboxConfig({ GONGSHI_MAIL_FROM: 'Office <office@city.example>' }).mailFrom).toBe('Office <office@city.example>');
  });

  it('refuses URLs of the wrong kind', () => {
    expect(() => readOutboxConfig({ GONGSHI_SMTP_URL: 'smtp.example.org' })).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => readOutboxConfig({ GONGSHI_SMS_WEBHOOK: 'ftp://x' })).toThrow(/http\(s\) URL/);
    expect(readOutboxConfig({ GONGSHI_SMTP_URL: 'smtps://u:p@smtp.example.org:465' }).smtpUrl).toBe('smtps://u:p@smtp.example.org:465');
  });
});
