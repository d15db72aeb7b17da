/**
 * Personal data never reaches the built site: the demo database holds sign-up contacts
 * (…@example.invalid), confirmation-code hashes and the principal leaders' ratings (personnel
 * files); none of it may appear in any file of dist/ (pages, feeds, data, search index).
 *
 * Before the portal starts, tests/e2e/plant-private.ts plants recognisable values in every table of
 * schema private (it fails if one is missed); none of them may appear in dist/ — the Pagefind index
 * decompressed too — or in any answer the RPCs give anon.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, test } from '@playwright/test';
import type { Planted } from './plant-private.ts';

const dist = path.resolve(process.env['DIST_DIR'] ?? path.join(import.meta.dirname, '../../dist'));

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

const FORBIDDEN: [string, RegExp][] = [
  ['a sign-up contact', /example\.invalid/],
  ['a cadre rating', /basically_competent|"incompetent"|不称职|基本称职/],
  ['a personnel-file basis', /unit \d+: total [\d.]+, rank \d+ of \d+/],
  ['a confirmation-code or token hash column', /code_hash|token_hash|contact_key/],
];

test('no file in dist/ contains personal data', () => {
  expect(fs.existsSync(path.join(dist, 'index.html')), 'the site must be built first (the webServer builds it)').toBe(true);
  const found: string[] = [];
  let scanned = 0;
  for (const file of files(dist)) {
    // Pagefind's index is compressed; its text is indexed from the HTML checked here anyway.
    if (file.includes(`${path.sep}pagefind${path.sep}`)) continue;
    const text = fs.readFileSync(file, 'utf8');
    scanned++;
    for (const [what, pattern] of FORBIDDEN) if (pattern.test(text)) found.push(`${what} in ${path.relative(dist, file)}`);
  }
  expect(scanned).toBeGreaterThan(1000);
  expect(found.slice(0, 20)).toEqual([]);
});

const dataDir = path.resolve(process.env['E2E_DATA_DIR'] ?? path.join(import.meta.dirname, '../../.data'));
const planted = () => JSON.parse(fs.readFileSync(path.join(dataDir, 'planted-private.json'), 'utf8')) as Planted;
const plantedValues = (p: Planted) => [...Object.entries(p.tables).flatMap(([table, values]) => values.map((v) => [`private.${table}`, v])), ...p.issued.map((v) => ['issued secret', v])];

/** A file's text; Pagefind's gzip files decompressed. */
function text(file: string): string {
  const bytes = fs.readFileSync(file);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
}

test('no value planted in a private table appears in dist/, search index included', () => {
  const p = planted();
  const values = plantedValues(p);
  expect(new Set(values.map(([table]) => table)).size, 'every private table planted, plus the issued secrets').toBeGreaterThanOrEqual(9);
  const found: string[] = [];
  // Positive control: the planted opinion was published, so its body must be found — in a page and in the search index.
  const control = { page: 0, index: 0 };
  for (const file of files(dist)) {
    const content = text(file);
    if (content.includes('zq7-planted-public-body')) control[file.includes(`${path.sep}pagefind${path.sep}`) ? 'index' : 'page']++;
    for (const [table, value] of values) if (content.includes(value!)) found.push(`${table} value ${value} in ${path.relative(dist, file)}`);
  }
  expect(control.page, 'the published planted opinion is on its topic page').toBeGreaterThan(0);
  expect(control.index, 'the search index was read (decompressed)').toBeGreaterThan(0);
  expect(found.slice(0, 20)).toEqual([]);
});

test('no RPC answer to anon contains a planted private value', async ({ request }) => {
  const p = planted();
  const keys = JSON.parse(fs.readFileSync(path.join(dataDir, 'gateway-keys.json'), 'utf8')) as { anon_key: string };
  const answers: string[] = [];
  const call = async (rpc: string, args: Record<string, unknown>, status: number) => {
    const response = await request.post(`/rest/v1/rpc/${rpc}`, { headers: { apikey: keys.anon_key }, data: args });
    const body = await response.text();
    expect(response.status(), `${rpc} ${body}`).toBe(status);
    answers.push(`${rpc}: ${body}`);
  };
  const { topicId, hearingId, openSurveyId, panelSurveyId } = p.ids;
  await call('check_hearing_signup', { code: p.confirmationCode }, 200);
  await call('check_hearing_signup', { code: 'AAAA-BBBB-CCCC-DDDD' }, 404);
  await call('hearing_availability', { hearing_id: hearingId }, 200);
  await call('hall_topic_stats', { topic_id: topicId }, 200);
  await call('survey_stats', { survey_id: openSurveyId }, 200);
  await call('survey_stats', { survey_id: panelSurveyId }, 200);
  // The planted person's contact again: the same answer as for anyone (a message goes to the contact), naming nobody.
  await call('sign_up_for_hearing', { hearing_id: hearingId, name: '另一位市民', contact: '+99 0177 4629 3851', category: 'other' }, 200);
  await call('submit_hall_opinion', { topic_id: topicId, body: '隐私测试的意见', contact_token: p.issued[2], locale: 'zh-CN' }, 200);
  // The planted browser answering again: refused, and the refusal says nothing of whom.
  await call('submit_survey_response', { survey_id: openSurveyId, answers: [], browser_token: p.issued[3] }, 400);
  // A token handed to a citizen, with no answers: refused, and the refusal reveals nothing of it.
  await call('submit_survey_response', { survey_id: panelSurveyId, token: p.issued[1], answers: [] }, 400);
  await call('withdraw_hearing_signup', { code: 'AAAA-BBBB-CCCC-DDDD' }, 404);
  const found = answers.flatMap((answer) => plantedValues(p).filter(([, v]) => answer.includes(v!)).map(([table, v]) => `${table} value ${v} in ${answer.slice(0, 200)}`));
  expect(found).toEqual([]);
});
