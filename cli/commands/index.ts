/**
 * The command table: `orgkey <name>` runs the spec of that name. Help lists them in this order.
 */
import type { CommandSpec } from '../args';
import { accessTokenCommand } from './access-token';
import { addCommand } from './add';
import { auditLoginsCommand } from './audit-logins';
import { certCommand } from './cert';
import { confirmRefreshCommand } from './confirm-refresh';
import { copyCommand, secretCommand } from './copy';
import { editCommand } from './edit';
import { exportCommand } from './export';
import { forgetPreviousCommand } from './forget-previous';
import { historyCommand } from './history';
import { importCommand } from './import';
import { listCommand } from './list';
import { loginCommand, logoutCommand } from './login';
import { openCommand } from './open';
import { removeCommand } from './remove';
import { scheduleCommand } from './schedule';
import { showCommand } from './show';
import { testCommand } from './test';
import { passwordCommand, tokenCommand } from './token';

export const COMMANDS: readonly CommandSpec[] = [
  listCommand,
  addCommand,
  showCommand,
  editCommand,
  forgetPreviousCommand,
  confirmRefreshCommand,
  removeCommand,
  importCommand,
  testCommand,
  historyCommand,
  scheduleCommand,
  loginCommand,
  logoutCommand,
  tokenCommand,
  passwordCommand,
  copyCommand,
  secretCommand,
  accessTokenCommand,
  openCommand,
  exportCommand,
  certCommand,
  auditLoginsCommand,
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
