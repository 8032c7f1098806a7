/**
 * The report plan: every path and element id of one report, decided from its run before anything
 * renders (TypeDoc's `output/router.ts` idea). Views and templates link only through it.
 *
 * Id namespaces on a report page never overlap, because each kind of id has its own prefix:
 * fixed section ids (`SECTION_IDS`), `r-<stem>` reportable anchors, `ri<n>-` ids inside reportable
 * n, `gm-` ids inside the stage map SVG, `gr<n>-` ids inside record n's SVG, `record-<n>`,
 * `args-<n>`, `group-<n>` and `analysis-` (the sweep analysis's charts and metrics).
 */
import type { Reportable, Run } from "../../run/model.js";
import { safeFileStem, UniqueNames } from "../../util/names.js";
import {
  linkedFileStem,
  recordDotPath,
  recordPagePath,
  reportableFileBase,
  reportablesPagePath,
  REPORT_PATHS,
} from "./reportPaths.js";

export { SECTION_IDS } from "./reportPaths.js";

/** Where one reportable lives: its anchor on the page and the base name of its files. */
export interface ReportablePlan {
  /** Position in `run.reportables` (report order). */
  readonly index: number;
  readonly reportable: Reportable;
  /** Element id of its section, `r-<stem>`; unique on the page. */
  readonly anchor: string;
  /** Prefix for ids inside its HTML (e.g. inline SVG), `ri<index>`; renderers add `-<name>`. */
  readonly idPrefix: string;
  /** `reportables/<stem>`, unique in the folder case-insensitively; renderers add an extension. */
  readonly fileBase: string;
  /** The page that shows it: `index.html`, or `reportables-<k>.html` when they do not all fit there. */
  readonly page: string;
  /** Position in the order the report shows reportables (see {@link reportableOrder}). */
  readonly order: number;
}

/** Where one record's stage detail lives. */
export interface RecordPlan {
  readonly index: number;
  /** Element id of the record's stage-detail block. */
  readonly anchor: string;
  /** Prefix for the ids inside the record's inline SVG. */
  readonly graphIdPrefix: string;
  /** `graphs/record_<i>.gv`. */
  readonly dotPath: string;
  /** `records/<i>.html`: the record's own page, used when the run has too many records to draw them all on the report page. */
  readonly pagePath: string;
}

/** Every decision about one report's paths and ids. */
export interface ReportPlan {
  /** Folder name of the report inside the site (a safe stem of the untrusted reference). */
  readonly folder: string;
  readonly reportables: readonly ReportablePlan[];
  readonly records: readonly RecordPlan[];
  /** Id prefix for the stage map SVG. */
  readonly mapIdPrefix: string;
  /** Element id of args set i (by position in `run.args`). */
  readonly argsAnchors: readonly string[];
  /** Pages of reportables beside the report page (0: they are all on the report page). */
  readonly reportablePages: number;
}

/**
 * File names already spoken for: a reportable's linked files (`files`, e.g. what a Python custom
 * reportable's render() wrote) keep their own paths, because its HTML names them; generated
 * files (`reportables/<stem>.<ext>`) steer clear of their stems.
 */
function reservedFileNames(run: Run): UniqueNames {
  const names = new UniqueNames();
  for (const reportable of run.reportables) {
    for (const file of reportable.files) {
      const stem = linkedFileStem(file.relative);
      if (stem) names.claim(stem);
    }
  }
  return names;
}

/** Most reportables shown on one page; more are split over `reportables-<k>.html` pages, by group. */
export const REPORTABLES_PER_PAGE = 25;

/** Plans one report: folder, anchors, file bases and graph id prefixes. Pure and deterministic. */
export function planReport(run: Run): ReportPlan {
  const anchors = new UniqueNames();
  const files = reservedFileNames(run);
  const paged = run.reportables.length > REPORTABLES_PER_PAGE;
  const order = reportableOrder(run.reportables, paged ? (r) => run.records[r.record]?.isAggregate === true : null);
  const pages = pagesOfReportables(order, paged);
  const position: number[] = [];
  order.forEach((index, at) => (position[index] = at));
  const reportables = run.reportables.map((reportable, index): ReportablePlan => {
    const stem = safeFileStem(reportable.qualifiedName);
    return {
      index,
      reportable,
      anchor: anchors.claim(`r-${stem}`),
      idPrefix: `ri${index}`,
      fileBase: reportableFileBase(files.claim(stem)),
      page: pages.count === 0 ? REPORT_PATHS.page : reportablesPagePath(pages.pageOf[index] ?? 0),
      order: position[index] ?? index,
    };
  });
  const records = run.records.map((record, index): RecordPlan => ({
    index,
    anchor: `record-${index}`,
    graphIdPrefix: `gr${index}-`,
    dotPath: recordDotPath(record.index),
    pagePath: recordPagePath(index),
  }));
  return {
    folder: reportFolderName(run.info.reference),
    reportables,
    records,
    mapIdPrefix: "gm-",
    argsAnchors: run.args.map((_, i) => `args-${i}`),
    reportablePages: pages.count,
  };
}

/**
 * Which page shows each reportable: all on the report page when they fit, else pages of
 * `REPORTABLES_PER_PAGE` in the display `order`.
 */
function pagesOfReportables(order: readonly number[], paged: boolean): { count: number; pageOf: number[] } {
  if (!paged) return { count: 0, pageOf: [] };
  const pageOf: number[] = [];
  order.forEach((index, position) => (pageOf[index] = Math.floor(position / REPORTABLES_PER_PAGE)));
  return { count: Math.ceil(order.length / REPORTABLES_PER_PAGE), pageOf };
}

/**
 * Reportable indexes in the order the report shows them: grouped ones by group (first use), then
 * the rest. With `first` (a sweep's reportable pages: the aggregate's), the reportables it picks
 * come before all others, in the same group order among themselves, so a sweep's leaderboard is on
 * its first page rather than after thousands of per-record items.
 */
export function reportableOrder(
  reportables: readonly Reportable[],
  first: ((r: Reportable) => boolean) | null = null,
): number[] {
  const picked: number[] = [];
  const rest: number[] = [];
  reportables.forEach((r, i) => (first !== null && first(r) ? picked : rest).push(i));
  return [...byGroup(reportables, picked), ...byGroup(reportables, rest)];
}

/** `indexes` with the grouped ones by group (first use) first, then the ungrouped ones; report order within each. */
function byGroup(reportables: readonly Reportable[], indexes: readonly number[]): number[] {
  const groups = new Map<string, number[]>();
  const ungrouped: number[] = [];
  for (const i of indexes) {
    const group = reportables[i]?.group ?? null;
    if (group === null || group === "") {
      ungrouped.push(i);
      continue;
    }
    const list = groups.get(group);
    if (list === undefined) groups.set(group, [i]);
    else list.push(i);
  }
  return [...[...groups.values()].flat(), ...ungrouped];
}

/** Report folder name for a run reference: the reference when it is already safe, else a safe stem. */
export function reportFolderName(reference: string): string {
  return safeFileStem(reference);
}

/** Records listed on one page of a pipeline's record list. */
export const RECORDS_PER_LIST_PAGE = 1000;

/** Anchor of artifact `index` (of `Run.artifacts`) on its record's page. */
export function artifactAnchor(index: number): string {
  return `artifact-${index}`;
}

/** Anchor of the stage at `position` on its record's page. */
export function stageAnchor(position: number): string {
  return `stage-${position}`;
}

/** Id of the n-th reportable group heading. */
export function groupAnchor(n: number): string {
  return `group-${n}`;
}

/** Name of the comparison of report folders `folders` (in order, the base first): `a--b`, safe as a folder name. */
export function comparisonName(folders: readonly string[]): string {
  return safeFileStem(folders.join("--"));
}
