/** Cell parsers, vocabularies and header maps: what a spreadsheet cell may say and what it becomes. */
import { describe, expect, it } from 'vitest';
import { bool, canonicalDecimal, date, decimal, integer, oneOf, period, text, timestamp, type Parsed } from '../../src/lib/import/cells.ts';
import { resolveHeader } from '../../src/lib/import/columns.ts';
import { columnLetter } from '../../src/lib/import/import.ts';
import { KINDS } from '../../src/lib/import/kinds/index.ts';
import { KIND_NAMES } from '../../src/lib/import/kind.ts';
import { METHOD, normalizeName, REPORT_STATUS, SECTOR, UNIT_KIND } from '../../src/lib/import/vocab.ts';

const value = <T>(r: Parsed<T>) => (r.ok ? r.value : `ERR ${r.message}`);

describe('numbers', () => {
  it('are written the way Postgres prints numeric after trim_scale()', () => {
    expect(['10', '10.00', '010.50', '-0.50', '+3', '.5', '-0', '0.0'].map(canonicalDecimal))
      .toEqual(['10', '10', '10.5', '-0.5', '3', '0.5', '0', '0']);
    expect(['', '.', '1e3', '1.2.3', 'abc'].map(canonicalDecimal)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('accept thousands separators, full-width digits and (for percentages) a % sign', () => {
    const parse = decimal();
    expect(['12,000', '1,234,567.50', '１２３．５', ' 8 '].map((s) => value(parse(s)))).toEqual(['12000', '1234567.5', '123.5', '8']);
    expect(value(decimal({ percent: true })('8.2%'))).toBe('8.2');
    expect(value(parse('8.2%'))).toBe('ERR "8.2%" is not a number');
    expect(value(parse('12,00'))).toBe('ERR "12,00" is not a number');
  });

  it('check ranges and decimal places', () => {
    const weight = decimal({ min: 0.01, max: 100, decimals: 2 });
    expect(value(weight('10.125'))).toBe('ERR "10.125" has more than 2 decimal places');
    expect(value(weight('0'))).toBe('ERR 0 is below the minimum 0.01');
    expect(value(weight('100.00'))).toBe('100');
    expect(value(integer()('2026'))).toBe(2026);
    expect(value(integer()('3.5'))).toBe('ERR "3.5" is not a whole number');
    expect(value(integer({ max: 10 })('11'))).toBe('ERR 11 is above the maximum 10');
  });
});

describe('dates, months and moments', () => {
  it('dates in the forms offices write them, checked against the calendar', () => {
    expect(['2026-12-31', '2026/1/5', '2026.01.05', '2026年1月5日', '2026-01-05 00:00:00'].map((s) => value(date(s))))
      .toEqual(['2026-12-31', '2026-01-05', '2026-01-05', '2026-01-05', '2026-01-05']);
    expect(value(date('2026-02-30'))).toBe('ERR "2026-02-30" is not a date (write YYYY-MM-DD)');
    expect(value(date('31/12/2026'))).toMatch(/^ERR/);
  });

  it('months, including a spreadsheet date cell on the first of the month', () => {
    expect(['2026-03', '2026-3', '2026/03', '2026年3月', '2026-03-01'].map((s) => value(period(s))))
      .toEqual(['2026-03', '2026-03', '2026-03', '2026-03', '2026-03']);
    expect(value(period('2026-13'))).toBe('ERR "2026-13" is not a month (write YYYY-MM)');
    expect(value(period('2026-03-15'))).toMatch(/^ERR/);
  });

  it('moments are Beijing time unless an offset is given', () => {
    expect(value(timestamp('2026-02-05 23:30:00'))).toBe('2026-02-05T23:30:00+08:00');
    expect(value(timestamp('2026-02-05 23:30'))).toBe('2026-02-05T23:30:00+08:00');
    expect(value(timestamp('2026-02-05T15:30:00Z'))).toBe('2026-02-05T15:30:00Z');
    expect(value(timestamp('2026-02-05 08:00:00+0000'))).toBe('2026-02-05T08:00:00+00:00');
    expect(value(timestamp('2026-02-05'))).toBe('2026-02-05T00:00:00+08:00');
    expect(value(timestamp('2026-02-05 25:00'))).toMatch(/^ERR/);
  });
});

describe('words', () => {
  it('enumerations accept the code, the Chinese label, the English label and common synonyms', () => {
    const status = oneOf(REPORT_STATUS);
    expect(['completed', '已完成', 'On track', 'on-track', '正常推进', '按进度推进', '滞后', 'NOT_COMPLETED'].map((s) => value(status(s))))
      .toEqual(['completed', 'completed', 'on_track', 'on_track', 'on_track', 'on_track', 'behind', 'not_completed']);
    expect(value(oneOf(METHOD)('明察'))).toBe('open_inspection');
    expect(value(oneOf(UNIT_KIND)('区（市）'))).toBe('district');
    expect(value(status('差不多'))).toMatch(/^ERR "差不多" is not a report status; use one of completed \(已完成\), on_track/);
  });

  it('an open vocabulary (sector) takes unknown codes that fit the database pattern', () => {
    expect(value(oneOf(SECTOR)('中心城区'))).toBe('core_urban');
    expect(value(oneOf(SECTOR)('tourism'))).toBe('tourism');
    expect(value(oneOf(SECTOR)('Tourism!'))).toMatch(/^ERR/);
  });

  it('yes and no in Chinese and English', () => {
    expect(['是', '否', 'TRUE', 'false', 'yes', 'N', '1', '0', '√'].map((s) => value(bool(s))))
      .toEqual(['true', 'false', 'true', 'false', 'true', 'false', 'true', 'false', 'true']);
    expect(value(bool('maybe'))).toMatch(/^ERR/);
  });

  it('text keeps inner newlines (as LF) and counts characters, not bytes', () => {
    expect(value(text()('第一行\r\n第二行'))).toBe('第一行\n第二行');
    expect(value(text({ min: 2, max: 3 })('三个字'))).toBe('三个字');
    expect(value(text({ min: 2, max: 3 })('四个汉字'))).toBe('ERR too long: at most 3 characters, got 4');
  });
});

describe('headers', () => {
  const units = KINDS.units.columns;

  it('accept Chinese, English and alias names in any order, with a required mark or a bracketed translation', () => {
    const h = resolveHeader(units, ['行业领域', 'Name', '单位代码*', '类型', 'sort_order', '英文名称 (name_en)'], 'units');
    expect(h.problems).toEqual([]);
    expect(h.keys).toEqual(['sector', 'name', 'code', 'kind', 'sort_order', 'name_en']);
    expect(h.names.get('code')).toBe('单位代码*');
    expect(h.lang).toBe('zh');
  });

  it('report unknown, repeated and missing required columns', () => {
    const h = resolveHeader(units, ['code', 'unit_code', 'title', 'kind'], 'units');
    expect(h.problems.map((p) => `${p.column}: ${p.message}`)).toEqual([
      'unit_code: column 单位代码 (code) appears twice (also as "code")',
      expect.stringMatching(/^title: unknown column "title" for units; the columns are 单位代码 \(code\), 单位名称 \(name\)/),
      'name: missing required column 单位名称 (name)',
      'sector: missing required column 行业领域 (sector)',
    ]);
    expect(h.lang).toBe('en');
  });

  it('info-only columns (written by export for reading) are accepted and ignored', () => {
    const h = resolveHeader(KINDS.cadres.columns, ['单位代码', '单位名称', '姓名', '职务'], 'cadres');
    expect(h.problems).toEqual([]);
    expect(h.keys).toEqual(['unit_code', undefined, 'name', 'title']);
  });

  it('no two columns of a kind share a name or an alias', () => {
    for (const kind of KIND_NAMES) {
      const names = KINDS[kind].columns.flatMap((c) => [c.key, c.zh, ...(c.aliases ?? [])].map(normalizeName));
      expect(names.filter((n, i) => names.indexOf(n) !== i), kind).toEqual([]);
    }
  });

  it('column letters as spreadsheets show them', () => {
    expect([0, 4, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'E', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
