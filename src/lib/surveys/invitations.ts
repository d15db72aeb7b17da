/**
 * Single-use invitation tokens for panel surveys. The database generates the tokens and keeps
 * only their hashes; the tokens are written once, to a new CSV file, in the same transaction — if
 * the file cannot be written, no invitation exists either.
 */
import { readConfig } from '../config.ts';
import type { Db } from '../db/types.ts';
import { toCsv, writeNewFile } from '../private-csv.ts';
import { UsageError } from '../usage-error.ts';

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
      write(toCsv(['survey', 'group', 'token', 'link'], rows.map((r) => [options.survey, options.group, r.token, invitationLink(site, options.survey, r.token)])));
      count = rows.length;
    }),
  );
  return { count, batch };
}

/**
 * The link printed on an invitation: the survey's page on SITE_URL with the token in the fragment
 * (`#token=…`), which browsers never send to a server, so no access log or proxy records it. The
 * survey form reads it and removes it from the address bar.
 */
export function invitationLink(siteUrl: string, survey: string, token: string): string {
  const url = new URL(`surveys/${encodeURIComponent(survey)}/`, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`);
  url.hash = `token=${token}`;
  return url.href;
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
