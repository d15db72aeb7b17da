/**
 * Before the e2e portal starts: prepares the demo city (as `npm start` would), then plants
 * recognisable personal data in EVERY table of schema `private` — through the citizens' own RPCs
 * where one writes the table, directly otherwise — and writes what it planted to
 * <data dir>/planted-private.json. privacy.spec.ts then looks for each value in dist/ (site, feeds,
 * open data, search index) and in every RPC answer to anon.
 *
 * A private table this script does not plant into makes it fail: a new table of personal data
 * cannot slip past the privacy test.
 *
 * Usage: GONGSHI_DATA_DIR=<dir> tsx tests/e2e/plant-private.ts
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../src/lib/config.ts';
import { releaseSharedDb, useSharedDb } from '../../src/lib/db/open.ts';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { prepareDatabase } from '../../src/lib/site/build-site.ts';

export const PLANTED_FILE = 'planted-private.json';

/** What was planted, for the spec. */
export interface Planted {
  /** Every table of schema private (from the catalog) → the recognisable values planted in it. */
  tables: Record<string, string[]>;
  /** Ids the spec needs to ask the RPCs about the planted rows. */
  ids: { topicId: number; hearingId: number; openSurveyId: number; panelSurveyId: number };
  /** The planted sign-up's confirmation code (check_hearing_signup must not reveal more than its state). */
  confirmationCode: string;
  /** Secrets handed to the citizen and stored only as hashes: the confirmation code, the invitation token, the contact token and the browser token. */
  issued: string[];
  /** The client address the planted calls came from. */
  clientAddress: string;
}

const MARK = 'zq7-planted';
const CLIENT_ADDRESS = '203.0.113.77';
const context = { headers: { 'x-forwarded-for': CLIENT_ADDRESS, 'x-real-ip': CLIENT_ADDRESS } };

async function one<T extends object>(q: Queryable, sql: string, params: unknown[] = []): Promise<T> {
  const rows = await q.query<T>(sql, params);
  if (rows.length === 0) throw new Error(`plant-private: no row for ${sql.replace(/\s+/g, ' ').slice(0, 120)}`);
  return rows[0]!;
}

/** Calls a citizen RPC as anon from the planted client's address (what the gateway does). */
function asCitizen<T>(db: Db, sql: string, params: unknown[]): Promise<T> {
  return db.asRole('anon', (tx) => one<{ r: T }>(tx, sql, params).then((row) => row.r), context);
}

async function plant(db: Db): Promise<Planted> {
  const now = `now() between coalesce(signup_opens_at, '-infinity') and coalesce(signup_closes_at, 'infinity')`;
  const topic = await one<{ id: number }>(db,
    `select id::int as id from public.hall_topics where opens_at <= now() and (closes_at is null or closes_at > now()) order by id limit 1`);
  const hearing = await one<{ id: number }>(db,
    `select id::int as id from public.hearings where status = 'open' and ${now} order by id limit 1`);
  const openSurvey = await one<{ id: number }>(db,
    `select id::int as id from public.surveys
     where mode = 'open' and opens_at <= now() and (closes_at is null or closes_at > now()) order by id limit 1`);
  const questions = await db.query<{ id: number; kind: string; options: { value: string }[] | null }>(
    `select id::int as id, kind, options from public.survey_questions where survey_id = $1 and required order by position`, [openSurvey.id]);
  const answers = questions.map((q) => ({
    question_id: q.id,
    value: q.kind === 'rating' ? 3 : q.kind === 'choice' ? q.options![0]!.value : '种植的回答',
  }));
  const panelSurvey = await one<{ id: number }>(db, `select id::int as id from public.surveys where mode = 'panel' order by id limit 1`);

  // hall_opinion_contacts: an opinion with a verified contact (its token, as verify_contact hands it
  // out), then published (its page shows the body only).
  const contact = `${MARK}-hall@example.invalid`;
  const hallToken = await one<{ token: string }>(db,
    `select private.issue_contact_token(private.contact_key($1, 'contact')) ->> 'contact_token' as token`, [contact]);
  const opinion = await asCitizen<{ id: number }>(db,
    `select public.submit_hall_opinion(topic_id => $1, body => $2, display_name => $3, contact_token => $4, locale => 'en') as r`,
    [topic.id, `种植的公开意见 ${MARK}-public-body`, '种植者', hallToken.token]);
  await db.query(`update public.hall_opinions set status = 'published', moderated_at = now() where id = $1`, [opinion.id]);

  // hearing_signups: name, phone, statement, and the confirmation code's hash (confirmed with the
  // contact's token, as a browser that verified the phone before signs up).
  const signupToken = await one<{ token: string }>(db,
    `select private.issue_contact_token(private.contact_key($1, 'contact')) ->> 'contact_token' as token`, ['+99 0177 4629 3851']);
  const signup = await asCitizen<{ confirmation_code: string }>(db,
    `select public.sign_up_for_hearing(hearing_id => $1, name => $2, contact => $3, category => 'affected_resident', statement => $4,
       contact_token => $5) as r`,
    [hearing.id, '种植者卫青', '+99 0177 4629 3851', `${MARK}-statement：我住在项目旁边。`, signupToken.token]);
  const signupRow = await one<{ contact_key: string; code_hash: string; public_id: string }>(db,
    `select contact_key, code_hash, public_id from private.hearing_signups where contact = '+99 0177 4629 3851'`);

  // survey_invitations: a token (plain, as the CLI prints it once), its hash and the batch label.
  const token = await one<{ token: string }>(db,
    `select token from private.issue_survey_invitations($1, 'citizen', 1, $2)`, [panelSurvey.id, `${MARK}-batch`]);
  const tokenHash = await one<{ h: string }>(db, `select private.checked_code_hash($1, 'invitation_token') as h`, [token.token]);

  // open_survey_participants: a quick answer's browser token, kept as a salted hash; rate_limit_buckets:
  // the planted client's salted hash.
  const browserToken = `${MARK}-browser-token-0123456789`;
  await asCitizen(db, `select public.submit_survey_response(survey_id => $1, answers => $2::text::jsonb, browser_token => $3) as r`,
    [openSurvey.id, JSON.stringify(answers), browserToken]);
  const participant = await one<{ h: string }>(db, `select private.participant_hash('quick', $1) as h`, [browserToken]);
  // The database's own private.client_hash(), for the planted calls' request headers.
  const clientHash = await db.transaction(async (tx) => {
    await tx.query(`select set_config('request.headers', $1, true)`, [JSON.stringify(context.headers)]);
    return one<{ h: string }>(tx, `select private.client_hash() as h`);
  });

  // cadre_evaluations: a personnel-file entry. Every cadre already has one in every run and published
  // ones are final, so the basis of one in the current year's draft run is rewritten.
  const basis = `${MARK}-personnel-file: 群众反映强烈，建议调整岗位`;
  await one(db,
    `update private.cadre_evaluations e set basis = $1
     where (e.run_id, e.cadre_id) = (
       select x.run_id, x.cadre_id from private.cadre_evaluations x join public.assessment_runs r on r.id = x.run_id
       where r.published_at is null order by r.year desc, x.cadre_id limit 1)
     returning e.cadre_id`, [basis]);

  // accountability_case_persons: a made-up person held accountable in a published case that named
  // no one (the demo has one); the case shows on its unit's page and in the open data, the person never.
  const accountable = `${MARK}-accountable 种植者霍去病`;
  await one(db,
    `insert into private.accountability_case_persons (case_id, name, role)
     select c.id, $1, 'direct' from public.accountability_cases c
     where c.published_at is not null and not exists (select 1 from private.accountability_case_persons p where p.case_id = c.id)
     order by c.case_no limit 1
     returning case_id`, [accountable]);

  // subscriptions and subscription_confirmations: an e-mail address subscribed to a unit's progress.
  const subscriber = `${MARK}-subscriber@example.invalid`;
  const unit = await one<{ id: number }>(db, `select id::int as id from public.units order by id limit 1`);
  await asCitizen(db, `select public.subscribe(email => $1, topic_kind => 'unit', topic_id => $2, locale => 'zh-CN') as r`,
    [subscriber, unit.id]);

  // outbox and undeliverable_recipients: a queued message (its recipient and event stay once it is
  // sent; its code is scrubbed) and a contact that refused a message for good.
  const messaged = `${MARK}-outbox@example.invalid`;
  const refusing = `${MARK}-refused@example.invalid`;
  await db.query(`select private.enqueue_message($1, $2, 'en', 'contact_code', $3::text::jsonb)`,
    [`${MARK}-event`, messaged, JSON.stringify({ code: 'ZQ7P4M2K', purpose: 'verify_contact', valid_minutes: 30 })]);
  await db.query(`insert into private.undeliverable_recipients (recipient, channel, reason) values ($1, 'email', '550 no such user')`,
    [refusing]);

  // rate_limits holds no personal data; a recognisable row still proves nothing of it is published.
  await db.query(`insert into private.rate_limits (rpc, max_calls, per) values ('zq_planted_limit', 7, interval '7 minutes')`);

  // contact_codes: a code sent to a contact (its hash and the contact); contact_tokens: the phone's token above.
  const coded = `${MARK}-code@example.invalid`;
  await db.query(`select private.send_contact_code(private.contact_key($1, 'contact'), 'verify_contact', null, 'zh-CN', '{}')`, [coded]);

  const secrets = await db.query<{ value: string }>(`select value from private.installation_secrets`);
  const tables: Record<string, string[]> = {
    hall_opinion_contacts: [contact],
    hearing_signups: ['种植者卫青', '+99 0177 4629 3851', signupRow.contact_key, `${MARK}-statement`, signupRow.code_hash],
    survey_invitations: [tokenHash.h, `${MARK}-batch`],
    open_survey_participants: [participant.h],
    rate_limit_buckets: [clientHash.h],
    cadre_evaluations: [`${MARK}-personnel-file`],
    accountability_case_persons: [accountable],
    rate_limits: ['zq_planted_limit'],
    outbox: [messaged, `${MARK}-event`],
    undeliverable_recipients: [refusing],
    subscriptions: [subscriber],
    subscription_confirmations: [subscriber],
    installation_secrets: secrets.map((s) => s.value),
    contact_codes: [coded],
    contact_tokens: [signupRow.contact_key],
  };
  return {
    tables,
    ids: { topicId: topic.id, hearingId: hearing.id, openSurveyId: openSurvey.id, panelSurveyId: panelSurvey.id },
    confirmationCode: signup.confirmation_code,
    issued: [signup.confirmation_code, token.token, hallToken.token, browserToken],
    clientAddress: CLIENT_ADDRESS,
  };
}

/**
 * Private tables that hold no personal data, each with the reason: aggregates kept private only
 * until they are published in batches or as counts. A new table must be planted or listed here.
 */
const NOT_PERSONAL: Readonly<Record<string, string>> = {
  hall_topic_counts: 'numbers only: opinion counts per topic, published as they are by hall_topic_stats',
  survey_response_counts: 'numbers per respondent group (a code, not a person), published by survey_stats',
  survey_answer_counts: 'numbers per rating or choice value, published by survey_stats',
  survey_stats_snapshots: 'what survey_stats publishes for an open survey, as of its last full batch',
  subscription_notice_batches: 'transaction ids only, and emptied when the transaction commits',
  subscription_notice_reports: 'progress report ids (public) of a batch, emptied when its transaction commits',
  database_identity: 'one random id of the database, drawn when it was created (site builds tell databases apart by it)',
};

/** Every private table must hold a planted value (found by a text search of its rows), or be listed as not personal. */
async function checkCoverage(db: Db, planted: Planted): Promise<string[]> {
  const problems: string[] = [];
  const tables = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'private' and c.relkind in ('r', 'p') order by 1`);
  for (const { name } of tables) {
    if (Object.hasOwn(NOT_PERSONAL, name)) continue;
    const values = planted.tables[name];
    if (!values || values.length === 0) {
      problems.push(`private.${name} has no planted values: plant them in tests/e2e/plant-private.ts, or list it in NOT_PERSONAL with the reason`);
      continue;
    }
    for (const value of values) {
      const [row] = await db.query<{ found: boolean }>(
        `select exists (select 1 from private.${name} t where strpos(t::text, $1) > 0) as found`, [value]);
      if (!row!.found) problems.push(`private.${name}: planted value ${value} not found in the table`);
    }
  }
  for (const name of [...Object.keys(planted.tables), ...Object.keys(NOT_PERSONAL)]) {
    if (!tables.some((t) => t.name === name)) problems.push(`private.${name} is planted or listed as not personal, but no longer exists`);
  }
  return problems;
}

const config = readConfig();
const db = await useSharedDb();
try {
  await prepareDatabase(db, (line) => console.log(line));
  const planted = await plant(db);
  const problems = await checkCoverage(db, planted);
  if (problems.length > 0) throw new Error(`plant-private:\n${problems.join('\n')}`);
  fs.writeFileSync(path.join(config.dataDir, PLANTED_FILE), JSON.stringify(planted, null, 2));
  const count = Object.values(planted.tables).reduce((n, v) => n + v.length, 0);
  console.log(`Planted ${count} recognisable values in ${Object.keys(planted.tables).length} private tables (${createHash('sha256').update(JSON.stringify(planted)).digest('hex').slice(0, 8)}).`);
} finally {
  await releaseSharedDb();
}
