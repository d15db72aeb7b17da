/**
 * `gongshi invitations`: single-use invitation tokens for panel surveys, written once to a new CSV
 * file (src/lib/surveys/invitations.ts); the database keeps only their hashes.
 */
import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { matching, noMore, text } from '../args.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { invitationStatus, issueInvitations } from '../../lib/surveys/invitations.ts';
import { renderTable } from '../table.ts';

export const invitationsCommand: Command = {
  name: 'invitations',
  summary: 'Issue single-use panel-survey invitations to a CSV file; show how many were used',
  help: `Usage: npm run gongshi -- invitations issue --survey SLUG --group GROUP --count N [--out FILE] [--batch LABEL]
       npm run gongshi -- invitations status --survey SLUG

issue   generates N single-use tokens for a panel survey and respondent group (citizen,
        representative, enterprise, …) and writes them to a new CSV file (survey, group, token,
        link). The database keeps only a hash of each token: the file is the only copy, written
        once. Hand each token to one respondent; keep the file safe, then delete it. The link is
        the survey's page on SITE_URL with the token after "#" (https://…/surveys/SLUG/#token=…):
        browsers never send that part to a server, and the form fills it in and hides it.
status  invitations issued and used per respondent group.

Options:
  --survey SLUG   the survey (as in /surveys/SLUG/)
  --group GROUP   respondent group of these invitations (lower case: citizen, representative, …)
  --count N       how many (1 to 100000)
  --out FILE      default: invitations-SLUG-GROUP.csv (never overwritten)
  --batch LABEL   a label kept with the invitations (default: survey/group/time)`,
  options: {
    survey: { type: 'string' },
    group: { type: 'string' },
    count: { type: 'string' },
    out: { type: 'string' },
    batch: { type: 'string' },
  },
  async run(values, positionals) {
    const [action, ...extra] = positionals;
    noMore(extra);
    const survey = matching(values['survey'], /./, 'invitations needs --survey SLUG.');
    if (action !== 'issue' && action !== 'status') {
      throw new UsageError(action ? `Unknown action "${action}".` : 'invitations needs an action: issue or status.');
    }
    const db = await openDb();
    try {
      await migrate(db);
      if (action === 'status') {
        const rows = await invitationStatus(db, survey);
        if (rows.length === 0) console.log(`No invitations issued for "${survey}".`);
        else console.log(renderTable(['group', 'issued', 'used'], rows.map((r) => [r.respondent_group, String(r.issued), String(r.used)]), new Set([1, 2])));
        return 0;
      }
      const group = matching(values['group'], /^[a-z_]{2,40}$/, 'invitations issue needs --group GROUP (lower-case letters and _, e.g. citizen).');
      const countMessage = 'invitations issue needs --count N, from 1 to 100000.';
      const wanted = Number(matching(values['count'], /^\d{1,6}$/, countMessage));
      if (wanted < 1 || wanted > 100_000) throw new UsageError(countMessage);
      const file = text(values['out']) ?? `invitations-${survey}-${group}.csv`;
      const { count, batch } = await issueInvitations(db, { survey, group, count: wanted, file, batch: text(values['batch']) });
      console.log(`Issued ${count} invitation(s) for ${survey} (${group}), batch "${batch}".`);
      console.log(`Tokens written to ${path.relative(process.cwd(), path.resolve(file)) || file} — the only copy: the database keeps hashes only.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
