/**
 * The CLI entry point: `main(argv, io)` picks the command, runs it, and turns every outcome into
 * an exit code. The only code that decides exit codes; `bin/curi-report.js` sets them.
 */
import { UsageError } from "../util/errors.js";
import { packageVersion } from "../util/packageVersion.js";
import { COMMANDS, DEFAULT_COMMAND, findCommand, type CommandEntry } from "./commands.js";
import { reportError } from "./errors.js";
import { say, warn, type CliIo } from "./io.js";

/** Exit codes, as documented in `--help`. Keep in sync with the `exitCode`s in src/util/errors.ts. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  unexpected error (a bug: please report it with the --debug output)
  2  usage error (unknown option, missing argument)
  3  input not found (run folder, runs folder, runs/latest or --css file)
  4  invalid run (run.json is not valid JSON, breaks the schema, or has an unsupported schema_version)
  5  unsafe path (a file path leaving the run folder or the output folder)
  6  output not writable
  7  site check failed`;

/** The global help: commands from the table, global flags, exit codes. */
export function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
  return `Usage: curi-report [command] [arguments] [options]

Static HTML reports of curifactory experiment runs: they open from disk, publish to GitHub
Pages as they are, and need no network.

Commands:
${commands}

Without a command, \`build\` is used: \`curi-report runs/latest\` = \`curi-report build runs/latest\`.

Global options:
  -h, --help        show help (\`curi-report <command> --help\` for a command's options)
  -V, --version     print curi-report's version
  --debug           show stack traces of errors (default: off)

Examples:
  curi-report runs/latest                 report on the newest run into reports/
  curi-report runs --out public           report on every run in runs/ into public/
  curi-report serve                       preview reports/ at http://127.0.0.1:8080/

${EXIT_CODES_HELP}`;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  const cliIo: CliIo = { ...io, debug };
  try {
    return await dispatch(
      argv.filter((a) => a !== "--debug"),
      cliIo,
    );
  } catch (error) {
    return reportError(cliIo, error);
  }
}

/** Global flags first, then the named (or default) command, with its own `--help`. */
async function dispatch(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) {
    warn(io, `${globalHelp()}\n`);
    throw new UsageError("Nothing to do: pass a run folder, a runs folder or runs/latest, or a command (usage above).");
  }
  if (first === "--version" || first === "-V") return printed(io, packageVersion());
  if (first === "--help" || first === "-h") return printed(io, globalHelp());
  if (first === "help")
    return printed(io, rest[0] === undefined ? globalHelp() : (await commandOrThrow(rest[0]).load()).help);
  const later = rest.find((a) => findCommand(a) !== undefined);
  if (first.startsWith("-") && later !== undefined) {
    // `curi-report --quiet index`: the option belongs after the command, whose help is the one to read.
    throw new UsageError(
      `The option ${JSON.stringify(first)} comes before the command ${JSON.stringify(later)}; put options after it (\`curi-report ${later} ${first}\`), see \`curi-report ${later} --help\`.`,
    );
  }
  const named = findCommand(first);
  const command = await (named ?? DEFAULT_COMMAND).load();
  const commandArgs = named === undefined ? args : rest;
  if (commandArgs.includes("--help") || commandArgs.includes("-h")) return printed(io, command.help);
  return command.run(commandArgs, io);
}

/** The command called `name`, or a UsageError listing the commands. */
function commandOrThrow(name: string): CommandEntry {
  const command = findCommand(name);
  if (command === undefined)
    throw new UsageError(
      `There is no command ${JSON.stringify(name)}; the commands are ${COMMANDS.map((c) => c.name).join(", ")}.`,
    );
  return command;
}

/** Prints `text` to stdout and returns exit code 0. */
function printed(io: CliIo, text: string): number {
  say(io, text);
  return 0;
}
