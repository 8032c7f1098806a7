/**
 * Parsing a command's arguments from its declaration (src/cli/commandSpec.ts) with `node:util`
 * `parseArgs`, strictly: an unknown option, a missing value, too many or too few arguments or a
 * value outside an option's choices is a `UsageError` (exit 2) that says where to find the help.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../util/errors.js";
import type { CommandDoc, OptionSpecs, OptionValues, ParsedArgs } from "./commandSpec.js";
import { choiceList } from "./help.js";

/** The declaration's options as parseArgs takes them. */
function parseConfig(options: OptionSpecs): NonNullable<ParseArgsConfig["options"]> {
  return Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short === undefined ? {} : { short: o.short }), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
}

/** Parses `args` strictly against `doc`; the values come back typed, defaults applied. */
export function parseCommandArgs<O extends OptionSpecs>(doc: CommandDoc<O>, args: readonly string[]): ParsedArgs<O> {
  const command = doc.name;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: parseConfig(doc.options), allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${usageMessage(command, error)}; see \`curi-report ${command} --help\`.`, { cause: error });
  }
  const { max, min } = doc.positionals;
  if (parsed.positionals.length > max) {
    const extra = parsed.positionals
      .slice(max)
      .map((p) => JSON.stringify(p))
      .join(", ");
    throw new UsageError(
      `Unexpected argument${parsed.positionals.length - max > 1 ? "s" : ""} ${extra}; see \`curi-report ${command} --help\`.`,
    );
  }
  if (parsed.positionals.length < min)
    throw new UsageError(doc.positionals.missing ?? `Missing arguments; see \`curi-report ${command} --help\`.`);
  const fallback = doc.positionals.default;
  const positionals = parsed.positionals.length === 0 && fallback !== undefined ? [fallback] : parsed.positionals;
  return { values: optionValues(doc, parsed.values), positionals };
}

/** The parsed values with each option's default, its choices checked. */
function optionValues<O extends OptionSpecs>(
  doc: CommandDoc<O>,
  given: ReturnType<typeof parseArgs>["values"],
): OptionValues<O> {
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(doc.options)) {
    const value = given[name];
    if (o.type === "boolean") values[name] = value === true;
    else if (o.multiple) values[name] = Array.isArray(value) ? value : [];
    else values[name] = typeof value === "string" ? value : o.default;
    if (typeof value === "string" && o.choices !== undefined && !o.choices.includes(value))
      throw new UsageError(
        `--${name} must be ${choiceList(o.choices)}, not ${JSON.stringify(value)}; see \`curi-report ${doc.name} --help\`.`,
      );
  }
  return values as OptionValues<O>;
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
