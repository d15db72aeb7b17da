/**
 * Accountability cases (public.accountability_cases) and the persons held accountable
 * (private.accountability_case_persons): who may read and write them, every rule's refusal in
 * words, the kept record once published, and the public reads (unit page, open data) without persons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable, Role } from '../../src/lib/db/types.ts';
import { readOpenDataYears } from '../../src/lib/queries/opendata.ts';
import { readUnitDetails } from '../../src/lib/queries/units.ts';
import { countRows, createTestDb, expectPgError, rolledBack } from './harness.ts';
import { insertBase, insertRow, targetRow, type Base, type Fields } from './fixtures.ts';

let db: Db;
let base: Base;
let target: number;
let draftTarget: number;
let targetB: number;
let finding: number;
let hiddenFinding: number;
let publishedRun: number;
let draftRun: number;

/** A valid published case of unit A on its public finding of 2026-03-12 (override any field). */
function caseRow(overrides: Fields = {}): Fields {
  return {
    case_no: 'ZZ-2026-001',
    unit_id: base.unitA,
    year: 2026,
    basis_kind: 'supervision',
    supervision_id: finding,
    opened_on: '2026-03-20',
    summary: '暗访发现窗口服务存在推诿现象，整改不到位。',
    measure: 'circulated_criticism',
    decided_on: '2026-04-02',
    decision_summary: '对该局予以通报批评。',
    published_at: '2026-04-05T10:00:00+08:00',
    ...overrides,
  };
}

const insertCase = (q: Queryable, overrides: Fields = {}) => insertRow(q, 'public.accountability_cases', caseRow(overrides));
const insertPerson = (q: Queryable, row: Fields) =>
  q.query(`insert into private.accountability_case_persons (${Object.keys(row).join(', ')})
           values (${Object.keys(row).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));

/** An assessment result of unit A for 2025 in a new run. */
async function insertRun(q: Queryable, version: number, publishedAt: string | null): Promise<number> {
  const run = await insertRow(q, 'public.assessment_runs', { year: 2025, version, published_at: publishedAt, reason: version > 1 ? '更正' : null });
  await q.query(
    `insert into public.annual_assessments (run_id, year, unit_id, pool, target_score, mass_score, mass_sample_size, mass_groups,
       monitoring_score, total_score, rank_in_pool, pool_size, is_bottom, grade, consequence)
     values ($1, 2025, $2, 'municipal_unit', 55, 60, 120, $3::text::jsonb, 90, 59.5, 2, 2, true, 'fail', 'admonishment')`,
    [run, base.unitA, '[]']);
  return run;
}

beforeAll(async () => {
  db = await createTestDb();
  base = await insertBase(db, 'ZZ');
  target = await insertRow(db, 'public.targets', targetRow(base));
  draftTarget = await insertRow(db, 'public.targets', targetRow(base, { status: 'draft' }));
  targetB = await insertRow(db, 'public.targets', targetRow(base, { unit_id: base.unitB, responsible_leader_id: null }));
  const supervision = (overrides: Fields) => insertRow(db, 'public.supervision_records', {
    year: 2026, unit_id: base.unitA, method: 'covert_visit', conducted_on: '2026-03-12', finding: '窗口服务存在推诿现象。',
    score_delta: -2, is_public: true, ...overrides,
  });
  finding = await supervision({ ref: 'DC-1' });
  hiddenFinding = await supervision({ ref: 'DC-2', is_public: false });
  publishedRun = await insertRun(db, 1, '2026-03-15T10:00:00+08:00');
  draftRun = await insertRun(db, 2, null);
});

afterAll(async () => {
  await db?.close();
});

describe('who reads and writes', () => {
  it('anon and authenticated read published cases only: not open ones, not decided and unpublished, not scheduled ones', async () => {
    await rolledBack(db, async (tx) => {
      await insertCase(tx);
      await insertCase(tx, { case_no: 'ZZ-2026-002', measure: null, decided_on: null, decision_summary: null, published_at: null });
      await insertCase(tx, { case_no: 'ZZ-2026-003', published_at: null });
      await insertCase(tx, { case_no: 'ZZ-2026-004', published_at: '2999-01-01T00:00:00Z' });
      for (const role of ['anon', 'authenticated'] as const) {
        await tx.exec(`set local role ${role}`);
        expect(await tx.query(`select case_no from public.accountability_cases`), role).toEqual([{ case_no: 'ZZ-2026-001' }]);
        await tx.exec(`reset role`);
      }
    });
  });

  it('anon and authenticated can neither read nor write the persons, nor write cases (42501)', async () => {
    for (const role of ['anon', 'authenticated'] as const) {
      await expectPgError(db.asRole(role, (tx) => tx.query(`select * from private.accountability_case_persons`)), '42501');
      await expectPgError(db.asRole(role, (tx) => insertCase(tx)), '42501');
      await expectPgError(db.asRole(role, (tx) => tx.query(`update public.accountability_cases set summary = 'x'`)), '42501');
      await expectPgError(db.asRole(role, (tx) => tx.query(`delete from public.accountability_cases`)), '42501');
    }
  });

  it('the service role writes cases and reads the persons (for the staff export), but cannot write persons (42501)', async () => {
    await rolledBack(db, async (tx) => {
      const id = await insertCase(tx, { published_at: null });
      await insertPerson(tx, { case_id: id, cadre_id: base.deputyA, role: 'important_leadership' });
      await tx.exec('set local role service_role');
      await insertCase(tx, { case_no: 'ZZ-2026-002' });
      await tx.query(`update public.accountability_cases set published_at = '2026-04-05T10:00:00+08:00' where id = $1`, [id]);
      expect(await tx.query(`select p.role from private.accountability_case_persons p where p.case_id = $1`, [id]))
        .toEqual([{ role: 'important_leadership' }]);
      await expectPgError(tx.query(`update private.accountability_case_persons set role = 'direct'`), '42501');
    });
    await expectPgError(db.asRole('service_role', (tx) => tx.query(
      `insert into private.accountability_case_persons (case_id, name, role) values (1, '某某某', 'direct')`)), '42501');
  });

  it('TRUNCATE is refused for every role, on both tables', async () => {
    for (const table of ['public.accountability_cases', 'private.accountability_case_persons']) {
      await expectPgError(db.exec(`truncate ${table} cascade`), 'PT409');
      for (const role of ['service_role', 'authenticated', 'anon'] as const) {
        await expectPgError(db.asRole(role, (tx) => tx.exec(`truncate ${table}`)), '42501');
      }
    }
  });
});

describe('every rule says which one stopped the case and what would satisfy it', () => {
  const refusals: [string, Fields, RegExp, RegExp, string?][] = [
    ['case number format', { case_no: 'ZZ-26-1' }, /Case number ZZ-26-1 is not ZZ-<year opened>-<three digits>/, /Number it ZZ-2026-001/],
    ['case number year = year opened', { case_no: 'ZZ-2025-001' }, /not ZZ-<year opened>.* opened on 2026-03-20/, /the year is the year the case was opened/],
    ['basis kind', { basis_kind: 'rumour' }, /the basis kind rumour is not one the rules know/, /Use target .*, supervision .* or assessment/],
    ['exactly the basis of its kind', { target_id: 0 }, /rests on a supervision, so it must name exactly that one basis/, /leave target_id and assessment_run_id empty/],
    ['a target basis names a target', { basis_kind: 'target' }, /rests on a target, so it must name exactly that one basis/, /Give target_id/],
    ['published target', { basis_kind: 'target', supervision_id: null, target_id: -1 }, /which is not a published target/, /publish it first/],
    ['basis of the same unit (target)', { basis_kind: 'target', supervision_id: null, target_id: -2 }, /target .* is about another unit/, /of its own unit/],
    ['published finding for a published case', { supervision_id: -3 }, /would be published, but supervision finding DC-2 is not public/, /Make the finding public/],
    ['basis of the same year', { year: 2025, case_no: 'ZZ-2026-001' }, /Case ZZ-2026-001 is for 2025, but supervision finding DC-1 is of 2026/, /Set the case's year to 2026/],
    ['opened after its basis', { opened_on: '2026-03-01', decided_on: '2026-03-10' }, /was opened on 2026-03-01, before supervision finding DC-1 \(2026-03-12\)/, /open it on 2026-03-12 or later/],
    ['assessment result of the unit', { basis_kind: 'assessment', supervision_id: null, assessment_run_id: -4, unit_id: -5, year: 2025 }, /has no result for the case's unit/, /Choose the published run/, '23503'],
    ['published assessment', { basis_kind: 'assessment', supervision_id: null, assessment_run_id: -6, year: 2025 }, /which is a draft, not a published assessment/, /Publish the assessment first/],
    ['a decision is complete', { decided_on: null }, /a decision has a measure, a date and a summary, all three/, /Give measure, decided_on and decision_summary together/],
    ['a known measure', { measure: 'exile' }, /exile is not a measure of the accountability rules/, /Use written_inspection, circulated_criticism, admonishment/],
    ['decided after opened', { decided_on: '2026-03-19' }, /was decided on 2026-03-19, before it was opened \(2026-03-20\)/, /on or after 2026-03-20/],
    ['only decided cases are published', { measure: null, decided_on: null, decision_summary: null }, /is not decided yet and cannot be published/, /Publish a case once it is decided/],
    ['published after decided', { published_at: '2026-04-01T10:00:00+08:00' }, /would be published on 2026-04-01, before it was decided \(2026-04-02\)/, /Publish it on 2026-04-02 or later/],
  ];

  it.each(refusals)('%s', async (_, overrides, message, hint, code = '23514') => {
    const resolved: Fields = { ...overrides };
    if (resolved['target_id'] === -1) resolved['target_id'] = draftTarget;
    if (resolved['target_id'] === -2) resolved['target_id'] = targetB;
    if (resolved['target_id'] === 0) resolved['target_id'] = target;
    if (resolved['supervision_id'] === -3) resolved['supervision_id'] = hiddenFinding;
    if (resolved['assessment_run_id'] === -4) resolved['assessment_run_id'] = publishedRun;
    if (resolved['unit_id'] === -5) resolved['unit_id'] = base.unitB;
    if (resolved['assessment_run_id'] === -6) resolved['assessment_run_id'] = draftRun;
    const error = await expectPgError(rolledBack(db, (tx) => insertCase(tx, resolved)), code);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it('cases on each kind of basis are accepted: a published target, a public finding, a published assessment result', async () => {
    await rolledBack(db, async (tx) => {
      await insertCase(tx);
      await insertCase(tx, { case_no: 'ZZ-2026-002', basis_kind: 'target', supervision_id: null, target_id: target, opened_on: '2026-02-01' });
      await insertCase(tx, { case_no: 'ZZ-2026-003', basis_kind: 'assessment', supervision_id: null, assessment_run_id: publishedRun,
        year: 2025, opened_on: '2026-03-15', measure: 'admonishment' });
      expect(await countRows(tx, 'public.accountability_cases')).toBe(3);
    });
  });

  it('an undecided, unpublished case on a non-public finding is allowed (it is not public)', async () => {
    await rolledBack(db, async (tx) => {
      await insertCase(tx, { supervision_id: hiddenFinding, measure: null, decided_on: null, decision_summary: null, published_at: null });
    });
  });

  it('the person is a cadre of the case\'s unit or a name, with a known responsibility', async () => {
    await rolledBack(db, async (tx) => {
      const id = await insertCase(tx, { published_at: null });
      const refused = async (row: Fields, message: RegExp, hint: RegExp) => {
        await tx.exec('savepoint p');
        const error = await expectPgError(insertPerson(tx, { case_id: id, ...row }), '23514');
        await tx.exec('rollback to savepoint p');
        expect(error.message).toMatch(message);
        expect(error.hint).toMatch(hint);
      };
      await refused({ cadre_id: base.principalB, role: 'direct' }, /cadre .* is not a cadre of the case's unit/, /Name a cadre of the unit the case is about/);
      await refused({ role: 'direct' }, /either a cadre of the unit or, if not a cadre, a name; not both, not neither/, /Give cadre_id .* or name/);
      await refused({ cadre_id: base.deputyA, name: '李乙', role: 'direct' }, /not both, not neither/, /Give cadre_id/);
      await refused({ name: '某', role: 'direct' }, /a person's name has 2 to 40 characters/, /full name/);
      await refused({ cadre_id: base.deputyA, role: 'bystander' }, /bystander is not a kind of responsibility/, /direct \(直接责任\)/);
      await insertPerson(tx, { case_id: id, name: '窗口工作人员甲', role: 'direct' });
      expect(await tx.query(`select unit_id::int as unit_id from private.accountability_case_persons where case_id = $1`, [id]))
        .toEqual([{ unit_id: base.unitA }]);
    });
  });
});

describe('moving an unpublished case to another unit', () => {
  const move = (tx: Queryable, id: number) => tx.query(
    `update public.accountability_cases set unit_id = $2, target_id = $3 where id = $1`, [id, base.unitB, targetB]);
  const targetCase = (tx: Queryable) => insertCase(tx, {
    basis_kind: 'target', supervision_id: null, target_id: target, opened_on: '2026-02-10', published_at: null });

  it('takes a person named as a non-cadre along', async () => {
    await rolledBack(db, async (tx) => {
      const id = await targetCase(tx);
      await insertPerson(tx, { case_id: id, name: '窗口工作人员甲', role: 'direct' });
      await move(tx, id);
      expect(await tx.query(`select unit_id::int as unit_id from private.accountability_case_persons where case_id = $1`, [id]))
        .toEqual([{ unit_id: base.unitB }]);
    });
  });

  it('is refused in words while its person is a cadre of the old unit', async () => {
    await rolledBack(db, async (tx) => {
      const id = await targetCase(tx);
      await insertPerson(tx, { case_id: id, cadre_id: base.deputyA, role: 'direct' });
      const error = await expectPgError(move(tx, id), '23514', /is not a cadre of the case's unit/);
      expect(error.hint).toMatch(/Name a cadre of the unit the case is about/);
    });
  });
});

describe('a published case is final', () => {
  it('an unpublished case may still change and be published; then neither it nor its person may change or go (PT409)', async () => {
    await rolledBack(db, async (tx) => {
      const id = await insertCase(tx, { published_at: null });
      await insertPerson(tx, { case_id: id, cadre_id: base.deputyA, role: 'direct' });
      await tx.query(`update public.accountability_cases set summary = '暗访发现窗口服务推诿，已整改。' where id = $1`, [id]);
      await tx.query(`update private.accountability_case_persons set role = 'important_leadership' where case_id = $1`, [id]);
      await tx.query(`update public.accountability_cases set published_at = '2026-04-05T10:00:00+08:00' where id = $1`, [id]);
      const attempts: [string, RegExp, RegExp][] = [
        [`update public.accountability_cases set summary = '改写' where id = ${id}`,
          /accountability_cases rows cannot be changed: a published accountability case is a public record/, /open and publish a new case/],
        [`update public.accountability_cases set published_at = null where id = ${id}`, /cannot be changed/, /A published case is final/],
        [`delete from public.accountability_cases where id = ${id}`, /cannot be changed/, /A published case is final/],
        [`update private.accountability_case_persons set role = 'direct' where case_id = ${id}`,
          /Case ZZ-2026-001 is published: who was held accountable in it cannot be changed/, /A published case is final/],
        [`delete from private.accountability_case_persons where case_id = ${id}`, /who was held accountable in it cannot be changed/, /open and publish a new case/],
      ];
      for (const [sql, message, hint] of attempts) {
        await tx.exec('savepoint a');
        const error = await expectPgError(tx.query(sql), 'PT409', message);
        await tx.exec('rollback to savepoint a');
        expect(error.hint).toMatch(hint);
      }
    });
  });
});

describe('what the public reads', () => {
  it('the unit page and the open data show published cases with their basis, and no person', async () => {
    await rolledBack(db, async (tx) => {
      const id = await insertCase(tx);
      await insertPerson(tx, { case_id: id, name: '窗口工作人员甲', role: 'direct' });
      const open = await insertCase(tx, { case_no: 'ZZ-2026-002', measure: null, decided_on: null, decision_summary: null, published_at: null });
      await insertPerson(tx, { case_id: open, cadre_id: base.deputyA, role: 'direct' });
      // The public reads (as anon) run inside this transaction, so nothing needs committing.
      const view: Db = {
        ...db,
        asRole: async <T>(role: Role, fn: (q: Queryable) => Promise<T>) => {
          await tx.exec(`set local role ${role}`);
          try {
            return await fn(tx);
          } finally {
            await tx.exec('reset role');
          }
        },
      };
      const unit = (await readUnitDetails(view)).find((u) => u.id === base.unitA)!;
      expect(unit.accountability).toEqual([expect.objectContaining({
        case_no: 'ZZ-2026-001', basis_kind: 'supervision', supervision_id: finding, supervision_ref: 'DC-1', conducted_on: '2026-03-12',
        measure: 'circulated_criticism', opened_on: '2026-03-20', decided_on: '2026-04-02', published_on: '2026-04-05',
      })]);
      const rows = (await readOpenDataYears(view)).flatMap((y) => y.accountability_cases);
      expect(rows.map((r) => [r.year, r.case_no, r.unit_code, r.supervision_ref, r.published_at])).toEqual([
        [2026, 'ZZ-2026-001', 'ZZ-A', 'DC-1', '2026-04-05T02:00:00Z'],
      ]);
      expect(JSON.stringify([unit.accountability, rows])).not.toMatch(/窗口工作人员甲|important_leadership|direct/);
    });
  });
});
