/**
 * Bulletins and open data, for `npm run bench`: the time to draft an annual bulletin over the demo
 * city (on an in-memory PGlite seeded here), and the bytes of the open data in a built site.
 * Standalone: `npx tsx tests/bench/opendata-bench.ts [distDir]` (default dist/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { draftBulletin, insertDraft } from '../../src/lib/bulletins/workflow.ts';
import { pgErrorFields } from '../../src/lib/db/errors.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import { openPglite } from '../../src/lib/db/pglite.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';
import { PeriodFiguresSchema } from '../../src/lib/schemas/period-figures.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function sizeOf(root: string, keep: (file: string) => boolean = () => true): { bytes: number; files: number } {
  if (!fs.existsSync(root)) return { bytes: 0, files: 0 };
  let bytes = 0;
  let files = 0;
  for (const name of fs.readdirSync(root, { recursive: true }) as string[]) {
    const file = path.join(root, name);
    const stat = fs.statSync(file);
    if (!stat.isFile() || !keep(file)) continue;
    bytes += stat.size;
    files++;
  }
  return { bytes, files };
}

export async function benchOpenData(record: (name: string, value: string) => void, distDir: string): Promise<void> {
  // 1. Drafting bulletins over the demo city.
  const db = await openPglite(undefined);
  try {
    await migrate(db);
    const city = generateDemoCity(DEFAULT_DEMO);
    await loadDemoCity(db, city);
    const year = city.year;
    // A finished year through the whole command, when the demo city has past years.
    try {
      const t = performance.now();
      const past = await draftBulletin(db, { kind: 'annual', period: String(year - 1), asOf: DEFAULT_DEMO.asOf });
      record(`bulletin draft: annual ${year - 1}, demo city (whole command)`, `${seconds(performance.now() - t)} (${past.body.length} characters)`);
    } catch (error) {
      const code = pgErrorFields(error)?.code;
      if (code !== 'P0002' && code !== '22023') throw error;
      record(`bulletin draft: annual ${year - 1}, demo city (whole command)`, 'n/a: the demo city has no targets that year');
    }
    // The current year is not over in the demo calendar, so `bulletin draft` refuses it: this
    // times the same work after that check (figures, text, insert).
    const t0 = performance.now();
    const annual = await db.asRole('service_role', async (tx) => {
      const [row] = await tx.query<{ figures: unknown }>(`select private.period_figures('annual', $1) as figures`, [String(year)]);
      return insertDraft(tx, PeriodFiguresSchema.parse(row!.figures));
    });
    record(`bulletin draft: annual ${year} so far, demo city (figures + text + insert)`, `${seconds(performance.now() - t0)} (${annual.body.length} characters)`);
    const t1 = performance.now();
    await draftBulletin(db, { kind: 'semiannual', period: `${year}-H1`, asOf: DEFAULT_DEMO.asOf });
    record(`bulletin draft: semiannual ${year}-H1, demo city (whole command)`, seconds(performance.now() - t1));
  } finally {
    await db.close();
  }

  // 2. The open data of the built site.
  const data = sizeOf(path.join(distDir, 'data'), (f) => /\.(csv|json)$/.test(f));
  const csv = sizeOf(path.join(distDir, 'data'), (f) => f.endsWith('.csv'));
  const api = sizeOf(path.join(distDir, 'api', 'v1'));
  const feeds = [
    sizeOf(path.join(distDir, 'bulletins'), (f) => /(rss\.xml|feed\.json)$/.test(f)),
    sizeOf(path.join(distDir, 'en', 'bulletins'), (f) => /(rss\.xml|feed\.json)$/.test(f)),
    sizeOf(path.join(distDir, 'units'), (f) => f.endsWith('feed.xml')),
    sizeOf(path.join(distDir, 'en', 'units'), (f) => f.endsWith('feed.xml')),
  ].reduce((a, b) => ({ bytes: a.bytes + b.bytes, files: a.files + b.files }), { bytes: 0, files: 0 });
  if (data.files + api.files === 0) {
    record('open data set', `not built in ${distDir}`);
    return;
  }
  record('open data: datasets (CSV + JSON)', `${data.bytes} bytes (${mib(data.bytes)}) in ${data.files} files, CSV ${mib(csv.bytes)}`);
  record('open data: API /api/v1', `${api.bytes} bytes (${mib(api.bytes)}) in ${api.files} files`);
  record('open data: feeds', `${feeds.bytes} bytes (${mib(feeds.bytes)}) in ${feeds.files} files`);
  const total = data.bytes + api.bytes + feeds.bytes;
  record('open data: full set', `${total} bytes (${mib(total)}) in ${data.files + api.files + feeds.files} files`);
}

if (import.meta.main) {
  const distDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../dist'));
  await benchOpenData((name, value) => console.log(`${name}: ${value}`), distDir);
}
