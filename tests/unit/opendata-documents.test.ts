/**
 * The open data documents built from a small hand-made year: status changes, the API documents,
 * the published JSON Schemas, the feeds, and CSV files that read back to their JSON twins' rows.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/opendata/csv.ts';
import { checkVersion, statedGeneratedAt, withVersion } from '../../src/lib/opendata/document-version.ts';
import { readCsv } from '../../src/lib/opendata/csv-read.ts';
import { propertyType } from '../../src/lib/opendata/columns.ts';
import { DATASETS, datasetByName, datasetColumns } from '../../src/lib/opendata/datasets.ts';
import {
  apiIndexDocument, bulletinsDocument, datasetDocument, indexOpenData, targetDocument, unitDocument, unitsDocument,
  yearChange, yearSummaryDocument,
} from '../../src/lib/opendata/documents.ts';
import { bulletinsJsonFeed, bulletinsRss, unitRss } from '../../src/lib/opendata/feeds.ts';
import { datasetSchemaName, publishedSchema, SCHEMAS } from '../../src/lib/opendata/json-schema.ts';
import { statusChanges } from '../../src/lib/opendata/status-changes.ts';
import { OpenDataYearSchema, type OpenDataYear } from '../../src/lib/schemas/opendata/year.ts';

const site = new URL('https://gongshi.example/');

const unit = (code: string, name: string, kind: 'municipal_unit' | 'district', targets: number) => ({
  year: 2026, code, name, name_en: null, kind, sector: 'economy', principal_leader: '王甲', principal_leader_title: '主要负责人',
  principal_leader_title_en: 'Principal leader', targets, public_commitments: code === 'A01' ? 1 : 0, points: 20,
});
const target = (id: number, code: string, unitCode: string, status: string, extra: Record<string, unknown> = {}) => ({
  id, code, year: 2026, unit_code: unitCode, unit_name: unitCode === 'A01' ? '测试局' : '测试区', unit_name_en: null,
  parent_id: null, parent_code: null, indicator_code: 'EC-1', indicator_name: '增加值', indicator_name_en: 'Value added',
  category: 'economic_scale', direction: 'higher', measure: '亿元', measure_en: '100M yuan', title: `目标${id}`, title_en: null,
  description: null, target_value: 100, weight: 10, deadline: '2026-12-31', quality_requirement: null, is_public_commitment: false,
  commitment_text: null, responsible_leader: '李乙', responsible_leader_title: '副职负责人', responsible_leader_title_en: null,
  responsible_department: '综合处', responsible_person: '赵丁', status, status_period: '2026-03', progress_pct: 30,
  published_at: '2026-02-01T02:00:00Z', ...extra,
});
const report = (id: number, targetId: number, period: string, status: string, reportedAt: string, extra: Record<string, unknown> = {}) => ({
  id, target_id: targetId, target_code: `T${targetId}`, unit_code: targetId === 3 ? 'B01' : 'A01', year: 2026, period, status,
  actual_value: null, progress_pct: 10, result_text: status === 'completed' ? '完成' : null,
  progress_text: status === 'on_track' ? '推进中，"按计划"' : null,
  reasons_text: status === 'behind' || status === 'not_completed' ? '资金未到位,\n需协调' : null,
  remedy_text: status === 'behind' || status === 'not_completed' ? '加快推进' : null,
  supersedes_id: null, correction_reason: null, superseded_by_id: null, in_force: true,
  reported_at: reportedAt, due_on: '2026-02-05', is_late: false, ...extra,
});

const year: OpenDataYear = OpenDataYearSchema.parse({
  year: 2026,
  status: 'active',
  units: [unit('A01', '测试局', 'municipal_unit', 2), unit('B01', '测试区', 'district', 1)],
  cadres: [{ unit_code: 'A01', name: '王甲', title: '主要负责人', title_en: 'Principal leader', is_principal: true }],
  targets: [
    target(1, 'T1', 'A01', 'completed', { is_public_commitment: true, commitment_text: '年底前完成' }),
    target(2, 'T2', 'A01', 'on_track', { parent_id: 1, parent_code: 'T1', target_value: null, title_en: 'Sub-target' }),
    target(3, 'T3', 'B01', 'behind'),
  ],
  target_baselines: [
    { target_id: 1, target_code: 'T1', year: 2026, kind: 'vertical', baseline_year: 2025, peer_name: null, value: 90, note: null },
    { target_id: 1, target_code: 'T1', year: 2026, kind: 'horizontal', baseline_year: null, peer_name: '某市', value: 95.5, note: '' },
  ],
  progress_reports: [
    report(11, 1, '2026-01', 'on_track', '2026-02-03T02:00:00Z'),
    // February's first report was corrected: the correction (13) is the one in force.
    report(12, 1, '2026-02', 'on_track', '2026-03-03T02:00:00Z', { in_force: false, superseded_by_id: 13 }),
    report(13, 1, '2026-02', 'behind', '2026-03-20T02:00:00Z', { supersedes_id: 12, correction_reason: '数据有误' }),
    report(14, 1, '2026-03', 'completed', '2026-04-02T02:00:00Z'),
    report(21, 2, '2026-01', 'on_track', '2026-02-03T02:00:00Z'),
    report(22, 2, '2026-02', 'on_track', '2026-03-04T02:00:00Z'),
    report(31, 3, '2026-02', 'behind', '2026-03-09T02:00:00Z', { is_late: true }),
  ],
  supervision_records: [
    { id: 5, ref: 'DC-2026-001', year: 2026, unit_code: 'A01', unit_name: '测试局', unit_name_en: null, target_id: 1, target_code: 'T1',
      method: 'random_check', conducted_on: '2026-02-10', finding: '台账不全', finding_en: null, score_delta: -1.5 },
  ],
  bulletins: [
    { id: 2, slug: 'monthly-2026-02-r2', kind: 'monthly', period: '2026-02', year: 2026, title: '2月通报（更正）', title_en: null,
      summary: '更正', summary_en: null, body: '## 一\n\n正文', body_en: null, published_at: '2026-03-25T02:00:00Z',
      cutoff_at: '2026-03-25T01:00:00Z', supersedes_slug: 'monthly-2026-02', superseded_by_slug: null, correction_reason: '数据有误' },
    { id: 1, slug: 'monthly-2026-02', kind: 'monthly', period: '2026-02', year: 2026, title: '2月通报', title_en: 'February bulletin',
      summary: '摘要', summary_en: 'Summary', body: '## 一\n\n正文', body_en: '## One\n\nText', published_at: '2026-03-10T02:00:00Z',
      cutoff_at: '2026-03-10T02:00:00Z', supersedes_slug: null, superseded_by_slug: 'monthly-2026-02-r2', correction_reason: null },
  ],
  bulletin_figures: [],
  bulletin_reports: [],
  annual_assessments: [],
  annual_assessment_versions: [],
  assessment_rules: [],
  assessment_target_scores: [],
  mass_evaluation_groups: [],
  monitoring_inputs: [],
  survey_aggregates: [],
  hearing_draws: [],
  leader_reports: [],
  accountability_cases: [],
});
const empty: OpenDataYear = { ...year, year: 2025, status: 'closed', units: [], targets: [], target_baselines: [], progress_reports: [], supervision_records: [], bulletins: [] };
const data = indexOpenData(site, [year, empty]);

describe('statusChanges', () => {
  it('lists each report in force whose status differs from the previous one of its target, newest first', () => {
    expect(statusChanges(year.progress_reports)).toEqual([
      { report_id: 14, target_id: 1, target_code: 'T1', period: '2026-03', from: 'behind', to: 'completed', reported_at: '2026-04-02T02:00:00Z' },
      { report_id: 13, target_id: 1, target_code: 'T1', period: '2026-02', from: 'on_track', to: 'behind', reported_at: '2026-03-20T02:00:00Z' },
    ]);
  });

  it('ignores first reports, unchanged statuses and superseded reports', () => {
    const [jan, feb] = [year.progress_reports[0]!, year.progress_reports[1]!];
    expect(statusChanges([jan])).toEqual([]);
    expect(statusChanges([jan, feb])).toEqual([]);
    expect(statusChanges([{ ...feb, in_force: true, status: 'behind' }, jan])).toHaveLength(1);
  });
});

describe('published JSON Schemas', () => {
  it('are draft 2020-12 documents identified by their address, one per API document and dataset', () => {
    expect(Object.keys(SCHEMAS)).toEqual([
      'index', 'units', 'unit', 'target', 'year-summary', 'bulletins', 'bulletin', 'assessment-version', 'rpcs', ...DATASETS.map((d) => datasetSchemaName(d.name)),
    ]);
    for (const name of Object.keys(SCHEMAS)) {
      const schema = publishedSchema(name, site);
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema['$id']).toBe(`https://gongshi.example/api/v1/schemas/${name}.schema.json`);
      expect(schema['type']).toBe('object');
      expect(typeof schema['title']).toBe('string');
      expect(schema['additionalProperties']).toBe(false);
    }
  });

  it("a dataset schema's row properties are the dataset's columns, with the same descriptions", () => {
    for (const dataset of DATASETS) {
      const schema = publishedSchema(datasetSchemaName(dataset.name), site) as {
        properties: { rows: { items: { properties: Record<string, { description?: string }> } } };
      };
      const properties = schema.properties.rows.items.properties;
      expect(Object.keys(properties)).toEqual(datasetColumns(dataset).map((c) => c.name));
      for (const c of datasetColumns(dataset)) expect(properties[c.name]!.description).toBe(c.en);
    }
  });
});

describe('datasets', () => {
  it('each CSV file reads back, typed by the published schema, to the rows of its JSON twin', () => {
    for (const dataset of DATASETS) {
      const document = datasetDocument(site, year, dataset);
      const schema = publishedSchema(datasetSchemaName(dataset.name), site) as {
        properties: { rows: { items: { properties: Record<string, Parameters<typeof propertyType>[0]> } } };
      };
      const types = Object.fromEntries(Object.entries(schema.properties.rows.items.properties).map(([k, v]) => [k, propertyType(v)]));
      const csv = toCsv(datasetColumns(dataset).map((c) => c.name), dataset.rows(year));
      expect(readCsv(csv, types).rows, dataset.name).toEqual(document.rows);
      expect(document.csv).toBe(`https://gongshi.example/data/2026/${dataset.name}.csv`);
    }
  });

  it('each document states its version, which its published bytes give; the same data gives the same version', () => {
    const text = JSON.stringify(datasetDocument(site, year, DATASETS[1]!));
    const version = checkVersion(text)!;
    expect(version.stated).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(version.computed).toBe(version.stated);
    expect(JSON.stringify(datasetDocument(site, year, DATASETS[1]!))).toBe(text);
    const changed = { ...year, targets: year.targets.map((t, i) => (i === 0 ? { ...t, weight: t.weight + 1 } : t)) };
    expect(checkVersion(JSON.stringify(datasetDocument(site, changed, DATASETS[1]!)))!.stated).not.toBe(version.stated);
  });

  it('a document cannot carry a "version" member of its own (it would take the place of the content hash)', () => {
    expect(() => withVersion({ year: 2025, version: 2 })).toThrow(/must not have its own "version"/);
    expect(checkVersion(JSON.stringify(withVersion({ year: 2025, assessment_version: 2 })))).toMatchObject({ computed: expect.stringMatching(/^sha256:/) as string });
  });

  it('each document states when its data last changed, from the data alone, just before its version', () => {
    const reports = datasetDocument(site, year, datasetByName('progress-reports'));
    // The latest filing among its rows: the February correction.
    expect(reports.generated_at).toBe('2026-04-02T02:00:00Z');
    expect(statedGeneratedAt(JSON.stringify(reports))).toBe('2026-04-02T02:00:00Z');
    expect(Object.keys(reports).slice(-2)).toEqual(['generated_at', 'version']);
    // Units record no publication time of their own: the year's latest change stands for them.
    expect(datasetDocument(site, year, datasetByName('units')).generated_at).toBe(yearChange(year));
    expect(yearChange(year)).toBe('2026-04-02T02:00:00Z');
    expect(bulletinsDocument(data).generated_at).toBe('2026-03-25T02:00:00Z');
    expect(apiIndexDocument(data).generated_at).toBe(data.latest);
    expect(datasetDocument(site, empty, datasetByName('units')).generated_at).toBeNull();
  });

  it('rows hold only the declared columns: a row with an extra field fails the build', () => {
    const leaky: OpenDataYear = { ...year, units: [{ ...year.units[0]!, contact: '13800000000' } as never] };
    expect(() => datasetDocument(site, leaky, DATASETS[0]!)).toThrow(/does not match its schema/);
  });
});

describe('API documents', () => {
  it('units.json lists every unit with its links', () => {
    const doc = unitsDocument(data);
    expect(doc.$schema).toBe('https://gongshi.example/api/v1/schemas/units.schema.json');
    expect(doc.licence).toMatchObject({ name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(doc.units.map((u) => [u.code, u.api_url, u.feed_url])).toEqual([
      ['A01', 'https://gongshi.example/api/v1/units/A01.json', 'https://gongshi.example/units/A01/feed.xml'],
      ['B01', 'https://gongshi.example/api/v1/units/B01.json', 'https://gongshi.example/units/B01/feed.xml'],
    ]);
  });

  it("a unit's document counts its targets by status and lists its status changes", () => {
    const doc = unitDocument(data, data.units[0]!);
    expect(doc.years).toEqual([
      { year: 2026, targets: 2, public_commitments: 1, points: 20, by_status: { completed: 1, on_track: 1, behind: 0, not_completed: 0, no_report: 0 } },
    ]);
    expect(doc.targets.map((t) => t.id)).toEqual([1, 2]);
    expect(doc.leadership).toEqual([{ name: '王甲', title: '主要负责人', title_en: 'Principal leader', is_principal: true }]);
    expect(doc.status_changes.map((c) => c.report_id)).toEqual([14, 13]);
    expect(doc.supervision_records.map((s) => s.ref)).toEqual(['DC-2026-001']);
  });

  it("a target's document has its responsibility chain, decomposition, baselines and every report", () => {
    const doc = targetDocument(data, data.targetById.get(1)!);
    expect(doc.responsibility).toEqual({ leader: { name: '李乙', title: '副职负责人', title_en: null }, department: '综合处', person: '赵丁' });
    expect(doc.children.map((c) => c.api_url)).toEqual(['https://gongshi.example/api/v1/targets/2.json']);
    expect(doc.parent).toBeNull();
    expect(doc.baselines).toHaveLength(2);
    expect(doc.reports.map((r) => [r.id, r.in_force])).toEqual([[11, true], [12, false], [13, true], [14, true]]);
    expect(targetDocument(data, data.targetById.get(2)!).parent).toMatchObject({ id: 1, code: 'T1' });
  });

  it('a year summary adds up and links its datasets; a year without data has none', () => {
    const doc = yearSummaryDocument(data, year);
    expect(doc.targets).toBe(3);
    expect(doc.by_status).toEqual({ completed: 1, on_track: 1, behind: 1, not_completed: 0, no_report: 0 });
    expect(doc.commitments).toEqual({ total: 1, completed: 1, at_risk: 0 });
    expect(doc.as_of_period).toBe('2026-03');
    expect(doc.supervision).toEqual({ public_records: 1, by_method: { random_check: 1 }, score_delta_total: -1.5 });
    expect(doc.datasets.map((d) => d.name)).toEqual(DATASETS.map((d) => d.name));
    // The rows of the hand-made year above (progress reports: the superseded one too).
    expect(Object.fromEntries(doc.datasets.map((d) => [d.name, d.rows]))).toMatchObject({
      units: 2, targets: 3, 'target-baselines': 2, 'progress-reports': 7, 'supervision-records': 1, bulletins: 2, 'annual-assessments': 0,
    });
    expect(yearSummaryDocument(data, empty).datasets).toEqual([]);
  });

  it('bulletins.json and the index list bulletins newest first and only years with data', () => {
    expect(bulletinsDocument(data).bulletins.map((b) => b.slug)).toEqual(['monthly-2026-02-r2', 'monthly-2026-02']);
    const index = apiIndexDocument(data);
    expect(index.documents.map((d) => d.url_template)).toContain('https://gongshi.example/api/v1/targets/{id}.json');
    expect(index.datasets[0]!.years.map((y) => y.year)).toEqual([2026]);
  });
});

describe('feeds', () => {
  it('bulletin feeds are newest first; an erratum says what it corrects', () => {
    const json = bulletinsJsonFeed(data, 'en');
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.map((i) => i.id)).toEqual([
      'https://gongshi.example/en/bulletins/monthly-2026-02-r2/',
      'https://gongshi.example/en/bulletins/monthly-2026-02/',
    ]);
    expect(json.items[0]!.content_html).toContain('This bulletin corrects &quot;February bulletin&quot;: 数据有误');
    expect(json.items[1]).toMatchObject({ title: 'February bulletin', language: 'en' });
    const rss = bulletinsRss(data, 'zh-CN');
    expect(rss.site).toBe('https://gongshi.example/bulletins/');
    expect(Array.isArray(rss.items) && rss.items.map((i) => i.link)).toEqual([
      'https://gongshi.example/bulletins/monthly-2026-02-r2/',
      'https://gongshi.example/bulletins/monthly-2026-02/',
    ]);
  });

  it("a unit's feed has one item per status change, each with its own link", () => {
    const rss = unitRss(data, data.units[0]!, 'zh-CN');
    const items = Array.isArray(rss.items) ? rss.items : [];
    expect(items.map((i) => i.title)).toEqual(['目标1：滞后 → 已完成（2026年3月）', '目标1：按进度推进 → 滞后（2026年2月）']);
    expect(items.map((i) => i.link)).toEqual([
      'https://gongshi.example/targets/1/#report-14',
      'https://gongshi.example/targets/1/#report-13',
    ]);
    expect(unitRss(data, data.units[1]!, 'en').items).toEqual([]);
  });
});
