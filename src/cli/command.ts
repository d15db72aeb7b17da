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

/** An error whose message is meant for the person at the terminal (no stack trace). */
export class UsageError extends Error {
  override name = 'UsageError';
}
