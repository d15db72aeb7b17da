/** `npm run gongshi -- <command>`: the assessment office's staff CLI. */
import { parseArgs } from 'node:util';
import { UsageError, type Command } from './command.ts';
import { commands } from './commands/index.ts';
import { DataDirBusyError } from '../lib/db/lock.ts';
import { announceCommittedChanges } from '../lib/db/open.ts';
import { MigrationError } from '../lib/db/migrate.ts';
import { pgErrorFields } from '../lib/db/errors.ts';

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Gongshi staff CLI

Usage: npm run gongshi -- <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "npm run gongshi -- <command> --help" for a command's options.

Commands work beside a running "npm start" (on the embedded database, through its staff socket);
the portal republishes the site after each command that commits a change.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${overview()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values['help']) {
      console.log(command.help);
      return 0;
    }
    return await command.run(values, positionals);
  } catch (error) {
    return report(error, command);
  }
}

function report(error: unknown, command: Command): number {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    console.error(`${error.message}\n\n${command.help}`);
    return 2;
  }
  if (error instanceof DataDirBusyError || error instanceof MigrationError) {
    console.error(error.message);
    return 1;
  }
  const pg = pgErrorFields(error);
  if (pg) {
    console.error(`Database error ${pg.code}: ${pg.message}${pg.detail ? `\n  ${pg.detail}` : ''}${pg.hint ? `\n  hint: ${pg.hint}` : ''}`);
    return 1;
  }
  console.error(error);
  return 1;
}

// A running portal (npm start) republishes the site when a staff command commits a change.
announceCommittedChanges();
process.exitCode = await main(process.argv.slice(2));
