/**
 * The rows a load run works on: the participation fixture (an open topic, an open hearing, an
 * open panel survey with invitation tokens, an open survey) plus a second open hearing that
 * commits to a lottery seed and is closed and drawn in the middle of the run.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/lib/db/types.ts';
import { insertParticipation } from '../db/participation-fixtures.ts';

export interface LoadFixture {
  topicId: number;
  /** Stays open for the whole run. */
  hearingOpen: number;
  /** Closed (lottery drawn) while the run goes on; `seats` seats, a quota for affected residents. */
  hearingDrawn: number;
  seats: number;
  quota: number;
  seed: string;
  panelSurvey: number;
  panelQuestion: number;
  openSurvey: number;
  openQuestion: number;
  /** Panel invitation tokens: each is sent twice during a run, by two different clients. */
  tokens: string[];
}

export async function insertLoadFixture(db: Db, tokenCount: number): Promise<LoadFixture> {
  const fx = await insertParticipation(db, tokenCount);
  const seed = 'load-test-seed-7f3a';
  const seats = 20;
  const quota = 5;
  const hearingDrawn = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `insert into public.hearings (unit_id, title, summary, venue, held_at, seats, signup_opens_at, signup_closes_at, status)
       values ($1, '公交票价调整听证会', '听取市民代表对票价调整方案的意见。', '市民中心二楼', now() + interval '60 days', $2,
               now() - interval '1 day', now() + interval '20 days', 'open')
       returning id::int as id`,
      [fx.base.unitA, seats],
    );
    await tx.query(`insert into public.hearing_quotas (hearing_id, category, seats) values ($1, 'affected_resident', $2)`, [row!.id, quota]);
    await tx.query(`select private.commit_lottery_seed($1, $2)`, [row!.id, createHash('sha256').update(seed).digest('hex')]);
    return row!.id;
  });
  return {
    topicId: fx.topic.open,
    hearingOpen: fx.hearing.open,
    hearingDrawn,
    seats,
    quota,
    seed,
    panelSurvey: fx.survey.panel,
    panelQuestion: fx.question.rating,
    openSurvey: fx.survey.open,
    openQuestion: fx.question.openRating,
    tokens: fx.tokens,
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

/** Closes the drawn hearing's sign-ups and runs its lottery (what `hearing close --reveal-seed` does). */
export async function closeAndDraw(db: Db, fx: LoadFixture): Promise<void> {
  await db.query(`select private.close_hearing($1, $2)`, [fx.hearingDrawn, fx.seed]);
}
