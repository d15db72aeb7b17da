/**
 * Checks a load run's ledger against the database (as the owner): every acknowledged write is
 * present exactly once and as sent, no invitation token counted twice, and the drawn hearing has
 * exactly its seats filled — never more — with every acknowledged sign-up in the draw.
 *
 * `complete`: every call got its answer, so the database may hold no write the ledger lacks.
 * After a crash, calls in flight at the kill may or may not have been written (never twice).
 */
import type { Db } from '../../src/lib/db/types.ts';
import type { Ledger } from './driver.ts';
import type { LoadFixture } from './fixture.ts';

export interface VerifyOptions {
  complete: boolean;
  /** Calls that got no answer (in flight at a crash): the most writes the ledger may lack. */
  unanswered?: number;
}

export interface Verified {
  problems: string[];
  /** Seats taken on the drawn hearing after the run, and how many were drawn in all. */
  drawn?: { selected: number; waitlisted: number; seats: number };
}

export async function verifyLedger(db: Db, fx: LoadFixture, ledger: Ledger, options: VerifyOptions): Promise<Verified> {
  const problems: string[] = [];
  const extraAllowed = options.complete ? 0 : (options.unanswered ?? 0);
  const compare = (what: string, inDb: number, acked: number) => {
    if (inDb < acked) problems.push(`${what}: ${acked} acknowledged, ${inDb} in the database (${acked - inDb} lost)`);
    if (inDb > acked + extraAllowed) problems.push(`${what}: ${acked} acknowledged, ${inDb} in the database (unexplained extra rows)`);
  };

  // Opinions: each acknowledged id holds the body sent; no body stored twice.
  const opinions = await db.query<{ id: number; body: string }>(
    `select id::int as id, body from public.hall_opinions where body like '%load-opinion-%'`);
  const byId = new Map(opinions.map((o) => [o.id, o.body]));
  for (const [id, body] of ledger.opinions) if (byId.get(id) !== body) problems.push(`opinion ${id} acknowledged but ${byId.has(id) ? 'changed' : 'missing'}`);
  const bodies = new Set<string>();
  for (const o of opinions) {
    if (bodies.has(o.body)) problems.push(`opinion stored twice: ${o.body}`);
    bodies.add(o.body);
  }
  compare('opinions', opinions.length, ledger.opinions.size);

  // Sign-ups: each acknowledged (confirmed) one present with its hearing and contact; withdrawals
  // kept. Pending ones (no code entered yet) and those that expired unconfirmed were never acknowledged.
  const signups = await db.query<{ public_id: string; hearing_id: number; contact: string; status: string; draw_order: number | null }>(
    `select public_id, hearing_id::int as hearing_id, contact, status, draw_order
     from private.hearing_signups where contact like 'load-%@example.invalid' and status not in ('pending', 'expired')`);
  const byPublicId = new Map(signups.map((s) => [s.public_id, s]));
  for (const [publicId, ack] of ledger.signups) {
    const row = byPublicId.get(publicId);
    if (!row) problems.push(`sign-up ${publicId} acknowledged but missing`);
    else if (row.hearing_id !== ack.hearingId || row.contact !== ack.contact) problems.push(`sign-up ${publicId} stored with other data`);
  }
  for (const publicId of ledger.withdrawn) {
    if (byPublicId.get(publicId)?.status !== 'withdrawn') problems.push(`withdrawal of ${publicId} acknowledged but status is ${byPublicId.get(publicId)?.status}`);
  }
  compare('sign-ups', signups.length, ledger.signups.size);

  // Panel answers: one response per accepted token, each token used at most once.
  const [panel] = await db.query<{ responses: number; used: number }>(
    `select (select count(*)::int from public.survey_responses where survey_id = $1) as responses,
            (select count(*)::int from private.survey_invitations where survey_id = $1 and used_at is not null) as used`,
    [fx.panelSurvey]);
  compare('panel responses', panel!.responses, ledger.panelResponses.size);
  if (panel!.used !== panel!.responses) problems.push(`${panel!.used} tokens used for ${panel!.responses} panel responses`);
  const acceptedHashes = await db.query<{ used: boolean }>(
    `select i.used_at is not null as used from unnest($1::text[]) t(token)
     left join private.survey_invitations i on i.token_hash = private.checked_code_hash(t.token, 'invitation_token')`,
    [[...ledger.panelResponses.keys()]]);
  const unused = acceptedHashes.filter((r) => !r.used).length;
  if (unused > 0) problems.push(`${unused} accepted tokens are not marked used`);

  // Open answers: each acknowledged response present.
  const responseIds = [...ledger.panelResponses.values(), ...ledger.openResponses];
  const [present] = await db.query<{ n: number }>(
    `select count(*)::int as n from public.survey_responses where id = any($1::bigint[])`, [responseIds]);
  if (present!.n !== responseIds.length) problems.push(`${responseIds.length - present!.n} acknowledged survey responses missing`);
  const [open] = await db.query<{ n: number }>(`select count(*)::int as n from public.survey_responses where survey_id = $1`, [fx.openSurvey]);
  compare('open responses', open!.n, ledger.openResponses.length);

  // The live-statistics counters lost no update under concurrency: they equal a recount of the rows.
  const [counters] = await db.query<{ responses: number; answers: number; opinions: number }>(
    `select (select count(*)::int from (select survey_id, respondent_group, verification, count(*) as n from public.survey_responses group by 1, 2, 3) r
             full join private.survey_response_counts c using (survey_id, respondent_group, verification) where r.n is distinct from c.responses) as responses,
            (select count(*)::int from (select a.question_id, r.verification, coalesce(a.rating::text, a.choice, '') as value, count(*) as n
                                        from public.survey_answers a join public.survey_responses r on r.id = a.response_id group by 1, 2, 3) a
             full join private.survey_answer_counts c using (question_id, verification, value) where a.n is distinct from c.answers) as answers,
            (select count(*)::int from (select topic_id, count(*) filter (where status = 'pending') as n from public.hall_opinions group by 1) o
             full join private.hall_topic_counts c using (topic_id) where o.n is distinct from c.pending) as opinions`);
  for (const [what, n] of Object.entries(counters!)) if (n > 0) problems.push(`${n} ${what} counters disagree with a recount`);

  // The drawn hearing: seats filled exactly (never oversold), everyone acknowledged in the draw.
  const [hearing] = await db.query<{ status: string }>(`select status from public.hearings where id = $1`, [fx.hearingDrawn]);
  if (hearing!.status !== 'closed') return { problems };
  // All of its sign-ups: the run's and those the fixture entered.
  const drawn = await db.query<{ status: string }>(`select status from private.hearing_signups where hearing_id = $1`, [fx.hearingDrawn]);
  const left = drawn.filter((s) => s.status === 'registered');
  if (left.length > 0) problems.push(`${left.length} sign-ups of the drawn hearing were left out of the draw`);
  const selected = drawn.filter((s) => s.status === 'selected').length;
  const waitlisted = drawn.filter((s) => s.status === 'waitlisted').length;
  if (selected > fx.seats) problems.push(`hearing oversold: ${selected} selected for ${fx.seats} seats`);
  if (selected < fx.seats && waitlisted > 0) problems.push(`${selected} of ${fx.seats} seats taken while ${waitlisted} wait`);
  const [mismatch] = await db.query<{ n: number }>(
    `select count(*)::int as n from public.hearing_draws d join private.hearing_signups s using (hearing_id, public_id)
     where d.hearing_id = $1 and d.current_status <> s.status`, [fx.hearingDrawn]);
  if (mismatch!.n > 0) problems.push(`${mismatch!.n} published draw entries disagree with the sign-ups`);
  return { problems, drawn: { selected, waitlisted, seats: fx.seats } };
}
