/**
 * The three parts of each unit's result recomputed from the published inputs: the target score from
 * the targets' scores (and each roll-up from its sub-targets), the mass score and its margin from
 * the respondent groups, the monitoring score from the findings. Integer arithmetic in hundredths
 * where Postgres' numeric is exact; the margin (a square root) is compared to within one cent.
 */
import type { AnnualAssessmentRow } from '../schemas/opendata/annual-assessments.ts';
import type { AssessmentTargetScoreRow } from '../schemas/opendata/assessment-target-scores.ts';
import type { MassEvaluationGroupRow } from '../schemas/opendata/mass-evaluation-groups.ts';
import type { MonitoringInputRow } from '../schemas/opendata/monitoring-inputs.ts';
import type { SupervisionRecordRow } from '../schemas/opendata/supervision-records.ts';
import { cents, divideRounded, tenThousandths } from './exact.ts';

export interface InputRules {
  monitoring_base: number;
  mass_min_sample: number;
  /** "group:weight; …" as published. */
  respondent_group_weights: string;
}

export interface PublishedInputs {
  targetScores: readonly AssessmentTargetScoreRow[];
  massGroups: readonly MassEvaluationGroupRow[];
  monitoring: readonly MonitoringInputRow[];
  supervision: readonly SupervisionRecordRow[];
}

/** "a:0.5; b:0.3" → { a: 0.5, b: 0.3 } */
export function parseWeights(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^:]+):(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!match) throw new Error(`"${text}": "${part}" is not name:number`);
    out[match[1]!.trim()] = Number(match[2]);
  }
  return out;
}

/** Σ achievement × points / Σ points, in hundredths (points are 2-decimal numbers too). */
function weightedAchievement(rows: readonly { achievement: number; points: number }[]): number {
  const num = rows.reduce((s, r) => s + cents(r.achievement) * cents(r.points), 0);
  const den = rows.reduce((s, r) => s + cents(r.points), 0);
  return divideRounded(num, den);
}

export function verifyAssessmentInputs(year: number, results: readonly AnnualAssessmentRow[], rules: InputRules, inputs: PublishedInputs): string[] {
  const problems: string[] = [];
  const differ = (what: string, published: number | null, recomputed: number | null, tolerance = 0) => {
    const bad = published === null || recomputed === null
      ? published !== recomputed
      : Math.abs(cents(published) - cents(recomputed)) > tolerance;
    if (bad) problems.push(`${what}: published ${published === null ? 'none' : published.toFixed(2)}, recomputed ${recomputed === null ? 'none' : recomputed.toFixed(2)}`);
  };

  // Targets: each roll-up from its sub-targets, points lost, and the unit's target score.
  const children = Map.groupBy(inputs.targetScores.filter((t) => t.parent_code !== null), (t) => t.parent_code!);
  for (const t of inputs.targetScores) {
    differ(`${t.target_code} points_lost`, t.points_lost, divideRounded(cents(t.points) * Math.max(0, 10000 - Math.min(cents(t.achievement), 10000)), 10000) / 100);
    if (t.basis !== 'rollup') continue;
    const subs = children.get(t.target_code);
    if (!subs) problems.push(`${t.target_code}: scored as a roll-up, but no sub-target is published`);
    else differ(`${t.target_code} achievement (roll-up of ${subs.length} sub-targets)`, t.achievement, weightedAchievement(subs) / 100);
  }
  const topLevel = Map.groupBy(inputs.targetScores.filter((t) => t.parent_code === null), (t) => t.unit_code);
  const groups = Map.groupBy(inputs.massGroups, (g) => g.unit_code);
  const monitoring = Map.groupBy(inputs.monitoring, (m) => m.unit_code);
  const weights = parseWeights(rules.respondent_group_weights);

  for (const unit of results) {
    const code = unit.unit_code;
    const targets = topLevel.get(code) ?? [];
    if (targets.length === 0) problems.push(`${code}: no scored top-level target is published`);
    else differ(`${code} target_score`, unit.target_score, Math.min(10000, weightedAchievement(targets)) / 100);

    const rows = groups.get(code) ?? [];
    // Whether a group counts follows from the rules, not from the published flag.
    const weightOf = (g: MassEvaluationGroupRow) => weights[g.respondent_group] ?? 0;
    const counts = (g: MassEvaluationGroupRow) => g.responses >= rules.mass_min_sample && weightOf(g) > 0;
    for (const g of rows) {
      if (g.included !== counts(g)) problems.push(`${code} ${g.respondent_group}: published ${g.included ? 'counted' : 'not counted'} with ${g.responses} responses and weight ${weightOf(g)}`);
      if (g.weight !== weightOf(g)) problems.push(`${code} ${g.respondent_group}: weight ${g.weight}, the year's rules say ${weightOf(g)}`);
    }
    const counted = rows.filter(counts);
    const w = counted.reduce((s, g) => s + tenThousandths(weightOf(g)), 0);
    const mass = w === 0 ? null : divideRounded(counted.reduce((s, g) => s + tenThousandths(weightOf(g)) * cents(g.mean), 0), w) / 100;
    differ(`${code} mass_score`, unit.mass_score, mass);
    const sample = counted.reduce((s, g) => s + g.responses, 0);
    if (sample !== unit.mass_sample_size) problems.push(`${code} mass_sample_size: published ${unit.mass_sample_size}, recomputed ${sample}`);
    // 95 % margin of a stratified mean: 1.96 · sqrt(Σ w² s² / n) / Σ w
    const margin = w === 0 ? null
      : (1.96 * Math.sqrt(counted.reduce((s, g) => s + weightOf(g) ** 2 * g.sd ** 2 / g.responses, 0))) / (w / 10000);
    differ(`${code} mass_margin`, unit.mass_margin, margin === null ? null : Math.round(margin * 100) / 100, 1);

    const deltas = (monitoring.get(code) ?? []).reduce((s, m) => s + cents(m.score_delta), 0);
    differ(`${code} monitoring_score`, unit.monitoring_score, Math.min(10000, Math.max(0, cents(rules.monitoring_base) + deltas)) / 100);
  }

  // The public part of the monitoring inputs is exactly the published findings.
  const listed = new Map<string, { findings: number; delta: number }>();
  for (const s of inputs.supervision) {
    const key = `${s.unit_code} ${s.method}`;
    const sum = listed.get(key) ?? { findings: 0, delta: 0 };
    listed.set(key, { findings: sum.findings + 1, delta: sum.delta + cents(s.score_delta) });
  }
  for (const m of inputs.monitoring.filter((x) => x.is_public)) {
    const key = `${m.unit_code} ${m.method}`;
    const sum = listed.get(key) ?? { findings: 0, delta: 0 };
    if (sum.findings !== m.findings || sum.delta !== cents(m.score_delta)) {
      problems.push(`${key}: ${m.findings} public findings totalling ${m.score_delta} in monitoring-inputs, but supervision-records lists ${sum.findings} totalling ${sum.delta / 100}`);
    }
    listed.delete(key);
  }
  for (const [key, sum] of listed) problems.push(`${key}: supervision-records lists ${sum.findings} public findings that monitoring-inputs leaves out`);
  return problems.map((p) => `${year} ${p}`);
}
