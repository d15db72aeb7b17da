/** Every import kind, in the order data is loaded (references first). */
import type { ImportKind, KindName } from '../kind.ts';
import { accountabilityKind } from './accountability.ts';
import { baselinesKind } from './baselines.ts';
import { cadresKind } from './cadres.ts';
import { consultationsKind } from './consultations.ts';
import { indicatorsKind } from './indicators.ts';
import { leaderReportsKind } from './leader-reports.ts';
import { progressKind } from './progress.ts';
import { supervisionKind } from './supervision.ts';
import { targetsKind } from './targets.ts';
import { unitsKind } from './units.ts';

export const KINDS: Readonly<Record<KindName, ImportKind>> = {
  units: unitsKind,
  cadres: cadresKind,
  indicators: indicatorsKind,
  targets: targetsKind,
  baselines: baselinesKind,
  progress: progressKind,
  supervision: supervisionKind,
  consultations: consultationsKind,
  'leader-reports': leaderReportsKind,
  accountability: accountabilityKind,
};
