/**
 * `gongshi invitations`: single-use invitation tokens for panel surveys. The database generates
 * the tokens and keeps only their hashes; the tokens are written once, to a new CSV file, in the
 * same transaction — if the file cannot be written, no invitation exists either.
 */
import path from 'node:path';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { readConfig } from '../../lib/config.ts';
import { openDb } from '../../lib/db/open.ts';
import { migrate } from '../../lib/db/migrate.ts';
import type { Db } from '../../lib/db/types.ts';
import { renderTable } from '../table.ts';
import { toCsv, writeNewFile } from './signups.ts';

export interface IssueOptions {
  survey: string;
  group: string;
  count: number;
  file: string;
  /** Label kept with the invitations (default: survey, group and time). */
  batch?: string | undefined;
  /** Base URL for the survey link in the file (default SITE_URL). */
  siteUrl?: string;
}

/** Issues `count` invitations and writes their tokens to a new CSV file. */
export async function issueInvitations(db: Db, options: IssueOptions): Promise<{ count: number; batch: string }> {
  const batch = options.batch ?? `${options.survey}/${options.group}/${new Date().toISOString().slice(0, 19)}Z`;
  const site = options.siteUrl ?? readConfig().siteUrl;
  let count = 0;
  await writeNewFile(options.file, (write) =>
    db.asRole('service_role', async (tx) => {
      const [survey] = await tx.query<{ id: number; mode: string }>(
        `select id::int, mode from public.surveys where slug = $1`, [options.survey]);
      if (!survey) throw new UsageError(`No survey with slug "${options.survey}".`);
      if (survey.mode !== 'panel') throw new UsageError(`"${options.survey}" is an open survey: only panel surveys take invitations.`);
      const rows = await tx.query<{ token: string }>(
        `select token from private.issue_survey_invitations($1, $2, $3, $4)`,
        [survey.id, options.group, options.count, batch],
      );
      const link = new URL(`/surveys/${options.survey}/`, site).href;
      write(toCsv(['survey', 'group', 'token', 'link'], rows.map((r) => [options.survey, options.group, r.token, link])));
      count = rows.length;
    }),
  );
  return { count, batch };
}

export interface InvitationStatus {
  respondent_group: string;
  issued: number;
  used: number;
}

/** Issued and used invitations of a survey per respondent group. */
export function invitationStatus(db: Db, survey: string): Promise<InvitationStatus[]> {
  return db.asRole('service_role', (tx) =>
    tx.query<InvitationStatus>(
      `select i.respondent_group, count(*)::int as issued, count(i.used_at)::int as used
       from private.survey_invitations i join public.surveys s on s.id = i.survey_id
       where s.slug = $1 group by i.respondent_group order by i.respondent_group`,
      [survey],
    ),
  );
}

export const invitationsCommand: Command = {
  name: 'invitations',
  summary: 'Issue single-use panel-survey invitations to a CSV file; show how many were used',
  help: `Usage: npm run gongshi -- invitations issue --survey SLUG --group GROUP --count N [--out FILE] [--batch LABEL]
       npm run gongshi -- invitations status --survey SLUG

issue   generates N single-use tokens for a panel survey and respondent group (citizen,
        representative, enterprise, …) and writes them to a new CSV file (survey, group, token,
        link). The database keeps only a hash of each token: the file is the only copy, written
        once. Hand each token to one respondent; keep the file safe, then delete it.
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
    if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
    const survey = values['survey'];
    if (typeof survey !== 'string' || survey === '') throw new UsageError('invitations needs --survey SLUG.');
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
      const group = values['group'];
      if (typeof group !== 'string' || !/^[a-z_]{2,40}$/.test(group)) {
        throw new UsageError('invitations issue needs --group GROUP (lower-case letters and _, e.g. citizen).');
      }
      const countText = values['count'];
      if (typeof countText !== 'string' || !/^\d{1,6}$/.test(countText) || Number(countText) < 1 || Number(countText) > 100_000) {
        throw new UsageError('invitations issue needs --count N, from 1 to 100000.');
      }
      const file = typeof values['out'] === 'string' ? values['out'] : `invitations-${survey}-${group}.csv`;
      const { count, batch } = await issueInvitations(db, {
        survey, group, count: Number(countText), file, batch: typeof values['batch'] === 'string' ? values['batch'] : undefined,
      });
      console.log(`Issued ${count} invitation(s) for ${survey} (${group}), batch "${batch}".`);
      console.log(`Tokens written to ${path.relative(process.cwd(), path.resolve(file)) || file} — the only copy: the database keeps hashes only.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
