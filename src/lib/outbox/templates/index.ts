/**
 * Every message template, by name (the names private.enqueue_message stores in outbox.template).
 * Each domain's module exports an array of its templates; register it with one import line and
 * one entry in MODULES (alphabetical).
 */
import type { MessageTemplate } from '../template.ts';
import { CONTACT_TEMPLATES } from './contacts.ts';
import { HALL_TEMPLATES } from './hall.ts';
import { HEARING_TEMPLATES } from './hearings.ts';
import { SUBSCRIPTION_TEMPLATES } from './subscriptions.ts';

// Templates differ in payload type; the sender validates each payload with the template's own schema.
type AnyTemplate = MessageTemplate<unknown>;

const MODULES: readonly (readonly AnyTemplate[])[] = [
  CONTACT_TEMPLATES,
  HALL_TEMPLATES,
  HEARING_TEMPLATES,
  SUBSCRIPTION_TEMPLATES,
];

function byName(modules: readonly (readonly AnyTemplate[])[]): Readonly<Record<string, MessageTemplate<unknown>>> {
  const record: Record<string, MessageTemplate<unknown>> = {};
  for (const template of modules.flat()) {
    if (record[template.name]) throw new Error(`Two message templates are named "${template.name}".`);
    record[template.name] = template;
  }
  return record;
}

export const TEMPLATES = byName(MODULES);
