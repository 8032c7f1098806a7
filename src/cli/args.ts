/**
 * Argument parsing with `node:util` `parseArgs`, turning its errors into `UsageError`s (exit 2)
 * that tell the user where to find the command's help.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../util/errors.js";

/** Options of one command, in parseArgs' format. */
export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** Parsed flags and positionals. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `args` strictly against `options`; at most `maxPositionals` positionals. Any mistake
 * becomes a UsageError naming the problem and `curi-report <command> --help`.
 */
export function parseCommandArgs(
  command: string,
  args: readonly string[],
  options: OptionSpec,
  maxPositionals: number,
): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${usageMessage(command, error)}; see \`curi-report ${command} --help\`.`, { cause: error });
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals
      .slice(maxPositionals)
      .map((p) => JSON.stringify(p))
      .join(", ");
    throw new UsageError(
      `Unexpected argument${parsed.positionals.length - maxPositionals > 1 ? "s" : ""} ${extra}; see \`curi-report ${command} --help\`.`,
    );
  }
  return { values: parsed.values as ParsedArgs["values"], positionals: parsed.positionals };
}

/**
 * parseArgs' message in our words. Its unknown-option message ends in an unbalanced quote
 * (`as in '-- "--x"`), so that one is written anew, naming the command it was given to.
 */
function usageMessage(command: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']*)'/.exec(message);
  if (unknown === null) return message.replace(/\.$/, "");
  const option = JSON.stringify(unknown[1]);
  return `Unknown option ${option} for \`curi-report ${command}\` (a folder whose name starts with "-" goes after "--": \`curi-report ${command} -- ${unknown[1]}\`)`;
}

/** A string option's value, or `fallback` when absent. */
export function stringOption(parsed: ParsedArgs, name: string, fallback: string): string;
export function stringOption(parsed: ParsedArgs, name: string): string | undefined;
export function stringOption(parsed: ParsedArgs, name: string, fallback?: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === "string" ? value : fallback;
}
