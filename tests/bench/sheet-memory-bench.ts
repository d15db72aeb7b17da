/**
 * Benchmark: memory and time of reading a spreadsheet, each file in a fresh process so that its
 * peak RSS is its own: a normal 20,000-row workbook, and zip bombs that inflate to 348 MB and
 * 1.3 GB (before the limits: 3.3 GB and 25 s, and 1.6 GB, to be refused). Goal: ≤ 300 MB whatever
 * the file.
 *
 * Run alone: `tsx tests/bench/sheet-memory-bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readSheet } from '../../src/lib/import/read.ts';
import { replaceFirstSheet, writeWorkbook } from '../fixtures/sheets.ts';

const SELF = fileURLToPath(import.meta.url);
const EMPTY_ROW = '<row s="1" customFormat="1" ht="15" customHeight="1"/>';

/** In the child: read one file, print what happened. */
async function child(file: string): Promise<void> {
  const started = performance.now();
  let outcome: string;
  try {
    outcome = `read ${(await readSheet(file)).rows.length} rows`;
  } catch (error) {
    outcome = `refused: ${(error as Error).message.split('. ')[0]!.replace(/^[^:]*: /, '')}`;
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outcome }));
}

export async function benchSheetMemory(record: (name: string, value: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-sheet-memory-'));
  try {
    const normal = await writeWorkbook(path.join(dir, 'normal.xlsx'), 20_000);
    const files: [string, string][] = [
      ['20,000-row workbook', normal],
      ['zip bomb inflating to 348 MB', await replaceFirstSheet(normal, path.join(dir, 'bomb-348.xlsx'), EMPTY_ROW, Math.ceil((348 << 20) / EMPTY_ROW.length))],
      ['zip bomb inflating to 1.3 GB', await replaceFirstSheet(normal, path.join(dir, 'bomb-1300.xlsx'), EMPTY_ROW, Math.ceil((1300 << 20) / EMPTY_ROW.length))],
    ];
    for (const [label, file] of files) {
      const run = spawnSync(process.execPath, [...process.execArgv, SELF, '--child', file], { encoding: 'utf8' });
      const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) throw new Error(`sheet-memory child failed for ${label}:\n${run.stderr}`);
      const result = JSON.parse(line) as { ms: number; maxRssMb: number; outcome: string };
      const size = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
      record(`sheet memory, ${label} (${size} MB file)`,
        `peak RSS ${Math.round(result.maxRssMb)} MB (goal ≤ 300 MB: ${result.maxRssMb <= 300 ? 'met' : 'NOT met'}), ${(result.ms / 1000).toFixed(2)} s, ${result.outcome}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchSheetMemory((name, value) => console.log(`${name}: ${value}`));
}
