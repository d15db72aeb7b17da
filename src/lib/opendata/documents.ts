/**
 * The documents of the static API and the JSON twins of the datasets, built from the open data
 * rows. Every builder validates its result against the schema it is published with (checked()).
 */
import { useOpenDataTranslations } from '../../i18n/opendata.ts';
import { paths } from '../site/paths.ts';
import type { ApiIndexDocument } from '../schemas/opendata/api-index.ts';
import type { BulletinsDocument } from '../schemas/opendata/api-bulletins.ts';
import type { BulletinDocument } from '../schemas/opendata/api-bulletin.ts';
import type { AssessmentVersionDocument } from '../schemas/opendata/api-assessment-version.ts';
import type { BulletinFigureRow } from './bulletin-figures.ts';
import type { TargetDocument } from '../schemas/opendata/api-target.ts';
import type { UnitDocument, UnitsDocument } from '../schemas/opendata/api-units.ts';
import type { YearSummaryDocument } from '../schemas/opendata/api-year-summary.ts';
import type { RpcsDocument } from '../schemas/opendata/api-rpcs.ts';
import type { CitizenRpcSignature } from '../schemas/citizen-rpc.ts';
import { rpcReferences } from './rpc-reference.ts';
import type { BulletinRow } from '../schemas/opendata/bulletins.ts';
import type { StatusCounts } from '../domain/progress.ts';
import { LICENCE, type Licence } from '../schemas/opendata/common.ts';
import type { ProgressReportRow } from '../schemas/opendata/progress-reports.ts';
import type { SupervisionRecordRow } from '../schemas/opendata/supervision-records.ts';
import type { TargetBaselineRow, TargetRow } from '../schemas/opendata/targets.ts';
import type { CadreRow, UnitRow } from '../schemas/opendata/units.ts';
import type { OpenDataYear } from '../schemas/opendata/year.ts';
import type { FlatRow } from './columns.ts';
import { DATASETS, hasOpenData, type Dataset } from './datasets.ts';
import { checked, datasetSchemaName, type Published } from './json-schema.ts';
import { later, latestChange } from './document-version.ts';
import { statusChanges } from './status-changes.ts';
import { absolute, openDataPaths } from './urls.ts';

export function licence(): Licence {
  const zh = useOpenDataTranslations('zh-CN')('licence.attribution');
  const en = useOpenDataTranslations('en')('licence.attribution');
  return { ...LICENCE, attribution: `${zh} / ${en}` };
}

function header(site: URL, schema: string) {
  return { $schema: absolute(site, openDataPaths.schema(schema)), licence: licence(), source: absolute(site, '/') };
}

function group<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function countStatus(targets: readonly Pick<TargetRow, 'status'>[]): StatusCounts {
  const counts: StatusCounts = { completed: 0, on_track: 0, behind: 0, not_completed: 0, no_report: 0 };
  for (const t of targets) counts[t.status]++;
  return counts;
}

/** Every year's rows, indexed once for the thousands of documents built from them. */
export interface OpenData {
  site: URL;
  /** Oldest first. */
  years: OpenDataYear[];
  /** Units as of the latest year, in the portal's order. */
  units: UnitRow[];
  cadres: Map<string, CadreRow[]>;
  targets: TargetRow[];
  targetById: Map<number, TargetRow>;
  children: Map<number, TargetRow[]>;
  targetsByUnit: Map<string, TargetRow[]>;
  baselines: Map<number, TargetBaselineRow[]>;
  reports: Map<number, ProgressReportRow[]>;
  reportsByUnit: Map<string, ProgressReportRow[]>;
  supervisionByUnit: Map<string, SupervisionRecordRow[]>;
  supervisionByTarget: Map<number, SupervisionRecordRow[]>;
  unitYears: Map<string, UnitRow[]>;
  /** Newest first. */
  bulletins: BulletinRow[];
  /** When any of the data last changed (the latest publication or filing time), or null when there is none. */
  latest: string | null;
  /** Each bulletin's figures and the ids of the reports they count, by slug. */
  bulletinFigures: Map<string, BulletinFigureRow[]>;
  bulletinReports: Map<string, number[]>;
}

const yearChanges = new WeakMap<OpenDataYear, string | null>();
/** When a year's data last changed: the latest publication or filing time among all its rows. */
export function yearChange(year: OpenDataYear): string | null {
  if (!yearChanges.has(year)) yearChanges.set(year, latestChange(year));
  return yearChanges.get(year)!;
}

export function indexOpenData(site: URL, years: readonly OpenDataYear[]): OpenData {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const latest = sorted.at(-1);
  const targets = sorted.flatMap((y) => y.targets);
  const reports = sorted.flatMap((y) => y.progress_reports);
  const supervision = sorted.flatMap((y) => y.supervision_records);
  return {
    site,
    years: sorted,
    units: latest?.units ?? [],
    cadres: group(latest?.cadres ?? [], (c) => c.unit_code),
    targets,
    targetById: new Map(targets.map((t) => [t.id, t])),
    children: group(targets.filter((t) => t.parent_id !== null), (t) => t.parent_id!),
    targetsByUnit: group(targets, (t) => t.unit_code),
    baselines: group(sorted.flatMap((y) => y.target_baselines), (b) => b.target_id),
    reports: group(reports, (r) => r.target_id),
    reportsByUnit: group(reports, (r) => r.unit_code),
    supervisionByUnit: group(supervision, (s) => s.unit_code),
    supervisionByTarget: group(supervision.filter((s) => s.target_id !== null), (s) => s.target_id!),
    unitYears: group(sorted.flatMap((y) => y.units), (u) => u.code),
    bulletins: sorted
      .flatMap((y) => y.bulletins)
      .sort((a, b) => b.published_at.localeCompare(a.published_at) || b.id - a.id),
    latest: sorted.map(yearChange).reduce(later, null),
    bulletinFigures: group(sorted.flatMap((y) => y.bulletin_figures), (f) => f.bulletin),
    bulletinReports: new Map(sorted.flatMap((y) => y.bulletin_reports.map((r) => [r.bulletin, r.report_ids] as const))),
  };
}

// -- Datasets ---------------------------------------------------------------------------------

export interface DatasetDocument {
  $schema: string;
  licence: Licence;
  source: string;
  dataset: string;
  year: number;
  csv: string;
  rows: FlatRow[];
}

export function datasetDocument(site: URL, year: OpenDataYear, dataset: Dataset): Published<DatasetDocument> {
  return checked(datasetSchemaName(dataset.name), {
    ...header(site, datasetSchemaName(dataset.name)),
    dataset: dataset.name,
    year: year.year,
    csv: absolute(site, openDataPaths.dataset(year.year, dataset.name, 'csv')),
    rows: dataset.rows(year),
  }, yearChange(year));
}

/** The years that have datasets to download, newest first. */
export function openYears(data: OpenData): OpenDataYear[] {
  return data.years.filter(hasOpenData).reverse();
}

// -- API documents ----------------------------------------------------------------------------

export function unitsDocument(data: OpenData): Published<UnitsDocument> {
  const { site } = data;
  return checked('units', {
    ...header(site, 'units'),
    units: data.units.map((u) => ({
      code: u.code,
      name: u.name,
      name_en: u.name_en,
      kind: u.kind,
      sector: u.sector,
      url: absolute(site, paths.unit('zh-CN', u.code)),
      url_en: absolute(site, paths.unit('en', u.code)),
      api_url: absolute(site, openDataPaths.apiUnit(u.code)),
      feed_url: absolute(site, openDataPaths.unitFeed('zh-CN', u.code)),
    })),
  }, data.latest);
}

export function unitDocument(data: OpenData, unit: UnitRow): Published<UnitDocument> {
  const { site } = data;
  const targets = data.targetsByUnit.get(unit.code) ?? [];
  const byYear = group(targets, (t) => t.year);
  return checked('unit', {
    ...header(site, 'unit'),
    code: unit.code,
    name: unit.name,
    name_en: unit.name_en,
    kind: unit.kind,
    sector: unit.sector,
    url: absolute(site, paths.unit('zh-CN', unit.code)),
    url_en: absolute(site, paths.unit('en', unit.code)),
    api_url: absolute(site, openDataPaths.apiUnit(unit.code)),
    feed_url: absolute(site, openDataPaths.unitFeed('zh-CN', unit.code)),
    feed_url_en: absolute(site, openDataPaths.unitFeed('en', unit.code)),
    leadership: (data.cadres.get(unit.code) ?? []).map((c) => ({ name: c.name, title: c.title, title_en: c.title_en, is_principal: c.is_principal })),
    years: (data.unitYears.get(unit.code) ?? [])
      .filter((u) => u.targets > 0)
      .map((u) => ({
        year: u.year,
        targets: u.targets,
        public_commitments: u.public_commitments,
        points: u.points,
        by_status: countStatus(byYear.get(u.year) ?? []),
      })),
    targets: targets.map((t) => ({
      id: t.id,
      code: t.code,
      year: t.year,
      parent_id: t.parent_id,
      title: t.title,
      title_en: t.title_en,
      category: t.category,
      weight: t.weight,
      deadline: t.deadline,
      is_public_commitment: t.is_public_commitment,
      status: t.status,
      progress_pct: t.progress_pct,
      api_url: absolute(site, openDataPaths.apiTarget(t.id)),
      url: absolute(site, paths.target('zh-CN', t.id)),
    })),
    supervision_records: (data.supervisionByUnit.get(unit.code) ?? []).map((s) => ({
      id: s.id,
      ref: s.ref,
      year: s.year,
      method: s.method,
      conducted_on: s.conducted_on,
      target_id: s.target_id,
      finding: s.finding,
      finding_en: s.finding_en,
      score_delta: s.score_delta,
    })),
    status_changes: statusChanges(data.reportsByUnit.get(unit.code) ?? []),
  }, data.latest);
}

function targetRef(data: OpenData, t: TargetRow) {
  return { id: t.id, code: t.code, title: t.title, title_en: t.title_en, status: t.status, api_url: absolute(data.site, openDataPaths.apiTarget(t.id)) };
}

export function targetDocument(data: OpenData, t: TargetRow): Published<TargetDocument> {
  const { site } = data;
  const parent = t.parent_id === null ? undefined : data.targetById.get(t.parent_id);
  const unit = data.unitYears.get(t.unit_code)?.find((u) => u.year === t.year);
  return checked('target', {
    ...header(site, 'target'),
    id: t.id,
    code: t.code,
    year: t.year,
    title: t.title,
    title_en: t.title_en,
    description: t.description,
    url: absolute(site, paths.target('zh-CN', t.id)),
    url_en: absolute(site, paths.target('en', t.id)),
    unit: {
      code: t.unit_code,
      name: t.unit_name,
      name_en: t.unit_name_en,
      kind: unit?.kind ?? 'municipal_unit',
      api_url: absolute(site, openDataPaths.apiUnit(t.unit_code)),
    },
    indicator: {
      code: t.indicator_code,
      name: t.indicator_name,
      name_en: t.indicator_name_en,
      category: t.category,
      direction: t.direction,
      measure: t.measure,
      measure_en: t.measure_en,
    },
    target_value: t.target_value,
    weight: t.weight,
    deadline: t.deadline,
    quality_requirement: t.quality_requirement,
    is_public_commitment: t.is_public_commitment,
    commitment_text: t.commitment_text,
    responsibility: {
      leader: t.responsible_leader === null ? null : { name: t.responsible_leader, title: t.responsible_leader_title, title_en: t.responsible_leader_title_en },
      department: t.responsible_department,
      person: t.responsible_person,
    },
    status: t.status,
    status_period: t.status_period,
    progress_pct: t.progress_pct,
    published_at: t.published_at,
    parent: parent ? targetRef(data, parent) : null,
    children: (data.children.get(t.id) ?? []).map((c) => targetRef(data, c)),
    baselines: (data.baselines.get(t.id) ?? []).map((b) => ({ kind: b.kind, year: b.baseline_year, peer_name: b.peer_name, value: b.value, note: b.note })),
    reports: (data.reports.get(t.id) ?? []).map((r) => ({
      id: r.id,
      period: r.period,
      status: r.status,
      actual_value: r.actual_value,
      progress_pct: r.progress_pct,
      result_text: r.result_text,
      progress_text: r.progress_text,
      reasons_text: r.reasons_text,
      remedy_text: r.remedy_text,
      supersedes_id: r.supersedes_id,
      correction_reason: r.correction_reason,
      superseded_by_id: r.superseded_by_id,
      in_force: r.in_force,
      reported_at: r.reported_at,
      due_on: r.due_on,
      is_late: r.is_late,
    })),
    supervision_records: (data.supervisionByTarget.get(t.id) ?? []).map((s) => ({
      id: s.id,
      ref: s.ref,
      method: s.method,
      conducted_on: s.conducted_on,
      finding: s.finding,
      finding_en: s.finding_en,
      score_delta: s.score_delta,
    })),
  }, data.latest);
}

export function yearSummaryDocument(data: OpenData, year: OpenDataYear): Published<YearSummaryDocument> {
  const { site } = data;
  const byUnit = group(year.targets, (t) => t.unit_code);
  const commitments = year.targets.filter((t) => t.is_public_commitment);
  const periods = year.targets.map((t) => t.status_period).filter((p): p is string => p !== null).sort();
  const methods: Record<string, number> = {};
  for (const s of year.supervision_records) methods[s.method] = (methods[s.method] ?? 0) + 1;
  return checked('year-summary', {
    ...header(site, 'year-summary'),
    year: year.year,
    status: year.status,
    as_of_period: periods.at(-1) ?? null,
    targets: year.targets.length,
    by_status: countStatus(year.targets),
    commitments: {
      total: commitments.length,
      completed: commitments.filter((t) => t.status === 'completed').length,
      at_risk: commitments.filter((t) => t.status === 'behind' || t.status === 'not_completed').length,
    },
    units: year.units.map((u) => ({
      code: u.code,
      name: u.name,
      name_en: u.name_en,
      kind: u.kind,
      targets: u.targets,
      by_status: countStatus(byUnit.get(u.code) ?? []),
      api_url: absolute(site, openDataPaths.apiUnit(u.code)),
    })),
    supervision: {
      public_records: year.supervision_records.length,
      by_method: methods,
      score_delta_total: Math.round(year.supervision_records.reduce((sum, s) => sum + s.score_delta, 0) * 100) / 100,
    },
    bulletins: year.bulletins.map((b) => ({
      slug: b.slug,
      kind: b.kind,
      period: b.period,
      title: b.title,
      title_en: b.title_en,
      published_at: b.published_at,
      url: absolute(site, paths.bulletin('zh-CN', b.slug)),
      url_en: absolute(site, paths.bulletin('en', b.slug)),
    })),
    datasets: hasOpenData(year)
      ? DATASETS.map((d) => ({
          name: d.name,
          rows: d.rows(year).length,
          csv_url: absolute(site, openDataPaths.dataset(year.year, d.name, 'csv')),
          json_url: absolute(site, openDataPaths.dataset(year.year, d.name, 'json')),
          schema_url: absolute(site, openDataPaths.schema(datasetSchemaName(d.name))),
        }))
      : [],
  }, yearChange(year));
}

export function bulletinsDocument(data: OpenData): Published<BulletinsDocument> {
  const { site } = data;
  return checked('bulletins', {
    ...header(site, 'bulletins'),
    rss_url: absolute(site, openDataPaths.bulletinsRss('zh-CN')),
    json_feed_url: absolute(site, openDataPaths.bulletinsJsonFeed('zh-CN')),
    bulletins: data.bulletins.map((b) => ({
      ...b,
      url: absolute(site, paths.bulletin('zh-CN', b.slug)),
      url_en: absolute(site, paths.bulletin('en', b.slug)),
    })),
  }, data.latest);
}

/** A bulletin's snapshot: the bulletin, its figures and the reports they count, all fixed at publication. */
export function bulletinDocument(data: OpenData, b: BulletinRow): Published<BulletinDocument> {
  const { site } = data;
  return checked('bulletin', {
    ...header(site, 'bulletin'),
    bulletin: { ...b, url: absolute(site, paths.bulletin('zh-CN', b.slug)), url_en: absolute(site, paths.bulletin('en', b.slug)) },
    figures: data.bulletinFigures.get(b.slug) ?? [],
    counted_report_ids: data.bulletinReports.get(b.slug) ?? [],
    progress_reports_url: absolute(site, openDataPaths.dataset(b.year, 'progress-reports', 'json')),
    targets_url: absolute(site, openDataPaths.dataset(b.year, 'targets', 'json')),
  }, b.published_at);
}

/** Every published assessment version, as year and version. */
export function assessmentVersions(data: OpenData): { year: number; version: number }[] {
  return data.years.flatMap((y) => [...new Set(y.annual_assessment_versions.map((r) => r.version))].map((version) => ({ year: y.year, version })));
}

/** One assessment version's results, unchanged once published. */
export function assessmentVersionDocument(data: OpenData, year: number, version: number): Published<AssessmentVersionDocument> | undefined {
  const rows = data.years.find((y) => y.year === year)?.annual_assessment_versions.filter((r) => r.version === version) ?? [];
  const first = rows[0];
  if (!first) return undefined;
  const { site } = data;
  return checked('assessment-version', {
    ...header(site, 'assessment-version'),
    year,
    assessment_version: version,
    published_at: first.published_at,
    correction_reason: first.correction_reason,
    url: absolute(site, paths.assessmentVersion('zh-CN', year, version)),
    rows,
  }, first.published_at);
}

/** The API documents, in the order the index and the documentation list them. */
export const API_DOCUMENTS = [
  { name: 'index', template: openDataPaths.apiIndex() },
  { name: 'units', template: openDataPaths.apiUnits() },
  { name: 'unit', template: '/api/v1/units/{code}.json' },
  { name: 'target', template: '/api/v1/targets/{id}.json' },
  { name: 'year-summary', template: '/api/v1/years/{year}/summary.json' },
  { name: 'bulletins', template: openDataPaths.apiBulletins() },
  { name: 'bulletin', template: '/api/v1/bulletins/{slug}.json' },
  { name: 'assessment-version', template: '/api/v1/assessments/{year}/v{version}.json' },
  { name: 'rpcs', template: openDataPaths.apiRpcs() },
] as const;

export function apiIndexDocument(data: OpenData): Published<ApiIndexDocument> {
  const { site } = data;
  const t = useOpenDataTranslations('en');
  const zh = useOpenDataTranslations('zh-CN');
  return checked('index', {
    ...header(site, 'index'),
    documentation: absolute(site, openDataPaths.apiPage('en')),
    documents: API_DOCUMENTS.map((d) => ({
      name: d.name,
      url_template: absolute(site, d.template).replace(/%7B/g, '{').replace(/%7D/g, '}'),
      schema_url: absolute(site, openDataPaths.schema(d.name)),
      description: t(`api.doc.${d.name}`),
    })),
    datasets: DATASETS.map((d) => ({
      name: d.name,
      title: d.title.en,
      schema_url: absolute(site, openDataPaths.schema(datasetSchemaName(d.name))),
      years: openYears(data).map((y) => ({
        year: y.year,
        rows: d.rows(y).length,
        csv_url: absolute(site, openDataPaths.dataset(y.year, d.name, 'csv')),
        json_url: absolute(site, openDataPaths.dataset(y.year, d.name, 'json')),
      })),
    })),
    feeds: [
      { title: zh('feed.bulletins.title'), url: absolute(site, openDataPaths.bulletinsRss('zh-CN')), format: 'rss' as const },
      { title: t('feed.bulletins.title'), url: absolute(site, openDataPaths.bulletinsRss('en')), format: 'rss' as const },
      { title: zh('feed.bulletins.title'), url: absolute(site, openDataPaths.bulletinsJsonFeed('zh-CN')), format: 'json_feed' as const },
      { title: t('feed.bulletins.title'), url: absolute(site, openDataPaths.bulletinsJsonFeed('en')), format: 'json_feed' as const },
    ],
  }, data.latest);
}

/**
 * The citizen RPCs (rpc-reference.ts). generated_at is null: the reference changes with the code
 * and the migrations, not with the published data.
 */
export function rpcsDocument(site: URL, signatures: readonly CitizenRpcSignature[], endpoint: string): Published<RpcsDocument> {
  return checked('rpcs', {
    ...header(site, 'rpcs'),
    documentation: absolute(site, `${openDataPaths.apiPage('en')}#citizen-rpcs`),
    endpoint,
    rpcs: rpcReferences(signatures, endpoint),
  }, null);
}
