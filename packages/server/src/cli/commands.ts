import { auditVerifyCommand } from './audit-verify-command.ts';
import type { CliCommand } from './command.ts';
import { kekRotateCommand } from './kek-rotate-command.ts';
import { keysRotateCommand } from './keys-rotate-command.ts';
import { migrateCommand } from './migrate-command.ts';

/** Every operator command. Add a command by importing it here. */
export const commands: CliCommand[] = [
  migrateCommand,
  kekRotateCommand,
  keysRotateCommand,
  auditVerifyCommand,
];
