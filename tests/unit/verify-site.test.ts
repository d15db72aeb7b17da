/**
 * The verifier reads only published files: a built folder laid out as the site publishes it. A
 * dataset the index lists but the folder lacks is an error, a check without its inputs is reported
 * as missing (never passed), and no path may leave the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withVersion } from '../../src/lib/opendata/document-version.ts';
import { LICENCE } from '../../src/lib/schemas/opendata/common.ts';
import { siteInFolder } from '../../src/lib/verify/published.ts';
import { problemCount, verifySite } from '../../src/lib/verify/verify.ts';

const SITE = 'https://gongshi.example.org/';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function folder(datasets: Record<string, Record<number, unknown[] | undefined>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-verify-'));
  dirs.push(dir);
  const write = (file: string, value: unknown) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(withVersion(value as object)));
  };
  write('api/v1/index.json', {
    $schema: `${SITE}api/v1/schemas/api-index.schema.json`, licence: { ...LICENCE, attribution: '澄岚市目标绩效管理办公室' }, source: SITE,
    documentation: `${SITE}api/`, documents: [], feeds: [],
    datasets: Object.entries(datasets).map(([name, years]) => ({
      name, title: name, schema_url: `${SITE}api/v1/schemas/${name}.schema.json`,
      years: Object.entries(years).map(([year, rows]) => {
        if (rows) write(`data/${year}/${name}.json`, { rows });
        return { year: Number(year), rows: rows?.length ?? 1, csv_url: `${SITE}data/${year}/${name}.csv`, json_url: `${SITE}data/${year}/${name}.json` };
      }),
    })),
  });
  return dir;
}

const result = {
  year: 2025, version: 1, published_at: '2026-02-01T02:00:00Z', correction_reason: null, unit_code: 'M001', unit_name: '市测试局',
  unit_name_en: null, pool: 'municipal_unit', target_score: 90, mass_score: null, mass_margin: null, mass_sample_size: 0,
  open_score: null, open_sample_size: 0, monitoring_score: 100, total_score: 92, rank_in_pool: 1, pool_size: 1, grade: 'excellent', consequence: 'award',
};

describe('verifying a built site folder', () => {
  it('reports an assessment whose rules are not published as a check that could not run', async () => {
    const report = await verifySite(siteInFolder(folder({ 'annual-assessments': { 2025: [result] } })));
    expect(report.checks).toEqual([{ subject: 'document versions', checked: '2 documents', problems: [] }]);
    expect(report.missing).toEqual([
      'assessment 2025: the year\'s rules (dataset assessment-rules) are not published',
      'bulletins: the dataset bulletin-figures is not published',
      'lotteries: the dataset hearing-draws is not published',
    ]);
    expect(problemCount(report)).toBe(0);
  });

  it('refuses a dataset the index lists but the folder does not hold, and rows that break the published schema', async () => {
    await expect(verifySite(siteInFolder(folder({ 'annual-assessments': { 2025: undefined } }))))
      .rejects.toThrow(`${SITE}data/2025/annual-assessments.json is listed in /api/v1/index.json but not published`);
    await expect(verifySite(siteInFolder(folder({ 'annual-assessments': { 2025: [{ ...result, grade: 'superb' }] } }))))
      .rejects.toThrow(/annual-assessments\.json row 1: .* at grade/);
  });

  it('names a document whose content does not give the version it states, and one that states none', async () => {
    const dir = folder({ 'annual-assessments': { 2025: [result] } });
    const file = path.join(dir, 'data/2025/annual-assessments.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"total_score":92', '"total_score":93'));
    const index = path.join(dir, 'api/v1/index.json');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(/,"version":"[^"]+"\}$/, '}'));
    const report = await verifySite(siteInFolder(dir));
    const versions = report.checks.find((c) => c.subject === 'document versions')!;
    expect(versions.problems).toEqual([
      '/api/v1/index.json states no version',
      expect.stringMatching(/^\/data\/2025\/annual-assessments\.json: states sha256:[0-9a-f]{64}, its content gives sha256:[0-9a-f]{64}$/),
    ]);
    expect(problemCount(report)).toBe(2);
  });

  it('never reads outside the folder', async () => {
    const site = siteInFolder(folder({}));
    await expect(site.read('/../../etc/passwd')).rejects.toThrow(/not a path inside/);
    expect(await site.read('/data/1999/none.json')).toBeNull();
  });

  it('says so when the folder is not a Gongshi site', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-verify-'));
    dirs.push(empty);
    await expect(verifySite(siteInFolder(empty))).rejects.toThrow(/publishes no \/api\/v1\/index\.json/);
  });
});
