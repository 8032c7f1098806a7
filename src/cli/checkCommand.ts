/**
 * `curi-report check [<site>]`: verifies a built site before it is published — links, anchors,
 * assets, no outside requests, no symlinks or `_` paths, `.nojekyll`, a latest page, file sizes.
 */
import { checkSite, DEFAULT_MAX_FILE_BYTES, formatSiteProblem, siteCheckError } from "../site/check.js";
import { UsageError } from "../util/errors.js";
import { parseCommandArgs, stringOption } from "./args.js";
import type { Command } from "./command.js";
import { displayPath, resolveArg, say } from "./io.js";

const HELP = `Usage: curi-report check [<site folder>] [options]

Check that a built site is ready to publish on GitHub Pages or any static host, and works from
disk and without a network: every link, anchor (inline SVG ids included), stylesheet, script and
image resolves inside the site; no absolute URL or file-system path; nothing fetched from another
host; no symbolic or hard links; no path starting with \`_\`; a .nojekyll file, an index.html and
a latest/ page; every page declares <!DOCTYPE html> and UTF-8; no file over the size budget.
Links to outside pages (in your Markdown notes, say) are allowed and listed for information.

Arguments:
  <site folder>        the folder \`curi-report\` built (default: reports)

Options:
  --max-file-mib <n>   largest allowed file, in MiB (default: ${DEFAULT_MAX_FILE_BYTES / 1048576})
  --quiet              print nothing when the site passes (default: off)
  --debug              show stack traces of errors (default: off)
  -h, --help           show this help

Exit codes: 0 when the site passes, 7 with the list of problems when it does not.

Examples:
  curi-report check
  curi-report check public --max-file-mib 20`;

const OPTIONS = { "max-file-mib": { type: "string" }, quiet: { type: "boolean" } } as const;

/** The check command. */
export const checkCommand: Command = {
  name: "check",
  summary: "verify that a built site is ready to publish (links, assets, no outside requests)",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs("check", args, OPTIONS, 1);
    const site = resolveArg(io, parsed.positionals[0] ?? "reports");
    const mib = stringOption(parsed, "max-file-mib");
    if (mib !== undefined && !(Number(mib) > 0))
      throw new UsageError(
        `--max-file-mib needs a positive number of MiB, not ${JSON.stringify(mib)}; see \`curi-report check --help\`.`,
      );
    const problems = await checkSite(
      site,
      mib === undefined ? {} : { maxFileBytes: Math.floor(Number(mib) * 1048576) },
    );
    const quiet = parsed.values.quiet === true;
    if (!quiet) for (const info of problems.filter((p) => p.severity === "info")) say(io, formatSiteProblem(info));
    const error = siteCheckError(displayPath(io, site), problems);
    if (error !== undefined) throw error;
    if (!quiet) say(io, `${displayPath(io, site)} is ready to publish.`);
    return 0;
  },
};
