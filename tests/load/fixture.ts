/**
 * The rows a load run works on: the participation fixture (an open topic, an open hearing, an
 * open panel survey with invitation tokens, an open survey) plus a second open hearing whose
 * sign-ups end ten seconds into the run; it is closed and drawn at halfway or at that deadline,
 * whichever is later, while its sign-ups keep withdrawing. That hearing starts with more confirmed
 * sign-ups than twice its seats (entered by the office, some confirmed affected residents among
 * them), so its draw has a waitlist however few sign-ups a busy machine manages before the
 * deadline: what the run proves does not depend on its speed.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/lib/db/types.ts';
import type { SignupAck } from './driver.ts';
import { insertParticipation } from '../db/participation-fixtures.ts';
import { closeHearing, openHearing, testSeed } from '../db/hearing-lifecycle.ts';

/**
 * How long after the fixture is made the drawn hearing's sign-ups end (its published deadline):
 * long enough for far more sign-ups than seats even on a slow machine (a 10,000-call run takes
 * 15–30 s here), short enough that the draw usually happens while the run is still going.
 */
export const DRAWN_SIGNUPS_SECONDS = 10;

export interface LoadFixture {
  topicId: number;
  /** Stays open for the whole run. */
  hearingOpen: number;
  /** Closed (lottery drawn) while the run goes on; `seats` seats, a quota for affected residents. */
  hearingDrawn: number;
  seats: number;
  quota: number;
  seed: string;
  /** When the drawn hearing's sign-ups end (ms since the epoch): it cannot be closed before. */
  signupsEnd: number;
  panelSurvey: number;
  panelQuestion: number;
  openSurvey: number;
  openQuestion: number;
  /** Panel invitation tokens: each is sent twice during a run, by two different clients. */
  tokens: string[];
  /** Verified-contact tokens (as verify_contact hands them out), one per load client and more. */
  contactTokens: string[];
  /** Verified-contact tokens of the contacts load-<n>@example.invalid, for sign-up n (as browsers that confirmed them hold). */
  signupTokens: string[];
  /** The drawn hearing's sign-ups entered with the fixture (confirmed), with their management codes. */
  seeded: SignupAck[];
}

/** Contacts the fixture issues sign-up tokens for: more than a run signs up. */
export const SIGNUP_TOKENS = 3000;

export async function insertLoadFixture(db: Db, tokenCount: number): Promise<LoadFixture> {
  const fx = await insertParticipation(db, tokenCount);
  const seed = testSeed('load');
  const seats = 20;
  const quota = 5;
  const hearingDrawn = await db.transaction(async (tx) => {
    const id = await openHearing(tx, {
      unitId: fx.base.unitA, title: '公交票价调整听证会', seats, seed,
      opens: '0 seconds', closes: `${DRAWN_SIGNUPS_SECONDS} seconds`, held: '60 days',
    });
    await tx.query(`insert into public.hearing_quotas (hearing_id, category, seats) values ($1, 'affected_resident', $2)`, [id, quota]);
    return id;
  });
  const crockford = (hex: string) => hex.replace(/[ILOU]/g, '0');
  const seeded: SignupAck[] = Array.from({ length: 2 * seats + 5 }, (_, i) => {
    const digest = createHash('sha256').update(`load seed ${i}`).digest('hex').toUpperCase();
    return {
      hearingId: hearingDrawn, contact: `seeded-${i}@example.invalid`, category: i < quota + 2 ? 'affected_resident' : 'citizen_representative',
      publicId: crockford(digest.slice(0, 8)), code: crockford(digest.slice(8, 24)).replace(/(.{4})(?=.)/g, '$1-'),
    };
  });
  await db.query(
    `insert into private.hearing_signups (hearing_id, public_id, name, contact, contact_key, category, category_review, code_hash)
     select $1, s.public_id, '线下报名', s.contact, s.contact, s.category,
            case when s.category = 'affected_resident' then 'confirmed' end, private.code_hash(private.normalize_code(s.code))
     from unnest($2::text[], $3::text[], $4::text[], $5::text[]) as s(public_id, contact, category, code)`,
    [hearingDrawn, seeded.map((s) => s.publicId), seeded.map((s) => s.contact), seeded.map((s) => s.category), seeded.map((s) => s.code)]);
  const signupTokens = (await db.query<{ token: string }>(
    `select private.issue_contact_token(private.contact_key('load-' || n || '@example.invalid', 'contact')) ->> 'contact_token' as token
     from generate_series(0, $1 - 1) n order by n`, [SIGNUP_TOKENS])).map((r) => r.token);
  const [end] = await db.query<{ ms: number }>(`select (extract(epoch from signup_closes_at) * 1000)::float8 as ms from public.hearings where id = $1`, [hearingDrawn]);
  return {
    topicId: fx.topic.open,
    hearingOpen: fx.hearing.open,
    hearingDrawn,
    seats,
    quota,
    seed,
    signupsEnd: end!.ms,
    panelSurvey: fx.survey.panel,
    panelQuestion: fx.question.rating,
    openSurvey: fx.survey.open,
    openQuestion: fx.question.openRating,
    tokens: fx.tokens,
    signupTokens,
    seeded,
    contactTokens: (await db.query<{ token: string }>(
      `select private.issue_contact_token(private.contact_key('load-' || n || '@example.invalid', 'contact')) ->> 'contact_token' as token
       from generate_series(1, 200) n`)).map((r) => r.token),
  };
}

/**
 * Lifts the per-client rate limits (they are data): a load run sends hundreds of calls per client
 * address, and what it proves is integrity under concurrency; the limits themselves are proven in
 * participation-rpcs.test.ts and participation-concurrency.test.ts.
 */
export async function liftRateLimits(db: Db): Promise<void> {
  await db.exec(`update private.rate_limits set max_calls = 1000000`);
}

/**
 * Closes the drawn hearing's sign-ups and runs its lottery (what `hearing close --reveal-seed`
 * does), waiting for the published deadline first if it has not passed yet.
 */
export async function closeAndDraw(db: Db, fx: LoadFixture): Promise<void> {
  const wait = fx.signupsEnd - Date.now() + 50;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await db.transaction((tx) => closeHearing(tx, fx.hearingDrawn, fx.seed));
}
