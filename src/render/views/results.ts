/**
 * The results table that leads a report: records as rows, the args that differ and the metrics as
 * columns, the best value per column marked, step series as sparklines, each row linking to its
 * record. Without JavaScript it is complete and sorted by the first metric (best first); the
 * script adds sorting by any column and a filter. Bounded at any size: past `RESULTS_PAGED_OVER`
 * rows the report page shows the best `RESULTS_TOP_ROWS` and the whole table is split into
 * `results/<p>.html` pages of `RESULTS_PAGE_ROWS` rows, each well under 1 MiB at 10,000 records.
 */
import type { JsonValue, Run } from "../../run/model.js";
import { clipField, ellipsize } from "../../util/clip.js";
import {
  collectMetrics,
  formatMetric,
  isBetter,
  scalarOf,
  type MetricEntry,
  type MetricGoal,
  type RunMetrics,
} from "../facts/metrics.js";
import { relativeUrl, REPORT_PATHS, resultsPagePath } from "../router.js";
import { sparklineSvg } from "../plot/sparkline.js";
import { canonicalJson } from "./args.js";
import { goalNotes, goalWords } from "../facts/metricGoals.js";

/** Element id of the results section. Keep distinct from router.ts SECTION_IDS and its prefixes. */
export const RESULTS_ID = "results";
/** Rows beyond which the table is split into pages. */
export const RESULTS_PAGED_OVER = 200;
/** Rows shown on the report page of a split table (the best by the first metric). */
export const RESULTS_TOP_ROWS = 100;
/** Rows per `results/<p>.html` page. */
export const RESULTS_PAGE_ROWS = 250;
/** Longest args cell text. */
const MAX_CELL = 80;

/** Where a record's row links: a page inside the report folder, with an optional anchor. */
export interface RecordTarget {
  readonly path: string;
  readonly anchor: string | null;
}

/** A column of the results table. */
export interface ResultsColumn {
  readonly label: string;
  readonly kind: "args" | "metric";
  readonly goal: MetricGoal | null;
  readonly derived: boolean;
  /** Tooltip: what the column is and which way is better. */
  readonly title: string;
}

/** A cell: text, the value scripts sort by, and marks. */
export interface ResultsCell {
  readonly text: string;
  /** A number as text for metric cells (`""` when missing), the text itself for args. */
  readonly sort: string;
  readonly best: boolean;
  readonly missing: boolean;
  /** Trusted sparkline SVG for a series, or null. */
  readonly spark: string | null;
}

/** A row: one record. */
export interface ResultsRow {
  readonly index: number;
  readonly name: string;
  readonly href: string;
  readonly colour: string;
  /** True for a record not in the manager's records (made with add_to_manager=False). */
  readonly outsideManager: boolean;
  readonly cells: readonly ResultsCell[];
}

/** The table on one page. */
export interface ResultsTableView {
  readonly columns: readonly ResultsColumn[];
  readonly rows: readonly ResultsRow[];
}

/** A run-level metric as shown above the table. */
export interface RunMetricView {
  readonly name: string;
  readonly text: string;
  readonly derived: boolean;
  readonly goal: MetricGoal | null;
  readonly spark: string | null;
}

/** The section on the report page. */
export interface ResultsView {
  readonly id: string;
  readonly runMetrics: readonly RunMetricView[];
  /** Null when no record has a metric. */
  readonly table: ResultsTableView | null;
  /** Rows in the whole table. */
  readonly total: number;
  /** What the table shows and how it is sorted, in one sentence. */
  readonly caption: string;
  /** Links to the pages of a split table (empty when the whole table is on the report page). */
  readonly pages: readonly { readonly href: string; readonly label: string }[];
}

/** A page of a split table, for `pages/results.eta`. */
export interface ResultsPageView {
  readonly path: string;
  readonly number: number;
  readonly count: number;
  readonly table: ResultsTableView;
  readonly reportHref: string;
  readonly previous: string | null;
  readonly next: string | null;
  readonly caption: string;
}

/** Everything the results section produces: its view, and the pages of a split table. */
export interface ResultsSection {
  readonly view: ResultsView | null;
  readonly pages: readonly ResultsPageView[];
}

/** True when the run has any metric at all (logged or derived), so the section is worth showing. */
function hasMetrics(m: RunMetrics): boolean {
  return m.recordNames.length > 0 || m.runLevel.size > 0;
}

/** Builds the results section; `target(i)` says where record i's row links. Null view without metrics. */
export function buildResultsSection(
  run: Run,
  target: (index: number) => RecordTarget,
  metrics: RunMetrics = collectMetrics(run),
): ResultsSection {
  if (!hasMetrics(metrics)) return { view: null, pages: [] };
  // A metric whose goal is unknown gets no arrow and no star (issue 21.1); see facts/metricGoals.ts.
  const runMetrics = [...metrics.runLevel].map(([name, e]) => runMetricView(name, e, goalOf(metrics, name)));
  const rowsData = sortedRows(run, metrics);
  if (metrics.recordNames.length === 0 || rowsData.length === 0) {
    return { view: { id: RESULTS_ID, runMetrics, table: null, total: 0, caption: "", pages: [] }, pages: [] };
  }
  const argKeys = differingArgs(run, rowsData);
  const columns = buildColumns(argKeys, metrics);
  const best = bestValues(rowsData, metrics);
  const sortedBy = sortedByText(metrics);
  const split = rowsData.length > RESULTS_PAGED_OVER;
  const row = (r: RowData, from: string) => buildRow(run, r, argKeys, metrics, best, target, from);
  if (!split) {
    const rows = rowsData.map((r) => row(r, REPORT_PATHS.page));
    return {
      view: {
        id: RESULTS_ID,
        runMetrics,
        table: { columns, rows },
        total: rows.length,
        caption: `${rows.length} records, ${sortedBy}.`,
        pages: [],
      },
      pages: [],
    };
  }
  const count = Math.ceil(rowsData.length / RESULTS_PAGE_ROWS);
  const pages: ResultsPageView[] = [];
  for (let p = 1; p <= count; p++) {
    const path = resultsPagePath(p);
    const slice = rowsData.slice((p - 1) * RESULTS_PAGE_ROWS, p * RESULTS_PAGE_ROWS);
    pages.push({
      path,
      number: p,
      count,
      table: { columns, rows: slice.map((r) => row(r, path)) },
      reportHref: relativeUrl(path, `${REPORT_PATHS.page}`) + `#${RESULTS_ID}`,
      previous: p > 1 ? relativeUrl(path, resultsPagePath(p - 1)) : null,
      next: p < count ? relativeUrl(path, resultsPagePath(p + 1)) : null,
      caption: `Records ${(p - 1) * RESULTS_PAGE_ROWS + 1}–${(p - 1) * RESULTS_PAGE_ROWS + slice.length} of ${rowsData.length}, ${sortedBy}.`,
    });
  }
  const top = rowsData.slice(0, RESULTS_TOP_ROWS).map((r) => row(r, REPORT_PATHS.page));
  const links = pages.map((pg) => ({
    href: relativeUrl(REPORT_PATHS.page, pg.path),
    label: `${(pg.number - 1) * RESULTS_PAGE_ROWS + 1}–${Math.min(pg.number * RESULTS_PAGE_ROWS, rowsData.length)}`,
  }));
  const caption = `The best ${top.length} of ${rowsData.length} records, ${sortedBy}; every record is in the full table's pages below.`;
  return {
    view: { id: RESULTS_ID, runMetrics, table: { columns, rows: top }, total: rowsData.length, caption, pages: links },
    pages,
  };
}

/** A record with its metrics, before formatting. */
interface RowData {
  readonly index: number;
  readonly metrics: ReadonlyMap<string, MetricEntry>;
}

/** Non-aggregate records sorted by the first metric (best first; missing and NaN last), then by index. */
function sortedRows(run: Run, metrics: RunMetrics): RowData[] {
  const rows = run.records
    .filter((r) => !r.isAggregate)
    .map((r) => ({ index: r.index, metrics: metrics.perRecord.get(r.index) ?? new Map<string, MetricEntry>() }));
  const first = metrics.primary;
  const goal = first === null ? null : goalOf(metrics, first);
  if (first === null || goal === null) return rows;
  const key = (r: RowData): number => {
    const e = r.metrics.get(first);
    return e === undefined ? Number.NaN : scalarOf(e.value);
  };
  return rows
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => (isBetter(a.k, b.k, goal) ? -1 : isBetter(b.k, a.k, goal) ? 1 : a.r.index - b.r.index))
    .map((x) => x.r);
}

/** The args keys whose values differ between the rows' args sets (`name` left out: it is the row label). */
function differingArgs(run: Run, rows: readonly RowData[]): string[] {
  const values = rows.map((r) => argsOf(run, r.index));
  const keys: string[] = [];
  const seen = new Set<string>(["name"]);
  for (const v of values) {
    for (const k of Object.keys(v ?? {})) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  }
  return keys.filter(
    (k) =>
      new Set(values.map((v) => (v !== null && Object.hasOwn(v, k) ? canonicalJson(v[k] ?? null) : "\u0000"))).size > 1,
  );
}

/** The args values of record `index`, found by name and hash, or null. */
function argsOf(run: Run, index: number): Readonly<Record<string, JsonValue>> | null {
  const record = run.records[index];
  if (record === undefined || record.argsHash === null) return null;
  return (
    run.args.find((a) => a.hash === record.argsHash && a.name === record.argsName)?.values ??
    run.args.find((a) => a.hash === record.argsHash)?.values ??
    null
  );
}

function buildColumns(argKeys: readonly string[], metrics: RunMetrics): ResultsColumn[] {
  return [
    ...argKeys.map((k): ResultsColumn => ({
      label: clipField(k, 200),
      kind: "args",
      goal: null,
      derived: false,
      title: `args: ${clipField(k, 200)}`,
    })),
    ...metrics.recordNames.map((name): ResultsColumn => {
      const judgement = metrics.judgements.get(name);
      const derived = [...metrics.perRecord.values()].some((m) => m.get(name)?.derived === true);
      const source = derived ? " (derived from a JSON reportable)" : "";
      return {
        label: clipField(name, 200),
        kind: "metric",
        goal: judgement?.goal ?? null,
        derived,
        title: `${judgement === undefined ? "goal unknown" : goalWords(judgement)}${source}`,
      };
    }),
  ];
}

/** The best headline value of each metric column across all rows (none when all values are equal). */
function bestValues(rows: readonly RowData[], metrics: RunMetrics): Map<string, number> {
  const best = new Map<string, number>();
  for (const name of metrics.recordNames) {
    const goal = goalOf(metrics, name);
    if (goal === null) continue;
    let b = Number.NaN;
    const seen = new Set<number>();
    for (const r of rows) {
      const e = r.metrics.get(name);
      if (e === undefined) continue;
      seen.add(scalarOf(e.value));
      if (isBetter(scalarOf(e.value), b, goal)) b = scalarOf(e.value);
    }
    // A column where every record has the same value has no best.
    if (!Number.isNaN(b) && seen.size > 1) best.set(name, b);
  }
  return best;
}

function buildRow(
  run: Run,
  r: RowData,
  argKeys: readonly string[],
  metrics: RunMetrics,
  best: Map<string, number>,
  target: (i: number) => RecordTarget,
  from: string,
): ResultsRow {
  const record = run.records[r.index];
  const args = argsOf(run, r.index);
  const t = target(r.index);
  const cells: ResultsCell[] = argKeys.map((k) => {
    if (args === null || !Object.hasOwn(args, k))
      return { text: "—", sort: "", best: false, missing: true, spark: null };
    const v = args[k] ?? null;
    const text = ellipsize(typeof v === "string" ? v : canonicalJson(v), MAX_CELL);
    return { text, sort: typeof v === "number" ? String(v) : text, best: false, missing: false, spark: null };
  });
  for (const name of metrics.recordNames) {
    const e = r.metrics.get(name);
    if (e === undefined) {
      cells.push({ text: "—", sort: "", best: false, missing: true, spark: null });
      continue;
    }
    const v = scalarOf(e.value);
    const spark = typeof e.value === "number" ? null : sparklineSvg(e.value, `${name} by step`);
    cells.push({
      text: formatMetric(v),
      sort: Number.isFinite(v) ? String(v) : "",
      best: best.get(name) === v,
      missing: false,
      spark,
    });
  }
  return {
    index: r.index,
    name: clipField(record?.argsName ?? record?.name ?? `record ${r.index}`, 200),
    href:
      t.path === from && t.anchor !== null
        ? `#${t.anchor}`
        : relativeUrl(from, t.path) + (t.anchor === null ? "" : `#${t.anchor}`),
    colour: `rec-${r.index % 9}`,
    outsideManager: record?.inManager === false,
    cells,
  };
}

/** The known goal of metric `name` (declared or guessed), or null when unknown. */
function goalOf(metrics: RunMetrics, name: string): MetricGoal | null {
  return metrics.judgements.get(name)?.goal ?? null;
}

/** `sorted by loss, lowest first` (the primary metric), then which goals were guessed and how to declare them. */
function sortedByText(metrics: RunMetrics): string {
  const first = metrics.primary;
  const goal = first === null ? null : goalOf(metrics, first);
  const order =
    first === null || goal === null
      ? "in record order (no metric with a known goal)"
      : `sorted by ${clipField(first, 200)}, ${goal === "min" ? "lowest" : "highest"} first`;
  const notes = goalNotes(new Map([...metrics.judgements].filter(([n]) => metrics.recordNames.includes(n))));
  // The callers end the caption with a full stop.
  return notes.length === 0 ? order : `${order}. ${notes.join(" ").replace(/\.$/, "")}`;
}

function runMetricView(name: string, e: MetricEntry, goal: MetricGoal | null): RunMetricView {
  const spark = typeof e.value === "number" ? null : sparklineSvg(e.value, `${name} by step`);
  return { name: clipField(name, 200), text: formatMetric(scalarOf(e.value)), derived: e.derived, goal, spark };
}
