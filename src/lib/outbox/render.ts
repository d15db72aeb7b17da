/** Renders an outbox row with its template; a row no template can render fails for good. */
import type { MessageChannel, MessageLocale } from '../domain/messages.ts';
import type { MessageTemplate, RenderedMessage } from './template.ts';
import { TEMPLATES } from './templates/index.ts';
import { DeliveryError } from './transport.ts';

export interface RenderableRow {
  id: number | string;
  channel: MessageChannel;
  recipient: string;
  locale: MessageLocale;
  template: string;
  payload: unknown;
}

export function renderRow(
  row: RenderableRow,
  siteUrl: string,
  templates: Readonly<Record<string, MessageTemplate<unknown>>> = TEMPLATES,
): RenderedMessage {
  const template = Object.hasOwn(templates, row.template) ? templates[row.template] : undefined;
  if (!template) {
    throw new DeliveryError(`Unknown message template "${row.template}" (none is registered in src/lib/outbox/templates/index.ts).`, 'permanent');
  }
  const parsed = template.payload.safeParse(row.payload);
  if (!parsed.success) {
    // Issue paths and messages only: payload values (codes, tokens) never reach last_error or logs.
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new DeliveryError(`Bad payload for template "${row.template}": ${issues}`, 'permanent');
  }
  let rendered: RenderedMessage;
  try {
    rendered = template.render(parsed.data, {
      locale: row.locale,
      channel: row.channel,
      siteUrl: siteUrl.replace(/\/+$/, ''),
      recipient: row.recipient,
    });
  } catch (error) {
    throw new DeliveryError(`Template "${row.template}" failed: ${error instanceof Error ? error.message : String(error)}`, 'permanent', { cause: error });
  }
  if (!rendered.text.trim()) throw new DeliveryError(`Template "${row.template}" rendered an empty message.`, 'permanent');
  if (row.channel === 'email' && !rendered.subject.trim()) {
    throw new DeliveryError(`Template "${row.template}" rendered an e-mail without a subject.`, 'permanent');
  }
  return rendered;
}
