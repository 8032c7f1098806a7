/**
 * Every command's declaration, and the command table. A declaration states once what parsing,
 * `<command> --help` and the global command list read (see commandSpec.ts); its `run` loads the
 * command's own module (`buildCommand.ts`, …), so a command's code and the library it calls load
 * only when it runs: `--help` reads this file alone and no template, view or Graphviz
 * (test/cli/help.test.ts). A new command is a declaration here and a module with its `run`.
 *
 * The few defaults that the library also knows are typed against the library's constants
 * (`satisfies typeof …`, a type-only import): the compiler holds the two equal without loading it.
 */
import type { DEFAULT_MAX_FILE_MIB } from "../site/check.js";
import type { DAG_FORMATS } from "../render/graph/dagExport.js";
import type { COMMENT_MAX_CHARS, SUMMARY_MARKER } from "../render/summary/summary.js";
import { defineCommand, type Command, type CommandDoc } from "./commandSpec.js";
import { choiceList } from "./help.js";

/** `--group-by`, shared by build, summary and compare: the sweep analysis's repetitions. */
const GROUP_BY = {
  type: "string",
  value: "<arg,...>",
  defaultHelp: "args whose name looks like a seed (seed, random_state, …)",
  help: "the args that only repeat a configuration (seeds), comma-separated: the sweep analysis groups records that differ only by them and ranks the groups with mean ± std; an empty value groups nothing",
} as const;

/** `--config`, shared by the commands that judge metrics (build, compare, summary). */
const CONFIG_OPTION = {
  type: "string",
  value: "<file>",
  help: 'the project file declaring the primary metric, each metric\'s goal (min or max) and tolerance, by name or * pattern (see README "Metrics")',
  defaultHelp: "curi-report.config.json in the runs folder's parent, when there is one",
} as const;

/** The `build` command (the default). */
export const BUILD = {
  name: "build",
  summary: "render the report of a run, or of every run in a runs folder or a pattern (default command)",
  usageName: "[build]",
  description: `Render the report of one run, or of many, into a static site that opens from disk, publishes to
GitHub Pages as it is, and works without a network. The site's index, latest page and latest.json are
refreshed afterwards. A run that cannot be read does not stop the others; every failure is listed at
the end and the exit code is non-zero.

Several inputs may be given. A pattern selects run folders (folders holding run.json); curi-report
expands it itself, so quote it: it then works in every shell and on Windows. The runs are built in
sorted order, each once. A pattern never leaves the folder it starts from: ".." is refused, and a link
leading outside is left out with a warning. A pattern that selects nothing is an error (exit 3).

Builds are incremental: a run whose report is up to date (same run.json, log and reportable files,
same curi-report, templates and --css) is skipped, and the index is rebuilt only when a report was
built or found up to date by its content alone. Each report folder holds curi-report.json: the
digests of its inputs and of its own files, and no path. What this machine built is remembered
outside the site (in $XDG_CACHE_HOME/curi-report, else ~/.cache/curi-report); a copied or restored
site is checked by content, so it too rebuilds only what changed. A build never replaces a folder
that holds a run or that it did not write, and refuses an --out that overlaps the runs it reads.

The site keeps its history in history.json: every run it ever published (reference, date, status,
commit, branch, run-level metrics, best records), also once its report folder is pruned. Each build
merges the site's history with its reports and writes it back, so the index's trends span every
published run. --branch records the branch the built runs come from; the index shows the default
branch's trends first and links the others. A site that starts empty in CI (an artifact deployment)
carries the published history on with --history-from <url>.`,
  positionals: {
    usage: "<run folder | runs folder | runs/latest | pattern>…",
    min: 1,
    max: Infinity,
    missing:
      "Missing the run to report on; pass a run folder, a runs folder, runs/latest or a pattern (see `curi-report --help`).",
    help: [
      { term: "<run folder>", help: "a folder holding run.json" },
      { term: "<runs folder>", help: "a folder of run folders: every run in it is built" },
      { term: "runs/latest", help: "the newest run, as named by the runs/latest marker file" },
      {
        term: "<pattern>",
        help: "a glob pattern of run folders, quoted: 'runs/iris_*', 'runs/{iris,wine}_*', 'runs/**' (every run below runs/)",
      },
    ],
  },
  options: {
    out: { type: "string", value: "<dir>", default: "reports", help: "site folder to write into" },
    config: CONFIG_OPTION,
    exclude: {
      type: "string",
      value: "<pattern>",
      multiple: true,
      help: "leave out the run folders a pattern or runs folder selects whose name matches <pattern> (or, for a <pattern> with a /, whose path inside the folder the selection starts from); may be given more than once",
    },
    css: {
      type: "string",
      value: "<file>",
      help: "your stylesheet, copied into each report as custom.css and loaded after ours",
    },
    full: { type: "boolean", help: "rebuild every report, even those that are up to date" },
    "no-compare": {
      type: "boolean",
      help: "do not compare each built run with its experiment's previous run",
      defaultHelp:
        "compare, when both runs are in the input: the page is written to <out>/compare/<older>--<newer>/ and linked from the index, so each run is one click from it even without JavaScript; --compare is accepted too. Any two runs of the site compare in <out>/compare.html, in the browser",
    },
    compare: { type: "boolean", hidden: true, help: "compare each built run with its experiment's previous run" },
    "single-file": {
      type: "boolean",
      help: "also write <out>/<folder>.html, one self-contained file per report that opens anywhere with the network off, for a PR, an e-mail or a CI artifact; bounded like the run page (the best records, at most 5 MiB), it says what it leaves out and links it in the full report",
      defaultHelp: "off",
    },
    "group-by": GROUP_BY,
    branch: {
      type: "string",
      value: "<name>",
      defaultHelp: "none recorded (a run keeps the branch its history entry has)",
      help: "the branch the built runs were published from, recorded in history.json",
    },
    "default-branch": {
      type: "string",
      value: "<name>",
      defaultHelp: "the one history.json names",
      help: "the repository's default branch: the index shows its trends first and links the other branches'",
    },
    "history-from": {
      type: "string",
      value: "<url | file>",
      defaultHelp: "the site's own history.json",
      help: "also carry on this history.json (a published site's URL, or a file), for a site folder that starts empty; a URL answering 404 has none yet",
    },
    quiet: { type: "boolean", help: "print nothing but errors and warnings" },
  },
  examples: [
    "curi-report runs/latest",
    "curi-report runs --out public",
    "curi-report runs --out site --branch main --default-branch main --history-from https://owner.github.io/repo/history.json",
    "curi-report 'runs/iris_*' --exclude '*debug*'",
    "curi-report build runs/iris_3_2026-11-26-T233842 --css brand.css",
    "curi-report runs/latest --group-by seed,fold",
  ],
} as const satisfies CommandDoc;

/** The `index` command. */
export const INDEX = {
  name: "index",
  summary: "rebuild the index, latest page and latest.json of a site",
  description: `Rebuild the reports index (index.html), the latest page (latest/index.html), latest.json,
assets/ and .nojekyll of a site from the report folders in it. The folder must be a site that
curi-report built: any other folder is left alone (exit 3). Folders whose run_info.json is missing or
broken are listed as informal runs, with a warning for the broken ones.`,
  positionals: { usage: "", min: 0, max: 0, help: [] },
  options: {
    out: { type: "string", value: "<dir>", default: "reports", help: "site folder to index" },
    quiet: { type: "boolean", help: "print nothing but errors and warnings" },
  },
  examples: ["curi-report index", "curi-report index --out public"],
} as const satisfies CommandDoc;

/** The one positional of the commands that work on a built site (`prune`, `check`). */
const SITE_FOLDER = {
  usage: "[<site folder>]",
  min: 0,
  max: 1,
  default: "reports",
  help: [{ term: "<site folder>", help: "the folder `curi-report` built (default: reports)" }],
};

/** The `prune` command. */
export const PRUNE = {
  name: "prune",
  summary: "remove old report folders from a site, keeping their runs in history.json and the trends",
  description: `Remove the report folders of older runs from a site (and their comparison pages and single files),
to keep a published site small. Their runs stay in history.json, so the index's trends still show
them, marked as pruned and without a link; the index, latest page and history are rewritten, and the
site still passes check. Only folders curi-report wrote (holding its curi-report.json marker and no
run.json) are ever removed; pr/ previews and anything else are left alone.

Give --keep, --older-than, or both (a folder is removed when either says so). The newest report is
always kept.`,
  positionals: SITE_FOLDER,
  options: {
    keep: {
      type: "string",
      value: "<n>",
      defaultHelp: "no limit",
      help: "keep the reports of the newest n runs (at least 1), remove the older ones",
    },
    "older-than": {
      type: "string",
      value: "<days>",
      defaultHelp: "no limit",
      help: "remove the reports of runs that started more than this many days ago",
    },
    "dry-run": { type: "boolean", help: "list what would be removed, and remove nothing" },
    quiet: { type: "boolean", help: "print nothing but errors and warnings" },
  },
  examples: ["curi-report prune reports --keep 20", "curi-report prune public --older-than 90 --dry-run"],
} as const satisfies CommandDoc;

/** The `serve` command. */
export const SERVE = {
  name: "serve",
  summary: "preview a site over HTTP on this machine",
  description: `Serve a site folder over HTTP for a preview, with correct content types (UTF-8 pages), until
Ctrl+C. Reports also open straight from disk; serving is only needed to check a site as a static host
would show it. Nothing outside the folder is ever served, and only requests addressed to this server
are answered (Host 127.0.0.1, localhost or the --host address, with the port), so a web page open
in your browser cannot reach the reports by pointing its own name at this machine.`,
  positionals: {
    usage: "[dir]",
    min: 0,
    max: 1,
    default: "reports",
    help: [{ term: "[dir]", help: "the site folder (default: reports)" }],
  },
  options: {
    port: { type: "string", value: "<n>", default: "8080", help: "port to listen on; 0 picks a free one" },
    host: {
      type: "string",
      value: "<address>",
      default: "127.0.0.1",
      defaultHelp: "127.0.0.1, this machine only",
      help: "interface to listen on",
    },
  },
  examples: ["curi-report serve", "curi-report serve public --port 9000"],
} as const satisfies CommandDoc;

/** The `check` command. */
export const CHECK = {
  name: "check",
  summary: "verify that a built site is ready to publish (links, assets, no outside requests)",
  description: `Check that a built site is ready to publish on GitHub Pages or any static host, and works from
disk and without a network: every link, anchor (inline SVG ids included), stylesheet, script and
image resolves inside the site; no absolute URL or file-system path; nothing fetched from another
host; no symbolic or hard links; no path starting with \`_\`; a .nojekyll file, an index.html and a
latest/ page; every page declares <!DOCTYPE html> and UTF-8; no file over the size budget. Links to
outside pages (in your Markdown notes, say) are allowed and listed for information.`,
  positionals: SITE_FOLDER,
  options: {
    "max-file-mib": {
      type: "string",
      value: "<n>",
      default: String(5 satisfies typeof DEFAULT_MAX_FILE_MIB),
      help: "largest allowed file, in MiB",
    },
    quiet: { type: "boolean", help: "print nothing when the site passes" },
  },
  notes: "Exit codes: 0 when the site passes, 7 with the list of problems when it does not.",
  examples: ["curi-report check", "curi-report check public --max-file-mib 20"],
} as const satisfies CommandDoc;

/** GitHub's comment limit and the comment's hidden marker, as the summary renderer has them. */
export const COMMENT_LIMIT = 65_536 satisfies typeof COMMENT_MAX_CHARS;
const MARKER = "<!-- curi-report -->" satisfies typeof SUMMARY_MARKER;

/** The `summary` command. */
export const SUMMARY = {
  name: "summary",
  summary: "write a run's summary as Markdown for a pull-request comment or job summary",
  description: `Write a run's summary in GitHub Markdown for review. First: status, reference, experiment, commit
and duration; the headline metrics, with --base their deltas against the base run and whether each got
better or worse; the args changed since the base (without --base: the args that differ between args
sets); failed stages with their errors. Then key results (JSON and table reportables, aggregate
records' first); the stage DAG as a Mermaid diagram while it stays readable (about 60 nodes; past
that, a link to the report's map); and, with --base-url, links into the published report.

The first line is the hidden marker ${MARKER}, so a workflow can find its comment and update it
instead of posting a new one. The text never exceeds ${COMMENT_LIMIT} characters (a comment's
limit), or 1 MiB with --step-summary; when it would, it is shortened and says so.`,
  positionals: {
    usage: "<run folder | runs/latest>",
    min: 1,
    max: 1,
    missing: "Missing the run to summarise; pass a run folder or runs/latest (see `curi-report summary --help`).",
    help: [],
  },
  options: {
    config: CONFIG_OPTION,
    base: {
      type: "string",
      value: "<run | json>",
      defaultHelp: "no base",
      help: "what to compare with: a run folder, runs/latest, or the latest.json of the published site (in GitHub Actions: the Pages site's latest.json of the default branch, see docs/github-actions.md)",
    },
    format: {
      type: "string",
      value: "<format>",
      default: "markdown",
      choices: ["markdown"],
      help: "output format; markdown is the only one",
    },
    "base-url": {
      type: "string",
      value: "<url>",
      defaultHelp: "no links",
      help: "URL of the published site, e.g. https://owner.github.io/repo; links go to <url>/<report folder>/index.html#…",
    },
    "max-chars": {
      type: "string",
      value: "<n>",
      default: String(COMMENT_LIMIT),
      defaultHelp: `${COMMENT_LIMIT}, GitHub's limit; at most that`,
      help: "budget of the printed comment, to leave room for text you add",
    },
    "step-summary": {
      type: "boolean",
      help: "append to the file named by $GITHUB_STEP_SUMMARY instead of printing, within the step's 1 MiB",
    },
    "group-by": GROUP_BY,
  },
  examples: [
    "curi-report summary runs/latest > comment.md",
    "curi-report summary runs/latest --base base-latest.json > comment.md",
    "curi-report summary runs/latest --base-url https://owner.github.io/repo --step-summary",
  ],
} as const satisfies CommandDoc;

/** The `compare` command. */
export const COMPARE = {
  name: "compare",
  summary: "compare runs: changed args, metric deltas, differing reportables and DAG changes",
  description: `Compare runs: run info side by side; the args that changed (args sets matched by name and hash);
metrics with their deltas and which run is better; reportables present in several runs whose content
differs, side by side (tables diffed cell by cell, JSON and text line by line); and the stage DAG's
differences: stages added, removed or changed, and artifact representations that changed. The first
run is the base. Each run is a run folder or runs/latest.

The page is written into the site as compare/<base>--<other>/index.html and the site's index is
refreshed; it links the runs' reports when they are in the site (build them first to see images side
by side). A built site needs no command for this: its compare.html compares any two of its runs in
the browser (tick them in an experiment's runs table on the index), and \`build\` writes each run's
comparison with its experiment's previous run.`,
  positionals: {
    usage: "<run> <run> [<run>…]",
    min: 2,
    max: 64,
    missing: "compare needs at least two runs; pass run folders or runs/latest (see `curi-report compare --help`).",
    help: [],
  },
  options: {
    out: { type: "string", value: "<dir>", default: "reports", help: "site folder to write the page into" },
    config: CONFIG_OPTION,
    format: {
      type: "string",
      value: "<format>",
      default: "html",
      choices: ["html", "markdown"],
      help: "html (the page) or markdown (printed; nothing is written)",
    },
    "group-by": GROUP_BY,
  },
  examples: [
    "curi-report compare runs/exp_1_2026-11-30-T101500 runs/latest",
    "curi-report compare runs/exp_1_… runs/exp_2_… --format markdown >> comment.md",
  ],
} as const satisfies CommandDoc;

/** The DAG export formats, as the exporter lists them. */
const DAG_CHOICES = ["svg", "dot", "mermaid", "json"] as const satisfies typeof DAG_FORMATS;

/** The `dag` command. */
export const DAG = {
  name: "dag",
  summary: "export a run's stage DAG as SVG, DOT, Mermaid or JSON",
  description: `Export a run's stage DAG (records, stages and artifacts) on its own: as SVG laid out by graphviz,
as the DOT source, as a Mermaid flowchart (GitHub renders it in Markdown), or as JSON.`,
  positionals: {
    usage: "<run folder | runs/latest>",
    min: 1,
    max: 1,
    missing: "Missing the run; pass a run folder or runs/latest (see `curi-report dag --help`).",
    help: [],
  },
  options: {
    format: { type: "string", value: "<format>", default: "svg", choices: DAG_CHOICES, help: choiceList(DAG_CHOICES) },
    record: {
      type: "string",
      value: "<n>",
      defaultHelp: "the whole run",
      help: "only record n: its detailed stage graph (svg, dot) or its part of the JSON",
    },
    collapse: {
      type: "boolean",
      defaultHelp: "only for an SVG of a run too big to read in full; Mermaid collapses by itself past its limits",
      help: "one node per record (svg, dot)",
    },
    out: { type: "string", value: "<file>", defaultHelp: "standard output", help: "write to a file" },
  },
  examples: [
    "curi-report dag runs/latest --out dag.svg",
    "curi-report dag runs/latest --format mermaid >> docs/pipeline.md",
    "curi-report dag runs/latest --format dot --record 2 | dot -Tpng > record2.png",
  ],
} as const satisfies CommandDoc;

/** Every command, in the order the global help lists them; each loads its module when it runs. */
export const COMMANDS: readonly Command[] = [
  defineCommand(BUILD, async (args, io) => (await import("./buildCommand.js")).runBuild(args, io)),
  defineCommand(INDEX, async (args, io) => (await import("./indexCommand.js")).runIndex(args, io)),
  defineCommand(SERVE, async (args, io) => (await import("./serveCommand.js")).runServe(args, io)),
  defineCommand(CHECK, async (args, io) => (await import("./checkCommand.js")).runCheck(args, io)),
  defineCommand(PRUNE, async (args, io) => (await import("./pruneCommand.js")).runPrune(args, io)),
  defineCommand(SUMMARY, async (args, io) => (await import("./summaryCommand.js")).runSummary(args, io)),
  defineCommand(COMPARE, async (args, io) => (await import("./compareCommand.js")).runCompare(args, io)),
  defineCommand(DAG, async (args, io) => (await import("./dagCommand.js")).runDag(args, io)),
];

/** The command used when the first argument is not a command name. */
export const DEFAULT_COMMAND: Command = COMMANDS[0] as Command;

/** The command called `name`, if any. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
