/**
 * The UI dictionaries: both locales have the same keys and the same `{placeholders}` per key, and
 * every key is used somewhere in src/ (a string that nothing shows is dead weight a translator
 * still has to keep up to date).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDataDictionaries } from '../../src/i18n/opendata.ts';
import { participationDictionaries } from '../../src/i18n/participation.ts';
import { subscriptionDictionaries } from '../../src/i18n/subscriptions.ts';
import { trustDictionaries } from '../../src/i18n/trust.ts';
import type { Dictionaries } from '../../src/i18n/translator.ts';
import { uiDictionaries } from '../../src/i18n/ui.ts';

const DICTIONARIES: Record<string, Dictionaries<string>> = {
  'src/i18n/ui.ts': uiDictionaries,
  'src/i18n/opendata.ts': openDataDictionaries,
  'src/i18n/trust.ts': trustDictionaries,
  'src/i18n/participation.ts': participationDictionaries,
  'src/i18n/subscriptions.ts': subscriptionDictionaries,
};

/**
 * Keys built at run time from a prefix and a value (`t(\`status.${code}\`)`): a key with one of
 * these prefixes counts as used. Each prefix must still be used that way.
 */
const DYNAMIC_PREFIXES = [
  'status.', // StatusTable: the target statuses
  'commitments.facet.', // CommitmentsPage: the facets
  'part.window.', // participation pages: windowState()
  'hearings.status.', // hearing pages: the hearing's status
  'hearings.phase.', // HearingSignup: the sign-up window's state
  'signup.status.', // SignupLookup: a sign-up's status
  'category.', // SignupForm: the sign-up categories
  'surveys.mode.', // survey pages: panel or open
  'api.doc.', // the API page and documents.ts: one key per API document
];

/** Keys only tests read: tests/e2e/trust.spec.ts checks the hearing page never says "0 seats left". */
const TEST_ONLY = ['hearings.stats.seats_left'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|astro|svelte|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const sources = sourceFiles(join(root, 'src')).filter((path) => !(relative(root, path).split('\\').join('/') in DICTIONARIES));
const corpus = sources.map((path) => readFileSync(path, 'utf8')).join('\n');
const quoted = (key: string) => [`'${key}'`, `"${key}"`, `\`${key}\``].some((literal) => corpus.includes(literal));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each(Object.entries(DICTIONARIES))('%s', (_, dictionaries) => {
  const zh = dictionaries['zh-CN'];
  const en = dictionaries.en;

  it('has the same keys in zh-CN and en, each with the same placeholders and some text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh)) {
      expect(placeholders(en[key]!), key).toEqual(placeholders(zh[key]!));
      expect(zh[key]!.trim(), key).not.toBe('');
      expect(en[key]!.trim(), key).not.toBe('');
    }
  });

  it('has no key that nothing uses', () => {
    const unused = Object.keys(zh).filter(
      (key) => !quoted(key) && !DYNAMIC_PREFIXES.some((prefix) => key.startsWith(prefix)) && !TEST_ONLY.includes(key),
    );
    expect(unused).toEqual([]);
  });
});

describe('the allow-lists', () => {
  const keys = Object.values(DICTIONARIES).flatMap((d) => Object.keys(d['zh-CN']));

  it('name prefixes that are still used to build keys, and that keys still have', () => {
    for (const prefix of DYNAMIC_PREFIXES) {
      expect(corpus.includes(`\`${prefix}\${`), prefix).toBe(true);
      expect(keys.some((key) => key.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it('name test-only keys that exist and that src/ does not use', () => {
    for (const key of TEST_ONLY) {
      expect(keys).toContain(key);
      expect(quoted(key), key).toBe(false);
    }
  });
});
