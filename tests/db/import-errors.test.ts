/**
 * Bad files: every bad row is reported as file:row:column: message, including the database's own
 * rules, and nothing at all is written (row counts and checksums before and after).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/db/types.ts';
import { formatRowError } from '../../src/lib/import/context.ts';
import { importFile, type ImportResult } from '../../src/lib/import/import.ts';
import type { KindName } from '../../src/lib/import/kind.ts';
import { createTestDb } from './harness.ts';
import { allHashes, counts, fixture, importOk, insertPrerequisites, insertYears, tempDir } from './import-helpers.ts';

let db: Db;
const tmp = tempDir();

beforeAll(async () => {
  db = await createTestDb();
  await insertYears(db);
  for (const kind of ['units', 'cadres', 'indicators', 'targets'] as const) await importOk(db, kind, fixture(kind));
});

afterAll(async () => {
  await db?.close();
  tmp.remove();
});

function write(name: string, lines: string[]): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

/** Imports a file that must fail: returns the errors as lines, after checking nothing changed. */
async function rejected(kind: KindName, file: string): Promise<{ lines: string[]; result: ImportResult }> {
  const before = await allHashes(db);
  const result = await importFile(db, kind, file, { displayName: path.basename(file) });
  expect(result.written).toBe(false);
  expect(await allHashes(db)).toEqual(before);
  return { lines: result.errors.map(formatRowError), result };
}

describe('a progress file with many kinds of bad rows', () => {
  const header = '年度,单位代码,目标编号,报告期,进展状态,实际完成值,完成进度,完成情况,进展情况,未完成原因,整改措施';
  const rows = [
    /* 2 */ '2026,A01,2026-A01-99,2026-01,按进度推进,,5,,推进中。,,',
    /* 3 */ '2026,A01,2026-A01-01,2026-01,,,5,,推进中。,,',
    /* 4 */ '2026,A01,2026-A01-01,2026-02,按进度推进,,五成,,推进中。,,',
    /* 5 */ '2026,A01,2026-A01-01,2026-03,已完成,8500,100,,,,',
    /* 6 */ '2026,ZZ9,2026-A01-01,2026-04,按进度推进,,40,,推进中。,,',
    /* 7 */ '2026,A01,2026-A01-02,2026-01,按进度推进,,10,,推进中。,,',
    /* 8 */ '2026,A01,2026-A01-02,2026-01,按进度推进,,12,,推进中。,,',
    /* 9 */ '2026,A01,2026-A01-02,2026-13,按进度推进,,10,,推进中。,,',
    /* 10 */ '2026,A02,2026-A02-01,2026-01,滞后,3.6,40,,,需求下降。,',
    /* 11 */ '2026,D01,2026-D01-01,2026-01,按进度推进,1000,8.3,,推进中。,,',
    /* 12 */ '2026,D01,2026-D01-01,2026-02,按进度推进,2000,16.7,,,,',
    /* 13 */ '2025,D01,2026-D01-01,2026-03,按进度推进,3000,25,,推进中。,,',
    /* 14 */ '2026,D01,2026-D01-01,2026-04,进展顺利,4000,101,,推进中。,,',
  ];

  it('reports each bad row with file:row:column and writes nothing, not even the good row', async () => {
    const { lines, result } = await rejected('progress', write('progress-bad.csv', [header, ...rows]));
    expect(lines).toEqual([
      'progress-bad.csv:2:目标编号: no target 2026-A01-99 in 2026',
      'progress-bad.csv:3:进展状态: required: the cell is empty',
      'progress-bad.csv:4:完成进度: "五成" is not a number',
      expect.stringMatching(/^progress-bad\.csv:5:完成情况: A completed report must state its result \(target 2026-A01-01, 2026-03\)\. Fill in result_text: what was achieved\. \(SQLSTATE 23514\)$/),
      'progress-bad.csv:6:单位代码: target 2026-A01-01 belongs to unit A01, not ZZ9',
      'progress-bad.csv:8:报告期: duplicate key: row 7 has the same year, target code and period',
      'progress-bad.csv:9:报告期: "2026-13" is not a month (write YYYY-MM)',
      expect.stringMatching(/^progress-bad\.csv:10:整改措施: A behind report must give the reasons and the remedy .*\(SQLSTATE 23514\)$/),
      expect.stringMatching(/^progress-bad\.csv:12:进展情况: An on-track report must state the progress made .*\(SQLSTATE 23514\)$/),
      'progress-bad.csv:13:报告期: period 2026-03 is not in the year 2025',
      expect.stringMatching(/^progress-bad\.csv:14:进展状态: "进展顺利" is not a report status; use one of completed \(已完成\)/),
      'progress-bad.csv:14:完成进度: 101 is above the maximum 100',
    ]);
    expect(result.rows).toBe(13);
    // The good rows (7 and 11) were checked by the database too, then rolled back with the rest.
    expect(result.created).toBe(2);
  });

  it('a file of hundreds of rows, every seventh breaking a database rule, reports exactly those rows', async () => {
    // 60 qualitative targets × 12 months = 720 reports: more than one write batch.
    const targets = ['year,code,unit_code,indicator_code,title,weight,deadline,responsible_department,responsible_person'];
    for (let t = 1; t <= 60; t++) targets.push(`2026,2026-D01-Q${String(t).padStart(3, '0')},D01,T-RFM,重点任务第${t}项,1,2026-12-31,综合科,吴刚`);
    await importOk(db, 'targets', write('targets-many.csv', targets));
    const lines = [header];
    const bad: number[] = [];
    for (let t = 1; t <= 60; t++) {
      for (let month = 1; month <= 12; month++) {
        const row = lines.length + 1;
        const completedWithoutResult = row % 7 === 0;
        if (completedWithoutResult) bad.push(row);
        const status = completedWithoutResult ? '已完成' : '按进度推进';
        lines.push(`2026,D01,2026-D01-Q${String(t).padStart(3, '0')},2026-${String(month).padStart(2, '0')},${status},,${month * 8},,${completedWithoutResult ? '' : '推进中。'},,`);
      }
    }
    const { lines: errors, result } = await rejected('progress', write('progress-many.csv', lines));
    expect(result.rows).toBe(720);
    expect(bad.length).toBeGreaterThan(100);
    expect(errors.map((e) => Number(e.split(':')[1]))).toEqual(bad);
    for (const e of errors) expect(e).toMatch(/^progress-many\.csv:\d+:完成情况: A completed report must state its result/);
  });
});

describe('other kinds', () => {
  it('units: missing required values, unknown labels, bad codes, duplicate keys', async () => {
    const { lines } = await rejected('units', write('units-bad.csv', [
      '单位代码,单位名称,单位类型,行业领域,排序',
      'A05,,市直单位,经济发展,1',
      'a06,市小写局,市直单位,经济发展,2',
      'A07,市测试局,省直单位,经济发展,3',
      'A08,市测试二局,市直单位,经济发展,3.5',
      'A09,市测试三局,区市,Core Urban!,4',
      'A10,市测试四局,市直单位,经济发展,5',
      'A10,市测试五局,市直单位,经济发展,6',
    ]));
    expect(lines).toEqual([
      'units-bad.csv:2:单位名称: required: the cell is empty',
      'units-bad.csv:3:单位代码: "a06" is not a valid unit code (a capital letter, then capitals, digits or hyphens)',
      expect.stringMatching(/^units-bad\.csv:4:单位类型: "省直单位" is not a unit kind; use one of municipal_unit \(市直单位\), district \(区市\)$/),
      'units-bad.csv:5:排序: "3.5" is not a whole number',
      expect.stringMatching(/^units-bad\.csv:6:行业领域: "Core Urban!" is not a sector/),
      'units-bad.csv:8:单位代码: duplicate key: row 7 has the same unit code',
    ]);
  });

  it('targets: unknown references and the database\'s own rules, mapped to their columns', async () => {
    const { lines } = await rejected('targets', write('targets-bad.csv', [
      'year,code,unit_code,indicator_code,title,target_value,weight,deadline,responsible_leader,responsible_department,responsible_person,is_public_commitment,commitment_text',
      '2026,2026-X-01,A99,T-JOB,新增就业1000人,1000,10,2026-12-31,,综合处,赵丁,no,',
      '2026,2026-X-02,A01,T-XXX,新增就业1000人,1000,10,2026-12-31,,综合处,赵丁,no,',
      '2026,2026-X-03,A01,T-JOB,新增就业1000人,,10,2026-12-31,,综合处,赵丁,no,',
      '2026,2026-X-04,A01,T-JOB,新增就业1000人,1000,10,2027-01-31,,综合处,赵丁,no,',
      '2026,2026-X-05,A01,T-JOB,新增就业1000人,1000,10,2026-12-31,无此人,综合处,赵丁,no,',
      '2026,2026-X-06,A01,T-JOB,新增就业1000人,1000,10,2026-12-31,,综合处,赵丁,yes,',
      '2026,2026-X-07,A01,T-JOB,新增就业1000人,1000,0,2026-12-31,,综合处,赵丁,no,',
      '2030,2026-X-08,A01,T-JOB,新增就业1000人,1000,10,2030-12-31,,综合处,赵丁,no,',
      '2026,2026-X-09,A01,T-JOB,新增就业1000人,1000,10,2026-12-31,,综合处,赵丁,no,',
    ]));
    expect(lines).toEqual([
      'targets-bad.csv:2:unit_code: unknown unit code "A99"',
      'targets-bad.csv:3:indicator_code: unknown indicator code "T-XXX"',
      expect.stringMatching(/^targets-bad\.csv:4:target_value: Target 2026-X-03 needs a target value: its indicator is quantitative .*\(SQLSTATE 23514\)$/),
      expect.stringMatching(/^targets-bad\.csv:5:deadline: .*deadline_within_target_year.*\(SQLSTATE 23514\)$/),
      'targets-bad.csv:6:responsible_leader: no cadre named 无此人 in unit A01 (import cadres first)',
      expect.stringMatching(/^targets-bad\.csv:7:commitment_text: .*public_commitment_has_text.*\(SQLSTATE 23514\)$/),
      'targets-bad.csv:8:weight: 0 is below the minimum 0.01',
      'targets-bad.csv:9:year: 2030 is not an assessment year (create it first)',
    ]);
  });

  it('a maximum: not positive, or for a task, is refused; a target or report above it names the target and the maximum', async () => {
    const indicators = await rejected('indicators', write('indicators-max.csv', [
      '指标代码,指标名称,指标类别,计量单位,指标方向,最大值',
      'T-OPN,公共场馆开放率,社会进步,%,越高越好,0',
      'T-TSK,重点任务,重点工作,,定性任务,100',
      'T-PCT,公共场馆免费率,社会进步,%,越高越好,百',
    ]));
    expect(indicators.lines).toEqual([
      expect.stringMatching(/^indicators-max\.csv:2:最大值: .*indicator_max_value_positive.*\(SQLSTATE 23514\)$/),
      expect.stringMatching(/^indicators-max\.csv:3:最大值: .*qualitative_indicator_has_no_max.*\(SQLSTATE 23514\)$/),
      'indicators-max.csv:4:最大值: "百" is not a number',
    ]);
    const targets = await rejected('targets', write('targets-max.csv', [
      '年度,目标编号,单位代码,指标代码,目标名称,目标值,分值,完成时限,责任处室,责任人',
      '2026,2026-A02-09,A02,T-UNE,城镇登记失业率控制在102%以内,102,10,2026-12-31,就业处,周平',
    ]));
    expect(targets.lines).toEqual([
      'targets-max.csv:2:目标值: Target 2026-A02-09 sets 102 for 城镇登记失业率 (T-UNE), above its maximum 100. '
        + 'A rate cannot pass its maximum: set a target value of at most 100. (SQLSTATE 23514)',
    ]);
    const progress = await rejected('progress', write('progress-max.csv', [
      '年度,单位代码,目标编号,报告期,进展状态,实际完成值,完成进度,完成情况,进展情况,未完成原因,整改措施',
      '2026,A02,2026-A02-01,2026-05,按进度推进,100.5,50,,推进中。,,',
    ]));
    expect(progress.lines).toEqual([
      'progress-max.csv:2:实际完成值: The report of target 2026-A02-01 for 2026-05 states 100.5 for 城镇登记失业率 (T-UNE), above its maximum 100. '
        + 'A rate cannot pass its maximum: report an actual value of at most 100. (SQLSTATE 23514)',
    ]);
  });

  it('supervision: a target of another unit, a date outside the year, a score out of range', async () => {
    const { lines } = await rejected('supervision', write('supervision-bad.csv', [
      '年度,督查编号,单位代码,目标编号,督查方式,督查日期,督查发现,加减分,是否公开',
      '2026,DC-101,A02,2026-A01-01,暗访,2026-03-05,窗口服务规范。,1,是',
      '2026,DC-102,A01,,暗访,2028-03-05,窗口服务规范。,1,是',
      '2026,DC-103,A01,,暗访,2026-03-05,窗口服务规范。,25,也许',
    ]));
    expect(lines).toEqual([
      'supervision-bad.csv:2:目标编号: target 2026-A01-01 belongs to unit A01, not A02',
      expect.stringMatching(/^supervision-bad\.csv:3:督查日期: .*conducted_within_year.*\(SQLSTATE 23514\)$/),
      'supervision-bad.csv:4:加减分: 25 is above the maximum 20',
      'supervision-bad.csv:4:是否公开: "也许" is not yes or no (是/否, true/false, 1/0)',
    ]);
  });

  it('consultations: an unknown decision, made public before given, an unknown position, a repeated key', async () => {
    await insertPrerequisites(db, 'consultations');
    const { lines } = await rejected('consultations', write('consultations-bad.csv', [
      '决策编号,咨询组,意见,意见内容,出具日期,公开日期',
      'no-such-decision,决策咨询委员会经济组,支持,同意。,2026-03-20,',
      'fixture-water-prices,决策咨询委员会经济组,支持,同意。,2026-03-20,2026-03-19',
      'fixture-water-prices,决策咨询委员会法律组,也许,同意。,2026-03-20,',
      'fixture-ring-road,决策咨询委员会规划组,反对,重新论证。,2026-04-02,',
      'fixture-ring-road,决策咨询委员会规划组,支持,改了主意。,2026-04-02,',
    ]));
    expect(lines).toEqual([
      expect.stringMatching(/^consultations-bad\.csv:2:决策编号: unknown decision "no-such-decision"/),
      'consultations-bad.csv:3:公开日期: an opinion given on 2026-03-20 cannot be public before it (2026-03-19)',
      expect.stringMatching(/^consultations-bad\.csv:4:意见: "也许" is not a consultation position/),
      'consultations-bad.csv:6:咨询组: duplicate key: row 5 has the same decision, committee group and date',
    ]);
  });

  it('leader-reports: an unknown cadre, a bad half year, a year not assessed, a short summary, dates out of order, a repeated key', async () => {
    const says = '上半年牵头推进重点工作，各项任务按计划完成，下半年继续抓好落实。';
    const { lines } = await rejected('leader-reports', write('leader-reports-bad.csv', [
      '单位代码,姓名,半年度,报告对象,报告摘要,报送日期,公开日期',
      `A01,无名氏,2026-H1,副市长周某某,${says},2026-07-20,`,
      `A01,王一,2026-Q1,副市长周某某,${says},2026-07-20,`,
      `A01,王一,2019-H1,副市长周某某,${says},2019-07-20,`,
      'A01,李二,2026-H1,副市长周某某,工作正常。,2026-07-20,',
      `A02,张三,2026-H1,副市长郑某某,${says},2026-08-05,2026-08-01`,
      `A02,赵四,2026-H2,副市长郑某某,${says},2026-06-30,`,
      `A02,张三,2026年上半年,副市长郑某某,${says},2026-07-30,`,
    ]));
    expect(lines).toEqual([
      'leader-reports-bad.csv:2:姓名: unit A01 has no cadre named 无名氏',
      'leader-reports-bad.csv:3:半年度: "2026-Q1" is not a half year (write YYYY-H1 or YYYY-H2, or 2026年上半年)',
      'leader-reports-bad.csv:4:半年度: 2019 is not an assessment year, so no leader reports on 2019-H1. '
        + 'Report on a half year of an assessment year, or create the assessment year first. (SQLSTATE 23514)',
      'leader-reports-bad.csv:5:报告摘要: too short: at least 20 characters, got 5',
      'leader-reports-bad.csv:6:公开日期: A report submitted on 2026-08-05 cannot be published before it, on 2026-08-01. '
        + 'Publish it on or after 2026-08-05 (Beijing time), or correct the submission date. (SQLSTATE 23514)',
      'leader-reports-bad.csv:7:报送日期: A report on 2026-H2 cannot have been submitted on 2026-06-30, before the half year began. '
        + 'Give the day it was submitted: on or after 2026-07-01. (SQLSTATE 23514)',
      'leader-reports-bad.csv:8:半年度: duplicate key: row 6 has the same unit code, cadre name and half year',
    ]);
  });

  it('leader-reports: a report not yet public is corrected by importing it again; a public one is refused a change', async () => {
    const header = '单位代码,姓名,半年度,报告对象,报告摘要,报送日期,公开日期';
    const row = (name: string, summary: string, published: string) =>
      `A01,${name},2025-H2,副市长周某某,${summary}下半年各项工作按计划推进，年度任务全面完成。,2026-01-20,${published}`;
    await importOk(db, 'leader-reports', write('lr-first.csv', [header, row('王一', '', '2026-01-25'), row('李二', '', '')]));
    const corrected = await importOk(db, 'leader-reports', write('lr-corrected.csv', [header, row('王一', '', '2026-01-25'), row('李二', '更正：', '')]));
    expect(counts(corrected)).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const { lines } = await rejected('leader-reports', write('lr-changed.csv', [header, row('王一', '更正：', '2026-01-25')]));
    expect(lines).toEqual([
      'lr-changed.csv:2:公开日期: leader_reports rows cannot be changed: the report is published. '
        + 'A published report stays as it was; give corrections in the next half year\'s report. (SQLSTATE PT409)',
    ]);
  });

  it('accountability: bad case numbers, unknown bases and cadres, and the database\'s rules on dates, publication and decisions', async () => {
    await insertPrerequisites(db, 'supervision');
    await importOk(db, 'supervision', fixture('supervision'));
    const { lines } = await rejected('accountability', write('accountability-bad.csv', [
      '案件编号,年度,单位代码,问责依据,依据编号,立案日期,案情摘要,问责方式,决定日期,决定摘要,公开日期,被问责人,是否本单位干部,责任类型',
      /* 2 */ 'ZZ-26-001,2026,A02,督查发现,DC-002,2026-03-20,脱岗问题。,,,,,,,',
      /* 3 */ 'ZZ-2026-001,2026,A02,督查发现,DC-999,2026-03-20,脱岗问题。,,,,,,,',
      /* 4 */ 'ZZ-2026-002,2026,A02,督查发现,DC-002,2026-03-20,脱岗问题。,诫勉,2026-04-10,予以诫勉。,,王一,是,直接责任',
      /* 5 */ 'ZZ-2026-003,2026,A02,督查发现,DC-002,2026-03-01,脱岗问题。,,,,,,,',
      /* 6 */ 'ZZ-2026-004,2026,A02,督查发现,DC-002,2026-03-20,脱岗问题。,通报批评,2026-04-02,予以通报批评。,2026-04-05,,,',
      /* 7 */ 'ZZ-2026-005,2026,A02,督查发现,DC-002,2026-03-20,脱岗问题。,通报批评,,,,,,',
      /* 8 */ 'ZZ-2026-006,2026,A02,目标未完成,2026-A02-01,2026-06-01,目标滞后。,,,,,,,',
      /* 9 */ 'ZZ-2026-007,2026,A02,督查发现,DC-002,2026-03-20,脱岗问题。,,,,,赵四,是,',
      /* 10 */ 'ZZ-2025-008,2026,A02,督查发现,DC-002,2026-03-20,脱岗问题。,,,,,,,',
      /* 11 */ 'ZZ-2026-003,2026,A02,督查发现,DC-002,2026-03-21,脱岗问题。,,,,,,,',
    ]));
    expect(lines).toEqual([
      'accountability-bad.csv:2:案件编号: "ZZ-26-001" is not a valid case number (ZZ-<year>-<three digits>)',
      'accountability-bad.csv:3:依据编号: unit A02 has no supervision finding DC-999 in 2026',
      'accountability-bad.csv:4:被问责人: no cadre named 王一 in unit A02 (import cadres first, or put 否 in 是否本单位干部 for someone who is not one)',
      'accountability-bad.csv:5:立案日期: Case ZZ-2026-003 was opened on 2026-03-01, before supervision finding DC-002 (2026-03-12). '
        + 'A case is opened after what it rests on: open it on 2026-03-12 or later. (SQLSTATE 23514)',
      'accountability-bad.csv:6:依据编号: Case ZZ-2026-004 would be published, but supervision finding DC-002 is not public. '
        + 'Make the finding public (is_public) before publishing the case that rests on it. (SQLSTATE 23514)',
      'accountability-bad.csv:7:问责方式: Case ZZ-2026-005: a decision has a measure, a date and a summary, all three. '
        + 'Give measure, decided_on and decision_summary together, or none of them while the case is open. (SQLSTATE 23514)',
      'accountability-bad.csv:8:依据编号: Case ZZ-2026-006 rests on target 2026-A02-01, which is not a published target. '
        + 'A case can only rest on a target the public can see: publish it first, or choose a published target. (SQLSTATE 23514)',
      'accountability-bad.csv:9:责任类型: required with a person: direct (直接责任), principal_leadership (主要领导责任) or important_leadership (重要领导责任)',
      'accountability-bad.csv:10:案件编号: Case number ZZ-2025-008 is not ZZ-<year opened>-<three digits> for a case opened on 2026-03-20. '
        + 'Number it ZZ-2026-001, ZZ-2026-002, …: the year is the year the case was opened. (SQLSTATE 23514)',
      'accountability-bad.csv:11:案件编号: duplicate key: row 5 has the same case number',
    ]);
  });

  it('accountability: a case not yet public is changed by importing it again; a published one, and its person, are refused a change', async () => {
    const header = '案件编号,年度,单位代码,问责依据,依据编号,立案日期,案情摘要,问责方式,决定日期,决定摘要,公开日期,被问责人,是否本单位干部,责任类型';
    const row = (summary: string, published: string, person: string) =>
      `ZZ-2026-010,2026,A01,督查发现,DC-001,2026-03-10,${summary}窗口服务问题。,通报批评,2026-03-20,予以通报批评。,${published},${person},是,直接责任`;
    await importOk(db, 'accountability', write('zz-first.csv', [header, row('', '', '李二')]));
    expect(counts(await importOk(db, 'accountability', write('zz-edit.csv', [header, row('更正：', '2026-03-25', '李二')]))))
      .toEqual({ created: 0, updated: 1, unchanged: 0 });
    const changed = await rejected('accountability', write('zz-changed.csv', [header, row('', '2026-03-25', '李二')]));
    const person = await rejected('accountability', write('zz-person.csv', [header, row('更正：', '2026-03-25', '王一')]));
    expect([...changed.lines, ...person.lines]).toEqual([
      'zz-changed.csv:2:案件编号: accountability_cases rows cannot be changed: a published accountability case is a public record. '
        + 'A published case is final. To correct it, open and publish a new case whose summary says which case it corrects and why. (SQLSTATE PT409)',
      'zz-person.csv:2:被问责人: Case ZZ-2026-010 is published: who was held accountable in it cannot be changed. '
        + 'A published case is final. To correct it, open and publish a new case that says which case it corrects. (SQLSTATE PT409)',
    ]);
  });

  it('header problems are reported on row 1 and no row is looked at', async () => {
    const { lines } = await rejected('cadres', write('cadres-bad-header.csv', [
      '单位代码,姓名,职称,是否主要负责人',
      'A01,王五,科员,否',
    ]));
    expect(lines).toEqual([
      expect.stringMatching(/^cadres-bad-header\.csv:1:职称: unknown column "职称" for cadres; the columns are 单位代码 \(unit_code\)/),
      'cadres-bad-header.csv:1:职务: missing required column 职务 (title)',
    ]);
  });

  it('a value in a column without a header is an error, not silently dropped', async () => {
    const { lines } = await rejected('units', write('units-stray.csv', [
      'code,name,kind,sector,',
      'A11,市测试六局,municipal_unit,economy,备注文字',
    ]));
    expect(lines).toEqual(['units-stray.csv:2:E: a value in column E, which has no header']);
  });
});
