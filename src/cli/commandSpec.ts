/**
 * One declaration per command: its name and summary (the global help's command list), its
 * arguments and options with their types, defaults and help (parsing and `<command> --help`).
 * `defineCommand` joins a declaration to the command's `run`, which lives in the command's own
 * module (`buildCommand.ts`, …) and is loaded only when the command runs: the declarations, all in
 * src/cli/commands.ts, are all that `--help` or choosing a command reads.
 */
import { commandHelp } from "./help.js";
import type { CliIo } from "./io.js";

/** One option: how it parses (node:util parseArgs' `type`, `short`, `multiple`) and how its help reads. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** The placeholder of a string option's value in the help, e.g. `<dir>`. */
  readonly value?: string;
  /** One-letter alias, e.g. `o` for `-o`. */
  readonly short?: string;
  /** A string option given more than once keeps every value, in order (default: the last one wins). */
  readonly multiple?: boolean;
  /** A string option's value when it is not given. */
  readonly default?: string;
  /** How the help states the default when it is not `default` itself (booleans: "off"; strings without one: "none"). */
  readonly defaultHelp?: string;
  /** The only values a string option accepts; any other is a usage error naming them. */
  readonly choices?: readonly string[];
  /** What the option does, in a phrase or two; the help wraps it and adds the default. */
  readonly help: string;
  /** Parsed but left out of the help: an alias another option's help mentions. */
  readonly hidden?: boolean;
}

/** A command's options by their long name (`out` for `--out`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What a string option's value can be: one of its choices, or any string. */
type StringOf<O extends OptionSpec> = O extends { readonly choices: readonly (infer C extends string)[] } ? C : string;

/** What an option parses to: booleans are never undefined, strings with a default neither, repeated ones a list. */
type ValueOf<O extends OptionSpec> = O extends { readonly type: "boolean" }
  ? boolean
  : O extends { readonly multiple: true }
    ? readonly StringOf<O>[]
    : O extends { readonly default: string }
      ? StringOf<O>
      : StringOf<O> | undefined;

/** Parsed option values, typed by the declaration. */
export type OptionValues<O extends OptionSpecs> = { readonly [K in keyof O]: ValueOf<O[K]> };

/** One line of the help's "Arguments:" list. */
export interface HelpRow {
  readonly term: string;
  readonly help: string;
}

/** The positional arguments: how many, what the usage line shows, and what each form means. */
export interface PositionalsSpec {
  /** How the usage line shows them, e.g. `<run> <run> [<run>…]` ("" for none). */
  readonly usage: string;
  readonly min: number;
  /** Most accepted (`Infinity` for any number). */
  readonly max: number;
  /** The usage error when fewer than `min` are given (required when `min` > 0). */
  readonly missing?: string;
  /** The one positional used when none is given. */
  readonly default?: string;
  /** The help's "Arguments:" list. */
  readonly help: readonly HelpRow[];
}

/** What `run` receives: typed option values and the positionals (the default one filled in). */
export interface ParsedArgs<O extends OptionSpecs> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

/** Everything about a command but how it runs: what parsing and the help read. */
export interface CommandDoc<O extends OptionSpecs = OptionSpecs> {
  /** The word on the command line. */
  readonly name: string;
  /** One line for the global help's command list. */
  readonly summary: string;
  /** How the usage line names the command when not by `name` alone, e.g. `[build]` for the default command. */
  readonly usageName?: string;
  /** What the command does, in paragraphs separated by a blank line (wrapped by the help). */
  readonly description: string;
  readonly positionals: PositionalsSpec;
  readonly options: O;
  /** Text after the options (e.g. the command's own exit codes), as written. */
  readonly notes?: string;
  /** Command lines, one per example. */
  readonly examples: readonly string[];
}

/** The arguments a command declared as `doc` runs with. */
export type ArgsOf<D extends CommandDoc> = ParsedArgs<D["options"]>;

/** A declared command as the dispatcher sees it. */
export interface Command {
  readonly doc: CommandDoc;
  readonly name: string;
  readonly summary: string;
  /** Full help: usage, description, arguments, options with defaults, examples (`<name> --help`). */
  help(): string;
  /** Parses the arguments after the command's name against the declaration, then runs it. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/**
 * Makes a `Command` of a declaration (written `as const satisfies CommandDoc`, so `run` gets
 * typed values) and the function that runs it, which should load the command's module.
 */
export function defineCommand<const D extends CommandDoc>(
  doc: D,
  run: (args: ArgsOf<D>, io: CliIo) => Promise<number>,
): Command {
  return {
    doc,
    name: doc.name,
    summary: doc.summary,
    help: () => commandHelp(doc),
    run: async (args, io) => {
      // The parser (and node:util) only when a command runs, not for the help.
      const { parseCommandArgs } = await import("./args.js");
      return run(parseCommandArgs(doc, args) as ArgsOf<D>, io);
    },
  };
}
