/** The verifier recomputes each part of a unit's result from the published inputs. */
import { describe, expect, it } from 'vitest';
import type { AnnualAssessmentRow } from '../../src/lib/schemas/opendata/annual-assessments.ts';
import type { AssessmentTargetScoreRow } from '../../src/lib/schemas/opendata/assessment-target-scores.ts';
import type { MassEvaluationGroupRow } from '../../src/lib/schemas/opendata/mass-evaluation-groups.ts';
import type { SupervisionRecordRow } from '../../src/lib/schemas/opendata/supervision-records.ts';
import { parseWeights, verifyAssessmentInputs, type PublishedInputs } from '../../src/lib/verify/assessment-inputs.ts';

const rules = { monitoring_base: 100, mass_min_sample: 30, respondent_group_weights: 'citizen:0.5; enterprise:0.2; representative:0.3' };

const score = (target_code: string, parent_code: string | null, basis: AssessmentTargetScoreRow['basis'], achievement: number, points: number): AssessmentTargetScoreRow => ({
  year: 2025, version: 1, unit_code: 'M001', target_code, parent_code, final_status: 'completed', basis, achievement, points,
  points_lost: Math.round(Math.max(0, points * (1 - Math.min(achievement, 100) / 100)) * 100) / 100,
});
const group = (respondent_group: string, responses: number, mean: number, sd: number, weight: number): MassEvaluationGroupRow => ({
  year: 2025, version: 1, unit_code: 'M001', respondent_group, responses, mean, sd, weight,
  included: responses >= 30 && weight > 0, excluded_because: responses >= 30 ? null : 'fewer than 30 responses',
});
const finding = (id: number, score_delta: number): SupervisionRecordRow => ({
  id, ref: `2025-${id}`, year: 2025, unit_code: 'M001', unit_name: '市测试局', unit_name_en: null, target_id: null, target_code: null,
  method: 'random_check', conducted_on: '2025-06-01', finding: '抽查发现台账不全', finding_en: null, score_delta,
});

/** The inputs, editable so a test can spoil one. */
type Inputs = { [K in keyof PublishedInputs]: PublishedInputs[K][number][] };

function city(): { unit: AnnualAssessmentRow; inputs: Inputs } {
  // Roll-up: (90 × 0.6 + 75.55 × 0.4) = 84.22; unit (capped at 100 only as a whole): (84.22 × 60 + 112.5 × 40) / 100 = 95.532 → 95.53
  const targetScores = [score('T1', null, 'rollup', 84.22, 60), score('T1-1', 'T1', 'quantitative', 90, 0.6), score('T1-2', 'T1', 'qualitative', 75.55, 0.4), score('T2', null, 'quantitative', 112.5, 40)];
  targetScores[3]!.points_lost = 0;
  // Mass: (0.5 × 82.41 + 0.3 × 77.02) / 0.8 = 80.389 → 80.39; enterprise (12 answers) does not count.
  const massGroups = [group('citizen', 60, 82.41, 12.3, 0.5), group('enterprise', 12, 40, 9, 0.2), group('representative', 31, 77.02, 10.05, 0.3)];
  const margin = Math.round((1.96 * Math.sqrt(0.25 * 12.3 ** 2 / 60 + 0.09 * 10.05 ** 2 / 31)) / 0.8 * 100) / 100;
  const supervision = [finding(1, -0.5), finding(2, -1.25)];
  const unit: AnnualAssessmentRow = {
    year: 2025, version: 1, published_at: '2026-02-01T02:00:00Z', correction_reason: null, unit_code: 'M001', unit_name: '市测试局', unit_name_en: null,
    pool: 'municipal_unit', target_score: 95.53, mass_score: 80.39, mass_margin: margin, mass_sample_size: 91, open_score: null, open_sample_size: 0,
    monitoring_score: 96.75, total_score: 0, rank_in_pool: 1, pool_size: 1, grade: 'excellent', consequence: 'award',
  };
  return {
    unit,
    inputs: {
      targetScores, massGroups, supervision,
      monitoring: [
        { year: 2025, version: 1, unit_code: 'M001', method: 'random_check', is_public: true, findings: 2, score_delta: -1.75 },
        { year: 2025, version: 1, unit_code: 'M001', method: 'covert_visit', is_public: false, findings: 1, score_delta: -1.5 },
      ],
    },
  };
}

describe('recomputing the parts of a result', () => {
  it('reads weights as published', () => {
    expect(parseWeights(rules.respondent_group_weights)).toEqual({ citizen: 0.5, enterprise: 0.2, representative: 0.3 });
    expect(() => parseWeights('citizen=0.5')).toThrow(/not name:number/);
  });

  it('reproduces target, mass and monitoring scores, the unpublished findings included as aggregates', () => {
    const { unit, inputs } = city();
    expect(verifyAssessmentInputs(2025, [unit], rules, inputs)).toEqual([]);
  });

  it('names a roll-up that is not its sub-targets, a group counted below the minimum sample, and hidden points', () => {
    const { unit, inputs } = city();
    inputs.targetScores[0] = { ...inputs.targetScores[0]!, achievement: 84.23 };
    inputs.massGroups[1] = { ...inputs.massGroups[1]!, included: true };
    const hidden = { ...inputs, monitoring: inputs.monitoring.slice(0, 1) };
    const problems = verifyAssessmentInputs(2025, [unit], rules, hidden);
    expect(problems).toEqual([
      '2025 T1 points_lost: published 9.47, recomputed 9.46',
      '2025 T1 achievement (roll-up of 2 sub-targets): published 84.23, recomputed 84.22',
      '2025 M001 target_score: published 95.53, recomputed 95.54',
      '2025 M001 enterprise: published counted with 12 responses and weight 0.2',
      '2025 M001 monitoring_score: published 96.75, recomputed 98.25',
    ]);
  });

  it('names public findings missing from the inputs and inputs that the findings do not support', () => {
    const { unit, inputs } = city();
    const problems = verifyAssessmentInputs(2025, [unit], rules, { ...inputs, supervision: [finding(1, -0.5)] });
    expect(problems).toEqual(['2025 M001 random_check: 2 public findings totalling -1.75 in monitoring-inputs, but supervision-records lists 1 totalling -0.5']);
  });
});
