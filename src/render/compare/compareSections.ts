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
import type { MetricDiff } from "./factsDiff.js";
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
 * Short names of the runs for column heads: their run numbers (`#3`) when those tell them apart,
 * else their position (`run 2`); the first is also called the base. Escaped.
 */
function runNames(c: CoreComparison): string[] {
  const numbers = c.info.find((r) => r.label === "Run number")?.values ?? [];
  const distinct = numbers.length === c.labels.length && new Set(numbers).size === numbers.length;
  return c.labels.map((_, i) => {
    const name = distinct ? `#${t(numbers[i] ?? "", 20)}` : `run ${i + 1}`;
    return i === 0 ? `base ${name}` : name;
  });
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
  return [
    toc,
    infoSection(c, o),
    metricsSection(c, names),
    argsSection(c, names),
    reportablesSection(c, o, names),
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

function metricCell(m: MetricDiff, i: number): string {
  const verdict = m.verdicts[i] ?? null;
  const delta = m.deltas[i] ?? null;
  const word = verdict === "better" || verdict === "worse" ? ` ${verdict}` : "";
  return `<td class="num${verdict === null ? "" : ` ${verdict}`}">${t(m.texts[i] ?? "—")}${delta === null ? "" : ` (${t(delta)})`}${word}</td>`;
}

function metricsSection(c: CoreComparison, names: readonly string[]): string {
  const f = c.facts;
  if (f.metrics.length === 0)
    return `<section id="compare-metrics"><h2>Metrics</h2><p>No metric changed${f.sameMetrics > 0 ? ` (${f.sameMetrics} metrics have the same value in every run)` : ""}.</p></section>`;
  const cut = f.metrics.length > SECTION_LIMITS.rows;
  const rows = (cut ? largestChanges(f.metrics, SECTION_LIMITS.rows) : f.metrics).map((m) => {
    const goal =
      m.goal === "min"
        ? `<span class="goal" title="lower is better">↓</span>`
        : `<span class="goal" title="higher is better">↑</span>`;
    return `<tr><td><bdi>${m.record === null ? "run" : t(m.record, 200)}</bdi></td><td><bdi>${t(m.name, 200)}</bdi> ${goal}</td>${m.texts.map((_, i) => metricCell(m, i)).join("")}</tr>`;
  });
  const caption = `${f.metrics.length} changed metrics${f.sameMetrics > 0 ? `; ${f.sameMetrics} more have the same value in every run` : ""}.`;
  const summary = cut ? metricSummary(f.metrics, names) : "";
  const note = shownNote(
    rows.length,
    f.metrics.length,
    "changed metrics: run-level ones, then the largest relative changes",
    "",
  );
  return `<section id="compare-metrics"><h2>Metrics</h2>${summary}${note}<div class="table-scroll"><table class="compare-table metrics-diff" data-sortable><caption>${caption}</caption><thead><tr><th scope="col" data-kind="text">record</th><th scope="col" data-kind="text">metric</th>${runHeads(names)}</tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

/** How far run i's value moved from the base's, relative to the base (0 when either is missing). */
function relativeChange(m: MetricDiff, i: number): number {
  const [a, b] = [m.values[0] ?? null, m.values[i] ?? null];
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b)) return 0;
  return Math.abs(b - a) / Math.max(Math.abs(a), 1e-12);
}

/** Run-level metrics, then the `max` per-record ones that moved most (in any run), in a stable order. */
function largestChanges(metrics: readonly MetricDiff[], max: number): MetricDiff[] {
  const runLevel = metrics.filter((m) => m.record === null);
  const moved = (m: MetricDiff): number => Math.max(0, ...m.values.map((_, i) => (i === 0 ? 0 : relativeChange(m, i))));
  const perRecord = metrics
    .filter((m) => m.record !== null)
    .map((m, k) => ({ m, k, by: moved(m) }))
    .sort((x, y) => y.by - x.by || x.k - y.k)
    .slice(0, Math.max(0, max - runLevel.length))
    .map((x) => x.m);
  return [...runLevel.slice(0, max), ...perRecord];
}

/** Per metric name: in how many records it changed, and per run how many got better and worse. */
function metricSummary(metrics: readonly MetricDiff[], names: readonly string[]): string {
  const byName = new Map<string, { changed: number; better: number[]; worse: number[] }>();
  for (const m of metrics) {
    if (m.record === null) continue;
    const s = byName.get(m.name) ?? { changed: 0, better: names.map(() => 0), worse: names.map(() => 0) };
    s.changed++;
    m.verdicts.forEach((v, i) => {
      if (v === "better") s.better[i] = (s.better[i] ?? 0) + 1;
      if (v === "worse") s.worse[i] = (s.worse[i] ?? 0) + 1;
    });
    byName.set(m.name, s);
  }
  const rows = [...byName].map(
    ([name, s]) =>
      `<tr><td><bdi>${t(name, 200)}</bdi></td><td class="num">${groupDigits(s.changed)}</td>${names
        .slice(1)
        .map(
          (_, j) =>
            `<td class="num">${groupDigits(s.better[j + 1] ?? 0)} better, ${groupDigits(s.worse[j + 1] ?? 0)} worse</td>`,
        )
        .join("")}</tr>`,
  );
  return `<div class="table-scroll"><table class="compare-table metrics-summary"><caption>Per metric, over every record.</caption><thead><tr><th scope="col">metric</th><th scope="col">records changed</th>${runHeads(names.slice(1))}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function argsSection(c: CoreComparison, names: readonly string[]): string {
  const f = c.facts;
  const parts = [`<section id="compare-args"><h2>Args</h2>`];
  if (f.args.length === 0 && f.argsSets.length === 0)
    parts.push(
      `<p>No args changed${f.sameArgsSets > 0 ? ` (${f.sameArgsSets} args sets are the same in every run)` : ""}.</p>`,
    );
  if (f.args.length > 0) {
    const rows = f.args
      .slice(0, SECTION_LIMITS.rows)
      .map(
        (a) =>
          `<tr><td><bdi>${t(a.set, 200)}</bdi></td><td><bdi>${t(a.key, 200)}</bdi></td>${a.values.map((v) => `<td><code>${v === null ? "—" : t(v)}</code></td>`).join("")}</tr>`,
      );
    const caption = `Changed values, args sets matched by name${f.sameArgsSets > 0 ? `; ${f.sameArgsSets} args sets are the same in every run` : ""}.`;
    parts.push(shownNote(rows.length, f.args.length, "changed values"));
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

function reportablesSection(c: CoreComparison, o: SectionOptions, names: readonly string[]): string {
  const same = c.sameReportables;
  const head =
    c.reportables.length === 0
      ? `<p>No shared reportable differs${same > 0 ? ` (${same} are the same in every run that has them)` : ""}.</p>`
      : same > 0
        ? `<p class="note">${same} more shared reportables are the same in every run that has them.</p>`
        : "";
  const blocks = c.reportables.slice(0, SECTION_LIMITS.reportables).map((d, k) => {
    const sides = d.perRun.map((r, i) => `<div><h4>${names[i] ?? ""}</h4>${o.side(r, i, k)}</div>`).join("");
    return `<section class="reportable"><h3><bdi>${t(d.qualifiedName)}</bdi> <span class="count">(${d.kind})</span></h3>${contentDiffs(d.perRun, names).join("")}<div class="compare-side">${sides}</div></section>`;
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
