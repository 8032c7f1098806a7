/**
 * A run as a pull-request comment or job summary in GitHub Markdown. What a reviewer needs comes
 * first: status and run facts, the headline metrics with their deltas against a base run, the args
 * changed since the base (or, without one, the args that differ between args sets), failed stages
 * with their errors; then key results (aggregate records' first), the stage DAG as Mermaid folded by
 * pipeline like the report's map while it stays readable (up to 60 pipelines; past that, a link to
 * the map), and links into the report.
 *
 * It always fits its budget (65,536 characters for a comment, 1 MiB for a step summary). When the
 * whole does not fit it shortens, in this order, and says so in the text: the DAG gets only the
 * room left (one box per pipeline, or left out), then result tables become one line
 * each, then fewer results and args sets are listed, and last the text is cut at a line.
 */
import { RunContext } from "../context.js";
import type { Run, RunStatus } from "../../run/model.js";
import { dagMermaid } from "../graph/mermaid.js";
import { clip, mdCode, mdFence, mdLink, mdText } from "../markup/mdText.js";
import { budgetWords, CUT_NOTE, finish, tail } from "./summaryFit.js";
import { REPORT_PATHS, SECTION_IDS, type ReportPlan } from "../router.js";
import type { RunFacts } from "../facts/runFacts.js";
import { analysisSection } from "./summaryAnalysis.js";
import type { MetricDeclarations } from "../facts/metricGoals.js";
import { keyResults, renderResults, type ResultsLimits } from "./summaryResults.js";
import { baseDiff, changedArgsSection, failuresSection, headlineSection } from "./summarySections.js";
import { counted, type RunShapes } from "../facts/recordShapes.js";
import { buildArgsView } from "../views/args.js";
import { formatDuration } from "../markup/format.js";

/** Hidden first line that lets a workflow find and update its one comment. Keep in sync with docs/workflows/curi-report.yml. */
export const SUMMARY_MARKER = "<!-- curi-report -->";

/** GitHub's limit on a comment body, in characters. */
export const COMMENT_MAX_CHARS = 65_536;

/** GitHub's limit on one step's job summary, in bytes. */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

/** Mermaid's defaults as GitHub renders them: bigger diagrams fail to render. */
export const MERMAID_LIMITS = { maxChars: 50_000, maxEdges: 500 } as const;

/** Options of `renderSummary`. */
export interface SummaryOptions {
  /** URL of the published site (`https://user.github.io/repo/reports`); adds links into the report. */
  readonly baseUrl?: string | null;
  /** Budget; default `COMMENT_MAX_CHARS`. */
  readonly maxLength?: number;
  /** How the budget is measured: `chars` (UTF-16 units, a comment) or `bytes` (UTF-8, a step summary). Default `chars`. */
  readonly unit?: "chars" | "bytes";
  /** The base run's facts (a run folder's, or a published site's latest.json): metrics get deltas, args show what changed. */
  readonly base?: RunFacts | null;
  /** The sweep analysis's repetition args (`--group-by`), instead of seeds guessed by name. */
  readonly groupBy?: readonly string[];
  /** The project file's metric declarations (below the run's own). */
  readonly project?: MetricDeclarations;
}

/** Most DAG nodes drawn as Mermaid: past this a diagram is no longer readable in a comment. */
export const READABLE_DAG_NODES = 60;

/** The Markdown and what was done to make it fit. */
export interface Summary {
  readonly markdown: string;
  /** How the stage DAG was included (`linked`: too big to read, so the summary links to the report's map). */
  readonly dag: "full" | "collapsed" | "omitted" | "linked";
  /** One sentence per shortening step taken (also stated in the Markdown). */
  readonly shortened: readonly string[];
}

const STATUS: Readonly<Record<RunStatus, string>> = {
  complete: "✅ complete",
  incomplete: "⚠️ incomplete",
  error: "❌ error",
  LIVE: "🔵 running (LIVE)",
};

/** Renders the summary of `run` within the budget. Pure and deterministic. */
export function renderSummary(run: Run, options: SummaryOptions = {}): Summary {
  const max = options.maxLength ?? COMMENT_MAX_CHARS;
  const measure = options.unit === "bytes" ? (s: string) => Buffer.byteLength(s, "utf8") : (s: string) => s.length;
  const ctx = new RunContext(run, options);
  const links = new ReportLinks(ctx, options.baseUrl ?? null);
  const head = [SUMMARY_MARKER, headerSection(run, links)];
  const results = keyResults(ctx);
  const base = options.base ?? null;
  const diff = baseDiff(ctx, base);
  const lead = (rows: number, metricRows: number): string[] => [
    headlineSection(ctx, base, diff, { rows: metricRows }),
    base !== null && diff !== null ? changedArgsSection(base, diff, run, { rows }) : argsSection(ctx, links, rows),
    failuresSection(run, { rows }),
    analysisSection(ctx, base, (text, anchor) => links.link(mdText(text), anchor)),
  ];
  // Changed metrics are the headline, so they keep more rows than args sets at every step.
  const ladder: { limits: ResultsLimits; argsRows: number; metricRows: number; note: string | null }[] = [
    { limits: { results: 20, tableRows: 5, tables: true }, argsRows: 30, metricRows: 200, note: null },
    {
      limits: { results: 20, tableRows: 0, tables: false },
      argsRows: 30,
      metricRows: 200,
      note: "result tables are shown as one line each",
    },
    {
      limits: { results: 5, tableRows: 0, tables: false },
      argsRows: 10,
      metricRows: 30,
      note: "only the first results, metrics and args are listed",
    },
    {
      limits: { results: 0, tableRows: 0, tables: false },
      argsRows: 3,
      metricRows: 3,
      note: "results are left out and only three metrics and args are listed",
    },
  ];
  const shortened: string[] = [];
  const budget = budgetWords(max, options.unit, COMMENT_MAX_CHARS);
  let previous: string | null = null;
  for (const [i, step] of ladder.entries()) {
    const body = [
      ...head,
      ...lead(step.argsRows, step.metricRows),
      renderResults(run, results, step.limits, links.href.bind(links)),
    ].filter((s) => s !== "");
    const fixed = body.join("\n\n");
    // A step is named only when it changed something.
    if (step.note !== null && fixed !== previous) shortened.push(step.note);
    previous = fixed;
    const fits = measure(fixed) + measure(tail([...shortened, LONGEST_DAG_NOTE], links, budget)) <= max;
    if (!fits && i < ladder.length - 1) continue;
    // The DAG gets the room left after the footer and the longest note this step could end with.
    const room = max - measure(fixed) - measure(tail([...shortened, LONGEST_DAG_NOTE, CUT_NOTE], links, budget)) - 2;
    // The diagram draws each pipeline once; past READABLE_DAG_NODES pipelines even their boxes are unreadable.
    const shapes = ctx.shapes;
    const dag =
      shapes.shapes.length > READABLE_DAG_NODES ? mapLink(run, shapes, links) : dagSection(run, shapes, room, measure);
    // A DAG folded while it had all Mermaid's room was folded to stay readable, not to fit.
    const folded = dag.note !== null && room >= MERMAID_LIMITS.maxChars + 200 ? dag.note : null;
    if (dag.note !== null && folded === null) shortened.push(dag.note);
    const markdown = finish(
      [fixed, ...(dag.text === "" ? [] : [dag.text])].join("\n\n"),
      shortened,
      links,
      max,
      measure,
      { ...budget, folded },
    );
    return { markdown: markdown.text, dag: dag.kind, shortened: markdown.cut ? [...shortened, CUT_NOTE] : shortened };
  }
  throw new Error("unreachable: the last shortening step always returns");
}

const DAG_OMITTED = "the stage DAG is left out";
const DAG_COLLAPSED = "the stage DAG shows one box per pipeline";
const DAG_TRUNCATED = "the stage DAG shows one box per pipeline, for some pipelines only";
// The longest note the DAG step can add, reserved before the DAG is sized.
const LONGEST_DAG_NOTE = DAG_TRUNCATED;

/** Links into the published report, or plain text without a base URL. */
class ReportLinks {
  readonly base: string | null;
  readonly plan: ReportPlan;
  constructor(ctx: RunContext, baseUrl: string | null) {
    this.base = baseUrl === null || baseUrl === "" ? null : baseUrl.replace(/\/+$/, "");
    this.plan = ctx.plan;
  }

  /** `<base>/<folder>/index.html#anchor`, or null without a base URL. */
  href(anchor: string | null): string {
    if (this.base === null) return "";
    const page = `${this.base}/${encodeURIComponent(this.plan.folder)}/${REPORT_PATHS.page}`;
    return anchor === null ? page : `${page}#${encodeURIComponent(anchor)}`;
  }

  /** Escaped `text`, linked to `anchor` when there is a base URL. */
  link(text: string, anchor: string | null): string {
    return this.base === null ? text : mdLink(text, this.href(anchor));
  }
}

function headerSection(run: Run, links: ReportLinks): string {
  const info = run.info;
  const rows: [string, string][] = [
    ["Status", STATUS[info.status] ?? mdText(info.status)],
    ["Reference", links.link(mdText(info.reference), SECTION_IDS.top)],
    ["Experiment", mdText(info.experimentName)],
    ["Commit", `${mdCode(info.commit, 40)}${info.workdirDirty ? " (uncommitted changes)" : ""}`],
  ];
  const duration = formatDuration(info.durationS);
  if (duration !== null) rows.push(["Duration", mdText(duration)]);
  rows.push(["Records", `${run.records.length} (${run.args.length} args ${run.args.length === 1 ? "set" : "sets"})`]);
  rows.push(["Reportables", String(run.reportables.length)]);
  if (info.status === "error" && info.error !== undefined) rows.push(["Error", mdCode(info.error, 200)]);
  const table = ["| | |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
  return `## ${STATUS[info.status]?.split(" ")[0] ?? ""} curi-report: ${mdText(clip(info.experimentName, 80))}\n\n${table}`;
}

/** The args that differ between args sets, as a changed-only table. */
function argsSection(ctx: RunContext, links: ReportLinks, maxRows: number): string {
  const run = ctx.run;
  const view = buildArgsView(ctx);
  if (view.diff === null) {
    const only = run.args[0];
    return only === undefined
      ? ""
      : `### Args\n\nOne args set, ${links.link(mdCode(only.name, 60), view.sets[0]?.anchor ?? null)}: nothing to compare.`;
  }
  const diff = view.diff;
  const parts = ["### Args that differ"];
  if (diff.keys.length === 0) parts.push(`All ${run.args.length} args sets have the same values.`);
  else {
    const shownKeys = diff.keys.slice(0, 8);
    const header = ["args set", ...shownKeys.map((k) => mdCode(k, 40))];
    const rows = diff.rows
      .slice(0, maxRows)
      .map((row, i) => [
        links.link(mdCode(row.name, 60), view.sets[i]?.anchor ?? null),
        ...row.cells.slice(0, 8).map((c) => (c.missing ? "—" : mdCode(c.text, 40))),
      ]);
    parts.push(
      [
        "| " + header.join(" | ") + " |",
        `|${header.map(() => "---").join("|")}|`,
        ...rows.map((r) => `| ${r.join(" | ")} |`),
      ].join("\n"),
    );
    const more: string[] = [];
    // The totals: the view's rows and keys are already cut to what a page shows.
    if (diff.setCount > rows.length) more.push(`${diff.setCount - rows.length} more args sets`);
    if (diff.differingCount > shownKeys.length)
      more.push(`${diff.differingCount - shownKeys.length} more differing keys`);
    if (more.length > 0) parts.push(`_${more.join(" and ")} in the ${links.link("report", SECTION_IDS.argsDiff)}._`);
  }
  if (diff.sameCount > 0)
    parts.push(
      `_${diff.sameCount} ${diff.sameCount === 1 ? "key has" : "keys have"} the same value in every args set (not shown)._`,
    );
  return parts.join("\n\n");
}

/** Instead of an unreadable diagram: a sentence (with a link when published) pointing to the report's map. */
function mapLink(
  run: Run,
  shapes: RunShapes,
  links: ReportLinks,
): { text: string; kind: Summary["dag"]; note: string | null } {
  const where =
    links.base === null ? "the stage map of the report" : links.link("the stage map of the report", SECTION_IDS.map);
  return {
    text: `### Stage DAG

${counted(run.records.length, "record")} in ${counted(shapes.shapes.length, "pipeline")} are too many to read as a diagram here; see ${where}.`,
    kind: "linked",
    note: null,
  };
}

/** The Mermaid DAG within `room`, folded by pipeline: with stages, one box per pipeline, or left out. */
function dagSection(
  run: Run,
  shapes: RunShapes,
  room: number,
  measure: (s: string) => number,
): { text: string; kind: Summary["dag"]; note: string | null } {
  const wrap = (mermaid: string, collapsed: boolean): string =>
    `### Stage DAG${collapsed ? " (one box per pipeline)" : ""}\n\n${mdFence(mermaid, "mermaid")}`;
  const overhead = measure(wrap("", true)) + 10;
  if (room - overhead <= 0 || run.records.length === 0)
    return { text: "", kind: "omitted", note: run.records.length === 0 ? null : DAG_OMITTED };
  const dag = dagMermaid(run, shapes, {
    maxChars: Math.min(MERMAID_LIMITS.maxChars, room - overhead),
    maxEdges: MERMAID_LIMITS.maxEdges,
    maxNodes: READABLE_DAG_NODES,
  });
  const text = wrap(dag.text, dag.collapsed);
  // A diagram with room for no pipeline at all says nothing.
  if (
    dag.pipelines === 0 ||
    measure(text) > room ||
    edgeCount(dag.text) > MERMAID_LIMITS.maxEdges ||
    dag.text.length > MERMAID_LIMITS.maxChars
  ) {
    return { text: "", kind: "omitted", note: DAG_OMITTED };
  }
  const note = dag.truncated ? DAG_TRUNCATED : dag.collapsed ? DAG_COLLAPSED : null;
  return { text, kind: dag.collapsed ? "collapsed" : "full", note };
}

/** Number of edges in Mermaid flowchart text (`-->`, `-.->`, `==>` and friends). */
export function edgeCount(mermaid: string): number {
  return (mermaid.match(/--+>|-\.+->|==+>|--+-|~~~/g) ?? []).length;
}
