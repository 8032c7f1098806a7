/**
 * `curi-report summary <run>`: the run as Markdown for a pull-request comment (stdout) or for the
 * job summary of a GitHub Actions step (`--step-summary`), always within GitHub's size limits.
 */
import { appendFile, stat } from "node:fs/promises";
import { COMMENT_MAX_CHARS, renderSummary, STEP_SUMMARY_MAX_BYTES } from "../render/summary/summary.js";
import { readRun } from "../run/read.js";
import { UsageError } from "../util/errors.js";
import type { ArgsOf } from "./commandSpec.js";
import type { SUMMARY } from "./commands.js";
import { loadBaseFacts } from "./baseFacts.js";
import { groupByOption, warnUnknownGroupBy } from "./groupBy.js";
import { configArg, resolveArg, say, warn, type CliIo } from "./io.js";
import { loadProjectConfig } from "../site/projectConfig.js";

/** Runs `curi-report summary` with its parsed arguments; resolves to the exit code. */
export async function runSummary({ values, positionals }: ArgsOf<typeof SUMMARY>, io: CliIo): Promise<number> {
  const baseUrl = checkedBaseUrl(values["base-url"]);
  const maxChars = checkedMaxChars(values["max-chars"]);
  const groupBy = groupByOption(values["group-by"]);
  const run = await readRun(resolveArg(io, positionals[0] ?? ""));
  warnUnknownGroupBy(io, groupBy, [run]);
  const base = values.base === undefined ? null : await loadBaseFacts(resolveArg(io, values.base), values.base);
  const config = await loadProjectConfig(configArg(io, values.config), run.dir);
  const project = config?.declarations;
  const analysis = groupBy === undefined ? {} : { groupBy };
  if (!values["step-summary"]) {
    io.stdout.write(renderSummary(run, { baseUrl, maxLength: maxChars, base, project, ...analysis }).markdown);
    return 0;
  }
  const file = io.env["GITHUB_STEP_SUMMARY"];
  if (file === undefined || file === "")
    throw new UsageError(
      "--step-summary needs $GITHUB_STEP_SUMMARY, which GitHub Actions sets in each step; outside Actions, print the summary instead.",
    );
  // The 1 MiB limit is per step: leave room for what earlier commands of this step wrote.
  const used = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  const maxLength = Math.max(0, STEP_SUMMARY_MAX_BYTES - used - 1);
  const summary = renderSummary(run, { baseUrl, maxLength, unit: "bytes", base, project, ...analysis });
  if (summary.markdown === "") {
    warn(
      io,
      `curi-report: $GITHUB_STEP_SUMMARY already holds ${used} bytes of the step's ${STEP_SUMMARY_MAX_BYTES}; no room for the summary, nothing appended.`,
    );
    return 0;
  }
  await appendFile(file, `${used > 0 ? "\n" : ""}${summary.markdown}`, "utf8");
  if (summary.shortened.length > 0)
    warn(io, `curi-report: the summary was shortened to fit: ${summary.shortened.join("; ")}.`);
  say(io, `Appended the summary of ${run.info.reference} to the job summary.`);
  return 0;
}

/** `--max-chars`: a whole number from 1,000 up to GitHub's limit. */
function checkedMaxChars(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000 || n > COMMENT_MAX_CHARS) {
    throw new UsageError(
      `--max-chars must be a whole number from 1000 to ${COMMENT_MAX_CHARS}, not ${JSON.stringify(value)}.`,
    );
  }
  return n;
}

/** A base URL must be absolute http(s); a trailing slash is fine. */
function checkedBaseUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new UsageError(
      `--base-url ${JSON.stringify(value)} is not a URL; pass the published site's address, like https://owner.github.io/repo.`,
      { cause: error },
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new UsageError(`--base-url must be an http(s) address, not ${JSON.stringify(value)}.`);
  return url.href;
}
