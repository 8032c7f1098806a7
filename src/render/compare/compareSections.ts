/**
 * The sections of a comparison page as HTML: run info, metrics, args, reportables and the stage
 * DAG, with only what differs. Shared by the page `curi-report compare` writes (comparePage.ts)
 * and the site's `compare.html`, which renders it in the browser (src/browser/compareApp.ts), so
 * both show the same. Every text from a run is escaped here; the only raw HTML is what `side`
 * returns (the caller's own renderer). Browser-safe.
 */
import { diffLines } from "diff";
import { clipField, groupDigits } from "../../util/clip.js";
import { escapeHtml, showControlChars } from "../../util/escape.js";
import type { CompareReportable, CoreComparison } from "./compareCore.js";
import type { SharedArgsChange } from "./factsDiff.js";
import { metricsSection } from "./metricsSection.js";
import { overlayPlotSvg } from "./overlayPlot.js";
import { diffTables, tableDiffHtml } from "./tableDiff.js";

/** How the sections link and show each run's side of a reportable. */
export interface SectionOptions {
  /** Link to run i's report, or null when there is none. */
  readonly runHref: (i: number) => string | null;
  /** Trusted HTML of run i's side of the k-th differing reportable (`r` null where the run lacks it). */
  readonly side: (r: CompareReportable | null, i: number, k: number) => string;
}

/** Largest text diffed line by line (characters of each side). */
export const MAX_DIFF_CHARS = 100_000;

/**
 * Most rows a section lists (metrics, args, args sets, DAG changes) and most reportables it shows
 * side by side: two sweeps of 50,000 records may differ everywhere, and the page must stay small
 * and quick to draw. Past them a section says how many it left out; metrics also get a summary
 * per metric, and list the largest changes first.
 */
export const SECTION_LIMITS = { rows: 500, reportables: 100 } as const;

/** "Showing the first 500 of 50,000 …" (or nothing when all are shown). */
function shownNote(shown: number, total: number, what: string, order = "the first"): string {
  return shown >= total
    ? ""
    : `<p class="note">Showing ${order === "" ? "" : `${order} `}${groupDigits(shown)} of ${groupDigits(total)} ${what}.</p>`;
}

const t = (s: string, max = 300): string => escapeHtml(showControlChars(clipField(s, max)));
/**
 * Short names of the runs for column heads, as plain text: their run numbers (`#3`) when those tell
 * them apart, else their position (`run 2`); the first is also called the base.
 */
export function plainRunNames(c: Pick<CoreComparison, "labels" | "info">): string[] {
  const numbers = c.info.find((r) => r.label === "Run number")?.values ?? [];
  const distinct = numbers.length === c.labels.length && new Set(numbers).size === numbers.length;
  return c.labels.map((_, i) => {
    const name = distinct ? `#${clipField(numbers[i] ?? "", 20)}` : `run ${i + 1}`;
    return i === 0 ? `base ${name}` : name;
  });
}

/** The run names of `plainRunNames`, escaped for HTML. */
function runNames(c: CoreComparison): string[] {
  return plainRunNames(c).map((n) => t(n, 40));
}

/** The table head cells naming each run. */
function runHeads(names: readonly string[]): string {
  return names.map((n) => `<th scope="col">${n}</th>`).join("");
}

/** All sections, with a table of contents first. */
export function comparisonSections(c: CoreComparison, o: SectionOptions): string {
  const f = c.facts;
  const toc = `<nav class="toc" id="contents" aria-label="Contents"><h2>Contents</h2><ul><li><a href="#compare-info">Run info</a></li><li><a href="#compare-metrics">Metrics (${f.metrics.length} changed)</a></li><li><a href="#compare-args">Args (${f.args.length + f.argsSets.length} changed)</a></li><li><a href="#compare-reportables">Reportables (${c.reportables.length} changed)</a></li><li><a href="#compare-dag">Stage DAG (${c.dag.length} ${c.dag.length === 1 ? "change" : "changes"})</a></li></ul></nav>`;
  const names = runNames(c);
  const notes = c.notes.map((n) => `<p class="note compare-note" role="note">${t(n, 1_000)}</p>`).join("");
  return [
    notes,
    toc,
    infoSection(c, o),
    metricsSection(c, names),
    argsSection(c, names),
    reportablesSection(c, o, names, plainRunNames(c)),
    dagSection(c),
  ].join("\n");
}

function infoSection(c: CoreComparison, o: SectionOptions): string {
  const heads = c.labels.map((label, i) => {
    const href = o.runHref(i);
    const name = `<bdi>${t(label, 200)}</bdi>`;
    return `<th scope="col">${i === 0 ? "base: " : ""}${href === null ? name : `<a href="${escapeHtml(href)}">${name}</a>`}</th>`;
  });
  const rows = c.info.map(
    (r) =>
      `<tr${r.differs ? ' class="differs"' : ""}><th scope="row">${t(r.label)}</th>${r.values.map((v) => `<td><bdi>${t(v, 500)}</bdi></td>`).join("")}</tr>`,
  );
  const cut = c.cut.flatMap((notes, i) =>
    notes.map((n) => `<p class="note"><bdi>${t(c.labels[i] ?? "", 200)}</bdi>: ${t(n)}</p>`),
  );
  return `<section id="compare-info"><h2>Run info</h2><div class="table-scroll"><table class="compare-table"><thead><tr><th scope="col"></th>${heads.join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>${cut.join("")}</section>`;
}

/** "all 24 args sets" or "3 args sets (a, b, c)". Escaped. */
export function sharedSetsText(s: SharedArgsChange): string {
  if (s.all) return `all ${groupDigits(s.sets.length)} args sets`;
  const shown = s.sets.slice(0, 5).map((n) => t(n, 60));
  const more = s.sets.length > shown.length ? `, … ${groupDigits(s.sets.length - shown.length)} more` : "";
  return `${groupDigits(s.sets.length)} args sets (${shown.join(", ")}${more})`;
}

/** A value per run as `<code>25</code> → <code>30</code>` (— where a run lacks it). */
function valuesChain(values: readonly (string | null)[]): string {
  return values.map((v) => (v === null ? "—" : `<code>${t(v)}</code>`)).join(" → ");
}

function argsSection(c: CoreComparison, names: readonly string[]): string {
  const f = c.facts;
  const parts = [`<section id="compare-args"><h2>Args</h2>`];
  if (f.args.length === 0 && f.argsSets.length === 0)
    parts.push(
      `<p>No args changed${f.sameArgsSets > 0 ? ` (${f.sameArgsSets} args sets are the same in every run)` : ""}.</p>`,
    );
  if (f.sharedArgs.length > 0) {
    // A change every args set shares is one change: said once, not once per set (issue 21.7).
    const items = f.sharedArgs
      .slice(0, SECTION_LIMITS.rows)
      .map((s) => `<li>${sharedSetsText(s)}: <bdi>${t(s.key, 200)}</bdi> ${valuesChain(s.values)}</li>`);
    parts.push(`<ul class="args-shared">${items.join("")}</ul>`);
  }
  if (f.ownArgs.length > 0) {
    const rows = f.ownArgs
      .slice(0, SECTION_LIMITS.rows)
      .map(
        (a) =>
          `<tr><td><bdi>${t(a.set, 200)}</bdi></td><td><bdi>${t(a.key, 200)}</bdi></td>${a.values.map((v) => `<td><code>${v === null ? "—" : t(v)}</code></td>`).join("")}</tr>`,
      );
    const caption = `Changed values of one args set each, matched by name${f.sameArgsSets > 0 ? `; ${f.sameArgsSets} args sets are the same in every run` : ""}.`;
    parts.push(shownNote(rows.length, f.ownArgs.length, "changed values"));
    parts.push(
      `<div class="table-scroll"><table class="compare-table args-diff" data-sortable><caption>${caption}</caption><thead><tr><th scope="col" data-kind="text">args set</th><th scope="col" data-kind="text">key</th>${runHeads(names)}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`,
    );
  }
  if (f.argsSets.length > 0) {
    const rows = f.argsSets
      .slice(0, SECTION_LIMITS.rows)
      .map(
        (s) =>
          `<tr><td><bdi>${t(s.set, 200)}</bdi></td>${s.present.map((p) => `<td>${p ? "yes" : "—"}</td>`).join("")}</tr>`,
      );
    parts.push(
      `<h3>Args sets in only some runs</h3>${shownNote(rows.length, f.argsSets.length, "args sets")}<table class="compare-table"><thead><tr><th scope="col">args set</th>${runHeads(names)}</tr></thead><tbody>${rows.join("")}</tbody></table>`,
    );
  }
  return `${parts.join("")}</section>`;
}

/** Cell and line diffs of run i > 0's reportable against the base's (trusted HTML). */
function contentDiffs(perRun: readonly (CompareReportable | null)[], names: readonly string[]): string[] {
  const base = perRun[0] ?? null;
  if (base === null) return [];
  return perRun.slice(1).flatMap((r, j) => {
    if (r === null) return [];
    const name = names[j + 1] ?? "";
    if (base.table !== null && r.table !== null)
      return [tableDiffHtml(diffTables(base.table, r.table), `${name} against the base`)];
    if (base.text === null || r.text === null || base.text.length > MAX_DIFF_CHARS || r.text.length > MAX_DIFF_CHARS)
      return [];
    const parts = diffLines(base.text, r.text).map((p) => {
      const body = escapeHtml(showControlChars(p.value));
      return p.added ? `<ins>${body}</ins>` : p.removed ? `<del>${body}</del>` : body;
    });
    return [
      `<pre class="json-diff" aria-label="line diff, ${name} against the base"><code>${parts.join("")}</code></pre>`,
    ];
  });
}

function reportablesSection(
  c: CoreComparison,
  o: SectionOptions,
  names: readonly string[],
  plainNames: readonly string[],
): string {
  const same = c.sameReportables;
  const head =
    c.reportables.length === 0
      ? `<p>No shared reportable differs${same > 0 ? ` (${same} are the same in every run that has them)` : ""}.</p>`
      : same > 0
        ? `<p class="note">${same} more shared reportables are the same in every run that has them.</p>`
        : "";
  const blocks = c.reportables.slice(0, SECTION_LIMITS.reportables).map((d, k) => {
    const sides = d.perRun.map((r, i) => `<div><h4>${names[i] ?? ""}</h4>${o.side(r, i, k)}</div>`).join("");
    const overlay = d.kind === "lineplot" ? overlayPlotSvg(d.perRun, plainNames, `cmp-overlay-${k}`) : null;
    // One set of axes for every run's lines; each run's own plot stays one click away.
    const body =
      overlay === null
        ? `<div class="compare-side">${sides}</div>`
        : `<figure class="lineplot compare-overlay">${overlay}<figcaption>Every run's lines on one set of axes: the base dashed.</figcaption></figure><details><summary>Each run's plot</summary><div class="compare-side">${sides}</div></details>`;
    return `<section class="reportable"><h3><bdi>${t(d.qualifiedName)}</bdi> <span class="count">(${d.kind})</span></h3>${contentDiffs(d.perRun, names).join("")}${body}</section>`;
  });
  return `<section id="compare-reportables"><h2>Reportables</h2>${head}${shownNote(blocks.length, c.reportables.length, "differing reportables")}${blocks.join("\n")}</section>`;
}

function dagSection(c: CoreComparison): string {
  if (c.dag.length === 0)
    return `<section id="compare-dag"><h2>Stage DAG</h2><p>The stages and artifact representations are the same in every run.</p></section>`;
  const items = c.dag.slice(0, SECTION_LIMITS.rows).map((d) => {
    const stage = d.stage === null ? "" : ` · stage <code>${t(d.stage, 200)}</code>`;
    const against = c.labels.length > 2 ? ` (in <bdi>${t(c.labels[d.run] ?? "", 200)}</bdi>)` : "";
    const details =
      d.details.length === 0 ? "" : `<ul>${d.details.map((x) => `<li><code>${t(x)}</code></li>`).join("")}</ul>`;
    return `<li><strong>${d.change}</strong>: <bdi>${t(d.record, 200)}</bdi>${stage}${against}${details}</li>`;
  });
  return `<section id="compare-dag"><h2>Stage DAG</h2>${shownNote(items.length, c.dag.length, "changes")}<ul class="dag-diff">${items.join("\n")}</ul></section>`;
}
