/** Every staff CLI command, in the order `--help` lists them. Add a new command here. */
import type { Command } from '../command.ts';
import { migrateCommand } from './migrate.ts';
import { seedCommand } from './seed.ts';
import { yearCommand } from './year.ts';
import { opinionsCommand } from './opinions.ts';
import { invitationsCommand } from './invitations.ts';
import { signupsCommand } from './signups.ts';
import { assessCommand } from './assess.ts';
import { decisionCommand } from './decision.ts';
import { hearingCommand } from './hearing.ts';
import { bulletinCommand } from './bulletin.ts';
import { importCommand } from './import.ts';
import { exportCommand } from './export.ts';
import { templateCommand } from './template.ts';
import { targetsCommand } from './targets.ts';
import { reportsCommand } from './reports.ts';
import { verifyCommand } from './verify.ts';
import { outboxCommand } from './outbox.ts';

export const commands: Command[] = [
  migrateCommand,
  seedCommand,
  yearCommand,
  opinionsCommand,
  invitationsCommand,
  signupsCommand,
  assessCommand,
  decisionCommand,
  hearingCommand,
  bulletinCommand,
  importCommand,
  exportCommand,
  templateCommand,
  targetsCommand,
  reportsCommand,
  verifyCommand,
  outboxCommand,
];
