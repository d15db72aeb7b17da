/** Assessed units: municipal units (市直单位) and districts (区市), each ranked in its own pool. */
import { z } from 'zod';
import type { Enumeration, OpenEnumeration } from './enumeration.ts';

/** units.kind, annual_assessments.pool: a unit's kind is also its ranking pool. */
export const UNIT_KINDS = ['municipal_unit', 'district'] as const;
export const UnitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.output<typeof UnitKindSchema>;

export const UNIT_KIND = {
  name: 'unit kind',
  codes: UNIT_KINDS,
  labels: {
    municipal_unit: { 'zh-CN': '市直单位', en: 'Municipal units' },
    district: { 'zh-CN': '区市', en: 'Districts' },
  },
  sheet: {
    municipal_unit: { en: 'municipal unit', aliases: ['市直部门', '部门', '市直'] },
    district: { en: 'district', aliases: ['区', '区县', '区（市）', '县区', '区县市'] },
  },
} as const satisfies Enumeration<UnitKind>;

/**
 * units.sector: the database accepts any lower-case code (units_sector_check is a pattern); the
 * known ones are named here.
 */
export const SECTORS = ['economy', 'urban', 'social', 'governance', 'party', 'core_urban', 'new_area', 'suburban', 'ecological'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR = {
  name: 'sector',
  codes: SECTORS,
  labels: {
    economy: { 'zh-CN': '经济发展', en: 'Economy' },
    urban: { 'zh-CN': '城市建设与管理', en: 'Urban development' },
    social: { 'zh-CN': '社会民生', en: 'Social services' },
    governance: { 'zh-CN': '政务与法治', en: 'Governance and law' },
    party: { 'zh-CN': '党群', en: 'Party and mass organisations' },
    core_urban: { 'zh-CN': '中心城区', en: 'Core urban district' },
    new_area: { 'zh-CN': '新区', en: 'New area' },
    suburban: { 'zh-CN': '近郊区', en: 'Suburban district' },
    ecological: { 'zh-CN': '生态功能区', en: 'Ecological district' },
  },
  openPattern: /^[a-z_]{2,40}$/,
} as const satisfies OpenEnumeration<Sector>;
