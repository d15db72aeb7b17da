/**
 * The open data as the media get it, read from the built dist/ (the portal Playwright started):
 * every JSON document validates against the JSON Schema it names, every CSV reads back to its JSON
 * twin's rows, the feeds are well-formed and newest first, and nothing personal is in any file.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CITIZEN_RPCS } from '../../src/lib/citizen-rpcs.ts';
import { propertyType } from '../../src/lib/opendata/columns.ts';
import { checkVersion } from '../../src/lib/opendata/document-version.ts';
import { readCsv } from '../../src/lib/opendata/csv-read.ts';

const DIST = path.resolve(process.env['DIST_DIR'] ?? path.join(import.meta.dirname, '../../dist'));

function files(dir: string, extension: RegExp): string[] {
  const root = path.join(DIST, dir);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((f) => path.join(root, f))
    .filter((f) => extension.test(f) && fs.statSync(f).isFile())
    .sort();
}
const readJson = <T = Record<string, unknown>>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
/** The file in dist/ that a URL of the built site names. */
const fileOf = (url: string) => path.join(DIST, decodeURIComponent(new URL(url).pathname));

interface JsonSchema {
  $id: string;
  properties: { rows: { items: { properties: Record<string, Parameters<typeof propertyType>[0]> } } };
}
interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
interface Ajv {
  addSchema(schema: object): Ajv;
  getSchema(id: string): Validator | undefined;
}

/** Ajv 8 (JSON Schema draft 2020-12), strict: an unknown keyword or format in a schema is an error. */
async function loadAjv(): Promise<Ajv> {
  // A variable specifier: the type-checker need not resolve the package, the test reports it missing.
  const specifier = 'ajv/dist/2020.js';
  let Ajv2020: new (options: object) => Ajv;
  try {
    ({ default: Ajv2020 } = (await import(specifier)) as { default: typeof Ajv2020 });
  } catch (error) {
    throw new Error(`The schema test needs Ajv 8: npm install --save-dev ajv@^8 (${String(error)})`);
  }
  const formats = {
    date: /^\d{4}-\d{2}-\d{2}$/,
    'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
    uri: (s: string) => URL.canParse(s),
  };
  return new Ajv2020({ strict: true, allErrors: true, formats });
}

test.describe('open data files', () => {
  const schemaFiles = files('api/v1/schemas', /\.schema\.json$/);
  const documents = [...files('api/v1', /\.json$/), ...files('data', /\.json$/)].filter((f) => !f.includes(`${path.sep}schemas${path.sep}`));

  test('the build holds the API, its schemas and the datasets', () => {
    expect(schemaFiles.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['index.schema.json', 'units.schema.json', 'unit.schema.json', 'target.schema.json', 'year-summary.schema.json', 'bulletins.schema.json', 'dataset-targets.schema.json']),
    );
    const index = readJson<{ documents: { url_template: string }[]; datasets: { name: string; years: { csv_url: string; json_url: string }[] }[] }>(path.join(DIST, 'api/v1/index.json'));
    for (const dataset of index.datasets) {
      expect(dataset.years.length, dataset.name).toBeGreaterThan(0);
      for (const year of dataset.years) {
        expect(fs.existsSync(fileOf(year.csv_url)), year.csv_url).toBe(true);
        expect(fs.existsSync(fileOf(year.json_url)), year.json_url).toBe(true);
      }
    }
    expect(documents.length).toBeGreaterThan(100);
  });

  test('every JSON document under /api/v1 and /data validates against the published schema it names', async () => {
    const ajv = await loadAjv();
    for (const file of schemaFiles) {
      const schema = readJson<JsonSchema>(file);
      expect(new URL(schema.$id).pathname, file).toBe(`/api/v1/schemas/${path.basename(file)}`);
      ajv.addSchema(schema);
    }
    const failures: string[] = [];
    for (const file of documents) {
      const document = readJson(file);
      const schemaUrl = document['$schema'];
      const validate = typeof schemaUrl === 'string' ? ajv.getSchema(schemaUrl) : undefined;
      if (!validate) failures.push(`${file}: names no published schema (${String(schemaUrl)})`);
      else if (!validate(document)) failures.push(`${file}: ${JSON.stringify(validate.errors).slice(0, 400)}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  test('every CSV file reads back, typed by the published schema, to the same rows as its JSON twin', () => {
    const csvFiles = files('data', /\.csv$/);
    expect(csvFiles.length).toBeGreaterThanOrEqual(6);
    for (const file of csvFiles) {
      const twin = readJson<{ $schema: string; rows: unknown[] }>(file.replace(/\.csv$/, '.json'));
      const schema = readJson<JsonSchema>(fileOf(twin.$schema));
      const properties = schema.properties.rows.items.properties;
      const types = Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, propertyType(p)]));
      const bytes = fs.readFileSync(file);
      expect([...bytes.subarray(0, 3)], `${file} starts with the UTF-8 BOM`).toEqual([0xef, 0xbb, 0xbf]);
      const { columns, rows } = readCsv(bytes.toString('utf8'), types);
      expect(columns, file).toEqual(Object.keys(properties));
      expect(rows.length, file).toBe(twin.rows.length);
      expect(rows, file).toEqual(twin.rows);
    }
  });

  test('no file of the open data, the API or the feeds holds an email, a phone number, an ID number or a token', () => {
    const patterns: [string, RegExp][] = [
      ['email address', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
      ['mobile number', /(?<![\d.])(\+?86[ -]?)?1[3-9]\d{9}(?!\d)/],
      ['landline number', /(?<![\d.])0\d{2,3}-?\d{7,8}(?![\d.])/],
      ['ID card number', /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/],
      ['token or hash', /(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}/],
      ['confirmation or invitation code field', /"(contact|phone|email|token|token_hash|confirmation_code|invitation)"\s*:/i],
    ];
    // rpcs.json documents the citizen RPCs from code and the catalog, not from rows: it names the
    // fields citizens send (contact, token) and the error hints' example address (name@example.org).
    const reference = path.join(DIST, 'api/v1/rpcs.json');
    const scanned = [
      ...files('data', /\.(csv|json)$/),
      ...files('api', /\.json$/).filter((f) => f !== reference),
      ...files('bulletins', /\.(xml|json)$/),
      ...files('en/bulletins', /\.(xml|json)$/),
      ...files('units', /feed\.xml$/),
      ...files('en/units', /feed\.xml$/),
    ];
    expect(scanned.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of scanned) {
      const text = withoutPublicLotteryHashes(file, withoutOwnVersion(fs.readFileSync(file, 'utf8')));
      for (const [what, pattern] of patterns) {
        const match = pattern.exec(text);
        if (match) found.push(`${path.relative(DIST, file)}: ${what} "${match[0]}"`);
      }
    }
    expect(found).toEqual([]);
  });
});

test.describe('feeds', () => {
  const bulletinCount = () => readJson<{ bulletins: unknown[] }>(path.join(DIST, 'api/v1/bulletins.json')).bulletins.length;

  for (const feed of ['/bulletins/rss.xml', '/en/bulletins/rss.xml', '/units/M001/feed.xml', '/en/units/D01/feed.xml']) {
    test(`${feed} is well-formed RSS 2.0 with the required fields, newest first`, async ({ page, request }) => {
      const response = await request.get(feed);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/xml/);
      await page.goto('/');
      const xml = await response.text();
      // The browser's XML parser: a parsererror element means the feed is not well-formed.
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const child = (el: Element, name: string) => el.getElementsByTagName(name)[0]?.textContent?.trim() ?? '';
        const channel = doc.querySelector('rss > channel');
        return {
          error: doc.getElementsByTagName('parsererror').length > 0,
          version: doc.documentElement.getAttribute('version'),
          channel: channel && { title: child(channel, 'title'), link: child(channel, 'link'), description: child(channel, 'description') },
          items: [...doc.getElementsByTagName('item')].map((item) => ({
            title: child(item, 'title'),
            link: child(item, 'link'),
            guid: child(item, 'guid'),
            pubDate: child(item, 'pubDate'),
          })),
        };
      }, xml);
      expect(parsed.error).toBe(false);
      expect(parsed.version).toBe('2.0');
      expect(parsed.channel?.title).not.toBe('');
      expect(parsed.channel?.link).toMatch(/^https?:\/\//);
      expect(parsed.channel?.description).not.toBe('');
      for (const item of parsed.items) {
        expect(item.title).not.toBe('');
        expect(item.link).toMatch(/^https?:\/\//);
        expect(item.guid).not.toBe('');
        expect(Number.isNaN(Date.parse(item.pubDate)), item.pubDate).toBe(false);
      }
      expect(new Set(parsed.items.map((i) => i.guid)).size).toBe(parsed.items.length);
      const times = parsed.items.map((i) => Date.parse(i.pubDate));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      if (feed.includes('bulletins')) expect(parsed.items).toHaveLength(bulletinCount());
      else expect(parsed.items.length).toBeGreaterThan(0);
    });
  }

  for (const feed of ['/bulletins/feed.json', '/en/bulletins/feed.json']) {
    test(`${feed} is JSON Feed 1.1 with the required fields, newest first`, async ({ request }) => {
      const response = await request.get(feed);
      expect(response.status()).toBe(200);
      const json = (await response.json()) as {
        version: string;
        title: string;
        items: { id: string; content_html?: string; content_text?: string; date_published?: string }[];
      };
      expect(json.version).toBe('https://jsonfeed.org/version/1.1');
      expect(json.title).not.toBe('');
      expect(json.items).toHaveLength(bulletinCount());
      for (const item of json.items) {
        expect(typeof item.id).toBe('string');
        expect(item.id).not.toBe('');
        expect(item.content_html ?? item.content_text ?? '').not.toBe('');
      }
      expect(new Set(json.items.map((i) => i.id)).size).toBe(json.items.length);
      const times = json.items.map((i) => Date.parse(i.date_published ?? ''));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });
  }
});

test.describe('pages', () => {
  for (const { path: url, lang, heading } of [
    { path: '/data/', lang: 'zh-CN', heading: '开放数据' },
    { path: '/en/data/', lang: 'en', heading: 'Open data' },
  ]) {
    test(`${url} lists every dataset with its columns, licence and cadence; its downloads work`, async ({ page, request }) => {
      await page.goto(url);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.locator('a[rel="license"]').first()).toHaveAttribute('href', 'https://creativecommons.org/licenses/by/4.0/');
      const index = readJson<{ datasets: { name: string }[] }>(path.join(DIST, 'api/v1/index.json'));
      for (const { name } of index.datasets) {
        const section = page.locator(`#dataset-${name}`);
        await expect(section.locator('dl.facts dd').first()).not.toBeEmpty();
        expect(await section.locator('tbody tr').count(), name).toBeGreaterThan(2);
      }
      const links = await page.locator('#download-table a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(links.length).toBeGreaterThanOrEqual(12);
      for (const href of links.filter((h) => h.endsWith('.csv')).slice(0, 2)) {
        const response = await request.get(href);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toMatch(/^text\/csv/);
      }
    });
  }

  test('the API page documents every document with a live example and its schema', async ({ page, request }) => {
    await page.goto('/en/api/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('API documentation');
    for (const name of ['index', 'units', 'unit', 'target', 'year-summary', 'bulletins']) {
      const section = page.locator(`#doc-${name}`);
      await expect(section.locator('pre code')).toContainText('"$schema"');
      const schema = await section.locator(`a[href$="/${name}.schema.json"]`).first().getAttribute('href');
      expect((await request.get(schema!)).status()).toBe(200);
      const example = await section.locator('figcaption a').getAttribute('href');
      expect((await request.get(example!)).status()).toBe(200);
    }
  });

  for (const [url, heading, general] of [['/en/api/', 'Citizen RPCs', 'Too many attempts'], ['/api/', '公众参与接口（RPC）', '提交过于频繁']] as const) {
    test(`${url} documents every citizen RPC with its arguments, its call and every error code`, async ({ page, request }) => {
      await page.goto(url);
      await expect(page.locator('#citizen-rpcs-title')).toHaveText(heading);
      const published = await (await request.get('/api/v1/rpcs.json')).json() as { rpcs: { name: string; arguments: unknown[] }[] };
      expect(published.rpcs.map((r) => r.name)).toEqual([...CITIZEN_RPCS]);
      for (const rpc of published.rpcs) {
        const section = page.locator(`#rpc-${rpc.name}`);
        await expect(section.locator('.rpc-arguments tbody tr')).toHaveCount(rpc.arguments.length);
        await expect(section.locator('pre code').last()).toContainText(`/rest/v1/rpc/${rpc.name}`);
        for (const code of ['23505', 'PT404', 'PT409', 'PT429', 'PGRST301']) await expect(section.locator(`.rpc-errors tr[data-code="${code}"]`)).toHaveCount(1);
      }
      await expect(page.locator('#rpc-subscribe .rpc-errors tr[data-code="PT429"]')).toContainText(general);
      await expect(page.locator('#rpc-submit_hall_opinion .rpc-errors tr[data-code="PT409"]')).toHaveAttribute('data-error', 'TopicClosed');
      await expect(page.locator('#rpc-submit_hall_opinion .rpc-errors tr[data-code="PT409"] td').first()).toHaveText('409');
    });
  }
});

/**
 * The hearing lotteries publish hashes on purpose — the seed commitment, the revealed seed and
 * each draw key — so that anyone can recompute the draw (dataset hearing-draws). Only those three
 * columns of that dataset are left out of the scan; every other column of it is scanned.
 */
const PUBLIC_LOTTERY_COLUMNS = ['seed_hash', 'seed', 'draw_key'];
/**
 * A JSON document's last member, "version", is the SHA-256 of the rest of the file: public by design.
 * It is left out of the scan only when it is exactly that hash, so nothing else can hide there.
 */
function withoutOwnVersion(text: string): string {
  const version = checkVersion(text);
  if (!version || version.stated !== version.computed) return text;
  return `${text.slice(0, text.lastIndexOf(',"version":'))}}`;
}

function withoutPublicLotteryHashes(file: string, text: string): string {
  if (!/hearing-draws\.(csv|json)$/.test(file)) return text;
  if (file.endsWith('.json')) {
    const document = JSON.parse(text) as { rows: Record<string, unknown>[] };
    for (const row of document.rows) for (const column of PUBLIC_LOTTERY_COLUMNS) delete row[column];
    return JSON.stringify(document);
  }
  const rows: string[][] = parse(text, { bom: true });
  const drop = new Set(PUBLIC_LOTTERY_COLUMNS.map((column) => rows[0]!.indexOf(column)));
  return rows.map((row) => row.filter((_, i) => !drop.has(i)).join(',')).join('\n');
}

