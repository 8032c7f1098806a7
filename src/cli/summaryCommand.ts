/**
 * `curi-report summary <run>`: the run as Markdown for a pull-request comment (stdout) or for the
 * job summary of a GitHub Actions step (`--step-summary`), always within GitHub's size limits.
 */
import { appendFile, stat } from "node:fs/promises";
import { COMMENT_MAX_CHARS, renderSummary, STEP_SUMMARY_MAX_BYTES, SUMMARY_MARKER } from "../render/summary/summary.js";
import { readRun } from "../run/read.js";
import { UsageError } from "../util/errors.js";
import { parseCommandArgs, stringOption } from "./args.js";
import { loadBaseFacts } from "./baseFacts.js";
import type { Command } from "./command.js";
import { resolveArg, say, warn } from "./io.js";

const HELP = `Usage: curi-report summary <run folder | runs/latest> [options]

Write a run's summary in GitHub Markdown for review. First: status, reference, experiment, commit
and duration; the headline metrics, with --base their deltas against the base run and whether
each got better or worse; the args changed since the base (without --base: the args that differ
between args sets); failed stages with their errors. Then key results (JSON and table
reportables, aggregate records' first); the stage DAG as a Mermaid diagram while it stays
readable (about 60 nodes; past that, a link to the report's map); and, with --base-url, links
into the published report. The first line is the
hidden marker ${SUMMARY_MARKER}, so a workflow can find its comment and update it instead of
posting a new one. The text never exceeds ${COMMENT_MAX_CHARS} characters (a comment's limit),
or 1 MiB with --step-summary; when it would, it is shortened and says so.

Options:
  --base <run | json>  what to compare with: a run folder, runs/latest, or the latest.json of
                       the published site (in GitHub Actions: the Pages site's latest.json of
                       the default branch, see docs/github-actions.md) (default: no base)
  --format <format>    output format; markdown is the only one (default: markdown)
  --base-url <url>     URL of the published site, e.g. https://owner.github.io/repo; links
                       go to <url>/<report folder>/index.html#… (default: no links)
  --max-chars <n>      budget of the printed comment, to leave room for text you add
                       (default: ${COMMENT_MAX_CHARS}, GitHub's limit; at most that)
  --step-summary       append to the file named by $GITHUB_STEP_SUMMARY instead of printing,
                       within the step's 1 MiB (default: off)
  --debug              show stack traces of errors (default: off)
  -h, --help           show this help

Examples:
  curi-report summary runs/latest > comment.md
  curi-report summary runs/latest --base base-latest.json > comment.md
  curi-report summary runs/latest --base-url https://owner.github.io/repo --step-summary`;

const OPTIONS = {
  base: { type: "string" },
  format: { type: "string" },
  "base-url": { type: "string" },
  "max-chars": { type: "string" },
  "step-summary": { type: "boolean" },
} as const;

/** The summary command. */
export const summaryCommand: Command = {
  name: "summary",
  summary: "write a run's summary as Markdown for a pull-request comment or job summary",
  help: HELP,
  async run(args, io) {
    const parsed = parseCommandArgs("summary", args, OPTIONS, 1);
    const input = parsed.positionals[0];
    if (input === undefined)
      throw new UsageError(
        "Missing the run to summarise; pass a run folder or runs/latest (see `curi-report summary --help`).",
      );
    const format = stringOption(parsed, "format", "markdown");
    if (format !== "markdown")
      throw new UsageError(`--format ${JSON.stringify(format)} is not supported; the summary is written as markdown.`);
    const baseUrl = checkedBaseUrl(stringOption(parsed, "base-url"));
    const maxChars = checkedMaxChars(stringOption(parsed, "max-chars"));
    const run = await readRun(resolveArg(io, input));
    const baseArg = stringOption(parsed, "base");
    const base = baseArg === undefined ? null : await loadBaseFacts(resolveArg(io, baseArg), baseArg);
    if (parsed.values["step-summary"] !== true) {
      const summary = renderSummary(run, { baseUrl, maxLength: maxChars, base });
      io.stdout.write(summary.markdown);
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
    const summary = renderSummary(run, {
      baseUrl,
      maxLength: Math.max(0, STEP_SUMMARY_MAX_BYTES - used - 1),
      unit: "bytes",
      base,
    });
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
  },
};

/** `--max-chars`: a whole number from 1,000 up to GitHub's limit. */
function checkedMaxChars(value: string | undefined): number {
  if (value === undefined) return COMMENT_MAX_CHARS;
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
