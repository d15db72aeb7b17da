/**
 * Accountability cases (追责问责), keyed by case number. One row is one case: its basis (a target,
 * a supervision finding or an assessment result of the unit and year), its decision and, in three
 * person columns, whom it holds to account. The person goes to private.accountability_case_persons,
 * so an export of this kind is a staff file with personal data; the public sees the open data.
 */
import { z } from 'zod';
import { pgErrorFields } from '../../db/errors.ts';
import type { Queryable } from '../../db/types.ts';
import { bool, date, integer, oneOf, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { mapPgError, type ImportContext, type PgErrorMap } from '../context.ts';
import { defineKind } from '../kind.ts';
import { changedColumns, loadStored, syncRows, type Stored, type SyncItem, type Values } from '../sync.ts';
import { ACCOUNTABILITY_BASIS, ACCOUNTABILITY_MEASURE, ACCOUNTABILITY_ROLE, vocabAlternatives } from '../vocab.ts';
import { assessmentYears, asJson, CODE_RE, unitsByCode, unknown } from './refs.ts';

const CASE_NO_RE = /^ZZ-\d{4}-\d{3}$/;

export const ACCOUNTABILITY_COLUMNS: readonly ColumnSpec[] = [
  { key: 'case_no', zh: '案件编号', aliases: ['问责编号', '编号'], required: true, type: 'code',
    doc: 'ZZ-YYYY-NNN: YYYY is the year the case was opened, NNN three digits, e.g. ZZ-2026-003. The natural key.', example: 'ZZ-2026-003' },
  { key: 'year', zh: '年度', aliases: ['考核年度'], required: true, type: 'int', doc: 'The assessment year whose responsibility was not met.', example: '2026' },
  { key: 'unit_code', zh: '单位代码', aliases: ['被问责单位代码'], required: true, type: 'code', doc: 'Code of a stored unit.', example: 'M001' },
  { key: 'unit_name', zh: '单位名称', required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '市发展和改革委员会' },
  { key: 'basis_kind', zh: '问责依据', aliases: ['依据类型'], required: true, type: 'enum', vocab: ACCOUNTABILITY_BASIS,
    doc: 'target (目标未完成: a published target of the unit and year), supervision (督查发现: a finding about the unit in that year) or assessment (年度考核结果: the unit\'s published result of that year).', example: 'supervision' },
  { key: 'basis_ref', zh: '依据编号', aliases: ['依据'], required: false, type: 'code',
    doc: 'target: the target code; supervision: the finding\'s reference number (督查编号); assessment: the version of the published result (empty: the result in force). Required for target and supervision.', example: 'DC-2026-001' },
  { key: 'opened_on', zh: '立案日期', aliases: ['启动日期'], required: true, type: 'date',
    doc: 'YYYY-MM-DD, in the year or the year after, not before the basis (the target\'s or result\'s publication, the finding\'s date).', example: '2026-03-20' },
  { key: 'summary', zh: '案情摘要', aliases: ['问题摘要', '案情'], required: true, type: 'text', doc: '2–2000 characters, public once the case is published: what responsibility was not met.', example: '暗访发现窗口服务问题整改不到位。' },
  { key: 'summary_en', zh: '英文案情摘要', required: false, type: 'text', doc: 'Free text.', example: '' },
  { key: 'measure', zh: '问责方式', aliases: ['处理方式', '问责措施'], required: false, type: 'enum', vocab: ACCOUNTABILITY_MEASURE,
    doc: vocabAlternatives(ACCOUNTABILITY_MEASURE) + '. With 决定日期 and 决定摘要: all three, or none while the case is open.', example: 'admonishment' },
  { key: 'decided_on', zh: '决定日期', aliases: ['问责决定日期'], required: false, type: 'date', doc: 'YYYY-MM-DD, on or after the case was opened.', example: '2026-04-10' },
  { key: 'decision_summary', zh: '决定摘要', aliases: ['处理决定', '问责决定'], required: false, type: 'text', doc: '2–2000 characters, public once the case is published.', example: '对单位主要负责人进行诫勉。' },
  { key: 'decision_summary_en', zh: '英文决定摘要', required: false, type: 'text', doc: 'Free text.', example: '' },
  { key: 'published_on', zh: '公开日期', aliases: ['公布日期'], required: false, type: 'date',
    doc: 'YYYY-MM-DD, on or after the decision: from then on the case is public, and final (empty: not public).', example: '2026-04-15' },
  { key: 'person_name', zh: '被问责人', aliases: ['问责对象'], required: false, type: 'text',
    doc: 'Personal data, never public. The name of a cadre of the unit (or, with 是否本单位干部 否, of someone who is not one); empty: the case is about the unit itself.', example: '张主任' },
  { key: 'person_is_cadre', zh: '是否本单位干部', aliases: ['本单位干部'], required: false, type: 'boolean',
    doc: '是/否 (true/false): 是 looks the name up among the unit\'s cadres (empty: 是).', example: 'true' },
  { key: 'person_role', zh: '责任类型', aliases: ['责任'], required: false, type: 'enum', vocab: ACCOUNTABILITY_ROLE,
    doc: vocabAlternatives(ACCOUNTABILITY_ROLE) + '; required with a person.', example: 'principal_leadership' },
];

export const AccountabilityRowSchema = z.object({
  case_no: required(pattern(CASE_NO_RE, 'case number (ZZ-<year>-<three digits>)')),
  year: required(integer({ min: 2000, max: 2100 })),
  unit_code: required(pattern(CODE_RE, 'unit code')),
  basis_kind: required(oneOf(ACCOUNTABILITY_BASIS)),
  basis_ref: optional(text({ max: 40 })),
  opened_on: required(date),
  summary: required(text({ min: 2, max: 2000 })),
  summary_en: optional(text({ max: 4000 })),
  measure: optional(oneOf(ACCOUNTABILITY_MEASURE)),
  decided_on: optional(date),
  decision_summary: optional(text({ min: 2, max: 2000 })),
  decision_summary_en: optional(text({ max: 4000 })),
  published_on: optional(date),
  person_name: optional(text({ min: 2, max: 40 })),
  person_is_cadre: optional(bool),
  person_role: optional(oneOf(ACCOUNTABILITY_ROLE)),
});
export type AccountabilityRow = z.output<typeof AccountabilityRowSchema>;

const CASE_ERRORS: PgErrorMap = {
  fallback: 'case_no',
  columns: {
    accountability_case_no_unique: 'case_no', accountability_case_no_format: 'case_no', case_no: 'case_no',
    year: 'year', unit_id: 'unit_code', accountability_basis_kind: 'basis_kind', basis_kind: 'basis_kind',
    accountability_basis_matches_kind: 'basis_ref', accountability_basis_published: 'basis_ref',
    accountability_basis_same_unit: 'basis_ref', accountability_basis_same_year: 'year',
    accountability_basis_target_of_unit: 'basis_ref', accountability_basis_assessment_of_unit: 'basis_ref',
    accountability_cases_supervision_id_fkey: 'basis_ref', target_id: 'basis_ref', supervision_id: 'basis_ref', assessment_run_id: 'basis_ref',
    accountability_opened_after_basis: 'opened_on', accountability_opened_within_year: 'opened_on', opened_on: 'opened_on',
    accountability_summary_length: 'summary', summary: 'summary', summary_en: 'summary_en',
    accountability_measure: 'measure', measure: 'measure', accountability_decision_complete: 'measure',
    accountability_decided_after_opened: 'decided_on', decided_on: 'decided_on',
    accountability_decision_summary_length: 'decision_summary', decision_summary: 'decision_summary',
    decision_summary_en: 'decision_summary_en', accountability_published_when_decided: 'published_on', published_at: 'published_on',
  },
  messages: [[/is published: who was held accountable/, 'person_name'], [/rows cannot be changed/, 'case_no']],
};

const PERSON_ERRORS: PgErrorMap = {
  fallback: 'person_name',
  columns: {
    accountability_person_role: 'person_role', role: 'person_role',
    accountability_person_cadre_of_unit: 'person_name', accountability_person_cadre_or_name: 'person_name',
    accountability_person_name_length: 'person_name', accountability_person_of_case: 'case_no',
  },
};

/** The person a row names, as stored: cadre id or name, and role; null: no person (the unit itself). */
type Person = { cadre_id: string | null; name: string | null; role: string } | null;

const samePerson = (a: Person, b: Person) =>
  a === b || (a !== null && b !== null && a.cadre_id === b.cadre_id && a.name === b.name && a.role === b.role);

/** Writes (or removes) one case's person in a savepoint; a refusal becomes a row error. */
async function writePerson(tx: Queryable, ctx: ImportContext, row: number, caseId: number, person: Person, stored: boolean): Promise<void> {
  await tx.exec('savepoint gongshi_accountability_person');
  try {
    if (person === null) {
      await tx.query(`delete from private.accountability_case_persons where case_id = $1`, [caseId]);
    } else if (stored) {
      await tx.query(`update private.accountability_case_persons set cadre_id = $2, name = $3, role = $4 where case_id = $1`,
        [caseId, person.cadre_id, person.name, person.role]);
    } else {
      await tx.query(`insert into private.accountability_case_persons (case_id, cadre_id, name, role) values ($1, $2, $3, $4)`,
        [caseId, person.cadre_id, person.name, person.role]);
    }
    await tx.exec('release savepoint gongshi_accountability_person');
  } catch (error) {
    if (!pgErrorFields(error)) throw error;
    await tx.exec('rollback to savepoint gongshi_accountability_person');
    await tx.exec('release savepoint gongshi_accountability_person');
    const { key, message } = mapPgError(error, PERSON_ERRORS);
    ctx.error(row, key, message);
  }
}

interface Pending {
  item: SyncItem;
  caseNo: string;
  /** undefined: the file has no person columns, keep what is stored. */
  person: Person | undefined;
}

export const accountabilityKind = defineKind<AccountabilityRow>({
  name: 'accountability',
  label: { zh: '问责案件', en: 'accountability cases' },
  keyDoc: 'case number',
  columns: ACCOUNTABILITY_COLUMNS,
  schema: AccountabilityRowSchema,
  keyColumn: 'case_no',
  key: (r) => r.case_no,
  yearScoped: false,
  async apply(tx, rows, ctx) {
    const years = await assessmentYears(tx);
    const units = await unitsByCode(tx);
    const targets = new Map((await tx.query<{ id: number; key: string }>(
      `select id::int as id, year || '|' || unit_id || '|' || code as key from public.targets`)).map((t) => [t.key, t.id]));
    const findings = new Map((await tx.query<{ id: number; key: string }>(
      `select id::int as id, year || '|' || unit_id || '|' || ref as key from public.supervision_records`)).map((s) => [s.key, s.id]));
    // Published results by year and unit: the version given, or the one in force (the latest).
    const runs = await tx.query<{ run_id: number; year: number; unit_id: number; version: number }>(
      `select a.run_id::int as run_id, a.year, a.unit_id::int as unit_id, r.version
       from public.annual_assessments a join public.assessment_runs r on r.id = a.run_id
       where r.published_at is not null order by r.version`);
    const cadres = new Map<string, number[]>();
    for (const c of await tx.query<{ id: number; unit_id: number; name: string }>(`select id::int as id, unit_id::int as unit_id, name from public.cadres`)) {
      const key = `${c.unit_id}|${c.name}`;
      cadres.set(key, [...(cadres.get(key) ?? []), c.id]);
    }
    const stored = await loadStored<{ id: number; case_no: string }>(
      tx,
      `select c.id, c.case_no, c.year::text as year, c.unit_id::text as unit_id, c.basis_kind, c.target_id::text as target_id,
              c.supervision_id::text as supervision_id, c.assessment_run_id::text as assessment_run_id, c.opened_on::text as opened_on,
              c.summary, c.summary_en, c.measure, c.decided_on::text as decided_on, c.decision_summary, c.decision_summary_en,
              (c.published_at at time zone 'Asia/Shanghai')::date::text as published_at
       from public.accountability_cases c where c.case_no = any (array(select jsonb_array_elements_text($1::text::jsonb)))`,
      [asJson(rows.map((r) => r.value.case_no))],
      (r) => r.case_no,
    );
    const persons = new Map((await tx.query<{ case_id: number; cadre_id: string | null; name: string | null; role: string }>(
      `select case_id::int as case_id, cadre_id::text as cadre_id, name, role from private.accountability_case_persons`,
    )).map((p) => [p.case_id, { cadre_id: p.cadre_id, name: p.name, role: p.role }]));

    const pending: Pending[] = [];
    for (const { row, value: v } of rows) {
      const errors: [string, string][] = [];
      if (!years.has(v.year)) errors.push(['year', `${v.year} is not an assessment year (create it first)`]);
      const unit = units.get(v.unit_code);
      if (!unit) errors.push(['unit_code', unknown('unit code', v.unit_code, units.keys())]);
      const basis: Values = { target_id: null, supervision_id: null, assessment_run_id: null };
      if (unit) {
        const ref = v.basis_ref ?? '';
        if (v.basis_kind === 'target') {
          const id = targets.get(`${v.year}|${unit.id}|${ref}`);
          if (id === undefined) errors.push(['basis_ref', ref ? `unit ${v.unit_code} has no target ${ref} in ${v.year}` : 'required for a target basis: the target code']);
          else basis['target_id'] = String(id);
        } else if (v.basis_kind === 'supervision') {
          const id = findings.get(`${v.year}|${unit.id}|${ref}`);
          if (id === undefined) errors.push(['basis_ref', ref ? `unit ${v.unit_code} has no supervision finding ${ref} in ${v.year}` : 'required for a supervision basis: the finding\'s reference number (督查编号)']);
          else basis['supervision_id'] = String(id);
        } else {
          const version = ref === '' ? undefined : Number(ref.replace(/^v/i, ''));
          const ofUnit = runs.filter((r) => r.year === v.year && r.unit_id === unit.id);
          const run = version === undefined ? ofUnit.at(-1) : ofUnit.find((r) => r.version === version);
          if (!run) errors.push(['basis_ref', `unit ${v.unit_code} has no published ${v.year} assessment result${version === undefined ? '' : ` in version ${ref}`} (publish the assessment first)`]);
          else basis['assessment_run_id'] = String(run.run_id);
        }
      }
      let person: Person | undefined;
      if (v.person_name === undefined && v.person_role === undefined) person = undefined;
      else if (!v.person_name) {
        if (v.person_role) errors.push(['person_name', 'a responsibility (责任类型) is given but no person: name the person, or leave both empty for a case about the unit']);
        person = null;
      } else if (!v.person_role) {
        errors.push(['person_role', 'required with a person: direct (直接责任), principal_leadership (主要领导责任) or important_leadership (重要领导责任)']);
      } else if (v.person_is_cadre === 'false') {
        person = { cadre_id: null, name: v.person_name, role: v.person_role };
      } else if (unit) {
        const ids = cadres.get(`${unit.id}|${v.person_name}`) ?? [];
        if (ids.length === 0) errors.push(['person_name', `no cadre named ${v.person_name} in unit ${v.unit_code} (import cadres first, or put 否 in 是否本单位干部 for someone who is not one)`]);
        else if (ids.length > 1) errors.push(['person_name', `${ids.length} cadres of unit ${v.unit_code} are named ${v.person_name}`]);
        else person = { cadre_id: String(ids[0]), name: null, role: v.person_role };
      }
      if (errors.length > 0) {
        for (const [key, message] of errors) ctx.error(row, key, message);
        ctx.tick();
        continue;
      }
      pending.push({
        caseNo: v.case_no,
        person,
        item: {
          row,
          existing: stored.get(v.case_no)?.[0],
          values: {
            case_no: v.case_no, year: String(v.year), unit_id: String(unit!.id), basis_kind: v.basis_kind, ...basis,
            opened_on: v.opened_on, summary: v.summary, summary_en: v.summary_en, measure: v.measure, decided_on: v.decided_on,
            decision_summary: v.decision_summary, decision_summary_en: v.decision_summary_en, published_at: v.published_on,
          },
        },
      });
    }

    // A stored case's person is written before the case (which may be published by this row, and
    // a published case's person is final); a new case's person after it exists.
    const personChanged = (p: Pending, existing: Stored) => p.person !== undefined && !samePerson(p.person, persons.get(existing.id) ?? null);
    for (const p of pending) {
      const existing = p.item.existing;
      if (existing && personChanged(p, existing)) await writePerson(tx, ctx, p.item.row, existing.id, p.person!, persons.has(existing.id));
    }
    const created = new Set(await syncRows(tx, ctx, { table: 'public.accountability_cases', errors: CASE_ERRORS }, pending.map((p) => p.item)));
    const ids = new Map((await tx.query<{ id: number; case_no: string }>(
      `select id::int as id, case_no from public.accountability_cases where case_no = any (array(select jsonb_array_elements_text($1::text::jsonb)))`,
      [asJson(pending.filter((p) => created.has(p.item)).map((p) => p.caseNo))],
    )).map((c) => [c.case_no, c.id]));
    for (const p of pending) {
      const existing = p.item.existing;
      if (created.has(p.item) && p.person) await writePerson(tx, ctx, p.item.row, ids.get(p.caseNo)!, p.person, false);
      // A case whose only change is its person counts as updated, not unchanged.
      if (existing && personChanged(p, existing) && changedColumns(p.item.values, existing.values).length === 0) {
        ctx.unchanged--;
        ctx.updated++;
      }
    }
  },
  exportRows: (q) => q.query(
    `select c.case_no, c.year::text as year, u.code as unit_code, u.name as unit_name, c.basis_kind,
            coalesce(t.code, s.ref, r.version::text) as basis_ref, c.opened_on::text as opened_on, c.summary, c.summary_en,
            c.measure, c.decided_on::text as decided_on, c.decision_summary, c.decision_summary_en,
            (c.published_at at time zone 'Asia/Shanghai')::date::text as published_on,
            coalesce(k.name, p.name) as person_name,
            case when p.case_id is not null then (p.cadre_id is not null)::text end as person_is_cadre, p.role as person_role
     from public.accountability_cases c
     join public.units u on u.id = c.unit_id
     left join public.targets t on t.id = c.target_id
     left join public.supervision_records s on s.id = c.supervision_id
     left join public.assessment_runs r on r.id = c.assessment_run_id
     left join private.accountability_case_persons p on p.case_id = c.id
     left join public.cadres k on k.id = p.cadre_id
     order by c.case_no`,
  ),
});
