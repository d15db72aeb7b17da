/** `gongshi assess`: the annual assessment (src/lib/assessment/runs.ts) computed, shown and published. */
import type { Command } from '../command.ts';
import { choice, matching, requiredYear, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import type { Db } from '../../lib/db/types.ts';
import { UNIT_KINDS } from '../../lib/domain/units.ts';
import { computeAssessment, publishAssessment, readAssessment } from '../../lib/assessment/runs.ts';
import { renderTable } from '../table.ts';

const HELP = `Usage: npm run gongshi -- assess <compute|show|publish> --year YYYY [options]

  compute --year Y [--reason "…"]   compute the year's draft result (recomputable until published);
                                    after publication, a correction needs --reason and becomes a new version
  show --year Y [--version N]       print the result: the draft if there is one, else the version in force
  publish --year Y                  publish the draft; it can never be changed afterwards

The rules (weights, cap, pass and good scores, excellent and bottom counts, respondent group
weights, minimum sample) are read from the year's row in assessment_years; see /methodology/.`;

async function show(db: Db, year: number, version?: number): Promise<string> {
  const found = await readAssessment(db, year, version);
  if (!found) return `No assessment of ${year}${version ? ` version ${version}` : ''} has been computed. Run: npm run gongshi -- assess compute --year ${year}`;
  const { run, rows } = found;
  const state = run.published_at ? `published ${run.published_at}` : 'DRAFT (not published)';
  const out = [`Assessment ${year}, version ${run.version}: ${state}${run.reason ? ` — correction: ${run.reason}` : ''}`];
  for (const pool of UNIT_KINDS) {
    const ofPool = rows.filter((r) => r.pool === pool);
    if (ofPool.length === 0) continue;
    out.push('', pool === 'municipal_unit' ? `Municipal units (${ofPool.length})` : `Districts (${ofPool.length})`);
    out.push(
      renderTable(
        ['rank', 'code', 'unit', 'target', 'mass ±95%', 'n', 'monitoring', 'total', 'grade', 'consequence'],
        ofPool.map((r) => [
          String(r.rank_in_pool), r.code, r.name, r.target_score,
          r.mass_score === null ? '—' : `${r.mass_score} ±${r.mass_margin ?? '0'}`, String(r.mass_sample_size),
          r.monitoring_score, r.total_score, r.grade, r.consequence,
        ]),
        new Set([0, 3, 5, 6, 7]),
      ),
    );
  }
  return out.join('\n');
}

export const assessCommand: Command = {
  name: 'assess',
  summary: 'Compute, show and publish the annual assessment',
  help: HELP,
  options: { year: { type: 'string' }, reason: { type: 'string' }, version: { type: 'string' } },
  async run(values, positionals) {
    const action = choice(positionals[0], ['compute', 'show', 'publish'], 'assess needs an action: compute, show or publish.');
    const year = requiredYear(values['year']);
    const versionText = values['version'] === undefined ? undefined : matching(values['version'], /^\d+$/, '--version must be a whole number.');
    const db = await openDb();
    try {
      if (action === 'compute') {
        const started = Date.now();
        await computeAssessment(db, year, text(values['reason']) ?? null);
        console.log(await show(db, year));
        console.log(`\nComputed in ${((Date.now() - started) / 1000).toFixed(1)}s. Publish with: npm run gongshi -- assess publish --year ${year}`);
      } else if (action === 'publish') {
        await publishAssessment(db, year);
        console.log(await show(db, year));
        console.log(`\nPublished. A running npm start republishes the site by itself; otherwise rebuild it (npm run build).`);
      } else {
        console.log(await show(db, year, versionText === undefined ? undefined : Number(versionText)));
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
