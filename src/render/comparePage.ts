/**
 * The comparison page (`compare/<runs>/index.html` in a site): view data for
 * `templates/pages/compare.eta` from a `Comparison`. Shared reportables whose content differs are
 * shown side by side with the report's own renderers (images from the compared reports' folders),
 * JSON and text also as a line diff against the base.
 */
import { diffLines } from "diff";
import type { Reportable, Run } from "../run/model.js";
import { clipField } from "../util/clip.js";
import { safeFileStem } from "../util/names.js";
import { escapeHtml, showControlChars } from "../util/escape.js";
import type { Comparison } from "./compare.js";
import type { MetricDiff } from "./factsDiff.js";
import { renderReportable } from "./reportables/index.js";
import { planReport, relativeUrl } from "./router.js";
import { renderTemplate } from "./templates.js";
import { canonicalJson } from "./views/args.js";
import { pageMeta } from "./views/page.js";

/** Where the page sits in the site and what it links to (site-root-relative paths). */
export interface ComparePageOptions {
  readonly version: string;
  /** Path of the page from the site root, e.g. `compare/a--b/index.html`. */
  readonly pagePath: string;
  /** Folder of run i's report in the site, or null when the site has no report of it. */
  readonly reportFolder: (i: number) => string | null;
  /** Site-root paths of the stylesheet and script. */
  readonly style: string;
  readonly script: string;
  /** Path of the site's index page. */
  readonly indexPath: string;
}

/** Largest text diffed line by line (characters of each side). */
const MAX_DIFF_CHARS = 100_000;

/** Renders the comparison page. */
export function renderComparePage(c: Comparison, o: ComparePageOptions): string {
  const from = o.pagePath;
  const runs = c.runs.map((run, i) => {
    const folder = o.reportFolder(i);
    return { reference: clipField(run.info.reference, 200), href: folder === null ? null : relativeUrl(from, `${folder}/index.html`) };
  });
  const view = {
    runs,
    info: c.info,
    args: c.facts.args.map((a) => ({ set: clipField(a.set, 200), key: clipField(a.key, 200), values: a.values.map((v) => (v === null ? "—" : clipField(v, 300))) })),
    argsSets: c.facts.argsSets.map((s) => ({ set: clipField(s.set, 200), present: s.present.map((p) => (p ? "yes" : "—")) })),
    sameArgsSets: c.facts.sameArgsSets,
    metrics: c.facts.metrics.map(metricRow),
    sameMetrics: c.facts.sameMetrics,
    reportables: c.reportables.map((d, k) => ({
      name: clipField(d.qualifiedName, 300),
      kind: d.kind,
      sides: d.perRun.map((r, i) => side(c.runs[i] as Run, r, i, k, from, o.reportFolder(i))),
      diffs: [...tableDiffs(d.perRun), ...textDiffs(d.perRun)],
    })),
    sameReportables: c.sameReportables,
    dag: c.dag.map((d) => ({ ...d, record: clipField(d.record, 200), stage: d.stage === null ? null : clipField(d.stage, 200), against: runs[d.run]?.reference ?? "" })),
    indexHref: relativeUrl(from, o.indexPath),
  };
  const title = `Comparison: ${c.runs.map((r) => clipField(r.info.reference, 80)).join(" vs ")}`;
  return renderTemplate("/pages/compare", {
    page: pageMeta({ title, version: o.version, styles: [relativeUrl(from, o.style)], script: relativeUrl(from, o.script), bodyClass: "compare" }),
    c: view,
  });
}

function metricRow(m: MetricDiff) {
  return {
    record: m.record === null ? "run" : clipField(m.record, 200),
    name: clipField(m.name, 200),
    goal: m.goal === "min" ? "↓" : "↑",
    goalText: m.goal === "min" ? "lower is better" : "higher is better",
    cells: m.texts.map((text, i) => ({ text, delta: m.deltas[i] ?? null, verdict: m.verdicts[i] ?? null })),
  };
}

/** One run's side of a reportable: its rendered HTML (trusted), or null where the run lacks it. */
function side(run: Run, r: Reportable | null, i: number, k: number, from: string, folder: string | null): { html: string | null; note: string | null } {
  if (r === null) return { html: null, note: "not in this run" };
  if ((r.kind === "image" || r.kind === "figure") && folder === null) return { html: null, note: "build this run's report into the site to see the image here" };
  const plan = planReport(run).reportables.find((p) => p.reportable === r);
  const fileBase = folder === null || plan === undefined ? `reportables/${k}` : relativeUrl(from, `${folder}/${plan.fileBase}`);
  return { html: renderReportable(r, { fileBase, idPrefix: `c${k}-${i}`, maxTableRows: 50, maxTextChars: 20_000 }).html, note: null };
}

/** For tables: which columns were added or removed and how many shared cells changed, against the base (trusted HTML). */
function tableDiffs(perRun: readonly (Reportable | null)[]): string[] {
  const base = perRun[0];
  if (base?.kind !== "table") return [];
  return perRun.slice(1).flatMap((r, j) => {
    if (r?.kind !== "table") return [];
    const [a, b] = [base.table, r.table];
    const shared = a.columns.filter((c) => b.columns.includes(c));
    let changed = 0;
    const rows = Math.min(a.rows.length, b.rows.length);
    for (let i = 0; i < rows; i++) {
      for (const c of shared) if (JSON.stringify(a.rows[i]?.[a.columns.indexOf(c)] ?? null) !== JSON.stringify(b.rows[i]?.[b.columns.indexOf(c)] ?? null)) changed++;
    }
    const parts = [`${changed} of ${rows * shared.length} shared cells differ`];
    const added = b.columns.filter((c) => !a.columns.includes(c));
    const removed = a.columns.filter((c) => !b.columns.includes(c));
    if (added.length > 0) parts.push(`columns added: ${added.join(", ")}`);
    if (removed.length > 0) parts.push(`columns removed: ${removed.join(", ")}`);
    if (a.rows.length !== b.rows.length) parts.push(`rows: ${a.rows.length} → ${b.rows.length}`);
    return [`<p class="note">Run ${j + 2} against the base: ${escapeHtml(showControlChars(clipField(parts.join("; "), 2_000)))}.</p>`];
  });
}

/** Line diffs of JSON or text content against the base (trusted HTML), one per other run. */
function textDiffs(perRun: readonly (Reportable | null)[]): string[] {
  const text = (r: Reportable | null): string | null => {
    if (r === null) return null;
    if (r.kind === "json") return JSON.stringify(JSON.parse(canonicalJson(r.value)), null, 2);
    if (r.kind === "markdown") return r.markdown;
    if (r.kind === "latex") return r.latex;
    return null;
  };
  const base = text(perRun[0] ?? null);
  if (base === null || base.length > MAX_DIFF_CHARS) return [];
  return perRun.slice(1).flatMap((r) => {
    const t = text(r);
    if (t === null || t.length > MAX_DIFF_CHARS) return [];
    const parts = diffLines(base, t).map((p) => {
      const body = escapeHtml(showControlChars(p.value));
      return p.added ? `<ins>${body}</ins>` : p.removed ? `<del>${body}</del>` : body;
    });
    return [`<pre class="json-diff"><code>${parts.join("")}</code></pre>`];
  });
}

/** Folder of comparison pages in a site. Keep in sync with RESERVED_NAMES in src/site/buildIndex.ts. */
export const COMPARE_DIR = "compare";

/** Name of the comparison of report folders `folders` (in order, the base first): `a--b`, safe as a folder name. */
export function comparisonName(folders: readonly string[]): string {
  return safeFileStem(folders.join("--"));
}

/** Path of a comparison page from the site root. */
export function comparePagePath(name: string): string {
  return `${COMPARE_DIR}/${name}/index.html`;
}
