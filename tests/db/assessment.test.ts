/**
 * The annual assessment on a hand-built city: 8 municipal units and 3 districts, with every
 * score, rank, grade and consequence worked out by hand below. Rules of 2026 (data on
 * assessment_years): weights 0.6 / 0.25 / 0.15, cap 1.2, pass 60, good 85, excellent_count 1,
 * bottom_count 1, respondent groups citizen 0.6 / representative 0.4, minimum sample 3.
 * A rating r scores (r − 1) × 25.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../src/lib/db/types.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { insertRow, json } from './fixtures.ts';

let db: Db;
const unit = new Map<string, number>();
let higher = 0;
let lower = 0;
let task = 0;
let seq = 0;

async function addTarget(
  q: Queryable,
  year: number,
  code: string,
  spec: { indicator: number; value: number | null; weight?: number; parent?: number; deadline?: string },
): Promise<number> {
  seq++;
  return insertRow(q, 'public.targets', {
    code: `${code}-${seq}`, year, unit_id: unit.get(code)!, indicator_id: spec.indicator, title: `目标${seq}`,
    target_value: spec.value, weight: spec.weight ?? 100, deadline: spec.deadline ?? `${year}-12-31`,
    responsible_department: '综合处', responsible_person: '测试人', status: 'published',
    published_at: `${year}-02-01T10:00:00+08:00`, parent_id: spec.parent ?? null,
  });
}

async function report(q: Queryable, target: number, period: string, status: string, actual: number | null = null) {
  await insertRow(q, 'public.progress_reports', {
    target_id: target, period, status, actual_value: actual,
    result_text: status === 'completed' ? '已完成' : null,
    progress_text: status === 'on_track' ? '推进中' : null,
    reasons_text: status === 'behind' || status === 'not_completed' ? '原因' : null,
    remedy_text: status === 'behind' || status === 'not_completed' ? '措施' : null,
  });
}

/**
 * A panel (or open) survey of a unit with one rating question; ratings per respondent group. Open
 * answers are from confirmed contacts, and `quick` more come from unverified browsers.
 */
async function survey(q: Queryable, code: string, ratings: Record<string, number[]>, mode = 'panel', quick: number[] = []) {
  seq++;
  const survey = await insertRow(q, 'public.surveys', {
    slug: `s-${seq}`, year: 2026, unit_id: unit.get(code)!, mode, title: '满意度测评', description: '测评',
    opens_at: '2026-10-01T00:00:00+08:00', closes_at: '2026-11-01T00:00:00+08:00',
  });
  const question = await insertRow(q, 'public.survey_questions', {
    survey_id: survey, position: 1, kind: 'rating', prompt: '总体满意度', weight: 1,
  });
  const answers: [group: string, rating: number, verification: string][] = [
    ...Object.entries(ratings).flatMap(([group, values]) =>
      values.map((rating): [string, number, string] => [group, rating, mode === 'panel' ? 'invitation' : 'verified'])),
    ...quick.map((rating): [string, number, string] => ['public', rating, 'quick']),
  ];
  for (const [group, rating, verification] of answers) {
    const response = await insertRow(q, 'public.survey_responses', { survey_id: survey, respondent_group: group, verification });
    await q.query(`insert into public.survey_answers (response_id, question_id, rating) values ($1, $2, $3)`, [response, question, rating]);
  }
}

const usual = { citizen: [5, 5, 5], representative: [4, 4, 4] }; // 0.6·100 + 0.4·75 = 90, margin 0

beforeAll(async () => {
  db = await createTestDb();
  await db.transaction(async (q) => {
    for (const year of [2025, 2026]) {
      await insertRow(q, 'public.assessment_years', {
        year, status: 'active', excellent_count: 1, bottom_count: 1, pass_score: 60, good_score: 85,
        respondent_group_weights: json({ citizen: 0.6, representative: 0.4 }), mass_min_sample: 3,
      });
    }
    for (const [i, code] of ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'D1', 'D2', 'D3'].entries()) {
      const id = await insertRow(q, 'public.units', {
        code: `AS-${code}`, name: `单位${code}`, kind: code.startsWith('D') ? 'district' : 'municipal_unit', sector: 'economy', sort_order: i,
      });
      unit.set(code, id);
      await insertRow(q, 'public.cadres', { unit_id: id, name: `负责人${code}`, title: '主要负责人', is_principal: true });
      await insertRow(q, 'public.cadres', { unit_id: id, name: `副职${code}`, title: '副职', is_principal: false });
    }
    higher = await insertRow(q, 'public.indicators', { code: 'AS-H', name: '越高越好', category: 'economic_scale', measure: '亿元', direction: 'higher' });
    lower = await insertRow(q, 'public.indicators', { code: 'AS-L', name: '越低越好', category: 'sustainability', measure: '%', direction: 'lower' });
    task = await insertRow(q, 'public.indicators', { code: 'AS-Q', name: '重点任务', category: 'key_task', direction: 'qualitative' });

    // 2025: every unit 100 except M6 (0 → fails) and D3 (80 → bottom of the districts). No surveys,
    // so totals are (0.6·T + 0.15·100) / 0.75: M6 20 (fail, admonished), D3 84 (bottom, admonished).
    for (const code of unit.keys()) {
      const actual = code === 'M6' ? 0 : code === 'D3' ? 80 : 100;
      await report(q, await addTarget(q, 2025, code, { indicator: higher, value: 100 }), '2025-12', actual >= 100 ? 'completed' : 'not_completed', actual);
    }

    // 2026 targets (each unit's only top-level target weighs 100 points).
    const quantitative: Record<string, number> = { M1: 100, M2: 90, M4: 130, M7: 95, M8: 70, D1: 100, D2: 50, D3: 50 };
    for (const [code, actual] of Object.entries(quantitative)) {
      await report(q, await addTarget(q, 2026, code, { indicator: higher, value: 100 }), '2026-12', actual >= 100 ? 'completed' : 'not_completed', actual);
    }
    // M3: lower is better, 10 wanted, 12.5 reached → 10 / 12.5 = 80.
    await report(q, await addTarget(q, 2026, 'M3', { indicator: lower, value: 10 }), '2026-12', 'not_completed', 12.5);
    // M5: a task decomposed into two sub-tasks: on time (100) × 30 points, late (85) × 70 → 89.5.
    const parent = await addTarget(q, 2026, 'M5', { indicator: task, value: null, deadline: '2026-06-30' });
    await report(q, await addTarget(q, 2026, 'M5', { indicator: task, value: null, weight: 30, parent, deadline: '2026-06-30' }), '2026-05', 'completed');
    const late = await addTarget(q, 2026, 'M5', { indicator: task, value: null, weight: 70, parent, deadline: '2026-06-30' });
    await report(q, late, '2026-06', 'behind');
    await report(q, late, '2026-08', 'completed');
    // M6: a quantitative target with no report at all → scored as "no_report" = 0.
    await addTarget(q, 2026, 'M6', { indicator: higher, value: 100 });

    // Mass evaluation.
    for (const code of ['M1', 'M3', 'M4', 'M5', 'M6', 'D1', 'D2', 'D3']) await survey(q, code, usual);
    await survey(q, 'M2', { citizen: [5, 3, 1], representative: [4, 4, 4] }); // 0.6·50 + 0.4·75 = 60
    await survey(q, 'M8', { citizen: [5, 5, 5], representative: [1, 1] }); // representatives below 3: excluded → 100
    // M7 has no panel: open answers do not count; quick (unverified) ones are not even sentiment.
    await survey(q, 'M7', { public: [1, 1, 1, 2] }, 'open', [5, 5]);
    // Daily monitoring: M3 −10 −5 → 85; M4 +5 → clamped at 100.
    for (const [code, delta] of [['M3', -10], ['M3', -5], ['M4', 5]] as const) {
      await insertRow(q, 'public.supervision_records', {
        year: 2026, unit_id: unit.get(code)!, method: 'random_check', conducted_on: '2026-06-01', finding: '督查发现', score_delta: delta,
      });
    }
    await q.query(`select private.compute_assessment(2025)`);
    await q.query(`select private.publish_assessment(2025)`);
  });
});

afterAll(async () => {
  await db?.close();
});

interface Result {
  code: string;
  target_score: number;
  mass_score: number | null;
  mass_margin: number | null;
  mass_sample_size: number;
  monitoring_score: number;
  total_score: number;
  rank_in_pool: number;
  is_bottom: boolean;
  grade: string;
  consequence: string;
  open_sample_size: number;
  open_score: number | null;
}

async function results(run: number): Promise<Map<string, Result>> {
  const rows = await db.query<Result>(
    `select substr(u.code, 4) as code, a.target_score::float8 as target_score, a.mass_score::float8 as mass_score,
            a.mass_margin::float8 as mass_margin, a.mass_sample_size, a.monitoring_score::float8 as monitoring_score,
            a.total_score::float8 as total_score, a.rank_in_pool, a.is_bottom, a.grade, a.consequence, a.open_sample_size,
            a.open_score::float8 as open_score
     from public.annual_assessments a join public.units u on u.id = a.unit_id where a.run_id = $1`,
    [run],
  );
  return new Map(rows.map((r) => [r.code, r]));
}

describe('compute_assessment on the hand-built city', () => {
  let run = 0;
  let byUnit: Map<string, Result>;

  beforeAll(async () => {
    const [row] = await db.query<{ run: number }>(`select private.compute_assessment(2026)::int as run`);
    run = row!.run;
    byUnit = await results(run);
  });

  // [target, mass, monitoring, total, rank, bottom, grade, consequence]
  const expected: Record<string, [number, number | null, number, number, number, boolean, string, string]> = {
    M1: [100, 90, 100, 97.5, 1, false, 'excellent', 'award'],
    M4: [100, 90, 100, 97.5, 1, false, 'excellent', 'award'], // capped at 120 → target score capped at 100; tied at the excellent boundary
    M7: [95, null, 100, 96, 3, false, 'good', 'none'], // no panel: (0.6·95 + 0.15·100) / 0.75
    M5: [89.5, 90, 100, 91.2, 4, false, 'good', 'none'],
    M2: [90, 60, 100, 84, 5, false, 'pass', 'none'],
    M3: [80, 90, 85, 83.25, 6, false, 'pass', 'none'],
    M8: [70, 100, 100, 82, 7, false, 'pass', 'none'],
    M6: [0, 90, 100, 37.5, 8, true, 'fail', 'suspension_or_demotion'], // admonished in 2025 too
    D1: [100, 90, 100, 97.5, 1, false, 'good', 'none'],
    D2: [50, 90, 100, 67.5, 2, true, 'pass', 'admonishment'], // tied at the bottom with D3
    D3: [50, 90, 100, 67.5, 2, true, 'pass', 'suspension_or_demotion'], // bottom in 2025 too
  };

  for (const [code, [target, mass, monitoring, total, rank, bottom, grade, consequence]] of Object.entries(expected)) {
    it(`${code}: ${total} points, rank ${rank}, ${grade}, ${consequence}`, () => {
      const r = byUnit.get(code)!;
      expect(r).toMatchObject({
        target_score: target, mass_score: mass, monitoring_score: monitoring, total_score: total,
        rank_in_pool: rank, is_bottom: bottom, grade, consequence,
      });
    });
  }

  it('publishes the margin of error and sample size; a group below the minimum is excluded and flagged', async () => {
    expect(byUnit.get('M1')).toMatchObject({ mass_margin: 0, mass_sample_size: 6 });
    // 1.96 · sqrt(0.6² · 50² / 3) / 1 = 1.96 · sqrt(300) = 33.948…
    expect(byUnit.get('M2')).toMatchObject({ mass_margin: 33.95, mass_sample_size: 6 });
    expect(byUnit.get('M8')?.mass_sample_size).toBe(3);
    const [groups] = await db.query<{ g: { group: string; responses: number; included: boolean; excluded_because: string | null }[] }>(
      `select mass_groups as g from public.annual_assessments where run_id = $1 and unit_id = $2`,
      [run, unit.get('M8')],
    );
    expect(groups!.g).toEqual([
      expect.objectContaining({ group: 'citizen', responses: 3, included: true, excluded_because: null }),
      expect.objectContaining({ group: 'representative', responses: 2, included: false, excluded_because: 'fewer than 3 responses' }),
    ]);
  });

  it('keeps open answers apart as public sentiment', () => {
    // (1 + 1 + 1 + 2 → 0, 0, 0, 25 on 0–100) / 4 = 6.25: the two quick 5s are left out.
    expect(byUnit.get('M7')).toMatchObject({ mass_score: null, mass_sample_size: 0, open_sample_size: 4, open_score: 6.25 });
  });

  it('scores every target and says which cost points', async () => {
    const rows = await db.query<{ achievement: number; basis: string; points_lost: number }>(
      `select achievement::float8 as achievement, basis, points_lost::float8 as points_lost
       from public.assessment_target_scores where run_id = $1 and unit_id = $2 order by target_id`,
      [run, unit.get('M5')],
    );
    expect(rows).toEqual([
      { achievement: 89.5, basis: 'rollup', points_lost: 10.5 },
      { achievement: 100, basis: 'qualitative', points_lost: 0 },
      { achievement: 85, basis: 'qualitative', points_lost: 10.5 },
    ]);
  });

  it("ties principal leaders' ratings to the unit's result; deputies without own targets follow it", async () => {
    const rows = await db.query<{ code: string; principal: string; deputy: string }>(
      `select substr(u.code, 4) as code, max(e.rating) filter (where e.is_principal) as principal,
              max(e.rating) filter (where not e.is_principal and e.rule_applied = 'no_own_targets') as deputy
       from private.cadre_evaluations e join public.units u on u.id = e.unit_id
       where e.run_id = $1 group by u.code`,
      [run],
    );
    const expected = {
      M1: 'excellent', M2: 'competent', M3: 'competent', M4: 'excellent', M5: 'competent', M6: 'incompetent',
      M7: 'competent', M8: 'competent', D1: 'competent', D2: 'basically_competent', D3: 'incompetent',
    };
    expect(Object.fromEntries(rows.map((r) => [r.code, r.principal]))).toEqual(expected);
    expect(Object.fromEntries(rows.map((r) => [r.code, r.deputy]))).toEqual(expected);
    expect(await countRows(db, 'private.cadre_evaluations', 'run_id = $1', [run])).toBe(22);
  });
});

describe('publication', () => {
  it('drafts are invisible to the public; published results are visible; cadre evaluations never', async () => {
    const draft = await db.asRole('anon', (tx) => tx.query(`select 1 from public.annual_assessments a join public.assessment_runs r on r.id = a.run_id where r.year = 2026`));
    expect(draft).toHaveLength(0);
    const published = await db.asRole('anon', (tx) => tx.query(`select 1 from public.assessment_results where year = 2025`));
    expect(published).toHaveLength(11);
    await expectPgError(db.asRole('anon', (tx) => tx.query(`select * from private.cadre_evaluations`)), '42501');
    await expectPgError(db.asRole('authenticated', (tx) => tx.query(`select * from private.cadre_evaluations`)), '42501');
  });

  it('a published result cannot be changed by direct SQL, and a correction keeps both versions', async () => {
    await db.query(`select private.publish_assessment(2026)`);
    const rows = await countRows(db, 'public.annual_assessments');
    for (const sql of [
      `update public.annual_assessments set total_score = 100 where year = 2026`,
      `delete from public.annual_assessments where year = 2026`,
      `update public.assessment_runs set reason = 'x' where year = 2026`,
      `delete from public.assessment_target_scores`,
      `truncate public.annual_assessments cascade`,
    ]) {
      await expectPgError(db.query(sql), 'PT409');
      // TRUNCATE is not even granted to service_role; the trigger stops the owner.
      await expectPgError(db.asRole('service_role', (tx) => tx.query(sql)), sql.startsWith('truncate') ? '42501' : 'PT409');
    }
    expect(await countRows(db, 'public.annual_assessments')).toBe(rows);

    await expectPgError(db.query(`select private.publish_assessment(2026)`), 'PT409', /already published/);
    await expectPgError(db.query(`select private.compute_assessment(2026)`), '22023', /needs a reason/);
    // A late report for M8 is corrected; the correction run is version 2.
    await db.query(`select private.compute_assessment(2026, '督查核实后更正M8的年终数据')`);
    await db.query(`select private.publish_assessment(2026)`);
    const versions = await db.asRole('anon', (tx) =>
      tx.query<{ version: number; reason: string | null }>(`select version, reason from public.assessment_runs where year = 2026 order by version`),
    );
    expect(versions).toEqual([{ version: 1, reason: null }, { version: 2, reason: '督查核实后更正M8的年终数据' }]);
    const current = await db.asRole('anon', (tx) =>
      tx.query<{ version: number }>(`select distinct version from public.assessment_results where year = 2026`),
    );
    expect(current).toEqual([{ version: 2 }]);
  });

  it('weights that do not sum to 1 are refused', async () => {
    await expectPgError(db.query(`update public.assessment_years set weight_mass = 0.3 where year = 2026`), '23514', /score_weights_sum_to_one/);
    await expectPgError(
      db.query(`update public.assessment_years set respondent_group_weights = '{"citizen": 0.7, "representative": 0.4}' where year = 2026`),
      '23514',
      /respondent_group_weights_sum_to_one/,
    );
  });

  it('an unknown year or a year without targets is refused clearly, writing nothing', async () => {
    const runs = await countRows(db, 'public.assessment_runs');
    await expectPgError(db.query(`select private.compute_assessment(2031)`), 'PT404', /not an assessment year/);
    await db.query(`insert into public.assessment_years (year) values (2030)`);
    await expectPgError(db.query(`select private.compute_assessment(2030)`), '22023', /no published targets/);
    await expectPgError(db.query(`select private.publish_assessment(2030)`), 'PT409', /has not been computed/);
    expect(await countRows(db, 'public.assessment_runs')).toBe(runs);
  });
});
