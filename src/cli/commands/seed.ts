import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { flag, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { DEFAULT_DEMO, demoHistory, generateDemoCity, MAX_PAST_YEARS, parseAsOf } from '../../lib/demo/generate.ts';
import { clearCity, loadDemoCity } from '../../lib/demo/load.ts';
import { cityChecksum } from '../../lib/demo/checksum.ts';
import { progressReport } from '../../lib/progress.ts';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load the fictional demo city into an empty database',
  help: `Usage: npm run gongshi -- seed --demo [--seed N] [--as-of YYYY-MM-DD] [--past-years N] [--past-scale F] [--reset]

Generates the demo city of Chenglan (澄岚市, fictional): 90 municipal units and 12 districts,
their cadres, targets with baselines, monthly progress reports, supervision records and
published monthly bulletins; and past years, each fully reported, with an annual bulletin and a
published assessment. The same options always give byte-identical data.

Options:
  --demo              required: load the demo city
  --seed N            random seed (default ${DEFAULT_DEMO.seed})
  --as-of DATE        the demo calendar's "today": reports exist up to the previous month
                      (default ${DEFAULT_DEMO.asOf}; never the real clock)
  --past-years N      closed years before the current one, 1 to ${MAX_PAST_YEARS} (default ${DEFAULT_DEMO.pastYears})
  --past-scale F      the share of a unit's usual number of targets that each past year
                      carries, above 0 and at most 1; 1 = as many as the current year
                      (default ${DEFAULT_DEMO.pastScale}; a big city for benchmarks: --past-years 6 --past-scale 1)
  --reset             delete all existing data first — targets, reports, bulletins, assessments,
                      decisions and participation (opinions, sign-ups, survey answers) alike

Refuses to write into a database that already has units, unless --reset is given.`,
  options: {
    demo: { type: 'boolean' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    'past-years': { type: 'string' },
    'past-scale': { type: 'string' },
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
    const pastYearsText = text(values['past-years']) ?? String(DEFAULT_DEMO.pastYears);
    const pastYears = Number(pastYearsText);
    if (!/^\d{1,2}$/.test(pastYearsText) || pastYears < 1 || pastYears > MAX_PAST_YEARS) {
      throw new UsageError(`--past-years must be a whole number from 1 to ${MAX_PAST_YEARS}, got "${pastYearsText}".`);
    }
    const pastScaleText = text(values['past-scale']) ?? String(DEFAULT_DEMO.pastScale);
    const pastScale = Number(pastScaleText);
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(pastScaleText) || pastScale <= 0 || pastScale > 1) {
      throw new UsageError(`--past-scale must be a number above 0 and at most 1 (such as 0.3, or 1 for full scale), got "${pastScaleText}".`);
    }
    const options = { seed: Number(seedText), asOf, pastYears, pastScale };
    try {
      demoHistory(options);
    } catch (error) {
      // Too many past years for an early --as-of: their baselines would fall before 2000.
      throw new UsageError(`${(error as Error).message}.`);
    }
    const db = await openDb();
    try {
      await migrate(db);
      if (flag(values['reset'])) await clearCity(db);
      const started = Date.now();
      const city = generateDemoCity(options);
      const result = await loadDemoCity(db, city, progressReport('Seeding demo city'));
      console.log(
        `Demo city loaded in ${((Date.now() - started) / 1000).toFixed(1)}s: ${city.units.length} units, ` +
          `${city.cadres.length} cadres, ${city.targets.length} targets over ${city.pastYears + 1} years, ${city.progress_reports.length} progress reports, ` +
          `${city.supervision_records.length} supervision records, ${result.bulletins} bulletins.`,
      );
      console.log(`Checksum ${await cityChecksum(db)} (seed ${seedText}, as of ${asOf}, ${pastYears} past years at scale ${pastScale}).`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
