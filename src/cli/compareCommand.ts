/**
 * `curi-report compare <run> <run> [<run>…]`: compares runs (the first is the base) and writes the
 * comparison page into the site, or prints it as Markdown.
 */
import { comparisonMarkdown } from "../render/compare/compareMarkdown.js";
import { readRun } from "../run/read.js";
import { compareRunFolders, writeComparison } from "../site/buildCompare.js";
import { UsageError } from "../util/errors.js";
import { parseCommandArgs, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { displayPath, resolveArg, say } from "./io.js";

const HELP = `Usage: curi-report compare <run> <run> [<run>…] [options]

Compare runs: run info side by side; the args that changed (args sets matched by name and
hash); metrics with their deltas and which run is better; reportables present in several runs
whose content differs, side by side (tables diffed cell by cell, JSON and text line by line);
and the stage DAG's differences: stages added, removed or changed, and artifact representations
that changed. The first run is the base. Each run is a run folder or runs/latest.

The page is written into the site as compare/<base>--<other>/index.html and the site's index is
refreshed; it links the runs' reports when they are in the site (build them first to see images
side by side). A built site needs no command for this: its compare.html compares any two of its
runs in the browser (tick them in an experiment's runs table on the index), and \`build\` writes
each run's comparison with its experiment's previous run.

Options:
  --out <dir>          site folder to write the page into (default: reports)
  --format <format>    html (the page) or markdown (printed; nothing is written) (default: html)
  --debug              show stack traces of errors (default: off)
  -h, --help           show this help

Examples:
  curi-report compare runs/exp_1_2026-11-30-T101500 runs/latest
  curi-report compare runs/exp_1_… runs/exp_2_… --format markdown >> comment.md`;

const OPTIONS = { out: { type: "string" }, format: { type: "string" } } as const;

/** The compare command. */
export const compareCommand: Command = {
  name: "compare",
  summary: "compare runs: changed args, metric deltas, differing reportables and DAG changes",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs("compare", args, OPTIONS, 64);
    if (parsed.positionals.length < 2)
      throw new UsageError(
        "compare needs at least two runs; pass run folders or runs/latest (see `curi-report compare --help`).",
      );
    const format = stringOption(parsed, "format", "html");
    if (format !== "html" && format !== "markdown")
      throw new UsageError(`--format must be html or markdown, not ${JSON.stringify(format)}.`);
    const runs = [];
    for (const p of parsed.positionals) runs.push(await readRun(resolveArg(io, p)));
    if (format === "markdown") {
      io.stdout.write(comparisonMarkdown(compareRunFolders(runs)));
      return 0;
    }
    const outDir = resolveArg(io, stringOption(parsed, "out", "reports"));
    const written = await writeComparison(runs, { outDir });
    say(io, `Wrote the comparison → ${displayPath(io, `${outDir}/${written.page}`)}`);
    return 0;
  },
};
