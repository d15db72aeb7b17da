/**
 * `gongshi verify`: recomputes what the portal publishes from its published files alone and lists
 * every disagreement. A check that cannot run (a dataset not published) is reported as such, never
 * passed silently.
 */
import { AnnualAssessmentRowSchema } from '../schemas/opendata/annual-assessments.ts';
import { AssessmentRulesRowSchema } from '../schemas/opendata/assessment-rules.ts';
import { AssessmentTargetScoreRowSchema } from '../schemas/opendata/assessment-target-scores.ts';
import { HearingDrawRowSchema } from '../schemas/opendata/hearing-draws.ts';
import { MassEvaluationGroupRowSchema } from '../schemas/opendata/mass-evaluation-groups.ts';
import { MonitoringInputRowSchema } from '../schemas/opendata/monitoring-inputs.ts';
import { SupervisionRecordRowSchema } from '../schemas/opendata/supervision-records.ts';
import { verifyAssessmentInputs } from './assessment-inputs.ts';
import { verifyAssessmentYear } from './assessments.ts';
import { verifyLotteries } from './lotteries.ts';
import { verifyBulletins } from './bulletins.ts';
import { BulletinRowSchema } from '../schemas/opendata/bulletins.ts';
import { BulletinFigureRowSchema } from '../opendata/bulletin-figures.ts';
import { ProgressReportRowSchema } from '../schemas/opendata/progress-reports.ts';
import { TargetRowSchema } from '../schemas/opendata/targets.ts';
import { logging, readApiIndex, readDataset, readJson, type PublishedSite } from './published.ts';
import { z } from 'zod';

/** What the verifier needs of a bulletin's snapshot document. */
const BulletinSnapshotSchema = z.object({ counted_report_ids: z.array(z.number().int()) });

export interface VerifyCheck {
  /** e.g. "assessment 2025", "lotteries 2026". */
  subject: string;
  /** What was recomputed, e.g. "95 units", "3 hearings". */
  checked: string;
  problems: string[];
}

export interface VerifyReport {
  site: string;
  checks: VerifyCheck[];
  /** Checks that could not run, and why. */
  missing: string[];
}

export async function verifySite(published: PublishedSite): Promise<VerifyReport> {
  const site = logging(published);
  const index = await readApiIndex(site);
  const report: VerifyReport = { site: site.label, checks: [], missing: [] };

  const assessments = await readDataset(site, index, 'annual-assessments', AnnualAssessmentRowSchema);
  const rules = await readDataset(site, index, 'assessment-rules', AssessmentRulesRowSchema);
  const targetScores = await readDataset(site, index, 'assessment-target-scores', AssessmentTargetScoreRowSchema);
  const massGroups = await readDataset(site, index, 'mass-evaluation-groups', MassEvaluationGroupRowSchema);
  const monitoring = await readDataset(site, index, 'monitoring-inputs', MonitoringInputRowSchema);
  const supervision = await readDataset(site, index, 'supervision-records', SupervisionRecordRowSchema);
  for (const [year, rows] of [...assessments].sort(([a], [b]) => a - b)) {
    if (rows.length === 0) continue;
    const yearRules = rules.get(year)?.[0];
    if (!yearRules) {
      report.missing.push(`assessment ${year}: the year's rules (dataset assessment-rules) are not published`);
      continue;
    }
    const mismatches = verifyAssessmentYear(year, rows, yearRules, assessments.get(year - 1) ?? null);
    report.checks.push({
      subject: `assessment ${year} (version ${rows[0]!.version})`,
      checked: `${rows.length} units: totals from the parts, ranks, grades, consequences`,
      problems: mismatches.map((m) => `${m.unit_code} ${m.field}: published ${m.published}, recomputed ${m.recomputed}`),
    });
    const inputs = {
      targetScores: targetScores.get(year) ?? [],
      massGroups: massGroups.get(year) ?? [],
      monitoring: monitoring.get(year) ?? [],
      supervision: supervision.get(year) ?? [],
    };
    report.checks.push({
      subject: `assessment ${year} parts`,
      checked: `${inputs.targetScores.length} target scores, ${inputs.massGroups.length} respondent groups, ${inputs.monitoring.length} monitoring inputs`,
      problems: verifyAssessmentInputs(year, rows, yearRules, inputs),
    });
  }

  // Superseded assessment versions stay published (annual-assessment-versions): each is recomputed
  // too. The year before's consequences are taken as unknown, as they may have been corrected since.
  const versions = await readDataset(site, index, 'annual-assessment-versions', AnnualAssessmentRowSchema);
  for (const [year, rows] of [...versions].sort(([a], [b]) => a - b)) {
    const inForce = assessments.get(year)?.[0]?.version;
    const yearRules = rules.get(year)?.[0];
    for (const [version, versionRows] of Map.groupBy(rows, (r) => r.version)) {
      if (version === inForce || !yearRules) continue;
      report.checks.push({
        subject: `assessment ${year} (version ${version}, superseded)`,
        checked: `${versionRows.length} units: totals from the parts, ranks, grades, consequences`,
        problems: verifyAssessmentYear(year, versionRows, yearRules, null)
          .map((m) => `${m.unit_code} ${m.field}: published ${m.published}, recomputed ${m.recomputed}`),
      });
    }
  }

  // Bulletins: each one's headline figures from the targets and the reports filed before its cut-off.
  const figures = await readDataset(site, index, 'bulletin-figures', BulletinFigureRowSchema);
  if (!index.datasets.some((d) => d.name === 'bulletin-figures')) report.missing.push('bulletins: the dataset bulletin-figures is not published');
  const withFigures = [...figures].filter(([, rows]) => rows.length > 0).sort(([a], [b]) => a - b);
  if (withFigures.length > 0) {
    const bulletins = await readDataset(site, index, 'bulletins', BulletinRowSchema);
    const targets = await readDataset(site, index, 'targets', TargetRowSchema);
    const reports = await readDataset(site, index, 'progress-reports', ProgressReportRowSchema);
    const snapshot = index.documents.find((d) => d.name === 'bulletin');
    if (!snapshot) report.missing.push('bulletins: no bulletin snapshot document (/api/v1/bulletins/{slug}.json) lists the reports counted');
    for (const [year, rows] of withFigures) {
      const counted = new Map<string, number[]>();
      for (const slug of snapshot ? new Set(rows.map((r) => r.bulletin)) : []) {
        const document = await readJson(site, new URL(snapshot!.url_template.replace('{slug}', slug)).pathname, BulletinSnapshotSchema);
        if (document) counted.set(slug, document.counted_report_ids);
      }
      const { bulletins: checked, findings } = verifyBulletins({
        bulletins: bulletins.get(year) ?? [],
        figures: rows,
        targets: targets.get(year) ?? [],
        reports: reports.get(year) ?? [],
        counted,
      });
      report.checks.push({
        subject: `bulletins ${year}`,
        checked: `${checked} bulletins: status counts and changes, commitments, units most behind, late and missing reports, as of each cut-off`,
        problems: findings.map((f) => `${f.bulletin} ${f.problem}`),
      });
    }
  }

  const draws = await readDataset(site, index, 'hearing-draws', HearingDrawRowSchema);
  for (const [year, rows] of [...draws].sort(([a], [b]) => a - b)) {
    if (rows.length === 0) continue;
    const { hearings, findings } = await verifyLotteries(year, rows);
    report.checks.push({
      subject: `lotteries ${year}`,
      checked: `${hearings} hearings, ${rows.length} entrants`,
      problems: findings.map((f) => `hearing ${f.hearing_id}: ${f.problem}`),
    });
  }
  if (!index.datasets.some((d) => d.name === 'hearing-draws')) report.missing.push('lotteries: the dataset hearing-draws is not published');

  // Every document read states the version its bytes give, so a citation of it is exact.
  report.checks.push({
    subject: 'document versions',
    checked: `${site.documents.length} documents`,
    problems: site.documents.flatMap(({ pathname, version }) =>
      version === null ? [`${pathname} states no version`]
        : version.stated !== version.computed ? [`${pathname}: states ${version.stated}, its content gives ${version.computed}`] : []),
  });
  return report;
}

export const problemCount = (report: VerifyReport) => report.checks.reduce((n, c) => n + c.problems.length, 0);
