/**
 * Personal data never reaches the built site: the demo database holds sign-up contacts
 * (…@example.invalid), confirmation-code hashes and the principal leaders' ratings (personnel
 * files); none of it may appear in any file of dist/ (pages, feeds, data, search index).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

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
