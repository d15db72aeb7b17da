/**
 * Targets, keyed by year + target code. New targets arrive as drafts; status moves only through
 * `gongshi targets approve|publish`. A published target's commitment changes only with a reason
 * (change_reason), which the database records publicly.
 */
import { z } from 'zod';
import { bool, date, decimal, integer, oneOf, optional, pattern, required, text } from '../cells.ts';
import type { ColumnSpec } from '../columns.ts';
import { defineKind, type ParsedRow } from '../kind.ts';
import { changedColumns, loadStored, syncRows, type Stored, type SyncItem } from '../sync.ts';
import { TARGET_LIFECYCLE, vocabAlternatives } from '../vocab.ts';
import { assessmentYears, asJson, CODE_RE, indicatorsByCode, TARGET_CODE_RE, targetKey, unitsByCode, unknown } from './refs.ts';

export const TARGET_COLUMNS: readonly ColumnSpec[] = [
  { key: 'year', zh: '年度', aliases: ['考核年度'], required: true, type: 'int', doc: 'An assessment year that exists.', example: '2026' },
  { key: 'code', zh: '目标编号', aliases: ['target_code', '编号'], required: true, type: 'code',
    doc: 'Capital letters, digits, dots and hyphens (2–40). With the year, the natural key.', example: '2026-M001-01' },
  { key: 'unit_code', zh: '单位代码', aliases: ['责任单位代码'], required: true, type: 'code', doc: 'Code of a stored unit.', example: 'M001' },
  { key: 'unit_name', zh: '单位名称', aliases: ['责任单位'], required: false, type: 'text', infoOnly: true, doc: 'Written by export for reading; ignored by import.', example: '市发展和改革委员会' },
  { key: 'parent_code', zh: '上级目标编号', aliases: ['父目标编号'], required: false, type: 'code',
    doc: 'For a decomposed sub-target (一级抓一级): the code of its parent target of the same year, stored or in this file.', example: '' },
  { key: 'indicator_code', zh: '指标代码', required: true, type: 'code', doc: 'Code of a stored indicator.', example: 'PB-JOB' },
  { key: 'title', zh: '目标名称', aliases: ['目标内容', '目标'], required: true, type: 'text', doc: '2–200 characters.', example: '城镇新增就业达到8500人' },
  { key: 'title_en', zh: '英文名称', required: false, type: 'text', doc: '2–400 characters.', example: 'New urban jobs: reach 8500 persons' },
  { key: 'description', zh: '目标说明', aliases: ['说明', '目标描述'], required: false, type: 'text', doc: 'Free text.', example: '' },
  { key: 'target_value', zh: '目标值', required: false, type: 'number',
    doc: 'A number in the indicator\'s measure; required when the indicator is quantitative (higher/lower), empty for qualitative tasks.', example: '8500' },
  { key: 'weight', zh: '分值', aliases: ['权重', '分数'], required: true, type: 'number', doc: 'Points, more than 0 and at most 100, up to 2 decimals.', example: '10' },
  { key: 'deadline', zh: '完成时限', aliases: ['截止日期', '完成时间'], required: true, type: 'date', doc: 'A date YYYY-MM-DD within the year.', example: '2026-12-31' },
  { key: 'quality_requirement', zh: '质量要求', required: false, type: 'text', doc: 'Free text.', example: '数据以统计部门核定口径为准' },
  { key: 'responsible_leader', zh: '责任领导', aliases: ['分管领导'], required: false, type: 'text',
    doc: 'Name of a stored cadre of the same unit.', example: '李副职' },
  { key: 'responsible_department', zh: '责任处室', aliases: ['责任部门'], required: true, type: 'text', doc: '2–80 characters.', example: '就业促进处' },
  { key: 'responsible_person', zh: '责任人', required: true, type: 'text', doc: '2–40 characters.', example: '赵明' },
  { key: 'is_public_commitment', zh: '是否公开承诺', aliases: ['公开承诺'], required: false, type: 'boolean',
    doc: '是/否 (true/false): a public commitment (目标承诺) needs commitment text (empty: 否).', example: 'true' },
  { key: 'commitment_text', zh: '承诺内容', aliases: ['承诺事项', '目标承诺'], required: false, type: 'text', doc: 'Free text; required for a public commitment.', example: '2026年12月底前城镇新增就业达到8500人。' },
  { key: 'status', zh: '状态', required: false, type: 'enum', vocab: TARGET_LIFECYCLE,
    doc: vocabAlternatives(TARGET_LIFECYCLE) + '. Written by export; on import it must be empty or the target\'s current status (new targets: draft). Status changes through gongshi targets approve|publish.',
    example: 'draft' },
  { key: 'change_reason', zh: '修改原因', aliases: ['变更原因', '调整原因'], required: false, type: 'text',
    doc: 'Required when a row changes the commitment (是否公开承诺 or 承诺内容) of a published target; the change and its reason are recorded publicly.', example: '' },
];

export const TargetRowSchema = z.object({
  year: required(integer({ min: 2000, max: 2100 })),
  code: required(pattern(TARGET_CODE_RE, 'target code (capital letters, digits, dots and hyphens)')),
  unit_code: required(pattern(CODE_RE, 'unit code')),
  parent_code: optional(pattern(TARGET_CODE_RE, 'target code')),
  indicator_code: required(pattern(CODE_RE, 'indicator code')),
  title: required(text({ min: 2, max: 200 })),
  title_en: optional(text({ min: 2, max: 400 })),
  description: optional(text({ max: 20000 })),
  target_value: optional(decimal()),
  weight: required(decimal({ min: 0.01, max: 100, decimals: 2 })),
  deadline: required(date),
  quality_requirement: optional(text({ max: 4000 })),
  responsible_leader: optional(text({ min: 2, max: 40 })),
  responsible_department: required(text({ min: 2, max: 80 })),
  responsible_person: required(text({ min: 2, max: 40 })),
  is_public_commitment: optional(bool),
  commitment_text: optional(text({ max: 4000 })),
  status: optional(oneOf(TARGET_LIFECYCLE)),
  change_reason: optional(text({ min: 2, max: 2000 })),
});
export type TargetRow = z.output<typeof TargetRowSchema>;

const ERRORS = {
  fallback: 'code',
  columns: {
    targets_year_code_key: 'code', responsible_leader_belongs_to_unit: 'responsible_leader',
    public_commitment_has_text: 'commitment_text', deadline_within_target_year: 'deadline',
    published_target_has_date: 'status', target_is_not_its_own_parent: 'parent_code',
    published_commitment_change_states_reason: 'change_reason', target_value_within_indicator_max: 'target_value',
    year: 'year', code: 'code', unit_id: 'unit_code', parent_id: 'parent_code', indicator_id: 'indicator_code',
    title: 'title', title_en: 'title_en', description: 'description', target_value: 'target_value', weight: 'weight',
    deadline: 'deadline', quality_requirement: 'quality_requirement', responsible_leader_id: 'responsible_leader',
    responsible_department: 'responsible_department', responsible_person: 'responsible_person',
    is_public_commitment: 'is_public_commitment', commitment_text: 'commitment_text',
  },
  messages: [
    [/needs a target value/, 'target_value'],
    [/parent target|own sub-targets/, 'parent_code'],
  ],
} as const;

interface Pending {
  parsed: ParsedRow<TargetRow>;
  item: SyncItem;
  /** The file row of a parent that is new in this file (its id is known once it is created). */
  parentRow?: ParsedRow<TargetRow> | undefined;
  reason?: string | null | undefined;
}

export const targetsKind = defineKind<TargetRow>({
  name: 'targets',
  label: { zh: '目标', en: 'targets' },
  keyDoc: 'year and target code',
  columns: TARGET_COLUMNS,
  schema: TargetRowSchema,
  keyColumn: 'code',
  key: (r) => targetKey(r.year, r.code),
  yearScoped: true,
  async apply(tx, rows, ctx) {
    const years = await assessmentYears(tx);
    const units = await unitsByCode(tx);
    const indicators = await indicatorsByCode(tx);
    const cadreRows = await tx.query<{ id: number; unit_id: number; name: string }>(
      `select id::int as id, unit_id::int as unit_id, name from public.cadres`,
    );
    const cadres = new Map<string, number[]>();
    for (const c of cadreRows) {
      const key = `${c.unit_id}|${c.name}`;
      const list = cadres.get(key);
      if (list) list.push(c.id);
      else cadres.set(key, [c.id]);
    }
    const fileYears = [...new Set(rows.map((r) => r.value.year))];
    const stored = await loadStored<{ id: number; year: string; code: string }>(
      tx,
      `select t.id, t.year::text as year, t.code, t.unit_id::text as unit_id, t.parent_id::text as parent_id,
              t.indicator_id::text as indicator_id, t.title, t.title_en, t.description,
              trim_scale(t.target_value)::text as target_value, trim_scale(t.weight)::text as weight,
              t.deadline::text as deadline, t.quality_requirement, t.responsible_leader_id::text as responsible_leader_id,
              t.responsible_department, t.responsible_person, t.is_public_commitment::text as is_public_commitment,
              t.commitment_text, t.status
       from public.targets t where t.year = any (array(select jsonb_array_elements_text($1::text::jsonb)::int))`,
      [asJson(fileYears)],
      (r) => targetKey(Number(r.year), r.code),
    );
    const inFile = new Map(rows.map((r) => [targetKey(r.value.year, r.value.code), r]));

    const pending = new Map<ParsedRow<TargetRow>, Pending>();
    for (const parsed of rows) {
      const { row, value: v } = parsed;
      const errors: [string, string][] = [];
      if (!years.has(v.year)) errors.push(['year', `${v.year} is not an assessment year (create it first)`]);
      const unit = units.get(v.unit_code);
      if (!unit) errors.push(['unit_code', unknown('unit code', v.unit_code, units.keys())]);
      const indicator = indicators.get(v.indicator_code);
      if (indicator === undefined) errors.push(['indicator_code', unknown('indicator code', v.indicator_code, indicators.keys())]);
      let leader: string | null | undefined = v.responsible_leader === undefined ? undefined : null;
      if (unit && v.responsible_leader) {
        const ids = cadres.get(`${unit.id}|${v.responsible_leader}`) ?? [];
        if (ids.length === 0) errors.push(['responsible_leader', `no cadre named ${v.responsible_leader} in unit ${v.unit_code} (import cadres first)`]);
        else if (ids.length > 1) errors.push(['responsible_leader', `${ids.length} cadres of unit ${v.unit_code} are named ${v.responsible_leader}`]);
        else leader = String(ids[0]);
      }
      const existing: Stored | undefined = stored.get(targetKey(v.year, v.code))?.[0];
      let parentId: string | null | undefined = v.parent_code === undefined ? undefined : null;
      let parentRow: ParsedRow<TargetRow> | undefined;
      if (v.parent_code) {
        const storedParent = stored.get(targetKey(v.year, v.parent_code))?.[0];
        const fileParent = inFile.get(targetKey(v.year, v.parent_code));
        if (v.parent_code === v.code) errors.push(['parent_code', 'a target cannot be its own parent']);
        else if (storedParent) parentId = String(storedParent.id);
        else if (fileParent) parentRow = fileParent;
        else errors.push(['parent_code', `no target ${v.parent_code} in ${v.year}: neither stored nor a valid row of this file`]);
      }
      const currentStatus = existing?.values['status'];
      if (v.status && !existing && v.status !== 'draft') {
        errors.push(['status', `a new target arrives as a draft, not ${v.status}; approve and publish it with gongshi targets approve|publish`]);
      } else if (v.status && currentStatus && v.status !== currentStatus) {
        errors.push(['status', `the target is ${currentStatus}; status changes only through gongshi targets approve|publish (leave the cell as it is or empty)`]);
      }
      if (errors.length > 0) {
        for (const [key, message] of errors) ctx.error(row, key, message);
        ctx.tick();
        continue;
      }
      const values = {
        year: String(v.year), code: v.code, unit_id: String(unit!.id), parent_id: parentId, indicator_id: String(indicator),
        title: v.title, title_en: v.title_en, description: v.description, target_value: v.target_value, weight: v.weight,
        deadline: v.deadline, quality_requirement: v.quality_requirement, responsible_leader_id: leader,
        responsible_department: v.responsible_department, responsible_person: v.responsible_person,
        is_public_commitment: v.is_public_commitment === undefined ? undefined : (v.is_public_commitment ?? 'false'),
        commitment_text: v.commitment_text,
      };
      if (currentStatus === 'published' && existing) {
        const commitmentChanges = changedColumns(values, existing.values)
          .filter((c) => c === 'commitment_text' || c === 'is_public_commitment');
        if (commitmentChanges.length > 0 && !v.change_reason) {
          ctx.error(row, 'change_reason', 'this changes the public commitment of a published target: state the reason (the change is recorded publicly)');
          ctx.tick();
          continue;
        }
      }
      pending.set(parsed, { parsed, item: { row, existing, values }, parentRow, reason: v.change_reason });
    }

    // Parents new in this file are written before their sub-targets, level by level.
    const depth = new Map<Pending, number>();
    const depthOf = (p: Pending, seen: Set<Pending>): number => {
      const known = depth.get(p);
      if (known !== undefined) return known;
      const parent = p.parentRow ? pending.get(p.parentRow) : undefined;
      if (!p.parentRow || !parent) return 0;
      if (seen.has(p)) return Infinity;
      seen.add(p);
      const d = depthOf(parent, seen) + 1;
      depth.set(p, d);
      return d;
    };
    const levels: Pending[][] = [];
    for (const p of pending.values()) {
      if (p.parentRow && !pending.has(p.parentRow)) {
        ctx.error(p.item.row, 'parent_code', `the parent target ${p.parsed.value.parent_code} (row ${p.parentRow.row}) has errors; fix it first`);
        ctx.tick();
        continue;
      }
      const d = depthOf(p, new Set());
      if (!Number.isFinite(d)) {
        ctx.error(p.item.row, 'parent_code', 'the parent codes in this file form a cycle');
        ctx.tick();
        continue;
      }
      (levels[d] ??= []).push(p);
    }

    const createdIds = new Map<ParsedRow<TargetRow>, number>();
    for (const level of levels) {
      const ready: SyncItem[] = [];
      const reasons = new Map<SyncItem, string | null | undefined>();
      for (const p of level) {
        if (p.parentRow) {
          const parentStored = stored.get(targetKey(p.parentRow.value.year, p.parentRow.value.code))?.[0];
          const id = createdIds.get(p.parentRow) ?? parentStored?.id;
          if (id === undefined) {
            ctx.error(p.item.row, 'parent_code', `the parent target ${p.parsed.value.parent_code} (row ${p.parentRow.row}) could not be written`);
            ctx.tick();
            continue;
          }
          p.item.values['parent_id'] = String(id);
        }
        ready.push(p.item);
        reasons.set(p.item, p.reason);
      }
      const created = await syncRows(tx, ctx, {
        table: 'public.targets',
        errors: ERRORS,
        booleans: ['is_public_commitment'],
        beforeUpdate: async (q, item) => {
          await q.query(`select set_config('gongshi.change_reason', $1, true)`, [reasons.get(item) ?? '']);
        },
      }, ready);
      if (created.length > 0) {
        const ids = await tx.query<{ id: number; year: number; code: string }>(
          `select t.id::int as id, t.year, t.code from jsonb_to_recordset($1::text::jsonb) as k(year int, code text)
           join public.targets t on t.year = k.year and t.code = k.code`,
          [asJson(created.map((c) => ({ year: Number(c.values['year']), code: c.values['code'] })))],
        );
        const byKey = new Map(ids.map((r) => [targetKey(r.year, r.code), r.id]));
        const createdItems = new Set(created);
        for (const p of level) {
          const id = byKey.get(targetKey(p.parsed.value.year, p.parsed.value.code));
          if (id !== undefined && createdItems.has(p.item)) createdIds.set(p.parsed, id);
        }
      }
    }
    await tx.query(`select set_config('gongshi.change_reason', '', true)`);
  },
  exportRows: (q, year) => q.query(
    `select t.year::text as year, t.code, u.code as unit_code, u.name as unit_name, p.code as parent_code,
            i.code as indicator_code, t.title, t.title_en, t.description, trim_scale(t.target_value)::text as target_value,
            trim_scale(t.weight)::text as weight, t.deadline::text as deadline, t.quality_requirement,
            c.name as responsible_leader, t.responsible_department, t.responsible_person,
            t.is_public_commitment::text as is_public_commitment, t.commitment_text, t.status, null as change_reason
     from public.targets t
     join public.units u on u.id = t.unit_id
     join public.indicators i on i.id = t.indicator_id
     left join public.targets p on p.id = t.parent_id
     left join public.cadres c on c.id = t.responsible_leader_id
     where t.year = $1
     order by u.sort_order, u.code, t.code`,
    [year],
  ),
});
