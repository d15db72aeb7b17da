import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { flag, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { DEFAULT_DEMO, generateDemoCity, parseAsOf } from '../../lib/demo/generate.ts';
import { clearCity, loadDemoCity } from '../../lib/demo/load.ts';
import { cityChecksum } from '../../lib/demo/checksum.ts';
import { progressReport } from '../../lib/progress.ts';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load the fictional demo city into an empty database',
  help: `Usage: npm run gongshi -- seed --demo [--seed N] [--as-of YYYY-MM-DD] [--reset]

Generates the demo city of Chenglan (澄岚市, fictional): 90 municipal units and 12 districts,
their cadres, targets with baselines, monthly progress reports, supervision records and
published monthly bulletins. The same --seed and --as-of always give byte-identical data.

Options:
  --demo              required: load the demo city
  --seed N            random seed (default ${DEFAULT_DEMO.seed})
  --as-of DATE        the demo calendar's "today": reports exist up to the previous month
                      (default ${DEFAULT_DEMO.asOf}; never the real clock)
  --reset             delete all existing data first — targets, reports, bulletins, assessments,
                      decisions and participation (opinions, sign-ups, survey answers) alike

Refuses to write into a database that already has units, unless --reset is given.`,
  options: {
    demo: { type: 'boolean' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    reset: { type: 'boolean' },
  },
  async run(values) {
    if (!flag(values['demo'])) throw new UsageError('seed needs --demo (the only data set it generates).');
    const seedText = text(values['seed']) ?? String(DEFAULT_DEMO.seed);
    if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 4294967295) {
      throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got "${seedText}".`);
    }
    const asOf = text(values['as-of']) ?? DEFAULT_DEMO.asOf;
    try {
      parseAsOf(asOf);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const db = await openDb();
    try {
      await migrate(db);
      if (flag(values['reset'])) await clearCity(db);
      const started = Date.now();
      const city = generateDemoCity({ seed: Number(seedText), asOf });
      const result = await loadDemoCity(db, city, progressReport('Seeding demo city'));
      console.log(
        `Demo city loaded in ${((Date.now() - started) / 1000).toFixed(1)}s: ${city.units.length} units, ` +
          `${city.cadres.length} cadres, ${city.targets.length} targets, ${city.progress_reports.length} progress reports, ` +
          `${city.supervision_records.length} supervision records, ${result.bulletins} bulletins.`,
      );
      console.log(`Checksum ${await cityChecksum(db)} (seed ${seedText}, as of ${asOf}).`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
