/**
 * `curi-report index`: rebuilds a site's index, latest page and latest.json from the report
 * folders already in it (after reports were copied in or deleted by hand).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { REPORT_PATHS, reportFilePath, SITE_PATHS } from "../render/router.js";
import { buildIndex, isSite } from "../site/buildIndex.js";
import { InputNotFoundError } from "../util/errors.js";
import type { ArgsOf } from "./commandSpec.js";
import type { INDEX } from "./commands.js";
import { displayPath, resolveArg, say, warn, type CliIo } from "./io.js";

/** Runs `curi-report index` with its parsed arguments; resolves to the exit code. */
export async function runIndex({ values }: ArgsOf<typeof INDEX>, io: CliIo): Promise<number> {
  const outDir = resolveArg(io, values.out);
  if (
    !(await stat(outDir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    throw new InputNotFoundError(
      `${displayPath(io, outDir)} is not a folder; build a report first (curi-report <run folder>) or pass the site folder with --out.`,
    );
  }
  if (!isSite(outDir)) {
    throw new InputNotFoundError(
      `${displayPath(io, outDir)} is not a curi-report site (none of its folders is a report curi-report wrote, and its index.html is not ours), so nothing was written; pass the site folder with --out, or build reports into it first.`,
    );
  }
  const result = await buildIndex(outDir);
  for (const broken of result.broken)
    warn(io, `curi-report: warning: ${broken.reason}; listed ${broken.folder} as an informal run.`);
  for (const { folder, entry } of result.reports) {
    if (entry.problems.length > 0)
      warn(
        io,
        `curi-report: warning: ${reportFilePath(folder, REPORT_PATHS.runInfo)}: ${entry.problems.join("; ")}; listed with what could be read.`,
      );
  }
  if (!values.quiet) {
    say(
      io,
      `Indexed ${result.reports.length} report${result.reports.length === 1 ? "" : "s"} (${result.informal.length} informal) → ${displayPath(io, path.join(outDir, SITE_PATHS.index))}`,
    );
  }
  return 0;
}
