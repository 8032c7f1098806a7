/**
 * `curi-report compare <run> <run> [<run>…]`: compares runs (the first is the base) and writes the
 * comparison page into the site, or prints it as Markdown.
 */
import { comparisonMarkdown } from "../render/compare/compareMarkdown.js";
import { readRun } from "../run/read.js";
import { compareRunFolders, writeComparison } from "../site/buildCompare.js";
import type { ArgsOf } from "./commandSpec.js";
import type { COMPARE } from "./commands.js";
import { groupByOption, warnUnknownGroupBy } from "./groupBy.js";
import { configArg, displayPath, resolveArg, say, type CliIo } from "./io.js";
import { loadProjectConfig } from "../site/projectConfig.js";

/** Runs `curi-report compare` with its parsed arguments; resolves to the exit code. */
export async function runCompare({ values, positionals }: ArgsOf<typeof COMPARE>, io: CliIo): Promise<number> {
  const groupBy = groupByOption(values["group-by"]);
  const runs = [];
  for (const p of positionals) runs.push(await readRun(resolveArg(io, p)));
  warnUnknownGroupBy(io, groupBy, runs);
  const config = await loadProjectConfig(configArg(io, values.config), runs.at(-1)?.dir);
  const options = { ...(groupBy === undefined ? {} : { groupBy }), project: config?.declarations };
  if (values.format === "markdown") {
    io.stdout.write(comparisonMarkdown(compareRunFolders(runs, options)));
    return 0;
  }
  const outDir = resolveArg(io, values.out);
  const written = await writeComparison(runs, { outDir, ...options });
  say(io, `Wrote the comparison → ${displayPath(io, `${outDir}/${written.page}`)}`);
  return 0;
}
