/**
 * The CLI entry point: `main(argv, io)` picks the command, runs it, and turns every outcome into
 * an exit code. The only code that decides exit codes; `bin/curi-report.js` sets them.
 */
import { existsSync } from "node:fs";
import { UsageError } from "../util/errors.js";
import { packageVersion } from "../util/packageVersion.js";
import { COMMANDS, DEFAULT_COMMAND, findCommand } from "./commands.js";
import type { Command } from "./commandSpec.js";
import { reportError } from "./errors.js";
import { globalHelp } from "./help.js";
import { resolveArg, say, warn, type CliIo } from "./io.js";

/** The global help, from the command table. */
function helpText(): string {
  return globalHelp(
    COMMANDS.map((c) => c.doc),
    DEFAULT_COMMAND.name,
  );
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
    warn(io, `${helpText()}\n`);
    throw new UsageError("Nothing to do: pass a run folder, a runs folder or runs/latest, or a command (usage above).");
  }
  if (first === "--version" || first === "-V") return printed(io, packageVersion());
  if (first === "--help" || first === "-h") return printed(io, helpText());
  if (first === "help") return printed(io, rest[0] === undefined ? helpText() : commandOrThrow(rest[0]).help());
  const later = rest.find((a) => findCommand(a) !== undefined);
  if (first.startsWith("-") && later !== undefined) {
    // `curi-report --quiet index`: the option belongs after the command, whose help is the one to read.
    throw new UsageError(
      `The option ${JSON.stringify(first)} comes before the command ${JSON.stringify(later)}; put options after it (\`curi-report ${later} ${first}\`), see \`curi-report ${later} --help\`.`,
    );
  }
  const named = findCommand(first);
  if (named === undefined) refuseMistypedCommand(first, io);
  const command = named ?? DEFAULT_COMMAND;
  const commandArgs = named === undefined ? args : rest;
  if (commandArgs.includes("--help") || commandArgs.includes("-h")) return printed(io, command.help());
  return command.run(commandArgs, io);
}

/**
 * Throws a UsageError when `word`, given where a command goes, is a mistyped command name. The
 * default command takes paths, so a word that names an existing file or folder is a path
 * (`curi-report runs`), and only a bare word that exists nowhere and is near a command is a typo;
 * any other word is left to the default command, which says the path does not exist (exit 3).
 */
function refuseMistypedCommand(word: string, io: CliIo): void {
  if (!/^[A-Za-z][A-Za-z-]*$/.test(word) || existsSync(resolveArg(io, word))) return;
  const nearest = nearestCommand(word);
  if (nearest === undefined) return;
  throw new UsageError(
    `unknown command ${JSON.stringify(word)}; did you mean ${JSON.stringify(nearest.name)}? (\`curi-report --help\` lists the commands; no file or folder ${JSON.stringify(word)} exists here to build.)`,
  );
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): `buidl` is one step
 * from `build`, as a typist sees it, where plain Levenshtein counts two.
 */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The command `word` is most likely a typo of: the nearest by edit distance, when it is at most
 * two steps away and no more than half the word (so `x` or `runs` suggest nothing), else undefined.
 */
export function nearestCommand(word: string): Command | undefined {
  // Fewer than half the letters may differ: `runs` (a folder not there yet) is not a typo of `prune`.
  const limit = Math.min(2, Math.floor((word.length - 1) / 2));
  let best: { command: Command; distance: number } | undefined;
  for (const command of COMMANDS) {
    const distance = editDistance(word.toLowerCase(), command.name);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { command, distance };
  }
  return best?.command;
}

/** The command called `name`, or a UsageError listing the commands. */
function commandOrThrow(name: string): Command {
  const command = findCommand(name);
  if (command === undefined) {
    const nearest = nearestCommand(name);
    const guess = nearest === undefined ? "" : ` (did you mean ${JSON.stringify(nearest.name)}?)`;
    throw new UsageError(
      `There is no command ${JSON.stringify(name)}${guess}; the commands are ${COMMANDS.map((c) => c.name).join(", ")}.`,
    );
  }
  return command;
}

/** Prints `text` to stdout and returns exit code 0. */
function printed(io: CliIo, text: string): number {
  say(io, text);
  return 0;
}
