/** Bulletins (通报): the period a bulletin covers. */
import { z } from 'zod';
import type { Enumeration } from './enumeration.ts';

/** bulletins.kind (bulletins_period_matches_kind ties each kind to its period format). */
export const BULLETIN_KINDS = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;
export const BulletinKindSchema = z.enum(BULLETIN_KINDS);
export type BulletinKind = z.output<typeof BulletinKindSchema>;

export const BULLETIN_KIND = {
  name: 'bulletin kind',
  codes: BULLETIN_KINDS,
  labels: {
    monthly: { 'zh-CN': '月度通报', en: 'Monthly' },
    quarterly: { 'zh-CN': '季度通报', en: 'Quarterly' },
    semiannual: { 'zh-CN': '半年通报', en: 'Semi-annual' },
    annual: { 'zh-CN': '年度通报', en: 'Annual' },
  },
} as const satisfies Enumeration<BulletinKind>;
