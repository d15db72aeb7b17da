/** The demo city's English fields are English: no Chinese inside English text (issue 17). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO, generateDemoCity, type Row } from '../../src/lib/demo/generate.ts';
import { generateDemoSurveys } from '../../src/lib/demo/surveys.ts';
import { generateDemoLeaderReports } from '../../src/lib/demo/leader-reports.ts';

const CJK = /[\u3400-\u9fff]/;
const city = generateDemoCity(DEFAULT_DEMO);
const surveys = generateDemoSurveys(city, city.seed, { survey: 0, question: 0, response: 0 });

/** Every generated table with rows, by name. */
const tables: [string, readonly Row[]][] = [
  ...Object.entries(city).filter((e): e is [string, Row[]] => Array.isArray(e[1])),
  ...(Object.entries(surveys) as [string, readonly Row[]][]),
  ['leader_reports', generateDemoLeaderReports(city)],
];

describe('demo city in English', () => {
  it('has English fields (*_en) without Chinese characters', () => {
    const found: string[] = [];
    let checked = 0;
    for (const [table, rows] of tables) {
      for (const row of rows) {
        for (const [key, value] of Object.entries(row)) {
          if (!key.endsWith('_en') || typeof value !== 'string') continue;
          checked++;
          if (CJK.test(value)) found.push(`${table}.${key} ${String(row['code'] ?? row['id'])}: ${value}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(found.slice(0, 10)).toEqual([]);
  });

  it('names every target\'s responsible department in English, sub-target titles included', () => {
    expect(city.targets.filter((t) => typeof t['responsible_department_en'] !== 'string').map((t) => t['code'])).toEqual([]);
    const shares = city.targets.filter((t) => String(t['title_en']).includes('(share of '));
    expect(shares.length).toBeGreaterThan(0);
    for (const t of shares) expect(String(t['title_en'])).toMatch(/\(share of [A-Z][A-Za-z' -]+: [\d.]+/);
  });

  it('is the same on every run', () => {
    expect(generateDemoCity(DEFAULT_DEMO).targets).toEqual(city.targets);
  });
});
