/**
 * Issue 5's benchmark: the demo city plus 1,000,000 survey answers; the time of `assess compute`
 * beside one plain aggregate scan over the answers table, as a ratio, on PGlite and on Postgres.
 */
import { openPglite } from '../../src/lib/db/pglite.ts';
import { openPostgres } from '../../src/lib/db/postgres.ts';
import { migrate } from '../../src/lib/db/migrate.ts';
import type { Db } from '../../src/lib/db/types.ts';
import { DEFAULT_DEMO, generateDemoCity } from '../../src/lib/demo/generate.ts';
import { loadDemoCity } from '../../src/lib/demo/load.ts';

const TARGET_ANSWERS = 1_000_000;

async function measure(label: string, db: Db, record: (name: string, value: string) => void): Promise<void> {
  await migrate(db);
  const city = generateDemoCity(DEFAULT_DEMO);
  await loadDemoCity(db, city);
  // Top the panel surveys of the current year up to a million answers, generated in the database.
  const [before] = await db.query<{ n: number; surveys: number; questions: number }>(
    `select (select count(*) from public.survey_answers)::int as n,
            (select count(*) from public.surveys where year = $1 and mode = 'panel')::int as surveys,
            (select count(*) from public.survey_questions q join public.surveys s on s.id = q.survey_id
              where s.year = $1 and s.mode = 'panel')::int as questions`,
    [city.year],
  );
  const perSurvey = Math.ceil((TARGET_ANSWERS - before!.n) / before!.questions);
  const t0 = performance.now();
  await db.transaction(async (tx) => {
    const [mark] = await tx.query<{ id: number }>(`select coalesce(max(id), 0)::int as id from public.survey_responses`);
    await tx.query(
      `insert into public.survey_responses (survey_id, respondent_group, submitted_at)
       select s.id, (array['citizen', 'representative', 'enterprise'])[1 + g % 3], make_timestamptz($1, 12, 1, 9, 0, 0, 'Asia/Shanghai')
       from public.surveys s cross join generate_series(1, $2) g
       where s.year = $1 and s.mode = 'panel'`,
      [city.year, perSurvey],
    );
    await tx.query(
      `insert into public.survey_answers (response_id, question_id, rating)
       select r.id, q.id, 1 + ((r.id * 7 + q.id * 13) % 5)
       from public.survey_responses r join public.survey_questions q on q.survey_id = r.survey_id
       where r.id > $1`,
      [mark!.id],
    );
  });
  const loadMs = performance.now() - t0;
  const [after] = await db.query<{ n: number }>(`select count(*)::int as n from public.survey_answers`);
  await db.exec(`analyze`);

  const s0 = performance.now();
  await db.query(`select count(*), avg(rating), sum(rating) from public.survey_answers`);
  const scanMs = performance.now() - s0;
  const c0 = performance.now();
  await db.transaction((tx) => tx.query(`select private.compute_assessment($1)`, [city.year]));
  const computeMs = performance.now() - c0;
  record(`${label} survey answers`, `${after!.n.toLocaleString('en')} (added in ${(loadMs / 1000).toFixed(1)} s)`);
  record(`${label} plain aggregate scan`, `${(scanMs / 1000).toFixed(2)} s`);
  record(`${label} assess compute`, `${(computeMs / 1000).toFixed(2)} s`);
  record(`${label} assess compute / scan`, (computeMs / scanMs).toFixed(1));
}

export async function benchAssessment(record: (name: string, value: string) => void, postgresUrl?: string): Promise<void> {
  const lite = await openPglite(undefined);
  try {
    await measure('PGlite', lite, record);
  } finally {
    await lite.close();
  }
  if (!postgresUrl) return;
  const admin = await openPostgres(postgresUrl, { max: 1 });
  const name = `gongshi_bench_assess_${process.pid}`;
  await admin.exec(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.href);
  try {
    await measure('Postgres', db, record);
  } finally {
    await db.close();
    await admin.exec(`drop database ${name} with (force)`);
    await admin.close();
  }
}
