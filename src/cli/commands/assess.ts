import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { requiredYear } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import type { Db } from '../../lib/db/types.ts';
import { renderTable } from '../table.ts';

const HELP = `Usage: npm run gongshi -- assess <compute|show|publish> --year YYYY [options]

  compute --year Y [--reason "…"]   compute the year's draft result (recomputable until published);
                                    after publication, a correction needs --reason and becomes a new version
  show --year Y [--version N]       print the result: the draft if there is one, else the version in force
  publish --year Y                  publish the draft; it can never be changed afterwards

The rules (weights, cap, pass and good scores, excellent and bottom counts, respondent group
weights, minimum sample) are read from the year's row in assessment_years; see /methodology/.`;

interface Row {
  pool: string;
  rank_in_pool: number;
  code: string;
  name: string;
  target_score: string;
  mass_score: string | null;
  mass_margin: string | null;
  mass_sample_size: number;
  monitoring_score: string;
  total_score: string;
  grade: string;
  consequence: string;
}

async function show(db: Db, year: number, version?: number): Promise<string> {
  const [run] = await db.query<{ id: number; version: number; published_at: string | null; reason: string | null }>(
    `select id, version, published_at::text as published_at, reason from public.assessment_runs
     where year = $1 and ($2::int is null or version = $2::int)
     order by (published_at is null) desc, version desc limit 1`,
    [year, version ?? null],
  );
  if (!run) return `No assessment of ${year}${version ? ` version ${version}` : ''} has been computed. Run: npm run gongshi -- assess compute --year ${year}`;
  const rows = await db.query<Row>(
    `select a.pool, a.rank_in_pool, u.code, u.name, a.target_score::text, a.mass_score::text, a.mass_margin::text,
            a.mass_sample_size, a.monitoring_score::text, a.total_score::text, a.grade, a.consequence
     from public.annual_assessments a join public.units u on u.id = a.unit_id
     where a.run_id = $1 order by a.pool desc, a.rank_in_pool, u.code`,
    [run.id],
  );
  const state = run.published_at ? `published ${run.published_at}` : 'DRAFT (not published)';
  const out = [`Assessment ${year}, version ${run.version}: ${state}${run.reason ? ` — correction: ${run.reason}` : ''}`];
  for (const pool of ['municipal_unit', 'district']) {
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
    const [action] = positionals;
    if (!action || !['compute', 'show', 'publish'].includes(action)) throw new UsageError('assess needs an action: compute, show or publish.');
    const year = requiredYear(values['year']);
    const versionText = values['version'];
    if (versionText !== undefined && (typeof versionText !== 'string' || !/^\d+$/.test(versionText))) {
      throw new UsageError('--version must be a whole number.');
    }
    const db = await openDb();
    try {
      if (action === 'compute') {
        const started = Date.now();
        await db.transaction((tx) => tx.query(`select private.compute_assessment($1, $2)`, [year, values['reason'] ?? null]));
        console.log(await show(db, year));
        console.log(`\nComputed in ${((Date.now() - started) / 1000).toFixed(1)}s. Publish with: npm run gongshi -- assess publish --year ${year}`);
      } else if (action === 'publish') {
        await db.transaction((tx) => tx.query(`select private.publish_assessment($1)`, [year]));
        console.log(await show(db, year));
        console.log(`\nPublished. Rebuild the site (npm run build, or restart npm start) to show it.`);
      } else {
        console.log(await show(db, year, versionText === undefined ? undefined : Number(versionText)));
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};
