import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { noMore, text } from '../args.ts';
import { siteInFolder, siteOverHttp } from '../../lib/verify/published.ts';
import { problemCount, verifySite } from '../../lib/verify/verify.ts';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Recompute the published assessments and lotteries from the published files alone',
  help: `Usage: npm run gongshi -- verify --site URL | --dist DIR

Reads only what a portal publishes (/api/v1/index.json and the /data/ files it lists) and
recomputes, for every year: each unit's target score from the published target scores, its mass
score and margin from the respondent groups, its monitoring score from the findings, then the
totals, ranks, grades and consequences with the year's published rules (assessment-rules); and
every hearing lottery from its revealed seed; and checks that each JSON document it reads
gives the version (content hash) it states. Prints each disagreement.
It needs no database: anyone can run it against the live site.

Options:
  --site URL    a published portal, e.g. https://gongshi.example.gov.cn/
  --dist DIR    a built site folder, e.g. dist

Exit status: 0 when everything reproduces, 1 when anything disagrees or cannot be checked.`,
  options: {
    site: { type: 'string' },
    dist: { type: 'string' },
  },
  async run(values, positionals) {
    noMore(positionals);
    const url = text(values['site']);
    const dir = text(values['dist']);
    if ((url === undefined) === (dir === undefined)) throw new UsageError('Give either --site URL or --dist DIR.');
    if (url !== undefined && !URL.canParse(url)) throw new UsageError(`--site must be an address such as https://gongshi.example.gov.cn/, got "${url}".`);
    const report = await verifySite(url !== undefined ? siteOverHttp(url) : siteInFolder(dir!));
    console.log(`Verifying ${report.site}`);
    for (const check of report.checks) {
      console.log(`${check.problems.length === 0 ? 'ok  ' : 'FAIL'} ${check.subject}: ${check.checked}${check.problems.length ? `, ${check.problems.length} disagreements` : ''}`);
      for (const problem of check.problems) console.log(`       ${problem}`);
    }
    for (const missing of report.missing) console.log(`MISSING ${missing}`);
    const problems = problemCount(report);
    console.log(problems === 0 && report.missing.length === 0
      ? `Everything reproduces: ${report.checks.length} checks.`
      : `${problems} disagreements, ${report.missing.length} checks that could not run.`);
    return problems === 0 && report.missing.length === 0 ? 0 : 1;
  },
};
