/**
 * `curi-report [build] <run folder | runs folder | runs/latest>`: the default command. Renders
 * one run's report, or every run's, into a static site, and refreshes the site's index.
 */
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import type { WrittenSingleFile } from "../site/buildReport.js";
import { SITE_PATHS } from "../render/router.js";
import { buildSite, type SiteBuildResult, type SiteProgress } from "../site/buildSite.js";
import { InputNotFoundError, UsageError } from "../util/errors.js";
import { parseCommandArgs, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { exitCodeOf, reportError } from "./errors.js";
import { displayPath, resolveArg, say, warn, type CliIo } from "./io.js";

const HELP = `Usage: curi-report [build] <run folder | runs folder | runs/latest> [options]

Render the report of one run, or of every run in a runs folder, into a static site that opens
from disk, publishes to GitHub Pages as it is, and works without a network. The site's index,
latest page and latest.json are refreshed afterwards. A run that cannot be read does not stop
the others; every failure is listed at the end and the exit code is non-zero.

Builds are incremental: a run whose report is up to date (same run.json, log and reportable
files, same curi-report, templates and --css) is skipped, and the index is rebuilt only when a
report was built or found up to date by its content alone. Each report folder holds curi-report.json: the digests of its inputs and of its own
files, and no path. What this machine built is remembered outside the site (in
$XDG_CACHE_HOME/curi-report, else ~/.cache/curi-report); a copied or restored site is checked by
content, so it too rebuilds only what changed. A build never replaces a folder that holds a run
or that it did not write, and refuses an --out that overlaps the runs it reads.

Arguments:
  <run folder>      a folder holding run.json
  <runs folder>     a folder of run folders: every run in it is built
  runs/latest       the newest run, as named by the runs/latest marker file

Options:
  --out <dir>       site folder to write into (default: reports)
  --css <file>      your stylesheet, copied into each report as custom.css and loaded after
                    ours (default: none)
  --full            rebuild every report, even those that are up to date (default: off)
  --no-compare      do not compare each built run with its experiment's previous run
                    (default: compare, when both runs are in the input: the page is written
                    to <out>/compare/<older>--<newer>/ and linked from the index, so each run
                    is one click from it even without JavaScript; --compare is accepted too).
                    Any two runs of the site compare in <out>/compare.html, in the browser.
  --single-file     also write <out>/<folder>.html, one self-contained file per report that
                    opens anywhere with the network off, for a PR, an e-mail or a CI artifact;
                    bounded like the run page (the best records, at most 5 MiB), it says what
                    it leaves out and links it in the full report (default: off)
  --quiet           print nothing but errors (default: off)
  --debug           show stack traces of errors (default: off)
  -h, --help        show this help

Examples:
  curi-report runs/latest
  curi-report runs --out public
  curi-report build runs/iris_3_2026-11-26-T233842 --css brand.css`;

const OPTIONS = {
  out: { type: "string" },
  css: { type: "string" },
  full: { type: "boolean" },
  compare: { type: "boolean" },
  "no-compare": { type: "boolean" },
  "single-file": { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

/** The build command. */
export const buildCommand: Command = {
  name: "build",
  summary: "render the report of a run, or of every run in a runs folder (default command)",
  help: HELP,
  async run(args, io) {
    fastGraphvizStart();
    const parsed = parseCommandArgs("build", args, OPTIONS, 1);
    const input = parsed.positionals[0];
    if (input === undefined)
      throw new UsageError(
        "Missing the run to report on; pass a run folder, a runs folder or runs/latest (see `curi-report --help`).",
      );
    const quiet = parsed.values.quiet === true;
    const outDir = resolveArg(io, stringOption(parsed, "out", "reports"));
    const css = stringOption(parsed, "css");
    const result = await buildSite(resolveArg(io, input), {
      outDir,
      ...(css === undefined ? {} : { css: resolveArg(io, css) }),
      incremental: parsed.values.full !== true,
      comparePrevious: parsed.values["no-compare"] !== true,
      ...(parsed.values["single-file"] === true ? { singleFile: true } : {}),
      onProgress: (p) => {
        if (!quiet) printProgress(io, outDir, p);
        if (p.report?.singleFile !== undefined)
          printSingleFile(io, outDir, p.report.folder, p.report.singleFile, quiet);
      },
    }).catch((error: unknown) => {
      throw withCommandHint(error, input);
    });
    if (!quiet) printSummary(io, outDir, result);
    return reportFailures(io, result);
  },
};

/**
 * Runs Graphviz's WebAssembly on V8's baseline compiler only. A build lays out at most one small
 * map per report with Graphviz (big maps and record graphs are drawn without it), and V8's
 * optimizing tier spent ~0.1 s recompiling Graphviz before the first map was done, where the
 * baseline code lays a small map out in a few milliseconds. Set before Graphviz loads (it compiles
 * on first use), and only in the build command: `curi-report dag` on a huge graph keeps the
 * optimizing tier.
 */
function fastGraphvizStart(): void {
  setFlagsFromString("--liftoff-only");
}

/** `Wrote <out>/<folder>.html`, after its warnings (a linked file too big or missing). */
function printSingleFile(io: CliIo, outDir: string, folder: string, file: WrittenSingleFile, quiet: boolean): void {
  for (const w of file.warnings) warn(io, `curi-report: warning: ${folder}: ${w}`);
  if (!quiet) say(io, `Wrote ${displayPath(io, path.join(outDir, file.path))}`);
}

/** `[3/12] iris_3_… → reports/iris_3_…/index.html` (only when building more than one run). */
function printProgress(io: CliIo, outDir: string, p: SiteProgress): void {
  if (p.total === 1) return;
  const name = path.basename(p.runDir);
  if (p.report !== undefined)
    say(io, `[${p.position}/${p.total}] ${name} → ${displayPath(io, path.join(outDir, p.report.page))}`);
  else if (p.upToDate !== undefined) say(io, `[${p.position}/${p.total}] ${name} = up to date`);
  else say(io, `[${p.position}/${p.total}] ${name} ✗ failed (see below)`);
}

/** One line for a single report, or a count for many, plus where the index is. */
function printSummary(io: CliIo, outDir: string, result: SiteBuildResult): void {
  const [only] = result.reports;
  const current = result.upToDate.length > 0 ? ` (${result.upToDate.length} up to date)` : "";
  if (result.runDirs.length === 1 && only !== undefined)
    say(io, `Wrote ${displayPath(io, path.join(outDir, only.page))}`);
  else if (result.runDirs.length === 1 && result.upToDate.length === 1) say(io, "The report is up to date.");
  else if (result.runDirs.length > 1)
    say(io, `Built ${result.reports.length} of ${result.runDirs.length} reports${current}.`);
  if (result.skipped.length > 0)
    say(
      io,
      `Skipped ${result.skipped.length} folder${result.skipped.length === 1 ? "" : "s"} without run.json: ${result.skipped.map((s) => path.basename(s)).join(", ")}`,
    );
  // Only an index this build wrote, or one every run was already up to date with: after a
  // failure nothing was refreshed, and the line would suggest otherwise.
  if (result.index !== null || (result.failures.length === 0 && result.upToDate.length > 0))
    say(io, `Index: ${displayPath(io, path.join(outDir, SITE_PATHS.index))}`);
}

/** Prints every failure in full; the exit code is the first failure's (0 when none). */
function reportFailures(io: CliIo, result: SiteBuildResult): number {
  const many = result.runDirs.length > 1;
  for (const failure of result.failures)
    reportError(io, failure.error, many ? displayPath(io, failure.runDir) : undefined);
  const [first] = result.failures;
  if (first === undefined) return 0;
  if (many) warn(io, `curi-report: ${result.failures.length} of ${result.runDirs.length} runs failed.`);
  return exitCodeOf(first.error);
}

/** A bare word that does not exist was probably a mistyped command: say so in the error. */
function withCommandHint(error: unknown, input: string): unknown {
  if (error instanceof InputNotFoundError && /^[a-z][a-z-]*$/.test(input)) {
    return new InputNotFoundError(
      `${error.message} (If you meant a command: \`${input}\` is not one; see \`curi-report --help\`.)`,
      { cause: error },
    );
  }
  return error;
}
