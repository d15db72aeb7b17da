/** The /targets/ index: per-unit counts, and the address of a target by its code. */
import { localizedPath, type Locale } from '../../i18n/ui.ts';
import type { TargetSummary } from '../schemas/target.ts';

export interface UnitTargetCount {
  code: string;
  name: string;
  name_en: string | null;
  kind: TargetSummary['unit_kind'];
  targets: number;
  commitments: number;
  /** Behind or not completed at the latest report. */
  lagging: number;
}

type Counted = Pick<TargetSummary, 'unit_code' | 'unit_name' | 'unit_name_en' | 'unit_kind' | 'is_public_commitment' | 'status'>;

/** One row per unit that holds any of the targets, municipal units first, then by code. */
export function unitTargetCounts(targets: readonly Counted[]): UnitTargetCount[] {
  const byUnit = new Map<string, UnitTargetCount>();
  for (const t of targets) {
    let row = byUnit.get(t.unit_code);
    if (!row) {
      row = { code: t.unit_code, name: t.unit_name, name_en: t.unit_name_en, kind: t.unit_kind, targets: 0, commitments: 0, lagging: 0 };
      byUnit.set(t.unit_code, row);
    }
    row.targets++;
    if (t.is_public_commitment) row.commitments++;
    if (t.status === 'behind' || t.status === 'not_completed') row.lagging++;
  }
  const rank = (k: UnitTargetCount['kind']) => (k === 'municipal_unit' ? 0 : 1);
  return [...byUnit.values()].sort((a, b) => rank(a.kind) - rank(b.kind) || a.code.localeCompare(b.code));
}

/**
 * /targets/code/<code>/: a small page that sends the browser on to /targets/<id>/ (meta refresh
 * and a link), so the address works on any static host without server rewrites.
 */
export function targetCodePath(locale: Locale, code: string): string {
  return localizedPath(`/targets/code/${code === '' ? '' : `${encodeURIComponent(code)}/`}`, locale);
}
