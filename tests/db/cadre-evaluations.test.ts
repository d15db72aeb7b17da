/**
 * Cadre evaluations (personnel files): every cadre of an assessed unit is rated once per run, from
 * the unit's result and their own targets (the city and the expected ratings are in
 * cadre-evaluations-fixtures.ts); they are private, final once published, and the organisation
 * department's export writes them to a file marked as personnel data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { exportCadreEvaluations, PERSONNEL_NOTICE } from '../../src/lib/personnel/cadre-evaluations.ts';
import { CE_YEAR, insertCadreCity, type CadreCity } from './cadre-evaluations-fixtures.ts';
import { countRows, createTestDb, expectPgError } from './harness.ts';
import { csvCells } from './import-helpers.ts';

let db: Db;
let city: CadreCity;
let dir: string;
let run = 0;

interface Evaluation {
  name: string;
  is_principal: boolean;
  own_targets: number;
  own_achievement: number | null;
  unit_grade: string;
  unit_consequence: string;
  unit_rating: string;
  rule_applied: string;
  rating: string;
  basis: string;
}

/** The refusal of an export, or '' when it wrote its file. */
const refusal = (result: Awaited<ReturnType<typeof exportCadreEvaluations>>) => ('refusal' in result ? result.refusal : '');

async function evaluations(runId: number): Promise<Map<string, Evaluation>> {
  const rows = await db.query<Evaluation>(
    `select substr(c.name, 3) as name, e.is_principal, e.own_targets, e.own_achievement::float8 as own_achievement,
            e.unit_grade, e.unit_consequence, e.unit_rating, e.rule_applied, e.rating, e.basis
     from private.cadre_evaluations e join public.cadres c on c.id = e.cadre_id where e.run_id = $1`,
    [runId],
  );
  return new Map(rows.map((r) => [r.name, r]));
}

beforeAll(async () => {
  db = await createTestDb();
  city = await db.transaction((q) => insertCadreCity(q));
  const [row] = await db.query<{ run: number }>(`select private.compute_assessment($1)::int as run`, [CE_YEAR]);
  run = row!.run;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-cadres-'));
});

afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('compute_assessment rates every cadre of an assessed unit', () => {
  it('exactly one evaluation per cadre of each assessed unit, none for a unit not assessed', async () => {
    const [row] = await db.query<{ cadres: number; evaluated: number; once: number; stray: number }>(
      `select count(*)::int as cadres,
              count(*) filter (where n > 0)::int as evaluated,
              count(*) filter (where n = 1)::int as once,
              (select count(*)::int from private.cadre_evaluations e where e.run_id = $1
                 and not exists (select 1 from public.annual_assessments a where a.run_id = e.run_id and a.unit_id = e.unit_id)) as stray
       from public.cadres c join public.annual_assessments a on a.unit_id = c.unit_id and a.run_id = $1
       cross join lateral (select count(*) as n from private.cadre_evaluations e where e.run_id = $1 and e.cadre_id = c.id) x`,
      [run],
    );
    expect(row).toEqual({ cadres: 11, evaluated: 11, once: 11, stray: 0 });
    expect(await countRows(db, 'private.cadre_evaluations', 'run_id = $1 and cadre_id = $2', [run, city.cadre.get('P4')])).toBe(0);
  });

  // name → [rating, rule, own targets, own achievement]
  const expected: Record<string, [string, string, number, number | null]> = {
    P1: ['excellent', 'principal', 1, 100],
    D1a: ['excellent', 'follows_unit', 1, 100],
    D1b: ['competent', 'lowered', 1, 0],
    P2: ['competent', 'principal', 0, null],
    D2a: ['excellent', 'raised', 1, 100],
    D2b: ['basically_competent', 'lowered', 2, 50],
    D2c: ['competent', 'no_own_targets', 0, null],
    D2d: ['competent', 'follows_unit', 1, 80],
    P3: ['basically_competent', 'principal', 0, null],
    D3a: ['basically_competent', 'follows_unit', 1, 100],
    D3b: ['incompetent', 'lowered', 1, 0],
  };

  for (const [name, [rating, rule, ownTargets, ownAchievement]] of Object.entries(expected)) {
    it(`${name}: ${rating} (${rule})`, async () => {
      expect((await evaluations(run)).get(name)).toMatchObject({
        rating, rule_applied: rule, own_targets: ownTargets, own_achievement: ownAchievement, is_principal: name.startsWith('P'),
      });
    });
  }

  it("stores the unit's result and says in words why", async () => {
    const byName = await evaluations(run);
    expect(byName.get('D2b')).toMatchObject({ unit_grade: 'good', unit_consequence: 'none', unit_rating: 'competent' });
    expect(byName.get('D2b')!.basis).toBe(
      'unit CE-U2: total 85.60, rank 2 of 3, grade good, consequence none → unit rating competent; '
      + 'own targets: 2, achievement 50.00 below 60.00 → lowered one step to basically_competent');
    expect(byName.get('D3a')).toMatchObject({ unit_grade: 'pass', unit_consequence: 'admonishment', unit_rating: 'basically_competent' });
    expect(byName.get('D2c')!.basis).toMatch(/own targets: none → rated as the unit$/);
    expect(byName.get('P1')!.basis).toMatch(/^unit CE-U1: total 92.00, rank 1 of 3, grade excellent, consequence award → unit rating excellent; principal leader/);
  });

  it('the thresholds are the year\'s data: a lower threshold keeps D2b at the unit rating; a contradiction is refused', async () => {
    await db.query(`update public.assessment_years set cadre_lower_below = 40 where year = $1`, [CE_YEAR]);
    const [row] = await db.query<{ run: number }>(`select private.compute_assessment($1)::int as run`, [CE_YEAR]);
    run = row!.run;
    expect((await evaluations(run)).get('D2b')).toMatchObject({ rating: 'competent', rule_applied: 'follows_unit' });
    await db.query(`update public.assessment_years set cadre_lower_below = 60 where year = $1`, [CE_YEAR]);
    await expectPgError(db.query(`update public.assessment_years set cadre_lower_below = 90, cadre_raise_from = 80 where year = $1`, [CE_YEAR]),
      '23514', /cadre_thresholds_ordered/);
    await expectPgError(db.query(`update public.assessment_years set cadre_raise_from = 101 where year = $1`, [CE_YEAR]), '23514');
    const [again] = await db.query<{ run: number }>(`select private.compute_assessment($1)::int as run`, [CE_YEAR]);
    run = again!.run;
    expect((await evaluations(run)).get('D2b')?.rating).toBe('basically_competent');
  });
});

describe('privacy and finality', () => {
  it('anon and authenticated cannot read or write them; the service role reads them', async () => {
    for (const role of ['anon', 'authenticated'] as const) {
      await expectPgError(db.asRole(role, (tx) => tx.query(`select * from private.cadre_evaluations`)), '42501');
      await expectPgError(db.asRole(role, (tx) => tx.query(`update private.cadre_evaluations set rating = 'excellent'`)), '42501');
    }
    expect(await db.asRole('service_role', (tx) => countRows(tx, 'private.cadre_evaluations', 'run_id = $1', [run]))).toBe(11);
    await expectPgError(db.asRole('service_role', (tx) => tx.query(`update private.cadre_evaluations set rating = 'excellent'`)), '42501');
  });

  it('the export refuses a year without a computed run, and a draft unless its version is named', async () => {
    const none = await exportCadreEvaluations(db, path.join(dir, 'none.csv'), { year: CE_YEAR + 1, format: 'csv', lang: 'zh' });
    expect(refusal(none)).toContain(`npm run gongshi -- assess compute --year ${CE_YEAR + 1}`);
    const draft = await exportCadreEvaluations(db, path.join(dir, 'draft.csv'), { year: CE_YEAR, format: 'csv', lang: 'zh' });
    expect(refusal(draft)).toMatch(/not published yet: version 1 is a draft.*--version 1/);
    expect(fs.existsSync(path.join(dir, 'none.csv')) || fs.existsSync(path.join(dir, 'draft.csv'))).toBe(false);
    const named = await exportCadreEvaluations(db, path.join(dir, 'draft.csv'), { year: CE_YEAR, version: 1, format: 'csv', lang: 'en' });
    expect(named).toMatchObject({ run: { version: 1, published: false }, rows: 11 });
  });

  it('a published run\'s evaluations cannot change, even for the owner', async () => {
    await db.query(`select private.publish_assessment($1)`, [CE_YEAR]);
    const before = JSON.stringify([...(await evaluations(run)).entries()]);
    for (const sql of [
      `update private.cadre_evaluations set rating = 'excellent' where run_id = ${run}`,
      `delete from private.cadre_evaluations where run_id = ${run}`,
    ]) {
      await expectPgError(db.query(sql), 'PT409', /is published and cannot be changed/);
    }
    await expectPgError(db.query(`truncate private.cadre_evaluations`), 'PT409');
    expect(JSON.stringify([...(await evaluations(run)).entries()])).toBe(before);
  });

  it('exports the published run: a personnel-data notice, then one row per cadre; mode 0600, never overwritten', async () => {
    const file = path.join(dir, 'cadres.csv');
    const result = await exportCadreEvaluations(db, file, { year: CE_YEAR, format: 'csv', lang: 'zh' });
    expect(result).toMatchObject({ run: { version: 1, published: true }, rows: 11 });
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    const cells = csvCells(file);
    expect(cells[0]).toEqual([PERSONNEL_NOTICE.zh]);
    expect(cells[1]!.slice(0, 6)).toEqual(['单位代码', '单位名称', '姓名', '职务', '是否主要负责人', '本人负责目标数']);
    const rows = cells.slice(2).map((r) => Object.fromEntries(cells[1]!.map((h, i) => [h, r[i]])));
    expect(rows.map((r) => r['姓名'])).toEqual(['干部P1', '干部D1a', '干部D1b', '干部P2', '干部D2a', '干部D2b', '干部D2c', '干部D2d', '干部P3', '干部D3a', '干部D3b']);
    expect(rows[5]).toMatchObject({
      单位代码: 'CE-U2', 是否主要负责人: '否', 本人负责目标数: '2', 本人目标完成度: '50', 单位总分: '85.6', 单位排名: '2',
      单位等次: '良好', 单位结果运用: '无', 评价结果: '基本称职', 评价规则: '降一档', 考核版本: '1', 是否已发布: '是',
    });
    expect(rows[6]).toMatchObject({ 姓名: '干部D2c', 本人负责目标数: '0', 本人目标完成度: '', 评价结果: '称职' });

    fs.writeFileSync(file, 'old');
    expect(refusal(await exportCadreEvaluations(db, file, { year: CE_YEAR, format: 'xlsx', lang: 'zh' }))).toMatch(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
  });
});
