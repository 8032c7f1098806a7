/**
 * A comparison as GitHub Markdown (`curi-report compare --format markdown`): the same sections as
 * the page, with only what differs, led by the per-metric headline. Also the building blocks that
 * `summary --base` uses, so a pull request's comment says what the comparison page says.
 */
import type { Comparison } from "./compare.js";
import type { ArgsDiff, FactsDiff, MetricDiff } from "./factsDiff.js";
import {
  changeText,
  goalNotes,
  goalText,
  headlineRows,
  largestChanges,
  MAX_HEADLINE_METRICS,
  SHORT_CHANGES,
  shortChanges,
} from "./headlineText.js";
import { mdCell, mdCode, mdTable, mdText } from "../markup/mdText.js";
import { analysisMarkdown } from "./compareAnalysis.js";

/** Most rows of one Markdown table; the rest are counted. */
const MAX_ROWS = 200;

/** Column headings for runs: `base`, then the references of the others (clipped). */
function runHeads(labels: readonly string[]): string[] {
  return labels.map((l, i) => (i === 0 ? `base ${mdCode(l, 50)}` : mdCode(l, 50)));
}

/** "…and N more" under a cut table. */
function more(total: number, shown: number, what: string): string {
  return total > shown ? `\n\n_${total - shown} more ${what} are not listed._` : "";
}

/** A metric's name with its goal arrow: `` `loss` ↓ ``, `?` when its goal is unknown. */
function metricName(name: string, j: MetricDiff["judgement"], primary = false): string {
  return `${mdCode(name, 40)} ${goalText(j).arrow}${primary ? " (primary)" : ""}`;
}

/**
 * The headline as a table: per metric (and per run, past two runs), its run-level value, how the
 * records moved, the median change and the records that moved most; then the goal notes.
 */
export function headlineMarkdown(diff: FactsDiff, labels: readonly string[]): string {
  if (diff.headline.length === 0) return "";
  const many = labels.length > 2;
  const rows = headlineRows(diff).map((r) => [
    metricName(r.metric, r.judgement, r.primary),
    ...(many ? [mdCode(labels[r.run] ?? "", 30)] : []),
    mdText(r.runLevel),
    mdText(r.records),
    mdText(r.median),
    mdCell(r.movers, 120),
  ]);
  const head = ["metric", ...(many ? ["run"] : []), "run-level", "records", "median change", "moved most"];
  const left = diff.headline.length - MAX_HEADLINE_METRICS;
  const notes = goalNotes(diff.judgements).map((n) => `_${mdText(n)}_`);
  return [mdTable(head, rows) + (left > 0 ? `\n\n_${left} more metrics are not in the headline._` : ""), ...notes].join(
    "\n\n",
  );
}

/** Changed values as a table (`""` when there are none). */
export function metricsTable(metrics: readonly MetricDiff[], labels: readonly string[]): string {
  if (metrics.length === 0) return "";
  const rows = metrics.map((m) => [
    m.record === null ? "run" : mdCell(m.record, 40),
    metricName(m.name, m.judgement),
    ...labels.map((_, i) => mdText(changeText(m, i))),
  ]);
  return mdTable(["record", "metric", ...runHeads(labels)], rows);
}

/**
 * The largest changes as a table, then every changed value (at most `maxRows`) in a collapsed
 * `<details>`, one click away. Says when nothing changed.
 */
export function changesMarkdown(diff: FactsDiff, labels: readonly string[], maxRows = MAX_ROWS): string {
  const same = diff.sameMetrics > 0 ? ` ${diff.sameMetrics} more have the same value in every run.` : "";
  if (diff.metrics.length === 0) return `No metric value changed.${same}`;
  const short = shortChanges(diff.metrics, SHORT_CHANGES);
  const parts = [short.length === 0 ? "Every change is within noise." : metricsTable(short, labels)];
  if (maxRows > 0) {
    const full = largestChanges(diff.metrics, maxRows);
    parts.push(
      `<details><summary>Every changed value, per record (${diff.metrics.length})</summary>\n\n${metricsTable(full, labels)}${more(diff.metrics.length, full.length, "changed values")}\n\n</details>`,
    );
  } else parts.push(`_${diff.metrics.length} changed values in all._`);
  if (same !== "") parts.push(`_${same.trim()}_`);
  return parts.join("\n\n");
}

/** `all 24 args sets: `epochs` `25` → `30``, once per shared change, then each set's own changes as a table. */
export function argsMarkdown(diff: ArgsDiff, labels: readonly string[], max = MAX_ROWS): string {
  const chain = (values: readonly (string | null)[]): string =>
    values.map((v) => (v === null ? "—" : mdCode(v, 40))).join(" → ");
  const shared = diff.sharedArgs.slice(0, max).map((s) => {
    const sets = s.all
      ? `all ${s.sets.length} args sets`
      : `${s.sets.length} args sets (${s.sets
          .slice(0, 5)
          .map((n) => mdCell(n, 30))
          .join(", ")}${s.sets.length > 5 ? ", …" : ""})`;
    return `- ${sets}: ${mdCode(s.key, 40)} ${chain(s.values)}`;
  });
  const rows = diff.ownArgs
    .slice(0, max)
    .map((a) => [mdCell(a.set, 40), mdCode(a.key, 40), ...a.values.map((v) => (v === null ? "—" : mdCode(v, 40)))]);
  const parts: string[] = [];
  if (shared.length > 0) parts.push(shared.join("\n") + more(diff.sharedArgs.length, shared.length, "shared changes"));
  if (rows.length > 0)
    parts.push(
      mdTable(["args set", "key", ...runHeads(labels)], rows) + more(diff.ownArgs.length, rows.length, "changed args"),
    );
  return parts.join("\n\n");
}

/** The whole comparison as Markdown. */
export function comparisonMarkdown(c: Comparison): string {
  const labels = c.contexts.map((ctx) => ctx.run.info.reference);
  const parts = [
    `## curi-report comparison: ${c.contexts.map((ctx) => mdCode(ctx.run.info.reference, 60)).join(" vs ")}`,
    ...c.notes.map((n) => `> ${mdText(n)}`),
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
  parts.push("### Metrics", headlineMarkdown(f, labels) || "No metrics.", changesMarkdown(f, labels));
  parts.push("### Args", argsMarkdown(f, labels) || (f.argsSets.length === 0 ? "No args changed." : ""));
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
