/** The shape of a staff CLI command: parsed options in, exit code out. */
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  summary: string;
  /** Usage and option descriptions, shown by `--help`. */
  help: string;
  options: OptionSpec;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

export { UsageError } from '../lib/usage-error.ts';
