/**
 * Comparing sweeps (issue 19): each run's importance ranking of one metric side by side, and each
 * run's best configuration, from the runs' own analyses (`RunContext.analysis`). A section of its
 * own, for `curi-report compare`'s page and Markdown; null when fewer than two runs are sweeps.
 */
import { argsText } from "../analysis/index.js";
import type { RunContext } from "../context.js";
import { mdCode, mdTable } from "../markup/mdText.js";

/** Most args listed (the most important of any run first). */
const MAX_ARGS = 20;

/** One arg's row: its share and rank in each run (null where that run does not analyse it). */
export interface ImportanceRow {
  readonly arg: string;
  readonly cells: readonly ({ readonly share: number; readonly rank: number } | null)[];
}

/** The importance rankings side by side. */
export interface AnalysisComparison {
  /** The metric compared: the base's primary metric (or the first sweep's), which each run analysed. */
  readonly metric: string;
  readonly labels: readonly string[];
  readonly rows: readonly ImportanceRow[];
  /** Each run's best configuration by the metric's ranking there, or null (no analysis, or no such metric). */
  readonly best: readonly (string | null)[];
  /** Args not listed past MAX_ARGS. */
  readonly more: number;
}

/** The comparison of the runs' analyses, or null when fewer than two of them are sweeps with the metric. */
export function compareAnalyses(contexts: readonly RunContext[]): AnalysisComparison | null {
  const analyses = contexts.map((ctx) => ctx.analysis);
  const metric = analyses.find((a) => a !== null)?.primary;
  if (metric === undefined) return null;
  const rankings = analyses.map((a) => a?.metrics.find((m) => m.name === metric)?.importance.ranking ?? null);
  if (rankings.filter((r) => r !== null).length < 2) return null;
  // Args by their best share in any run, most important first.
  const top = new Map<string, number>();
  for (const r of rankings) for (const x of r ?? []) top.set(x.arg, Math.max(top.get(x.arg) ?? 0, x.share));
  const args = [...top].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([arg]) => arg);
  const rows = args.slice(0, MAX_ARGS).map((arg) => ({
    arg,
    cells: rankings.map((r) => {
      const k = r?.findIndex((x) => x.arg === arg) ?? -1;
      return r === null || k < 0 ? null : { share: (r[k] as { share: number }).share, rank: k + 1 };
    }),
  }));
  const best = analyses.map((a) => (a === null || a.primary !== metric ? null : argsText(a.best.args)));
  return { metric, labels: contexts.map((c) => c.run.info.reference), rows, best, more: args.length - rows.length };
}

/** `78% (#1)`, or `–`. */
export function importanceCell(cell: ImportanceRow["cells"][number]): string {
  return cell === null ? "–" : `${Math.round(cell.share * 100)}% (#${cell.rank})`;
}

/** The comparison as a Markdown section, "" when there is none. */
export function analysisMarkdown(contexts: readonly RunContext[]): string {
  const c = compareAnalyses(contexts);
  if (c === null) return "";
  const heads = c.labels.map((l, i) => (i === 0 ? `base ${mdCode(l, 50)}` : mdCode(l, 50)));
  const rows = [
    ...c.rows.map((r) => [mdCode(r.arg, 40), ...r.cells.map(importanceCell)]),
    ["**best configuration**", ...c.best.map((b) => (b === null ? "–" : mdCode(b, 80)))],
  ];
  const more = c.more > 0 ? `\n\n_${c.more} more args are not listed._` : "";
  return `### Which args matter for ${mdCode(c.metric, 40)}\n\nImportance (share of the metric's variance each arg explains) and rank in each run.\n\n${mdTable(["arg", ...heads], rows)}${more}`;
}
