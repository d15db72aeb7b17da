/**
 * Small hand-made rows for the db tests: one assessment year (and the one before), two units,
 * their cadres, one quantitative ("higher") and one qualitative indicator, and row builders that
 * produce valid rows which a test then breaks one field at a time.
 */
import type { Queryable } from '../../src/lib/db/types.ts';

export type Value = string | number | boolean | null | Json;
export type Fields = Record<string, Value>;

/**
 * A jsonb value. It is sent as text and cast (`$n::text::jsonb`): postgres.js would JSON-encode a
 * plain string parameter for a jsonb column a second time, PGlite would not.
 */
export class Json {
  constructor(readonly value: unknown) {}
}
export const json = (value: unknown) => new Json(value);

/** INSERT … RETURNING id (or year, for assessment_years); columns come from the test's own literals. */
export async function insertRow(q: Queryable, table: string, row: Fields): Promise<number> {
  const columns = Object.keys(row);
  const returning = table === 'public.assessment_years' ? 'year' : 'id';
  const slots = columns.map((c, i) => (row[c] instanceof Json ? `$${i + 1}::text::jsonb` : `$${i + 1}`));
  const params = columns.map((c) => {
    const value = row[c];
    return value instanceof Json ? JSON.stringify(value.value) : value;
  });
  const [result] = await q.query<{ key: number }>(
    `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')})
     values (${slots.join(', ')}) returning ${returning}::int as key`,
    params,
  );
  return result!.key;
}

export const YEAR = 2026;

export interface Base {
  year: number;
  previousYear: number;
  unitA: number;
  unitB: number;
  /** Principal leader and a deputy of unit A; principal of unit B. */
  principalA: number;
  deputyA: number;
  principalB: number;
  higher: number;
  qualitative: number;
}

/** Inserts the reference rows every fixture builds on (as the owner). */
export async function insertBase(q: Queryable, prefix = 'FX'): Promise<Base> {
  await insertRow(q, 'public.assessment_years', { year: YEAR, status: 'active' });
  await insertRow(q, 'public.assessment_years', { year: YEAR - 1, status: 'closed' });
  const unitA = await insertRow(q, 'public.units', {
    code: `${prefix}-A`,
    name: '测试局甲',
    kind: 'municipal_unit',
    sector: 'economy',
  });
  const unitB = await insertRow(q, 'public.units', {
    code: `${prefix}-B`,
    name: '测试区乙',
    kind: 'district',
    sector: 'core_urban',
  });
  const principalA = await insertRow(q, 'public.cadres', {
    unit_id: unitA,
    name: '王甲',
    title: '主要负责人',
    is_principal: true,
  });
  const deputyA = await insertRow(q, 'public.cadres', {
    unit_id: unitA,
    name: '李乙',
    title: '副职负责人',
    is_principal: false,
  });
  const principalB = await insertRow(q, 'public.cadres', {
    unit_id: unitB,
    name: '张丙',
    title: '区委书记',
    is_principal: true,
  });
  const higher = await insertRow(q, 'public.indicators', {
    code: `${prefix}-HI`,
    name: '新增就业人数',
    category: 'peoples_benefit',
    measure: '人',
    direction: 'higher',
  });
  const qualitative = await insertRow(q, 'public.indicators', {
    code: `${prefix}-QL`,
    name: '重点改革任务',
    category: 'key_task',
    measure: null,
    direction: 'qualitative',
  });
  return {
    year: YEAR,
    previousYear: YEAR - 1,
    unitA,
    unitB,
    principalA,
    deputyA,
    principalB,
    higher,
    qualitative,
  };
}

let serial = 0;
/** A fresh target code, unique within the test process. */
export function nextCode(label = 'T'): string {
  serial++;
  return `${label}-${String(serial).padStart(4, '0')}`;
}

/** A valid quantitative target of unit A (override any field). */
export function targetRow(base: Base, overrides: Fields = {}): Fields {
  const status = (overrides['status'] as string | undefined) ?? 'published';
  return {
    code: nextCode(),
    year: base.year,
    unit_id: base.unitA,
    parent_id: null,
    indicator_id: base.higher,
    title: '城镇新增就业达到1000人',
    target_value: 1000,
    weight: 10,
    deadline: `${base.year}-12-31`,
    responsible_leader_id: base.deputyA,
    responsible_department: '综合处',
    responsible_person: '赵丁',
    is_public_commitment: false,
    commitment_text: null,
    status,
    published_at: status === 'published' ? `${base.year}-02-01T10:00:00+08:00` : null,
    ...overrides,
  };
}

/** A valid original progress report (override any field). */
export function reportRow(targetId: number, overrides: Fields = {}): Fields {
  return {
    target_id: targetId,
    period: `${YEAR}-01`,
    status: 'on_track',
    actual_value: 80,
    progress_pct: 8,
    progress_text: '累计完成8%，按计划推进。',
    reported_at: `${YEAR}-02-03T10:00:00+08:00`,
    ...overrides,
  };
}

/** A valid monthly bulletin, draft unless published_at is given. */
export function bulletinRow(overrides: Fields = {}): Fields {
  return {
    slug: `monthly-${nextCode('b').toLowerCase()}`,
    kind: 'monthly',
    period: `${YEAR}-01`,
    title: '2026年1月目标绩效月度进展通报',
    summary: '截至2026年1月末，全市目标按计划推进。',
    body: '## 一、总体进展',
    published_at: null,
    ...overrides,
  };
}
