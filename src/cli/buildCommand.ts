/**
 * `curi-report [build] <run folder | runs folder | runs/latest | pattern>…`: the default command.
 * Renders the reports of the runs it is given into a static site, and refreshes the site's index.
 */
import path from "node:path";
import type { WrittenSingleFile } from "../site/buildReport.js";
import { SITE_PATHS } from "../render/router.js";
import { withRenderCaches } from "../render/renderCaches.js";
import { preferFastGraphvizStart } from "../render/graph/graphviz.js";
import { buildSite, type SiteBuildResult, type SiteProgress } from "../site/buildSite.js";
import { defaultStateDir } from "../site/incremental.js";
import { InputNotFoundError } from "../util/errors.js";
import type { ArgsOf } from "./commandSpec.js";
import type { BUILD } from "./commands.js";
import { exitCodeOf, reportError } from "./errors.js";
import { groupByOption } from "./groupBy.js";
import { configArg, displayPath, resolveArg, say, warn, type CliIo } from "./io.js";
import { selectRuns } from "./runSelection.js";
import { historyFrom } from "./historyFrom.js";
import { loadProjectConfig } from "../site/projectConfig.js";

/** Runs `curi-report build` with its parsed arguments; resolves to the exit code. */
export function runBuild(args: ArgsOf<typeof BUILD>, io: CliIo): Promise<number> {
  preferFastGraphvizStart();
  // Layouts, SVG files and Markdown made by earlier builds, in the user's cache folder beside the incremental state.
  return withRenderCaches(defaultStateDir(), () => build(args, io));
}

/** {@link runBuild} with the render caches on. */
async function build({ values, positionals }: ArgsOf<typeof BUILD>, io: CliIo): Promise<number> {
  const quiet = values.quiet;
  const groupBy = groupByOption(values["group-by"]);
  const outDir = resolveArg(io, values.out);
  const selection = await selectRuns(positionals, values.exclude, io.cwd);
  for (const { link, target } of selection.leftOut)
    warn(
      io,
      `curi-report: warning: ${displayPath(io, link)} leads outside its folder (to ${target}), so the pattern leaves it out; name it on its own to build it.`,
    );
  const projectConfig = await loadProjectConfig(configArg(io, values.config), selection.inputs[0]);
  const from = values["history-from"] === undefined ? null : await historyFrom(values["history-from"], io);
  const result = await buildSite(selection.inputs, {
    outDir,
    projectConfig,
    history: {
      ...(values.branch === undefined ? {} : { branch: values.branch }),
      ...(values["default-branch"] === undefined ? {} : { defaultBranch: values["default-branch"] }),
      ...(from === null ? {} : { from }),
    },
    ...(values.css === undefined ? {} : { css: resolveArg(io, values.css) }),
    incremental: !values.full,
    comparePrevious: !values["no-compare"],
    ...(values["single-file"] ? { singleFile: true } : {}),
    ...(groupBy === undefined ? {} : { groupBy }),
    onProgress: (p) => {
      if (!quiet) printProgress(io, outDir, p);
      if (p.report?.singleFile !== undefined) printSingleFile(io, outDir, p.report.folder, p.report.singleFile, quiet);
    },
  }).catch((error: unknown) => {
    throw withCommandHint(error, positionals);
  });
  if (!quiet) printSummary(io, outDir, result);
  return reportFailures(io, result);
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
function withCommandHint(error: unknown, inputs: readonly string[]): unknown {
  const [input] = inputs;
  if (
    error instanceof InputNotFoundError &&
    inputs.length === 1 &&
    input !== undefined &&
    /^[a-z][a-z-]*$/.test(input)
  ) {
    return new InputNotFoundError(
      `${error.message} (If you meant a command: \`${input}\` is not one; see \`curi-report --help\`.)`,
      { cause: error },
    );
  }
  return error;
}
