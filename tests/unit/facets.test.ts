import { describe, expect, it } from 'vitest';
import { facetValues, filterByFacet } from '../../src/lib/site/facets.ts';
import type { TargetSummary } from '../../src/lib/schemas/target.ts';

const target = (over: Partial<TargetSummary>): TargetSummary => ({
  id: 1, code: 'T', year: 2026, unit_code: 'M001', unit_name: '市教育局', unit_name_en: 'Education Bureau',
  unit_kind: 'municipal_unit', parent_id: null, title: '目标', title_en: null, category: 'key_task', weight: 5,
  deadline: '2026-12-31', is_public_commitment: false, leader_id: 7, leader_name: '王伟',
  responsible_department: '综合处', responsible_department_en: null, responsible_person: '李明', status: 'on_track', progress_pct: 50, period: '2026-10', leaves: 0, commitment_change_count: 0,
  ...over,
});

const targets = [
  target({ id: 1, status: 'behind', is_public_commitment: true }),
  target({ id: 2, status: 'completed', category: 'sustainability', leader_id: 8, leader_name: '张敏', unit_kind: 'district' }),
  target({ id: 3, status: 'behind', leader_id: null, leader_name: null }),
];

describe('facets', () => {
  it('counts each value and lists statuses in their fixed order', () => {
    expect(facetValues(targets, 'status').map((v) => [v.value, v.count])).toEqual([['completed', 1], ['behind', 2]]);
    expect(facetValues(targets, 'commitment').map((v) => [v.value, v.count])).toEqual([['yes', 1]]);
    expect(facetValues(targets, 'kind').map((v) => v.value)).toEqual(['municipal_unit', 'district']);
  });

  it('names leaders and leaves out targets without one', () => {
    const leaders = facetValues(targets, 'leader');
    expect(leaders.map((l) => [l.value, l.name, l.count])).toEqual([['7', '王伟', 1], ['8', '张敏', 1]]);
  });

  it('lists units by code with their names, one per unit', () => {
    const units = facetValues([...targets, target({ id: 4, unit_code: 'D01', unit_name: '甲区', unit_name_en: null })], 'unit');
    expect(units.map((u) => [u.value, u.unitName, u.unitNameEn, u.count])).toEqual([['D01', '甲区', null, 1], ['M001', '市教育局', 'Education Bureau', 3]]);
  });

  it('filters to exactly the rows of a facet value', () => {
    expect(filterByFacet(targets, 'status', 'behind').map((t) => t.id)).toEqual([1, 3]);
    expect(filterByFacet(targets, 'category', 'sustainability').map((t) => t.id)).toEqual([2]);
  });
});
