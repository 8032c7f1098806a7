/**
 * `curi-report dag <run>`: exports the stage DAG as SVG, DOT, Mermaid or JSON, for docs and CI.
 */
import { writeFile } from "node:fs/promises";
import { DAG_FORMATS, exportDag, type DagFormat } from "../render/graph/dagExport.js";
import { runShapes } from "../render/facts/recordShapes.js";
import { readRun } from "../run/read.js";
import { OutputError, UsageError } from "../util/errors.js";
import { parseCommandArgs, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { displayPath, resolveArg, say, type CliIo } from "./io.js";

const HELP = `Usage: curi-report dag <run folder | runs/latest> [options]

Export a run's stage DAG (records, stages and artifacts) on its own: as SVG laid out by graphviz,
as the DOT source (the report's graphs/full.gv), as a Mermaid flowchart (GitHub renders it in
Markdown; records of one pipeline drawn once, as in the report's map), or as JSON (graphs/dag.json).
Links in SVG and DOT lead where they do in the report.

Options:
  --format <format>    svg, dot, mermaid or json (default: svg)
  --record <n>         only record n: its stage graph as its page draws it (svg, dot, mermaid)
                       or its part of the JSON (default: the whole run)
  --collapse           one node per record (svg, dot; default: only for an SVG of a run too
                       big to read in full; Mermaid shrinks by itself to fit GitHub's limits)
  --out <file>         write to a file (default: standard output)
  --debug              show stack traces of errors (default: off)
  -h, --help           show this help

Examples:
  curi-report dag runs/latest --out dag.svg
  curi-report dag runs/latest --format mermaid >> docs/pipeline.md
  curi-report dag runs/latest --format dot --record 2 | dot -Tpng > record2.png`;

const OPTIONS = {
  format: { type: "string" },
  record: { type: "string" },
  collapse: { type: "boolean" },
  out: { type: "string" },
} as const;

/** The dag command. */
export const dagCommand: Command = {
  name: "dag",
  summary: "export a run's stage DAG as SVG, DOT, Mermaid or JSON",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs("dag", args, OPTIONS, 1);
    const input = parsed.positionals[0];
    if (input === undefined)
      throw new UsageError("Missing the run; pass a run folder or runs/latest (see `curi-report dag --help`).");
    const format = stringOption(parsed, "format", "svg");
    if (!(DAG_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${DAG_FORMATS.join(", ")}, not ${JSON.stringify(format)}.`);
    const run = await readRun(resolveArg(io, input));
    const recordText = stringOption(parsed, "record");
    const record = recordText === undefined ? undefined : Number(recordText);
    if (record !== undefined && !(Number.isInteger(record) && record >= 0 && record < run.records.length)) {
      throw new UsageError(
        `--record ${JSON.stringify(recordText)} is not a record of ${run.info.reference}; it has records 0 to ${run.records.length - 1}.`,
      );
    }
    const text = await exportDag(run, runShapes(run), {
      format: format as DagFormat,
      ...(record === undefined ? {} : { record }),
      ...(parsed.values.collapse === true ? { collapse: true } : {}),
    });
    await writeOutput(io, stringOption(parsed, "out"), text);
    return 0;
  },
};

/** Writes `text` to the file named by `--out`, or to stdout without one. */
async function writeOutput(io: CliIo, out: string | undefined, text: string): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  const file = resolveArg(io, out);
  await writeFile(file, text, "utf8").catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new OutputError(
      `Cannot write ${displayPath(io, file)} (${code}); check that its folder exists and is writable, or choose another --out.`,
      { cause: error },
    );
  });
  say(io, `Wrote ${displayPath(io, file)}`);
}
