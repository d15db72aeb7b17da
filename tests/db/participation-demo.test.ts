/**
 * The demo city's participation data: deterministic, every state present, fictional contacts
 * only, and usable through the RPCs (its invitation tokens answer the panel survey once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../src/lib/db/insert.ts';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { DEFAULT_DEMO, generateDemoCity, type DemoCity } from '../../src/lib/demo/generate.ts';
import { keepDemoParticipationOpen } from '../../src/lib/demo/live.ts';
import { demoInvitationTokens, generateDemoParticipation, loadDemoParticipation } from '../../src/lib/demo/participation.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { callRpc, json } from './participation-fixtures.ts';

let db: Db;
let city: DemoCity;

beforeAll(async () => {
  city = generateDemoCity(DEFAULT_DEMO);
  db = await createTestDb();
  // The participation data needs only the units and the assessment years of the city.
  await db.transaction(async (tx) => {
    await insertRows(tx, 'public.assessment_years', city.assessment_years);
    await insertRows(tx, 'public.units', city.units);
    await loadDemoParticipation(tx, city);
  });
});

afterAll(async () => {
  await db?.close();
});

describe('generateDemoParticipation', () => {
  it('is deterministic and depends on the seed', () => {
    expect(generateDemoParticipation(city)).toEqual(generateDemoParticipation(generateDemoCity(DEFAULT_DEMO)));
    const other = generateDemoParticipation(generateDemoCity({ ...DEFAULT_DEMO, seed: 7 }));
    expect(other.hearings[0]!.signups).not.toEqual(generateDemoParticipation(city).hearings[0]!.signups);
  });

  it('uses fictional contacts only', () => {
    const contacts = generateDemoParticipation(city).hearings.flatMap((h) => h.signups.map((s) => s.contact));
    expect(contacts.length).toBeGreaterThan(40);
    expect(contacts.every((c) => /^demo-\d{4}@example\.invalid$/.test(c))).toBe(true);
  });
});

describe('the loaded demo participation', () => {
  it('has open, closed and upcoming topics with published, pending and rejected opinions, some answered', async () => {
    const topics = await db.query<{ state: string; n: number }>(
      `select case when opens_at > '${city.year}-11-15'::date then 'upcoming' when closes_at is null then 'open' else 'closed' end as state,
              count(*)::int as n from public.hall_topics group by 1 order by 1`);
    expect(topics).toEqual([{ state: 'closed', n: 2 }, { state: 'open', n: 3 }, { state: 'upcoming', n: 1 }]);
    const opinions = await db.query<{ status: string; n: number; answered: number }>(
      `select status, count(*)::int as n, count(response_text)::int as answered from public.hall_opinions group by status order by status`);
    expect(opinions.map((o) => o.status)).toEqual(['pending', 'published', 'rejected']);
    expect(opinions.find((o) => o.status === 'published')!.answered).toBeGreaterThan(3);
    expect(await countRows(db, 'public.hall_opinions', `status = 'published' and body like '%<script>%'`)).toBe(1);
  });

  it('has hearings in every state, with sign-ups in private', async () => {
    const rows = await db.query<{ status: string; signups: number }>(
      `select h.status, count(s.id)::int as signups from public.hearings h left join private.hearing_signups s on s.hearing_id = h.id
       group by h.status order by h.status`);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'closed', 'held', 'open']);
    expect(rows.every((r) => r.signups > 0)).toBe(true);
    // The closed hearing is oversubscribed: a lottery will be needed.
    const [closed] = await db.query<{ seats: number; signups: number }>(
      `select h.seats, count(s.id) filter (where s.status <> 'withdrawn')::int as signups
       from public.hearings h join private.hearing_signups s on s.hearing_id = h.id where h.status = 'closed' group by h.seats`);
    expect(closed!.signups).toBeGreaterThan(closed!.seats);
  });

  it('has a panel and an open city-wide survey with responses; the demo tokens answer once', async () => {
    const surveys = await db.query<{ slug: string; mode: string; responses: number }>(
      `select s.slug, s.mode, count(r.id)::int as responses from public.surveys s left join public.survey_responses r on r.survey_id = s.id
       group by s.slug, s.mode order by s.slug`);
    expect(surveys).toEqual([
      { slug: `city-open-${city.year}`, mode: 'open', responses: 26 },
      { slug: `city-representatives-${city.year}`, mode: 'panel', responses: 12 },
    ]);
    const tokens = demoInvitationTokens(city)[`city-representatives-${city.year}`]!;
    expect(tokens).toHaveLength(28);
    const [survey] = await db.query<{ id: number; question: number }>(
      `select s.id::int, min(q.id)::int as question from public.surveys s join public.survey_questions q on q.survey_id = s.id
       where s.slug = $1 group by s.id`, [`city-representatives-${city.year}`]);
    const args = { survey_id: survey!.id, token: tokens[0]!, answers: json([{ question_id: survey!.question, value: 4 }, { question_id: survey!.question + 1, value: 5 }]) };
    expect(await callRpc(db, 'submit_survey_response', args)).toMatchObject({ respondent_group: 'representative' });
    await expectPgError(callRpc(db, 'submit_survey_response', args), 'PT410');
  });
});

describe('keepDemoParticipationOpen (npm start on a day after the demo\'s as-of day)', () => {
  type Window = { what: string; id: number; status: string | null; opens: string; closes: string | null; held: string | null };
  const windows = (q: Queryable) =>
    q.query<Window>(
      `select 'hearing' as what, id::int as id, status, to_json(signup_opens_at)#>>'{}' as opens,
              to_json(signup_closes_at)#>>'{}' as closes, to_json(held_at)#>>'{}' as held from public.hearings
       union all select 'survey', id::int, null, to_json(opens_at)#>>'{}', to_json(closes_at)#>>'{}', null from public.surveys
       union all select 'topic', id::int, null, to_json(opens_at)#>>'{}', to_json(closes_at)#>>'{}', null from public.hall_topics
       order by 1, 2`);
  const ROLLBACK = new Error('rollback');
  /** Runs fn in a transaction that is rolled back: the other tests keep the demo as loaded. */
  const rolledBack = (fn: (q: Queryable) => Promise<void>) =>
    expect(db.transaction(async (tx) => { await fn(tx); throw ROLLBACK; })).rejects.toBe(ROLLBACK);
  const ms = (text: string | null) => (text === null ? null : Date.parse(text));
  const asOf = Date.parse(`${DEFAULT_DEMO.asOf}T00:00:00Z`);
  const DAY = 86_400_000;

  it('moves the closing (and a hearing\'s meeting) of exactly what was open on the as-of day', async () => {
    await rolledBack(async (tx) => {
      const before = await windows(tx);
      const openThen = (w: Window) =>
        (w.what !== 'hearing' || w.status === 'open') && ms(w.opens)! <= asOf && w.closes !== null && ms(w.closes)! > asOf;
      expect(before.filter((w) => w.what === 'hearing' && openThen(w))).toHaveLength(1);
      // 2026-11-15 → 2027-03-01 12:00 UTC is 106.5 days: whole days, rounded up.
      const kept = await keepDemoParticipationOpen(tx, DEFAULT_DEMO.asOf, new Date('2027-03-01T12:00:00Z'));
      expect(kept).toEqual({
        days: 107,
        hearings: before.filter((w) => w.what === 'hearing' && openThen(w)).length,
        surveys: before.filter((w) => w.what === 'survey' && openThen(w)).length,
        topics: before.filter((w) => w.what === 'topic' && openThen(w)).length,
      });
      const moved = (w: Window) => ({
        ...w, opens: ms(w.opens), closes: openThen(w) ? ms(w.closes)! + 107 * DAY : ms(w.closes),
        held: openThen(w) && w.held !== null ? ms(w.held)! + 107 * DAY : ms(w.held),
      });
      const after = (await windows(tx)).map((w) => ({ ...w, opens: ms(w.opens), closes: ms(w.closes), held: ms(w.held) }));
      expect(after).toEqual(before.map(moved));
    });
  });

  it('changes nothing on or before the as-of day', async () => {
    await rolledBack(async (tx) => {
      const before = await windows(tx);
      expect(await keepDemoParticipationOpen(tx, DEFAULT_DEMO.asOf, new Date(asOf))).toEqual({ days: 0, hearings: 0, surveys: 0, topics: 0 });
      expect(await windows(tx)).toEqual(before);
    });
  });
});
