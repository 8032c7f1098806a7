/**
 * The command table. A new command is one file exporting a `Command` and one line here; the
 * global help lists every command from this table. Each command's module (and the library it
 * calls) loads only when that command runs: loading them all cost every invocation ~70 ms, a
 * quarter of what a rebuild with nothing to do may take. The name and summary are repeated here so
 * the global help needs no module; test/cli/commands.test.ts checks they match the modules'.
 */
import type { Command } from "./command.js";

/** A command as the table lists it: what the global help shows, and how to load the command. */
export interface CommandEntry {
  readonly name: string;
  /** One line for the global help. Keep in sync with the command's own `summary`. */
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Every command, in the order the global help lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "build",
    summary: "render the report of a run, or of every run in a runs folder (default command)",
    load: async () => (await import("./buildCommand.js")).buildCommand,
  },
  {
    name: "index",
    summary: "rebuild the index, latest page and latest.json of a site",
    load: async () => (await import("./indexCommand.js")).indexCommand,
  },
  {
    name: "serve",
    summary: "preview a site over HTTP on this machine",
    load: async () => (await import("./serveCommand.js")).serveCommand,
  },
  {
    name: "check",
    summary: "verify that a built site is ready to publish (links, assets, no outside requests)",
    load: async () => (await import("./checkCommand.js")).checkCommand,
  },
  {
    name: "summary",
    summary: "write a run's summary as Markdown for a pull-request comment or job summary",
    load: async () => (await import("./summaryCommand.js")).summaryCommand,
  },
  {
    name: "compare",
    summary: "compare runs: changed args, metric deltas, differing reportables and DAG changes",
    load: async () => (await import("./compareCommand.js")).compareCommand,
  },
  {
    name: "dag",
    summary: "export a run's stage DAG as SVG, DOT, Mermaid or JSON",
    load: async () => (await import("./dagCommand.js")).dagCommand,
  },
];

/** The command used when the first argument is not a command name. */
export const DEFAULT_COMMAND: CommandEntry = COMMANDS[0] as CommandEntry;

/** The command called `name`, if any. */
export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
