/** The staff commands' help and argument checks (no database), and the column reference in docs/import.md. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type Command } from '../../src/cli/command.ts';
import { parseEncoding, parseFormat } from '../../src/cli/args.ts';
import { exportCommand } from '../../src/cli/commands/export.ts';
import { importCommand } from '../../src/cli/commands/import.ts';
import { reportsCommand } from '../../src/cli/commands/reports.ts';
import { targetsCommand } from '../../src/cli/commands/targets.ts';
import { templateCommand } from '../../src/cli/commands/template.ts';
import { KIND_NAMES } from '../../src/lib/import/kind.ts';
import { KINDS } from '../../src/lib/import/kinds/index.ts';

const COMMANDS: Command[] = [importCommand, exportCommand, templateCommand, targetsCommand, reportsCommand];

describe('help', () => {
  it.each(COMMANDS.map((c) => [c.name, c]))('%s --help names every option it accepts and starts with its usage', (name, command) => {
    expect(command.help).toMatch(new RegExp(`^Usage: npm run gongshi -- ${name} `));
    for (const option of Object.keys(command.options)) expect(command.help, option).toContain(`--${option}`);
  });

  it('import and export list every kind', () => {
    for (const kind of KIND_NAMES) {
      expect(importCommand.help).toContain(kind);
      expect(exportCommand.help).toContain(kind);
    }
  });
});

describe('arguments are checked before the database is opened', () => {
  const run = (command: Command, values: Record<string, string | boolean>, positionals: string[]) => command.run(values, positionals);

  it.each([
    [importCommand, {}, ['units'], /needs a kind and a file/],
    [importCommand, {}, ['budgets', 'x.csv'], /Unknown kind "budgets"/],
    [importCommand, { encoding: 'latin1' }, ['units', 'x.csv'], /--encoding must be one of utf8, gb18030/],
    [importCommand, { encoding: 'gbk' }, ['units', 'x.xlsx'], /applies to CSV files only/],
    [importCommand, {}, ['units', 'x.ods'], /unknown file type/],
    [exportCommand, {}, ['targets'], /export targets needs --year/],
    [exportCommand, { year: '26' }, ['targets'], /--year must be a year/],
    [exportCommand, { year: '2026', format: 'xlsx', out: 'a.csv' }, ['targets'], /does not end in \.xlsx/],
    [exportCommand, {}, ['cadre-evaluations'], /export cadre-evaluations needs --year/],
    [exportCommand, { year: '2026', version: '0' }, ['cadre-evaluations'], /--version must be a version number/],
    [exportCommand, { year: '2026', version: '1' }, ['targets'], /--version applies to export cadre-evaluations only/],
    [templateCommand, { lang: 'fr' }, ['units'], /--lang must be zh or en/],
    [targetsCommand, { year: '2026' }, ['retire'], /Unknown action "retire"/],
    [targetsCommand, {}, ['review'], /needs --year/],
    [targetsCommand, { year: '2026', codes: 'A' }, ['review'], /--codes applies to approve and publish/],
    [reportsCommand, { period: '2026-3' }, ['due'], /--period must be a month YYYY-MM/],
    [reportsCommand, { period: '2026-03' }, ['late'], /Unknown action "late"/],
  ] as const)('%#: %s refuses %o %o', async (command, values, positionals, message) => {
    await expect(run(command, values, [...positionals])).rejects.toThrow(UsageError);
    await expect(run(command, values, [...positionals])).rejects.toThrow(message);
  });

  it('encodings and formats', () => {
    expect([parseEncoding('UTF-8'), parseEncoding('gbk'), parseEncoding('GB2312'), parseEncoding(undefined)]).toEqual(['utf8', 'gb18030', 'gb18030', undefined]);
    expect([parseFormat(undefined, undefined), parseFormat(undefined, 'x.XLSX'), parseFormat('xlsx', undefined)]).toEqual(['csv', 'xlsx', 'xlsx']);
  });
});

describe('docs/import.md', () => {
  const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/import.md'), 'utf8');

  it.each(KIND_NAMES.map((k) => [k]))('documents every %s column by its Chinese and English name, and whether it is required', (kind) => {
    const start = doc.indexOf(`\n## ${kind} — `);
    expect(start, `section for ${kind}`).toBeGreaterThan(0);
    const end = doc.indexOf('\n## ', start + 1);
    const section = doc.slice(start, end < 0 ? undefined : end);
    for (const column of KINDS[kind].columns) {
      const line = section.split('\n').find((l) => l.startsWith(`| ${column.zh} | \`${column.key}\``));
      expect(line, `${kind}.${column.key}`).toBeDefined();
      const required = column.infoOnly ? 'ignored on import' : column.required ? '**yes**' : 'no';
      expect(line!.split(' | ')[2], `${kind}.${column.key}`).toBe(required);
    }
  });
});
