/**
 * The help texts, written from the commands' declarations (src/cli/commandSpec.ts): a command's
 * `--help` (usage, description, arguments, options with their defaults, examples) and the global
 * help (the command list, global options, exit codes). Prose is wrapped here, so a declaration
 * states each fact once and never lays out columns by hand.
 */
import {
  InputNotFoundError,
  OutputError,
  SiteCheckError,
  UnsafePathError,
  UnsupportedVersionError,
  UsageError,
} from "../util/errors.js";
import type { CuriError } from "../util/errors.js";
import type { CommandDoc, HelpRow, OptionSpec } from "./commandSpec.js";

/** Widest line of the help texts (terminals are at least 80 wide; most show 100 and more). */
const WIDTH = 100;

/** Options every command takes; `main` handles them before the command parses its own. */
export const GLOBAL_OPTIONS: readonly HelpRow[] = [
  { term: "--debug", help: "show stack traces of errors (default: off)" },
  { term: "-h, --help", help: "show this help" },
];

/** The exit code of an error class, read from the class itself so the help cannot drift from it. */
function codeOf(error: new (message: string) => CuriError): number {
  return new error("").exitCode;
}

/** Exit codes, as the global help lists them. */
export function exitCodesHelp(): string {
  const codes: [number, string][] = [
    [0, "success"],
    [1, "unexpected error (a bug: please report it with the --debug output)"],
    [codeOf(UsageError), "usage error (unknown command or option, missing argument)"],
    [codeOf(InputNotFoundError), "input not found (run folder, runs folder, runs/latest, pattern or --css file)"],
    [
      codeOf(UnsupportedVersionError),
      "invalid run (run.json is not valid JSON, breaks the schema, or has an unsupported schema_version)",
    ],
    [codeOf(UnsafePathError), "unsafe path (a file path leaving the run folder or the output folder)"],
    [codeOf(OutputError), "output not writable"],
    [codeOf(SiteCheckError), "site check failed"],
  ];
  return `Exit codes:\n${codes.map(([code, text]) => `  ${code}  ${text}`).join("\n")}`;
}

/** `html or markdown`, `one of svg, dot, mermaid or json`. */
export function choiceList(choices: readonly string[]): string {
  const last = choices.at(-1) ?? "";
  const listed = choices.length > 1 ? `${choices.slice(0, -1).join(", ")} or ${last}` : last;
  return choices.length > 2 ? `one of ${listed}` : listed;
}

/** Splits `text` into lines of at most `width` characters at spaces (a longer word stays whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  // A non-breaking space keeps a phrase on one line (`(default: 127.0.0.1`); the reader sees a space.
  return lines.map((l) => l.replaceAll("\u00a0", " "));
}

/** Rows as two columns, the second wrapped and indented under itself (a term wider than the column gets a line of its own). */
function table(rows: readonly HelpRow[], width: number): string {
  const indent = " ".repeat(width + 4);
  return rows
    .map((row) => {
      const [first = "", ...rest] = wrap(row.help, WIDTH - indent.length);
      const head =
        row.term.length > width ? `  ${row.term}\n${indent}${first}` : `  ${row.term.padEnd(width)}  ${first}`;
      return [head, ...rest.map((line) => indent + line)].join("\n");
    })
    .join("\n");
}

/** `--out <dir>`, `-o, --out <dir>`. */
function optionTerm(name: string, o: OptionSpec): string {
  const short = o.short === undefined ? "" : `-${o.short}, `;
  return `${short}--${name}${o.type === "string" && o.value !== undefined ? ` ${o.value}` : ""}`;
}

/** The option's help with its default, which always ends it and never breaks after "default:". */
function optionHelp(o: OptionSpec): string {
  const stated = o.defaultHelp ?? o.default ?? (o.type === "boolean" ? "off" : "none");
  return `${o.help} (default:\u00a0${stated})`;
}

/** Paragraphs separated by blank lines, each wrapped. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => wrap(p, WIDTH).join("\n"))
    .join("\n\n");
}

/** A command's full help, from its declaration. */
export function commandHelp(doc: CommandDoc): string {
  const usage = [`curi-report ${doc.usageName ?? doc.name}`, doc.positionals.usage, "[options]"].filter(
    (p) => p !== "",
  );
  const options: HelpRow[] = Object.entries(doc.options)
    .filter(([, o]) => o.hidden !== true)
    .map(([name, o]) => ({ term: optionTerm(name, o), help: optionHelp(o) }));
  const rows = [...doc.positionals.help, ...options, ...GLOBAL_OPTIONS];
  // The term column fits the terms, but one very long term does not push every help text right.
  const width = Math.min(24, Math.max(...rows.map((r) => r.term.length)));
  const sections = [`Usage: ${usage.join(" ")}`, paragraphs(doc.description)];
  if (doc.positionals.help.length > 0) sections.push(`Arguments:\n${table(doc.positionals.help, width)}`);
  sections.push(`Options:\n${table([...options, ...GLOBAL_OPTIONS], width)}`);
  if (doc.notes !== undefined) sections.push(doc.notes);
  sections.push(`Examples:\n${doc.examples.map((e) => `  ${e}`).join("\n")}`);
  return sections.join("\n\n");
}

/** The global help: what curi-report is, the command list from the declarations, global options, examples, exit codes. */
export function globalHelp(commands: readonly CommandDoc[], defaultCommand: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n");
  const options = table(
    [
      { term: "-h, --help", help: "show help (`curi-report <command> --help` for a command's options)" },
      { term: "-V, --version", help: "print curi-report's version" },
      { term: "--debug", help: "show stack traces of errors (default: off)" },
    ],
    16,
  );
  return `Usage: curi-report [command] [arguments] [options]

Static HTML reports of curifactory experiment runs: they open from disk, publish to GitHub
Pages as they are, and need no network.

Commands:
${list}

Without a command, \`${defaultCommand}\` is used: \`curi-report runs/latest\` = \`curi-report ${defaultCommand} runs/latest\`.

Global options:
${options}

Examples:
  curi-report runs/latest                 report on the newest run into reports/
  curi-report runs --out public           report on every run in runs/ into public/
  curi-report 'runs/iris_*' --exclude '*debug*'
                                          report on the runs a pattern selects, but the debug ones
  curi-report serve                       preview reports/ at http://127.0.0.1:8080/

${exitCodesHelp()}`;
}
