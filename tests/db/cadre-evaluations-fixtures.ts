/**
 * A small city for the cadre evaluation tests: three municipal units of 2026 with their cadres'
 * own targets, and a fourth unit without targets (not assessed). Rules: defaults, except
 * excellent_count 1 and bottom_count 1; no surveys, so total = (0.6 · target + 0.15 · 100) / 0.75.
 *
 *   unit  cadre  own targets (points × achievement)     unit: target, total, rank, grade, consequence
 *   U1    P1     30 × 100                               90, 92, 1, excellent, award → excellent
 *         D1a    60 × 100           → excellent (cannot rise above excellent)
 *         D1b    10 × 0             → lowered to competent
 *   U2    P2     —                                      82, 85.6, 2, good, none → competent
 *         D2a    40 × 100           → raised to excellent
 *         D2b    15 × 40 + 5 × 80 = 50 → lowered to basically competent
 *         D2c    —                  → competent (no own targets)
 *         D2d    40 × 80            → competent
 *   U3    P3     —                                      50, 60, 3 (bottom), pass, admonishment → basically competent
 *         D3a    50 × 100           → basically competent (a pass unit raises no one)
 *         D3b    50 × 0             → lowered to incompetent
 *   U4    P4     — (no targets: not assessed, no evaluation)
 */
import type { Queryable } from '../../src/lib/db/types.ts';
import { insertRow } from './fixtures.ts';

export const CE_YEAR = 2026;

/** Cadre name → [unit, is principal, own targets as [points, actual of 100]]. */
const CADRES: Record<string, [string, boolean, [number, number][]]> = {
  P1: ['U1', true, [[30, 100]]],
  D1a: ['U1', false, [[60, 100]]],
  D1b: ['U1', false, [[10, 0]]],
  P2: ['U2', true, []],
  D2a: ['U2', false, [[40, 100]]],
  D2b: ['U2', false, [[15, 40], [5, 80]]],
  D2c: ['U2', false, []],
  D2d: ['U2', false, [[40, 80]]],
  P3: ['U3', true, []],
  D3a: ['U3', false, [[50, 100]]],
  D3b: ['U3', false, [[50, 0]]],
  P4: ['U4', true, []],
};

export interface CadreCity {
  unit: Map<string, number>;
  cadre: Map<string, number>;
}

/** Inserts the city (years 2026 and 2027, the latter without targets); computes nothing. */
export async function insertCadreCity(q: Queryable): Promise<CadreCity> {
  const unit = new Map<string, number>();
  const cadre = new Map<string, number>();
  for (const year of [CE_YEAR, CE_YEAR + 1]) {
    await insertRow(q, 'public.assessment_years', { year, status: 'active', excellent_count: 1, bottom_count: 1 });
  }
  for (const [i, code] of ['U1', 'U2', 'U3', 'U4'].entries()) {
    unit.set(code, await insertRow(q, 'public.units', { code: `CE-${code}`, name: `单位${code}`, kind: 'municipal_unit', sector: 'economy', sort_order: i }));
  }
  const indicator = await insertRow(q, 'public.indicators', { code: 'CE-H', name: '越高越好', category: 'economic_scale', measure: '亿元', direction: 'higher' });
  let seq = 0;
  for (const [name, [code, isPrincipal, targets]] of Object.entries(CADRES)) {
    const unitId = unit.get(code)!;
    const id = await insertRow(q, 'public.cadres', {
      unit_id: unitId, name: `干部${name}`, title: isPrincipal ? '主要负责人' : '副职负责人', is_principal: isPrincipal, sort_order: seq,
    });
    cadre.set(name, id);
    for (const [points, actual] of targets) {
      seq++;
      const target = await insertRow(q, 'public.targets', {
        code: `CE-${seq}`, year: CE_YEAR, unit_id: unitId, indicator_id: indicator, title: `目标${seq}`, target_value: 100,
        weight: points, deadline: `${CE_YEAR}-12-31`, responsible_leader_id: id, responsible_department: '综合处',
        responsible_person: '测试人', status: 'published', published_at: `${CE_YEAR}-02-01T10:00:00+08:00`,
      });
      const done = actual >= 100;
      await insertRow(q, 'public.progress_reports', {
        target_id: target, period: `${CE_YEAR}-12`, status: done ? 'completed' : 'not_completed', actual_value: actual,
        result_text: done ? '已完成' : null, reasons_text: done ? null : '原因', remedy_text: done ? null : '措施',
      });
    }
  }
  return { unit, cadre };
}
