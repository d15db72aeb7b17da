/** `gongshi year`: assessment years and their scoring rules (src/lib/assessment/years.ts). */
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { choice, decimal, matching, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { createYear, listYears, updateYear, YEAR_STATUSES, type YearRules } from '../../lib/assessment/years.ts';
import { renderTable } from '../table.ts';

const HELP = `Usage: npm run gongshi -- year <list | create | set> [options]

  list                            every assessment year with its rules
  create --year Y [rules]         a new year (status planning unless --status is given)
  set --year Y [rules]            change a year's rules; refused once its assessment is published

Rules (all optional; defaults as on the methodology page):
  --status planning|active|closed
  --weights T,M,D                 target, mass evaluation, daily monitoring; must add up to 1
  --excellent N                   municipal units named excellent (default 20)
  --bottom N                      bottom of each pool admonished (default 3)
  --pass SCORE  --good SCORE      grade thresholds (default 60 and 80)
  --cap RATIO                     most a quantitative target can count (default 1.2)
  --groups g=w,…                  respondent group weights, adding up to 1
  --min-sample N                  smallest counted respondent group (default 30)
  --due-day D                     monthly reports due by this day of the next month (default 5)
  --cadre-lower A --cadre-raise A cadre evaluations: own-target achievement below A lowers a deputy's
                                  rating one step, from A raises it in a good unit (default 60 and 100)`;

const OPTIONS = {
  year: { type: 'string' }, status: { type: 'string' }, weights: { type: 'string' }, excellent: { type: 'string' },
  bottom: { type: 'string' }, pass: { type: 'string' }, good: { type: 'string' }, cap: { type: 'string' },
  groups: { type: 'string' }, 'min-sample': { type: 'string' }, 'due-day': { type: 'string' },
  'cadre-lower': { type: 'string' }, 'cadre-raise': { type: 'string' },
} as const;


/** The rules given as options; the database checks them (sums, ranges). */
function rules(values: Record<string, string | boolean | undefined>): YearRules {
  const out: YearRules = {};
  const get = (k: string) => text(values[k])?.trim();
  const status = get('status');
  if (status !== undefined) {
    out.status = choice(status, YEAR_STATUSES, '--status must be planning, active or closed (publishing is done by assess publish).');
  }
  const weights = get('weights');
  if (weights !== undefined) {
    const parts = weights.split(',').map((w) => decimal(w, 'weights'));
    if (parts.length !== 3) throw new UsageError('--weights takes three numbers: target,mass,monitoring (e.g. 0.6,0.25,0.15).');
    const [target, mass, monitoring] = parts as [number, number, number];
    Object.assign(out, { weight_target: target, weight_mass: mass, weight_monitoring: monitoring });
  }
  const simple = [['excellent', 'excellent_count'], ['bottom', 'bottom_count'], ['pass', 'pass_score'], ['good', 'good_score'],
    ['cap', 'achievement_cap'], ['min-sample', 'mass_min_sample'], ['due-day', 'report_due_day'],
    ['cadre-lower', 'cadre_lower_below'], ['cadre-raise', 'cadre_raise_from']] as const;
  for (const [option, column] of simple) {
    const v = get(option);
    if (v !== undefined) out[column] = decimal(v, option);
  }
  const groups = get('groups');
  if (groups !== undefined) {
    const entries = groups.split(',').map((pair) => {
      const m = /^\s*([a-z_]{2,40})\s*=\s*(\d+(\.\d+)?)\s*$/.exec(pair);
      if (!m) throw new UsageError(`--groups takes group=weight pairs, got "${pair}".`);
      return [m[1]!, Number(m[2])] as const;
    });
    out.respondent_group_weights = Object.fromEntries(entries);
  }
  return out;
}

export const yearCommand: Command = {
  name: 'year',
  summary: 'Create assessment years and set their scoring rules',
  help: HELP,
  options: OPTIONS,
  async run(values, positionals) {
    const action = choice(positionals[0], ['list', 'create', 'set'], 'year needs an action: list, create or set.');
    const db = await openDb();
    try {
      if (action === 'list') {
        const rows = await listYears(db);
        console.log(rows.length === 0 ? 'No assessment years yet: npm run gongshi -- year create --year 2026'
          : renderTable(['year', 'status', 'weights', 'excellent', 'bottom', 'pass', 'good', 'groups', 'min sample', 'due day'], rows.map((r) => [
            r.year, r.status, r.weights, r.excellent_count, r.bottom_count, r.pass_score, r.good_score, r.groups, r.mass_min_sample, r.report_due_day,
          ])));
        return 0;
      }
      const yearText = matching(values['year'], /^\d{4}$/, '--year must be a year such as 2027.');
      const given = rules(values);
      if (action === 'create') await createYear(db, Number(yearText), given);
      else await updateYear(db, Number(yearText), given);
      console.log(`${action === 'create' ? 'Created' : 'Updated'} assessment year ${yearText}.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
