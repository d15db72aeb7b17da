/** Every staff CLI command, in the order `--help` lists them. Add a new command here. */
import type { Command } from '../command.ts';
import { migrateCommand } from './migrate.ts';
import { seedCommand } from './seed.ts';

export const commands: Command[] = [
  migrateCommand,
  seedCommand,
];
