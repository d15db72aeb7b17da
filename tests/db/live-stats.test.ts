/**
 * Live statistics (issue 19): they cost the same however many responses or opinions exist
 * (counters, not counts), agree exactly with a recount of the rows, and while a survey is open
 * show nothing of one person's answers: figures move only in whole batches of responses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { createTestDb } from './harness.ts';
import { callRpc, insertParticipation, json, newClient, type Participation } from './participation-fixtures.ts';

let db: Db;
let fx: Participation;
let batch: number;

interface Stats {
  open: boolean;
  published_every: number | null;
  responses: number;
  by_group: Record<string, number>;
  questions: { question_id: number; answers: number; mean: number | null; distribution: Record<string, number> | null; choices: Record<string, number> | null }[];
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertParticipation(db, 40);
  batch = (await db.query<{ n: number }>(`select private.stats_batch() as n`))[0]!.n;
});
afterAll(async () => {
  await db?.close();
});

const stats = (surveyId: number) => callRpc<Stats>(db, 'survey_stats', { survey_id: surveyId });
let browsers = 0;
const answerOpen = (rating: number) =>
  callRpc(db, 'submit_survey_response', {
    survey_id: fx.survey.open, answers: json([{ question_id: fx.question.openRating, value: rating }]),
    browser_token: `live-stats-browser-${++browsers}-0123456789`,
  }, { context: newClient() });

/** The aggregates recounted from the rows, the way survey_stats counted before counters. */
async function recount(surveyId: number) {
  const [row] = await db.query<{ responses: number; by_group: Record<string, number> | null; questions: unknown }>(
    `select (select count(*)::int from public.survey_responses where survey_id = $1) as responses,
            (select jsonb_object_agg(respondent_group, n) from (select respondent_group, count(*)::int as n
               from public.survey_responses where survey_id = $1 group by 1) g) as by_group,
            (select jsonb_agg(jsonb_build_object(
               'question_id', q.id,
               'answers', (select count(*) from public.survey_answers a where a.question_id = q.id),
               'mean', (select round(avg(a.rating), 2) from public.survey_answers a where a.question_id = q.id),
               'distribution', case when q.kind = 'rating' then (select jsonb_object_agg(v.n::text,
                  (select count(*) from public.survey_answers a where a.question_id = q.id and a.rating = v.n)) from generate_series(1, 5) v(n)) end,
               'choices', case when q.kind = 'choice' then (select jsonb_object_agg(o ->> 'value',
                  (select count(*) from public.survey_answers a where a.question_id = q.id and a.choice = o ->> 'value'))
                  from jsonb_array_elements(q.options) o) end) order by q.position)
             from public.survey_questions q where q.survey_id = $1) as questions`, [surveyId]);
  return { responses: row!.responses, by_group: row!.by_group ?? {}, questions: row!.questions };
}

describe('survey_stats while a survey is open', () => {
  it('moves only in whole batches: the answer that completes no batch changes nothing', async () => {
    const before = await stats(fx.survey.open);
    expect(before).toMatchObject({ open: true, published_every: batch, responses: 0 });
    for (let i = 1; i < batch; i++) {
      await answerOpen(1 + (i % 5));
      expect(await stats(fx.survey.open), `after ${i} responses`).toEqual(before);
    }
    await answerOpen(5);
    const full = await stats(fx.survey.open);
    expect(full.responses).toBe(batch);
    expect(full.questions[0]!.answers).toBe(batch);
    await answerOpen(1);
    expect(await stats(fx.survey.open), 'one more response is not shown on its own').toEqual(full);
  });

  it('shows the final, exact figures once closed', async () => {
    await db.query(`update public.surveys set closes_at = now() - interval '1 second' where id = $1`, [fx.survey.open]);
    try {
      const closed = await stats(fx.survey.open);
      expect(closed).toMatchObject({ open: false, published_every: null, responses: batch + 1 });
    } finally {
      await db.query(`update public.surveys set closes_at = null where id = $1`, [fx.survey.open]);
    }
  });
});

describe('counters agree with a recount of the rows', () => {
  it('for every survey, after panel and open answers of every kind', async () => {
    for (let i = 0; i < 12; i++) {
      await callRpc(db, 'submit_survey_response', {
        survey_id: fx.survey.panel, token: fx.tokens[i]!,
        answers: json([{ question_id: fx.question.rating, value: 1 + (i % 5) }, { question_id: fx.question.choice, value: i % 3 ? 'yes' : 'no' },
          ...(i % 4 ? [] : [{ question_id: fx.question.text, value: '办事很快，态度很好' }])]),
      }, { context: newClient() });
    }
    const surveys = await db.query<{ id: number }>(`select id::int from public.surveys order by id`);
    for (const { id } of surveys) {
      const [counted] = await db.query<{ s: {
        responses: number; by_group: Record<string, number>; questions: { position?: number; kind?: string }[];
        by_verification: Record<string, { responses: number }>;
      } }>(`select private.survey_counted_stats($1) as s`, [id]);
      const { questions, by_verification: byKind, ...totals } = counted!.s;
      const expected = await recount(id);
      expect(totals, `survey ${id}`).toEqual({ responses: expected.responses, by_group: expected.by_group });
      // Each kind of response apart, recounted from the rows.
      const kinds = await db.query<{ verification: string; n: number }>(
        `select verification, count(*)::int as n from public.survey_responses where survey_id = $1 group by 1`, [id]);
      for (const [kind, figures] of Object.entries(byKind)) {
        expect(figures.responses, `survey ${id}, ${kind}`).toBe(kinds.find((k) => k.verification === kind)?.n ?? 0);
      }
      expect(kinds.every((k) => k.verification in byKind), `survey ${id}: every kind published`).toBe(true);
      expect(questions.map(({ position: _p, kind: _k, ...rest }) => rest), `survey ${id}`).toEqual(expected.questions ?? []);
    }
  });

  it('for every hall topic, after submissions, moderation and answers', async () => {
    for (let i = 0; i < 3; i++) {
      await callRpc(db, 'submit_hall_opinion', { topic_id: fx.topic.open, body: `计数测试意见${i}` }, { context: newClient() });
    }
    await db.query(`update public.hall_opinions set status = 'published', moderated_at = now()
                    where id = (select min(id) from public.hall_opinions where status = 'pending' and topic_id = $1)`, [fx.topic.open]);
    const topics = await db.query<{ id: number }>(`select id::int from public.hall_topics order by id`);
    for (const { id } of topics) {
      const live = await callRpc<Record<string, number>>(db, 'hall_topic_stats', { topic_id: id });
      const [rows] = await db.query<Record<string, number>>(
        `select count(*)::int as submitted, (count(*) filter (where status = 'pending'))::int as pending,
                (count(*) filter (where status = 'published'))::int as published, (count(*) filter (where status = 'rejected'))::int as rejected,
                (count(*) filter (where response_text is not null))::int as answered
         from public.hall_opinions where topic_id = $1`, [id]);
      expect(live, `topic ${id}`).toMatchObject(rows!);
    }
  });
});
