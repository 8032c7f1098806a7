/**
 * The metrics section of a comparison as HTML (the page `compare` writes, the build's pages and
 * compare.html): the headline first (per metric, its run-level value and how the records moved),
 * then the few largest changes, and every changed value one click away in a `<details>`. Every
 * text from a run is escaped here. Browser-safe.
 */
import { clipField, groupDigits } from "../../util/clip.js";
import { escapeHtml, showControlChars } from "../../util/escape.js";
import type { CoreComparison } from "./compareCore.js";
import type { MetricDiff } from "./factsDiff.js";
import {
  changeText,
  goalNotes,
  goalText,
  headlineRows,
  largestChanges,
  MAX_HEADLINE_METRICS,
  SHORT_CHANGES,
  shortChanges,
  type HeadlineRow,
} from "./headlineText.js";

/** Most rows of the full table of changed values (two sweeps of 50,000 records may differ everywhere). */
export const MAX_METRIC_ROWS = 500;

const t = (s: string, max = 300): string => escapeHtml(showControlChars(clipField(s, max)));

/** The table head cells naming each run. */
function runHeads(names: readonly string[]): string {
  return names.map((n) => `<th scope="col">${n}</th>`).join("");
}

/** The metric's name cell: its name, `primary` for the primary metric, and its goal as an arrow with words. */
function metricNameCell(name: string, j: HeadlineRow["judgement"], primary: boolean, tag = "td"): string {
  const goal = goalText(j);
  const badge = primary ? ` <span class="primary-tag">primary</span>` : "";
  return `<${tag}${tag === "th" ? ' scope="row"' : ""}><bdi>${t(name, 200)}</bdi>${badge} <span class="goal goal-${j.source}" title="${escapeHtml(goal.words)}">${goal.arrow}<span class="visually-hidden"> ${escapeHtml(goal.words)}</span></span></${tag}>`;
}

/** The metrics section: headline, the largest changes, and every changed value in a `<details>`. */
export function metricsSection(c: CoreComparison, names: readonly string[]): string {
  const f = c.facts;
  if (f.headline.length === 0)
    return `<section id="compare-metrics"><h2>Metrics</h2><p>None of these runs has metrics.</p></section>`;
  const notes = goalNotes(f.judgements).map((n) => `<p class="note goal-note">${t(n, 2_000)}</p>`);
  return `<section id="compare-metrics"><h2>Metrics</h2>${headlineTable(c, names)}${notes.join("")}${changesPart(c, names)}</section>`;
}

/** Per metric (and per run compared with the base), what happened to it. */
function headlineTable(c: CoreComparison, names: readonly string[]): string {
  const many = names.length > 2;
  const rows = headlineRows(c.facts).map((r) => {
    const against = many ? `<td>${names[r.run] ?? ""}</td>` : "";
    const verdict = r.runVerdict === null ? "" : ` ${r.runVerdict}`;
    return `<tr>${metricNameCell(r.metric, r.judgement, r.primary, "th")}${against}<td class="num${verdict}">${t(r.runLevel)}</td><td>${t(r.records)}</td><td class="num">${t(r.median)}</td><td>${t(r.movers, 400)}</td></tr>`;
  });
  const left = c.facts.headline.length - MAX_HEADLINE_METRICS;
  const more =
    left > 0
      ? `<p class="note">${groupDigits(left)} more metrics are not in the headline; their changes are below.</p>`
      : "";
  return `<div class="table-scroll"><table class="compare-table metrics-headline"><caption>Per metric: the run-level value, then over the records both runs have, how many got better, worse or stayed the same, the median change and the records that moved most.</caption><thead><tr><th scope="col">metric</th>${many ? `<th scope="col">run</th>` : ""}<th scope="col">run-level</th><th scope="col">records</th><th scope="col">median change</th><th scope="col">moved most</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>${more}`;
}

function metricCell(m: MetricDiff, i: number): string {
  const verdict = m.verdicts[i] ?? null;
  return `<td class="num${verdict === null ? "" : ` ${verdict}`}">${t(changeText(m, i))}</td>`;
}

/** Rows of a table of changed values. */
function changeRows(metrics: readonly MetricDiff[]): string {
  return metrics
    .map(
      (m) =>
        `<tr><td><bdi>${m.record === null ? "run" : t(m.record, 200)}</bdi></td>${metricNameCell(m.name, m.judgement, false)}${m.texts.map((_, i) => metricCell(m, i)).join("")}</tr>`,
    )
    .join("");
}

/** The largest changes, then every changed value (bounded) in a `<details>`. */
function changesPart(c: CoreComparison, names: readonly string[]): string {
  const f = c.facts;
  const same = f.sameMetrics > 0 ? ` ${groupDigits(f.sameMetrics)} more have the same value in every run.` : "";
  if (f.metrics.length === 0) return `<p>No metric value changed.${same}</p>`;
  const head = `<thead><tr><th scope="col" data-kind="text">record</th><th scope="col" data-kind="text">metric</th>${runHeads(names)}</tr></thead>`;
  const short = shortChanges(f.metrics, SHORT_CHANGES);
  const shortTable =
    short.length === 0
      ? `<p>Every change is within noise.</p>`
      : `<div class="table-scroll"><table class="compare-table metrics-changes"><caption>The ${short.length === 1 ? "change" : `${short.length} largest changes`}: run-level first, then by how far each moved.</caption>${head}<tbody>${changeRows(short)}</tbody></table></div>`;
  const full = f.metrics.length > MAX_METRIC_ROWS ? largestChanges(f.metrics, MAX_METRIC_ROWS) : f.metrics;
  const shown =
    full.length < f.metrics.length
      ? `<p class="note">Showing ${groupDigits(full.length)} of ${groupDigits(f.metrics.length)} changed values: run-level ones, then the largest relative changes.</p>`
      : "";
  return `${shortTable}<details class="metrics-all"><summary>Every changed value, per record (${groupDigits(f.metrics.length)})</summary>${shown}<div class="table-scroll"><table class="compare-table metrics-diff" data-sortable><caption>${groupDigits(f.metrics.length)} changed values.${same}</caption>${head}<tbody>${changeRows(full)}</tbody></table></div></details>`;
}
