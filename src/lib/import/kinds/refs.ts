/** Look-ups the kinds share: reference rows by their natural keys, read inside the import's transaction. */
import type { Queryable } from '../../db/types.ts';

/** Arrays and records go to Postgres as JSON text (`$n::text::jsonb`): the same on PGlite and postgres.js. */
export const asJson = (value: unknown) => JSON.stringify(value);

export const CODE_RE = /^[A-Z][A-Z0-9-]{1,19}$/;
export const TARGET_CODE_RE = /^[A-Z0-9][A-Z0-9.-]{1,39}$/;

export interface UnitRef {
  id: number;
  code: string;
}

export async function unitsByCode(tx: Queryable): Promise<Map<string, UnitRef>> {
  const rows = await tx.query<UnitRef>(`select id::int as id, code from public.units`);
  return new Map(rows.map((r) => [r.code, r]));
}

export async function indicatorsByCode(tx: Queryable): Promise<Map<string, number>> {
  const rows = await tx.query<{ id: number; code: string }>(`select id::int as id, code from public.indicators`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function assessmentYears(tx: Queryable): Promise<Set<number>> {
  const rows = await tx.query<{ year: number }>(`select year from public.assessment_years`);
  return new Set(rows.map((r) => r.year));
}

export interface TargetRef {
  id: number;
  year: number;
  code: string;
  unit_id: number;
  unit_code: string;
  status: string;
}

export const targetKey = (year: number, code: string) => `${year}|${code}`;

/** Targets named by (year, code) pairs. */
export async function targetsByKey(tx: Queryable, keys: readonly { year: number; code: string }[]): Promise<Map<string, TargetRef>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.query<TargetRef>(
    `select t.id::int as id, t.year, t.code, t.unit_id::int as unit_id, u.code as unit_code, t.status
     from (select distinct year, code from jsonb_to_recordset($1::text::jsonb) as k(year int, code text)) k
     join public.targets t on t.year = k.year and t.code = k.code
     join public.units u on u.id = t.unit_id`,
    [asJson(keys)],
  );
  return new Map(rows.map((r) => [targetKey(r.year, r.code), r]));
}

/** "did you mean" for an unknown code: the stored codes that differ only in case or surrounding text. */
export function unknown(what: string, code: string, known?: Iterable<string>): string {
  if (known) {
    const upper = code.toUpperCase();
    for (const k of known) if (k.toUpperCase() === upper) return `unknown ${what} "${code}" (did you mean "${k}"?)`;
  }
  return `unknown ${what} "${code}"`;
}
