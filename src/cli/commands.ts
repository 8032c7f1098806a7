/**
 * The command table. A new command is one file exporting a `Command` and one line here; the
 * global help lists every command from this table.
 */
import { buildCommand } from "./buildCommand.js";
import { checkCommand } from "./checkCommand.js";
import type { Command } from "./command.js";
import { dagCommand } from "./dagCommand.js";
import { indexCommand } from "./indexCommand.js";
import { serveCommand } from "./serveCommand.js";
import { summaryCommand } from "./summaryCommand.js";

/** Every command, in the order the global help lists them. */
export const COMMANDS: readonly Command[] = [buildCommand, indexCommand, serveCommand, checkCommand, summaryCommand, dagCommand];

/** The command used when the first argument is not a command name. */
export const DEFAULT_COMMAND: Command = buildCommand;

/** The command called `name`, if any. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
