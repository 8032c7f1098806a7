/**
 * A comparison as GitHub Markdown (`curi-report compare --format markdown`): the same sections as
 * the page, as tables, with only what differs. Also the building blocks `summary --base` uses.
 */
import type { Comparison } from "./compare.js";
import type { ArgsKeyDiff, FactsDiff, MetricDiff } from "./factsDiff.js";
import { mdCell, mdCode, mdTable, mdText } from "../markup/mdText.js";
import { analysisMarkdown } from "./compareAnalysis.js";

/** Most rows of one Markdown table; the rest are counted. */
const MAX_ROWS = 200;

const VERDICT: Readonly<Record<string, string>> = {
  better: "✅ better",
  worse: "🔻 worse",
  same: "same",
  added: "new",
  removed: "gone",
};

/** A metric's cell: value, delta and verdict. */
function metricCell(m: MetricDiff, i: number): string {
  const delta = m.deltas[i];
  const verdict = m.verdicts[i];
  return `${mdCode(m.texts[i] ?? "—", 30)}${delta !== null && delta !== undefined ? ` (${mdText(delta)})` : ""}${verdict !== null && verdict !== undefined ? ` ${VERDICT[verdict] ?? ""}` : ""}`;
}

/** Column headings for runs: `base`, then the references of the others (clipped). */
function runHeads(labels: readonly string[]): string[] {
  return labels.map((l, i) => (i === 0 ? `base ${mdCode(l, 50)}` : mdCode(l, 50)));
}

/** "…and N more" under a cut table. */
function more(total: number, shown: number, what: string): string {
  return total > shown ? `\n\n_${total - shown} more ${what} are not listed._` : "";
}

/** The changed metrics as a table (`""` when none changed). */
export function metricsTable(diff: FactsDiff, labels: readonly string[], max = MAX_ROWS): string {
  if (diff.metrics.length === 0) return "";
  const rows = diff.metrics
    .slice(0, max)
    .map((m) => [
      m.record === null ? "run" : mdCell(m.record, 40),
      `${mdCode(m.name, 40)} ${m.goal === "min" ? "↓" : "↑"}`,
      ...labels.map((_, i) => metricCell(m, i)),
    ]);
  return (
    mdTable(["record", "metric", ...runHeads(labels)], rows) +
    more(diff.metrics.length, Math.min(max, diff.metrics.length), "changed metrics")
  );
}

/** The changed args as a table (`""` when none changed). */
export function argsTable(args: readonly ArgsKeyDiff[], labels: readonly string[], max = MAX_ROWS): string {
  if (args.length === 0) return "";
  const rows = args
    .slice(0, max)
    .map((a) => [mdCell(a.set, 40), mdCode(a.key, 40), ...a.values.map((v) => (v === null ? "—" : mdCode(v, 40)))]);
  return (
    mdTable(["args set", "key", ...runHeads(labels)], rows) +
    more(args.length, Math.min(max, args.length), "changed args")
  );
}

/** The whole comparison as Markdown. */
export function comparisonMarkdown(c: Comparison): string {
  const labels = c.contexts.map((ctx) => ctx.run.info.reference);
  const parts = [
    `## curi-report comparison: ${c.contexts.map((ctx) => mdCode(ctx.run.info.reference, 60)).join(" vs ")}`,
  ];
  parts.push(
    "### Run info",
    mdTable(
      ["", ...runHeads(labels)],
      c.info
        .filter((r) => r.differs || r.label === "Status")
        .map((r) => [r.label, ...r.values.map((v) => mdCell(v, 60))]),
    ),
  );
  const f = c.facts;
  parts.push("### Metrics", metricsTable(f, labels) || "No metric changed.");
  if (f.sameMetrics > 0) parts.push(`_${f.sameMetrics} metrics have the same value in every run._`);
  parts.push("### Args", argsTable(f.args, labels) || (f.argsSets.length === 0 ? "No args changed." : ""));
  if (f.argsSets.length > 0)
    parts.push(
      mdTable(
        ["args set only in some runs", ...runHeads(labels)],
        f.argsSets.map((s) => [mdCell(s.set, 40), ...s.present.map((p) => (p ? "yes" : "—"))]),
      ),
    );
  parts.push(analysisMarkdown(c.contexts));
  parts.push(
    "### Reportables",
    c.reportables.length === 0
      ? "No shared reportable differs."
      : c.reportables
          .slice(0, MAX_ROWS)
          .map((r) => `- ${mdCode(r.qualifiedName, 80)} (${r.kind}) differs`)
          .join("\n") + more(c.reportables.length, Math.min(MAX_ROWS, c.reportables.length), "changed reportables"),
  );
  const dag = c.dag.slice(0, MAX_ROWS).map(
    (d) =>
      `- ${d.change}: ${mdCode(d.record, 60)}${d.stage === null ? "" : ` · stage ${mdCode(d.stage, 40)}`}${
        d.details.length > 0
          ? ` (${d.details
              .slice(0, 4)
              .map((x) => mdCode(x, 60))
              .join(", ")})`
          : ""
      }`,
  );
  parts.push(
    "### Stage DAG",
    dag.length === 0
      ? "The stages and artifact representations are the same in every run."
      : dag.join("\n") + more(c.dag.length, dag.length, "DAG changes"),
  );
  return `${parts.filter((p) => p !== "").join("\n\n")}\n`;
}
