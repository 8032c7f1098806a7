/**
 * `curi-report index`: rebuilds a site's index, latest page and latest.json from the report
 * folders already in it (after reports were copied in or deleted by hand).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { SITE_PATHS } from "../render/router.js";
import { buildIndex, isSite } from "../site/buildIndex.js";
import { InputNotFoundError } from "../util/errors.js";
import { parseCommandArgs, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { displayPath, resolveArg, say, warn } from "./io.js";

const HELP = `Usage: curi-report index [--out <dir>]

Rebuild the reports index (index.html), the latest page (latest/index.html), latest.json,
assets/ and .nojekyll of a site from the report folders in it. The folder must be a site that
curi-report built: any other folder is left alone (exit 3). Folders whose run_info.json is
missing or broken are listed as informal runs, with a warning for the broken ones.

Options:
  --out <dir>       site folder to index (default: reports)
  --quiet           print nothing but errors (default: off)
  --debug           show stack traces of errors (default: off)
  -h, --help        show this help

Examples:
  curi-report index
  curi-report index --out public`;

const OPTIONS = { out: { type: "string" }, quiet: { type: "boolean" } } as const;

/** The index command. */
export const indexCommand: Command = {
  name: "index",
  summary: "rebuild the index, latest page and latest.json of a site",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs("index", args, OPTIONS, 0);
    const outDir = resolveArg(io, stringOption(parsed, "out", "reports"));
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
          `curi-report: warning: ${folder}/run_info.json: ${entry.problems.join("; ")}; listed with what could be read.`,
        );
    }
    if (parsed.values.quiet !== true) {
      say(
        io,
        `Indexed ${result.reports.length} report${result.reports.length === 1 ? "" : "s"} (${result.informal.length} informal) → ${displayPath(io, path.join(outDir, SITE_PATHS.index))}`,
      );
    }
    return 0;
  },
};
