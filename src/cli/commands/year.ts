import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { decimal } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
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


/** Column → value for the options given; the database checks the rules (sums, ranges). */
function columns(values: Record<string, string | boolean | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const get = (k: string) => (typeof values[k] === 'string' ? (values[k]).trim() : undefined);
  const status = get('status');
  if (status !== undefined) {
    if (!['planning', 'active', 'closed'].includes(status)) throw new UsageError('--status must be planning, active or closed (publishing is done by assess publish).');
    out['status'] = status;
  }
  const weights = get('weights');
  if (weights !== undefined) {
    const parts = weights.split(',').map((w) => decimal(w, 'weights'));
    if (parts.length !== 3) throw new UsageError('--weights takes three numbers: target,mass,monitoring (e.g. 0.6,0.25,0.15).');
    [out['weight_target'], out['weight_mass'], out['weight_monitoring']] = parts;
  }
  const simple: [string, string][] = [['excellent', 'excellent_count'], ['bottom', 'bottom_count'], ['pass', 'pass_score'], ['good', 'good_score'],
    ['cap', 'achievement_cap'], ['min-sample', 'mass_min_sample'], ['due-day', 'report_due_day'],
    ['cadre-lower', 'cadre_lower_below'], ['cadre-raise', 'cadre_raise_from']];
  for (const [flag, column] of simple) {
    const v = get(flag);
    if (v !== undefined) out[column] = decimal(v, flag);
  }
  const groups = get('groups');
  if (groups !== undefined) {
    const entries = groups.split(',').map((pair) => {
      const m = /^\s*([a-z_]{2,40})\s*=\s*(\d+(\.\d+)?)\s*$/.exec(pair);
      if (!m) throw new UsageError(`--groups takes group=weight pairs, got "${pair}".`);
      return [m[1]!, Number(m[2])] as const;
    });
    out['respondent_group_weights'] = JSON.stringify(Object.fromEntries(entries));
  }
  return out;
}

export const yearCommand: Command = {
  name: 'year',
  summary: 'Create assessment years and set their scoring rules',
  help: HELP,
  options: OPTIONS,
  async run(values, positionals) {
    const [action] = positionals;
    if (!action || !['list', 'create', 'set'].includes(action)) throw new UsageError('year needs an action: list, create or set.');
    const db = await openDb();
    try {
      if (action === 'list') {
        const rows = await db.query<Record<string, string>>(
          `select year::text, status, concat_ws(' / ', weight_target, weight_mass, weight_monitoring) as weights, excellent_count::text,
                  bottom_count::text, pass_score::text, good_score::text, respondent_group_weights::text as groups, mass_min_sample::text,
                  report_due_day::text from public.assessment_years order by year`);
        console.log(rows.length === 0 ? 'No assessment years yet: npm run gongshi -- year create --year 2026'
          : renderTable(['year', 'status', 'weights', 'excellent', 'bottom', 'pass', 'good', 'groups', 'min sample', 'due day'], rows.map((r) => Object.values(r))));
        return 0;
      }
      const yearText = typeof values['year'] === 'string' ? values['year'] : '';
      if (!/^\d{4}$/.test(yearText)) throw new UsageError('--year must be a year such as 2027.');
      const set = columns(values);
      const names = Object.keys(set);
      const cast = (c: string) => (c === 'respondent_group_weights' ? '::text::jsonb' : '');
      await db.transaction(async (tx) => {
        if (action === 'create') {
          await tx.query(
            `insert into public.assessment_years (year${names.map((c) => `, ${c}`).join('')})
             values ($1${names.map((c, i) => `, $${i + 2}${cast(c)}`).join('')})`,
            [Number(yearText), ...names.map((c) => set[c])]);
        } else {
          if (names.length === 0) throw new UsageError('year set needs at least one rule to change.');
          const [y] = await tx.query<{ status: string }>(`select status from public.assessment_years where year = $1 for update`, [Number(yearText)]);
          if (!y) throw new UsageError(`${yearText} is not an assessment year: create it first.`);
          if (y.status === 'published') throw new UsageError(`The ${yearText} assessment is published: its rules can no longer change.`);
          await tx.query(`update public.assessment_years set ${names.map((c, i) => `${c} = $${i + 2}${cast(c)}`).join(', ')} where year = $1`,
            [Number(yearText), ...names.map((c) => set[c])]);
        }
      });
      console.log(`${action === 'create' ? 'Created' : 'Updated'} assessment year ${yearText}.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
