/**
 * The catalogue of open datasets: what each one holds, how often it changes, its row schema and
 * where its rows come from. /data/, the CSV and JSON files and their schemas all read this list.
 */
import type { z } from 'zod';
import type { OpenDataYear } from '../schemas/opendata/year.ts';
import { AnnualAssessmentRowSchema } from '../schemas/opendata/annual-assessments.ts';
import { AssessmentRulesRowSchema } from '../schemas/opendata/assessment-rules.ts';
import { AssessmentTargetScoreRowSchema } from '../schemas/opendata/assessment-target-scores.ts';
import { MassEvaluationGroupRowSchema } from '../schemas/opendata/mass-evaluation-groups.ts';
import { MonitoringInputRowSchema } from '../schemas/opendata/monitoring-inputs.ts';
import { BulletinRowSchema } from '../schemas/opendata/bulletins.ts';
import { BulletinFigureRowSchema } from './bulletin-figures.ts';
import { HearingDrawRowSchema } from '../schemas/opendata/hearing-draws.ts';
import { LeaderReportRowSchema } from '../schemas/opendata/leader-reports.ts';
import { AccountabilityCaseRowSchema } from '../schemas/opendata/accountability-cases.ts';
import { SurveyAggregateRowSchema } from '../schemas/opendata/survey-aggregates.ts';
import { ProgressReportRowSchema } from '../schemas/opendata/progress-reports.ts';
import { SupervisionRecordRowSchema } from '../schemas/opendata/supervision-records.ts';
import { TargetBaselineRowSchema, TargetRowSchema } from '../schemas/opendata/targets.ts';
import { UnitRowSchema } from '../schemas/opendata/units.ts';
import { describeColumns, type ColumnDoc, type FlatRow } from './columns.ts';

export interface Dataset {
  /** File name without extension: /data/<year>/<name>.csv and .json. */
  name: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  cadence: { zh: string; en: string };
  row: z.ZodObject;
  rows: (year: OpenDataYear) => FlatRow[];
}

export const DATASETS: readonly Dataset[] = [
  {
    name: 'units',
    title: { zh: '考核单位', en: 'Units' },
    description: {
      zh: '年度参加考核的市直单位和区市，含主要负责人、公开目标数、公开承诺数和一级目标分值合计。',
      en: 'Municipal units and districts assessed in the year, with the principal leader, the number of published targets and public commitments, and the points of the top-level targets.',
    },
    cadence: { zh: '年初目标公布后更新；机构或人员调整时更新。', en: 'When the year\'s targets are published, and when units or leaders change.' },
    row: UnitRowSchema,
    rows: (y) => y.units,
  },
  {
    name: 'targets',
    title: { zh: '目标与公开承诺', en: 'Targets and public commitments' },
    description: {
      zh: '年度全部公开目标：指标、目标值、分值、完成时限、逐级分解关系、责任链（责任领导、责任部门、责任人）、公开承诺和最新状态。',
      en: 'Every published target of the year: indicator, target value, points, deadline, decomposition, the responsibility chain (responsible leader, department and person), public commitment and latest status.',
    },
    cadence: { zh: '年初公布；每月随进展报告更新最新状态。', en: 'Published at the start of the year; the latest status changes monthly with the progress reports.' },
    row: TargetRowSchema,
    rows: (y) => y.targets,
  },
  {
    name: 'target-baselines',
    title: { zh: '目标对比基准', en: 'Target baselines' },
    description: {
      zh: '制定目标时的三维比较：本单位近三年实际（纵向）、同类城市（横向）和职能基准。',
      en: 'What each target was set against: the unit\'s own last three years (vertical), peer cities (horizontal) and the functional benchmark.',
    },
    cadence: { zh: '年初随目标公布。', en: 'Published with the targets at the start of the year.' },
    row: TargetBaselineRowSchema,
    rows: (y) => y.target_baselines,
  },
  {
    name: 'progress-reports',
    title: { zh: '逐月进展报告', en: 'Monthly progress reports' },
    description: {
      zh: '各单位逐月报送的目标进展：已完成的报结果，推进中的报进度，滞后或未完成的报原因和整改措施；含报送期限、是否逾期，以及更正关系（更正不覆盖原报告）。',
      en: 'Each month\'s report on each target: the result when completed, the progress when on track, reasons and remedy when behind or not completed; with the due date, whether it was late, and corrections (which never overwrite the original).',
    },
    cadence: { zh: '每月，报送期限（次月规定日期）之后。', en: 'Monthly, after the reports are due (a fixed day of the following month).' },
    row: ProgressReportRowSchema,
    rows: (y) => y.progress_reports,
  },
  {
    name: 'supervision-records',
    title: { zh: '督查情况', en: 'Supervision findings' },
    description: {
      zh: '日常监控中公开的督查记录：月报告、季调度、半年检查、随机抽查、推进式和调研式督查、明查暗访，及其对日常监控得分的加减分。',
      en: 'Public findings of daily monitoring — monthly reports, quarterly dispatch, semi-annual inspection, random checks, push-style and research-style inspections, open and covert visits — with the points they add or take away.',
    },
    cadence: { zh: '随督查工作持续更新。', en: 'Continuously, as supervision takes place.' },
    row: SupervisionRecordRowSchema,
    rows: (y) => y.supervision_records,
  },
  {
    name: 'bulletins',
    title: { zh: '通报', en: 'Bulletins' },
    description: {
      zh: '考核办发布的月度、季度、半年和年度通报全文（Markdown），含更正通报及其更正关系。',
      en: 'The full text (Markdown) of the monthly, quarterly, semi-annual and annual bulletins of the assessment office, errata included and linked to what they correct.',
    },
    cadence: { zh: '每月通报；每季度、半年和年度另发通报。', en: 'Monthly, plus quarterly, semi-annual and annual bulletins.' },
    row: BulletinRowSchema,
    rows: (y) => y.bulletins,
  },
  {
    name: 'bulletin-figures',
    title: { zh: '通报数字', en: 'Bulletin figures' },
    description: {
      zh: '每期通报（含更正通报）所列数字，每行一个：目标状态及较上期增减、公开承诺、滞后较多的单位、未按时报送的单位和督查情况。通报只计入其数据截止时间（见通报数据集 cutoff_at）之前报送的进展报告，因此可用逐月进展报告和目标数据集复算（督查总数含未公开记录，除外）。',
      en: 'Every figure each bulletin (errata included) states, one per row: target status and its change, public commitments, the units most behind, units that did not report on time, and supervision. A bulletin counts only the progress reports filed before its cut-off (cutoff_at in the bulletins dataset), so its figures can be recomputed from the progress-reports and targets datasets (except the supervision totals, which include findings not made public).',
    },
    cadence: { zh: '随通报发布。', en: 'With each bulletin.' },
    row: BulletinFigureRowSchema,
    rows: (y) => y.bulletin_figures,
  },
  {
    name: 'annual-assessments',
    title: { zh: '年度考核结果', en: 'Annual assessment results' },
    description: {
      zh: '各单位年度考核结果（现行版本）：目标考核、群众测评（含样本量和95%误差）、日常监控、总分、组内名次、等次和结果运用。公开调查得分单独列出，不计入总分。干部个人考核结果不公开。',
      en: 'Each unit\'s published annual result (the version in force): target assessment, mass evaluation (with sample size and 95% margin), daily monitoring, total, rank in pool, grade and consequence. The open-survey score is shown apart and does not count. Individual cadres\' ratings are not public.',
    },
    cadence: { zh: '每年考核结果公布后；更正时发布新版本。', en: 'Once a year when the results are published; a correction publishes a new version.' },
    row: AnnualAssessmentRowSchema,
    rows: (y) => y.annual_assessments,
  },
  {
    name: 'annual-assessment-versions',
    title: { zh: '年度考核结果（全部版本）', en: 'Annual assessment results, every version' },
    description: {
      zh: '每个已发布的考核版本的结果，含已被更正的版本：列与年度考核结果相同，version 为版本号，published_at 为该版本的发布时间。每个版本另有固定网页 /assessment/<年度>/v<版本>/。已发布的版本不再改变。',
      en: 'The results of every published assessment version, superseded ones included: the columns of the annual results, with version and when that version was published. Each version also has its own page, /assessment/<year>/v<N>/, which never changes. A published version never changes.',
    },
    cadence: { zh: '每次发布考核结果或更正版本时增加。', en: 'Grows with each published result or corrected version.' },
    row: AnnualAssessmentRowSchema,
    rows: (y) => y.annual_assessment_versions,
  },
  {
    name: 'assessment-rules',
    title: { zh: '考核规则', en: 'Assessment rules' },
    description: {
      zh: '当年考核使用的全部常数和规则：三部分权重、缺少群众测评时的权重分配、取整和并列规则、优秀和末位名额、合格与良好分数线、结果运用、定量目标上限、定性目标得分、日常监控基础分、测评群体权重和最低样本量、评分换算和误差公式。与计算读取同一行数据。',
      en: 'Every constant and rule of the year\'s assessment: the weights of the three parts and how they are shared when there is no mass score, rounding and ties, the excellent and bottom counts, pass and good scores, consequences, the cap of quantitative targets, the points of qualitative ones, the monitoring base, respondent-group weights and minimum sample, the rating scale and the margin formula. Read from the same row the computation reads.',
    },
    cadence: { zh: '年初确定；考核公布后不再改变。', en: 'Set at the start of the year; unchanged once the assessment is published.' },
    row: AssessmentRulesRowSchema,
    rows: (y) => y.assessment_rules,
  },
  {
    name: 'assessment-target-scores',
    title: { zh: '目标考核得分明细', en: 'Target assessment scores' },
    description: {
      zh: '现行考核版本中每项目标的年终状态、计分方式、完成度得分、分值和失分；分解目标按下级目标汇总。各单位目标考核得分由一级目标按分值加权得出，可据此复核。',
      en: 'How every target scored in the assessment version in force: final status, basis, achievement, points and points lost; a decomposed target rolls up from its sub-targets. Each unit\'s target score is the points-weighted mean of its top-level targets, so it can be recomputed from this file.',
    },
    cadence: { zh: '每年考核结果公布后；更正时随新版本更新。', en: 'When the year\'s results are published; with each corrected version.' },
    row: AssessmentTargetScoreRowSchema,
    rows: (y) => y.assessment_target_scores,
  },
  {
    name: 'mass-evaluation-groups',
    title: { zh: '群众测评分群体结果', en: 'Mass evaluation by respondent group' },
    description: {
      zh: '现行考核版本中各单位群众测评的分群体结果：有效问卷数、平均分、标准差、群体权重、是否计入及不计入原因。群众测评得分和误差由此计算。',
      en: 'Each unit\'s mass evaluation by respondent group in the version in force: responses, mean, standard deviation, the group\'s weight, and whether it counted (and why not). The mass score and its margin are computed from these.',
    },
    cadence: { zh: '每年考核结果公布后。', en: 'When the year\'s results are published.' },
    row: MassEvaluationGroupRowSchema,
    rows: (y) => y.mass_evaluation_groups,
  },
  {
    name: 'monitoring-inputs',
    title: { zh: '日常监控得分构成', en: 'Daily monitoring inputs' },
    description: {
      zh: '现行考核版本计入日常监控得分的督查记录，按单位和督查方式汇总：公开记录（逐条见督查情况数据集）和未公开记录的条数与加减分合计。基础分加全部加减分即为日常监控得分。',
      en: 'The supervision findings counted in the monitoring scores of the version in force, per unit and method: the public ones (each listed in supervision-records) and those not made public, as a count and summed score change. The base plus every change is the monitoring score.',
    },
    cadence: { zh: '每年考核结果公布后。', en: 'When the year\'s results are published.' },
    row: MonitoringInputRowSchema,
    rows: (y) => y.monitoring_inputs,
  },
  {
    name: 'survey-aggregates',
    title: { zh: '满意度测评汇总', en: 'Satisfaction survey aggregates' },
    description: {
      zh: '各次测评每道题的作答数、平均评分和1–5分分布，按答卷类别分行。受邀测评（panel，invitation）计入群众测评得分；公开调查（open）只作为社情民意公布，不计入得分，其中已验证答卷（verified，每个确认的联系方式一份）和快速答卷（quick，每个浏览器一份，未验证）分开统计。不含任何单份答卷。',
      en: 'For every survey question and kind of response: answers, mean rating and the 1–5 distribution. Panel surveys (invited respondents, kind invitation) feed the mass-evaluation score; open surveys are public sentiment and do not count, their verified answers (one per confirmed contact) and quick answers (one per browser, unverified) counted apart. No single response is published.',
    },
    cadence: { zh: '测评结束后更新。', en: 'After each survey closes.' },
    row: SurveyAggregateRowSchema,
    rows: (y) => y.survey_aggregates,
  },
  {
    name: 'hearing-draws',
    title: { zh: '听证会代表抽签', en: 'Hearing lotteries' },
    description: {
      zh: '每场听证会的公开抽签：报名编号、类别、所在区市、抽签键、顺序、结果和目前状态，以及复算所需的一切——报名开始前公布的种子承诺（SHA-256）及其公布时间、报名截止后公开的种子、名额和保留名额。抽签键为 sha256(种子 + ":" + 报名编号)，按键升序排序；先按顺序填满保留名额，再填其余名额。不含姓名，经本人同意的除外。',
      en: 'Every hearing\'s public lottery: public id, category, district, draw key, order, result and current status, with all a recomputation needs — the seed commitment (SHA-256) published before sign-ups opened and when, the seed revealed when they closed, seats and reserved seats. The key is sha256(seed + ":" + public id), ordered ascending; reserved seats are filled first in that order, then the rest. No names, except where their holders agreed.',
    },
    cadence: { zh: '每场听证会报名截止、抽签后；有人退出递补时更新目前状态。', en: 'When each hearing\'s sign-ups close and it is drawn; the current status changes when someone withdraws and the waitlist moves up.' },
    row: HearingDrawRowSchema,
    rows: (y) => y.hearing_draws,
  },
  {
    name: 'leader-reports',
    title: { zh: '领导半年报告', en: 'Leaders\' half-year reports' },
    description: {
      zh: '各单位市管领导干部每半年向分管市领导所作报告：报告对象、公开摘要、报送日期、应报日期（上半年7月31日前，下半年次年1月31日前）和是否逾期；已过应报日期而未公开报告的，列为未报送。',
      en: 'Each city-managed leader\'s report, twice a year, to the city leader in charge: to whom, the public summary, when it was submitted, when it was due (H1 by 31 July, H2 by 31 January of the next year) and whether it was late; a half year past its due date without a published report is listed as not submitted.',
    },
    cadence: { zh: '每半年：报告公开时更新；应报日期过后列出未报送的。', en: 'Twice a year: as reports are published, and when a due date passes without one.' },
    row: LeaderReportRowSchema,
    rows: (y) => y.leader_reports,
  },
  {
    name: 'accountability-cases',
    title: { zh: '问责案件', en: 'Accountability cases' },
    description: {
      zh: '已作出决定并公开的问责案件：案件编号、单位、问责依据（未完成的目标、督查发现或年度考核结果，可在相应数据集中查到）、立案日期、问责方式、决定日期、案情和决定摘要、公开时间。问责方式依《中国共产党问责条例》第八条和《关于实行党政领导干部问责的暂行规定》第七条。被问责人属人事信息，不予公开。',
      en: 'Accountability cases decided and published: case number, unit, basis (a target not met, a supervision finding or an annual assessment result, each found in its own dataset), date opened, measure, date decided, summaries of the case and decision, when published. The measures follow art. 8 of the CPC Accountability Regulations and art. 7 of the Interim Provisions on the Accountability of Party and Government Leaders. Who was held accountable is personnel information and is not published.',
    },
    cadence: { zh: '案件公开时更新；已公开的案件不再改动。', en: 'When a case is published; a published case never changes.' },
    row: AccountabilityCaseRowSchema,
    rows: (y) => y.accountability_cases,
  },
];

export function datasetByName(name: string): Dataset {
  const dataset = DATASETS.find((d) => d.name === name);
  if (!dataset) throw new Error(`unknown dataset ${name}`);
  return dataset;
}

const columnsCache = new Map<string, ColumnDoc[]>();
export function datasetColumns(dataset: Dataset): ColumnDoc[] {
  let columns = columnsCache.get(dataset.name);
  if (!columns) {
    columns = describeColumns(dataset.row);
    columnsCache.set(dataset.name, columns);
  }
  return columns;
}

/** A year has open data once it has published targets or bulletins. */
export function hasOpenData(year: OpenDataYear): boolean {
  return year.targets.length > 0 || year.bulletins.length > 0;
}
