/**
 * The pure parts of the journalist path (issue 16): which bulletin is the latest, a bulletin's
 * figures as CSV rows, anchors and unit links in a bulletin, the lead shown once, and the
 * /targets/ index's per-unit counts and code addresses.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { latestPeriodBulletin, newestPublication, periodEnd } from '../../src/lib/bulletins/latest.ts';
import { renderBulletinMarkdown, withoutLead } from '../../src/lib/bulletins/markdown.ts';
import { renderBulletin } from '../../src/lib/bulletins/render.ts';
import { bulletinFigureColumns, bulletinFigureRows } from '../../src/lib/opendata/bulletin-figures.ts';
import { toCsv } from '../../src/lib/opendata/csv.ts';
import type { PeriodFigures } from '../../src/lib/schemas/period-figures.ts';
import { targetCodePath, unitTargetCounts } from '../../src/lib/site/targets-index.ts';

type Kind = 'monthly' | 'quarterly' | 'semiannual' | 'annual';
const b = (kind: Kind, period: string, published_at: string, superseded_by: unknown = null) => ({
  slug: `${kind}-${period.toLowerCase()}`,
  kind,
  period,
  published_at,
  superseded_by,
});

describe('periodEnd', () => {
  it('gives the last month of every kind of period', () => {
    expect(periodEnd('monthly', '2026-10')).toBe('2026-10');
    expect(periodEnd('quarterly', '2026-Q1')).toBe('2026-03');
    expect(periodEnd('quarterly', '2026-Q4')).toBe('2026-12');
    expect(periodEnd('semiannual', '2026-H1')).toBe('2026-06');
    expect(periodEnd('semiannual', '2026-H2')).toBe('2026-12');
    expect(periodEnd('annual', '2025')).toBe('2025-12');
  });
});

describe('latestPeriodBulletin', () => {
  const october = b('monthly', '2026-10', '2026-11-10T02:00:00Z');
  const halfYear = b('semiannual', '2026-H1', '2026-11-30T02:00:00Z');

  it('a half-year bulletin published today does not displace October’s monthly one', () => {
    expect(latestPeriodBulletin([october, halfYear])?.slug).toBe('monthly-2026-10');
    expect(newestPublication([october, halfYear])?.slug).toBe('semiannual-2026-h1');
  });

  it('on the same last month the wider period leads, whatever the publication order', () => {
    const september = b('monthly', '2026-09', '2026-10-10T02:00:00Z');
    const q3 = b('quarterly', '2026-Q3', '2026-10-09T02:00:00Z');
    expect(latestPeriodBulletin([september, q3])?.slug).toBe('quarterly-2026-q3');
    expect(latestPeriodBulletin([q3, september])?.slug).toBe('quarterly-2026-q3');
    const december = b('monthly', '2025-12', '2026-01-10T02:00:00Z');
    const year = b('annual', '2025', '2026-01-20T02:00:00Z');
    expect(latestPeriodBulletin([year, december, b('semiannual', '2025-H2', '2026-01-15T02:00:00Z')])?.slug).toBe('annual-2025');
  });

  it('skips a corrected bulletin (its erratum counts) and is empty for none', () => {
    const old = b('monthly', '2026-11', '2026-12-10T02:00:00Z', { slug: 'x' });
    expect(latestPeriodBulletin([october, old])?.slug).toBe('monthly-2026-10');
    expect(latestPeriodBulletin([])).toBeUndefined();
    expect(newestPublication([])).toBeUndefined();
  });

  it('does not depend on the order of its input', () => {
    const all = [october, halfYear, b('monthly', '2026-09', '2026-10-10T02:00:00Z'), b('annual', '2025', '2026-01-20T02:00:00Z')];
    for (let i = 0; i < all.length; i++) {
      const rotated = [...all.slice(i), ...all.slice(0, i)];
      expect(latestPeriodBulletin(rotated)?.slug).toBe('monthly-2026-10');
      expect(latestPeriodBulletin([...rotated].reverse())?.slug).toBe('monthly-2026-10');
    }
  });
});

const figures: PeriodFigures = {
  kind: 'monthly',
  period: '2026-10',
  year: 2026,
  first_period: '2026-10',
  last_period: '2026-10',
  cutoff_at: null,
  targets: 7,
  by_status: { completed: 2, on_track: 2, behind: 1, not_completed: 1, no_report: 1 },
  previous_by_status: { completed: 1, on_track: 3, behind: 1, not_completed: 0, no_report: 2 },
  commitments: { total: 3, completed: 1, at_risk: 1 },
  late_units: [{ code: 'D01', name: '城关区', name_en: null, late: 2, missing: 1 }],
  most_behind: [{ code: 'M001', name: '市发展和改革委员会', name_en: 'Development and Reform Commission', targets: 3, lagging: 2, lagging_share: 2 / 3 }],
  supervision: {
    total: 3,
    by_method: { covert_visit: 1, monthly_report: 2 },
    public: [{ unit_code: 'M001', unit_name: '市发展和改革委员会', unit_name_en: 'Development and Reform Commission', method: 'covert_visit', conducted_on: '2026-10-12', finding: '台账不完整', score_delta: -2 }],
  },
};
const bulletin = { slug: 'monthly-2026-10', kind: 'monthly' as const, period: '2026-10', stats: figures };

describe('bulletinFigureRows', () => {
  const rows = bulletinFigureRows(bulletin);

  it('has every figure the bulletin states, with the bulletin’s rounding', () => {
    const status = rows.filter((r) => r.section === 'status');
    expect(status.map((r) => [r.item, r.count, r.share_pct, r.change])).toEqual([
      ['completed', 2, 28.6, 1], ['on_track', 2, 28.6, -1], ['behind', 1, 14.3, 0], ['not_completed', 1, 14.3, 1], ['no_report', 1, 14.3, -1],
    ]);
    // The same numbers as the generated bulletin's status table.
    const text = renderBulletin(figures).body;
    for (const r of status) expect(text).toContain(`| ${r.count} | ${r.share_pct!.toFixed(1)}% |`);
    expect(rows.filter((r) => r.section === 'commitments').map((r) => [r.item, r.count, r.of_total])).toEqual([
      ['total', 3, null], ['completed', 1, 3], ['at_risk', 1, 3],
    ]);
    expect(rows.find((r) => r.section === 'most_behind')).toMatchObject({ unit_code: 'M001', item: 'lagging', count: 2, of_total: 3, share_pct: 66.7 });
    expect(rows.filter((r) => r.section === 'late_units').map((r) => [r.unit_code, r.item, r.count])).toEqual([['D01', 'late', 2], ['D01', 'missing', 1]]);
    // Methods in the documented order, after the total.
    expect(rows.filter((r) => r.section === 'supervision').map((r) => [r.item, r.count])).toEqual([['total', 3], ['monthly_report', 2], ['covert_visit', 1]]);
    expect(rows.every((r) => r.bulletin === 'monthly-2026-10' && r.period === '2026-10')).toBe(true);
  });

  it('gives no change without a previous period, and no rows without figures', () => {
    expect(bulletinFigureRows({ ...bulletin, stats: { ...figures, previous_by_status: null } }).filter((r) => r.section === 'status').every((r) => r.change === null)).toBe(true);
    expect(bulletinFigureRows({ ...bulletin, stats: null })).toEqual([]);
  });

  it('writes a CSV whose header is the documented columns and which reads back', () => {
    const columns = bulletinFigureColumns();
    expect(columns.map((c) => c.name)).toEqual(['bulletin', 'kind', 'period', 'section', 'item', 'unit_code', 'unit_name', 'unit_name_en', 'count', 'of_total', 'share_pct', 'change']);
    expect(columns.every((c) => c.zh !== '' && c.en !== '')).toBe(true);
    const csv = toCsv(columns.map((c) => c.name), rows);
    const parsed: Record<string, string>[] = parse(csv, { bom: true, columns: true });
    expect(parsed).toHaveLength(rows.length);
    expect(parsed[0]).toMatchObject({ section: 'status', item: 'completed', count: '2', share_pct: '28.6', unit_code: '' });
  });
});

describe('bulletin markdown: anchors, unit links and the lead once', () => {
  const units = [
    { code: 'M001', names: ['Development and Reform Commission', '市发展和改革委员会'], href: '/en/units/M001/' },
    { code: 'M002', names: ['市发展和改革委员会价格处'], href: '/units/M002/' },
  ];

  it('gives every heading an id and a # link, the same ids in both languages', () => {
    const zh = renderBulletinMarkdown(renderBulletin(figures).body, 0, 'zh-CN', { anchorLabel: '本节链接' });
    const en = renderBulletinMarkdown(renderBulletin(figures).body_en, 0, 'en', { anchorLabel: 'Link to this section' });
    for (const html of [zh, en]) {
      const headings = [...html.matchAll(/<h2([^>]*)>/g)].map((m) => m[1]);
      expect(headings).toEqual([' id="s1"', ' id="s2"', ' id="s3"', ' id="s4"']);
    }
    expect(zh).toContain('<a class="anchor" href="#s1" aria-label="本节链接">#</a></h2>');
  });

  it('links unit names, longest name first, and gives their list items ids', () => {
    const html = renderBulletinMarkdown('## 二、滞后\n\n- 市发展和改革委员会：3项\n- 市发展和改革委员会价格处：1项\n- 市发展和改革委员会：再次', 0, 'zh-CN', { units, anchorLabel: '#' });
    expect(html).toContain('<li id="s1-M001"><a href="/en/units/M001/">市发展和改革委员会</a>：3项');
    expect(html).toContain('<li id="s1-M002"><a href="/units/M002/">市发展和改革委员会价格处</a>：1项');
    expect(html).toContain('<li id="s1-M001-2">');
    // An English page links the English name.
    const en = renderBulletinMarkdown('- Development and Reform Commission: 2 of 3', 0, 'en', { units });
    expect(en).toBe('<ul><li><a href="/en/units/M001/">Development and Reform Commission</a>: 2 of 3</li></ul>');
    // Without options nothing changes (the feeds).
    expect(renderBulletinMarkdown('## 标题\n\n- 市发展和改革委员会：3项')).toBe('<h2>标题</h2>\n<ul><li>市发展和改革委员会：3项</li></ul>');
  });

  it('drops the body paragraph that repeats the summary, and only that', () => {
    const r = renderBulletin(figures);
    const body = withoutLead(r.body, r.summary);
    expect(body).not.toContain(r.summary);
    expect(r.body.split(r.summary)).toHaveLength(2);
    expect(body).toContain('## 一、总体进展');
    expect(body).toContain('| 状态 | 目标数 | 占比 | 较上期 |');
    expect(withoutLead('a\n\nb', '')).toBe('a\n\nb');
  });
});

describe('/targets/ index', () => {
  const t = (unit_code: string, unit_kind: 'municipal_unit' | 'district', status: 'completed' | 'behind' | 'not_completed' | 'on_track', is_public_commitment = false) => ({
    unit_code, unit_name: `单位${unit_code}`, unit_name_en: null, unit_kind, status, is_public_commitment,
  });

  it('counts targets, commitments and lagging targets per unit, municipal units first', () => {
    const rows = unitTargetCounts([t('D01', 'district', 'behind'), t('M002', 'municipal_unit', 'completed', true), t('M001', 'municipal_unit', 'not_completed'), t('M001', 'municipal_unit', 'on_track', true)]);
    expect(rows.map((r) => [r.code, r.targets, r.commitments, r.lagging])).toEqual([['M001', 2, 1, 1], ['M002', 1, 1, 0], ['D01', 1, 0, 1]]);
  });

  it('addresses a target by its code in both languages', () => {
    expect(targetCodePath('zh-CN', '2026-M001-03')).toBe('/targets/code/2026-M001-03/');
    expect(targetCodePath('en', '2026-M001-03')).toBe('/en/targets/code/2026-M001-03/');
    expect(targetCodePath('en', '')).toBe('/en/targets/code/');
  });
});
