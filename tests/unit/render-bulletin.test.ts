import { describe, expect, it } from 'vitest';
import { bulletinSlug, renderBulletin } from '../../src/lib/bulletins/render.ts';
import { PeriodFiguresSchema, type PeriodFigures } from '../../src/lib/schemas/period-figures.ts';

/** October 2026: 200 published targets, numbers chosen so every share is exact. */
const october: PeriodFigures = PeriodFiguresSchema.parse({
  kind: 'monthly',
  period: '2026-10',
  year: 2026,
  cutoff_at: '2026-11-10T02:00:00Z',
  first_period: '2026-10',
  last_period: '2026-10',
  targets: 200,
  by_status: { completed: 50, on_track: 100, behind: 30, not_completed: 15, no_report: 5 },
  previous_by_status: { completed: 40, on_track: 110, behind: 25, not_completed: 15, no_report: 10 },
  commitments: { total: 40, completed: 10, at_risk: 6 },
  late_units: [{ code: 'M003', name: '市财政局', name_en: 'Municipal Finance Bureau', late: 2, missing: 1 }],
  most_behind: [{ code: 'D01', name: '澄心区', name_en: null, targets: 25, lagging: 5, lagging_share: 0.2 }],
  supervision: {
    total: 3,
    by_method: { covert_visit: 1, random_check: 2 },
    public: [
      {
        unit_code: 'M003',
        unit_name: '市财政局',
        unit_name_en: 'Municipal Finance Bureau',
        method: 'covert_visit',
        conducted_on: '2026-10-12',
        finding: '窗口服务规范。',
        score_delta: 1.5,
      },
    ],
  },
});

/** An empty first quarter: no targets, nothing late, nothing behind, no supervision. */
const emptyQuarter: PeriodFigures = PeriodFiguresSchema.parse({
  kind: 'quarterly',
  period: '2026-Q1',
  cutoff_at: '2026-04-10T02:00:00Z',
  year: 2026,
  first_period: '2026-01',
  last_period: '2026-03',
  targets: 0,
  by_status: { completed: 0, on_track: 0, behind: 0, not_completed: 0, no_report: 0 },
  previous_by_status: null,
  commitments: { total: 0, completed: 0, at_risk: 0 },
  late_units: [],
  most_behind: [],
  supervision: { total: 0, by_method: {}, public: [] },
});

describe('renderBulletin: a monthly bulletin', () => {
  const text = renderBulletin(october);

  it('has its slug and titles', () => {
    expect(text.slug).toBe('monthly-2026-10');
    expect(text.title).toBe('2026年10月目标绩效月度进展通报');
    expect(text.title_en).toBe('Target performance bulletin: October 2026');
  });

  it('summarises the status counts and commitments, in both languages', () => {
    expect(text.summary).toBe(
      '截至2026年10月末，全市200项公开目标中已完成50项（25.0%），按进度推进100项，滞后30项，未完成15项。' +
        '公开承诺40项，已兑现10项，存在风险6项。',
    );
    expect(text.summary_en).toBe(
      "At the end of October 2026, 50 of the city's 200 published targets were completed (25.0%), " +
        '100 on track, 30 behind and 15 not completed. Of 40 public commitments, 10 were kept and 6 are at risk.',
    );
  });

  it('tabulates each status with its share and its change since the previous period', () => {
    expect(text.body).toContain('| 已完成 | 50 | 25.0% | +10 |');
    expect(text.body).toContain('| 按进度推进 | 100 | 50.0% | -10 |');
    expect(text.body).toContain('| 滞后 | 30 | 15.0% | +5 |');
    expect(text.body).toContain('| 未完成 | 15 | 7.5% | 0 |');
    expect(text.body).toContain('| 未报送 | 5 | 2.5% | -5 |');
    expect(text.body_en).toContain('| Completed | 50 | 25.0% | +10 |');
    expect(text.body_en).toContain('| No report | 5 | 2.5% | -5 |');
  });

  it('lists late units, units most behind and public supervision findings', () => {
    expect(text.body).toContain('- 市财政局：逾期报送2项，未报送1项');
    expect(text.body_en).toContain('- Municipal Finance Bureau: 2 late, 1 missing');
    expect(text.body).toContain('- 澄心区：25项目标中5项滞后或未完成（20.0%）');
    // Without an English name the Chinese one is used.
    expect(text.body_en).toContain('- 澄心区: 5 of 25 targets behind or not completed (20.0%)');
    expect(text.body).toContain('本期开展督查3次：暗访1次、随机抽查2次。');
    expect(text.body_en).toContain('3 supervision activities this period: 1 covert visit, 2 random check.');
    expect(text.body).toContain('- 2026-10-12 市财政局（暗访，+1.5分）：窗口服务规范。');
    expect(text.body_en).toContain('- 2026-10-12 Municipal Finance Bureau (covert visit, +1.5 points): 窗口服务规范。');
  });

  it('opens with the summary and closes by asking lagging units for remedies', () => {
    expect(text.body.startsWith(`## 一、总体进展\n\n${text.summary}\n\n`)).toBe(true);
    expect(text.body_en.startsWith(`## 1. Overall progress\n\n${text.summary_en}\n\n`)).toBe(true);
    expect(text.body.endsWith('请滞后单位认真查找原因，制定整改措施，确保年度目标如期完成。')).toBe(true);
    expect(text.body_en).toMatch(/must identify the reasons and set out remedies/);
  });
});

describe('renderBulletin: an empty quarter', () => {
  const text = renderBulletin(emptyQuarter);

  it('has its slug and titles', () => {
    expect(text.slug).toBe('quarterly-2026-q1');
    expect(text.title).toBe('2026年第1季度目标绩效季度进展通报');
    expect(text.title_en).toBe('Target performance bulletin: Q1 2026');
  });

  it('shows 0.0% shares, no change column and the empty-list sentences', () => {
    expect(text.summary).toContain('全市0项公开目标中已完成0项（0.0%）');
    expect(text.body).toContain('| 已完成 | 0 | 0.0% | — |');
    expect(text.body).toContain('本期各单位均按时报送。');
    expect(text.body).toContain('本期无滞后目标。');
    expect(text.body).toContain('本期开展督查0次：无。');
    expect(text.body_en).toContain('Every unit reported on time this period.');
    expect(text.body_en).toContain('No target is behind this period.');
    expect(text.body_en).toContain('0 supervision activities this period: none.');
    expect(text.body.endsWith('请各单位保持工作力度，确保年度目标如期完成。')).toBe(true);
    expect(text.body).not.toContain('NaN');
    expect(text.body_en).not.toContain('NaN');
  });
});

describe('renderBulletin: half-year and annual periods', () => {
  it('names a second half-year', () => {
    const text = renderBulletin({ ...emptyQuarter, kind: 'semiannual', period: '2026-H2' });
    expect(text.slug).toBe('semiannual-2026-h2');
    expect(text.title).toBe('2026年下半年目标绩效半年进展通报');
    expect(text.title_en).toBe('Target performance bulletin: second half of 2026');
    expect(text.summary).toMatch(/^截至2026年下半年末/);
  });

  it('names a year', () => {
    const text = renderBulletin({ ...emptyQuarter, kind: 'annual', period: '2026' });
    expect(text.slug).toBe('annual-2026');
    expect(text.title).toBe('2026年度目标绩效进展通报');
    expect(text.title_en).toBe('Target performance bulletin: the year 2026');
  });

  it('bulletinSlug lower-cases the period', () => {
    expect(bulletinSlug('quarterly', '2027-Q4')).toBe('quarterly-2027-q4');
    expect(bulletinSlug('monthly', '2027-01')).toBe('monthly-2027-01');
  });
});
