/**
 * `curi-report check [<site>]`: verifies a built site before it is published — links, anchors,
 * assets, no outside requests, no symlinks or `_` paths, `.nojekyll`, a latest page, file sizes.
 */
import { checkSite, formatSiteProblem, siteCheckError } from "../site/check.js";
import { UsageError } from "../util/errors.js";
import type { ArgsOf } from "./commandSpec.js";
import type { CHECK } from "./commands.js";
import { displayPath, resolveArg, say, type CliIo } from "./io.js";

/** Runs `curi-report check` with its parsed arguments; resolves to the exit code. */
export async function runCheck({ values, positionals }: ArgsOf<typeof CHECK>, io: CliIo): Promise<number> {
  const site = resolveArg(io, positionals[0] ?? "reports");
  const mib = Number(values["max-file-mib"]);
  if (!(mib > 0))
    throw new UsageError(
      `--max-file-mib needs a positive number of MiB, not ${JSON.stringify(values["max-file-mib"])}; see \`curi-report check --help\`.`,
    );
  const problems = await checkSite(site, { maxFileBytes: Math.floor(mib * 1048576) });
  if (!values.quiet) for (const info of problems.filter((p) => p.severity === "info")) say(io, formatSiteProblem(info));
  const error = siteCheckError(displayPath(io, site), problems);
  if (error !== undefined) throw error;
  if (!values.quiet) say(io, `${displayPath(io, site)} is ready to publish.`);
  return 0;
}
