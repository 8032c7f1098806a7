/**
 * View data of the stage detail: one graph per record (artifacts with previews and cache paths).
 * Big runs stay small where it matters: past `RECORD_PAGES_THRESHOLD` records, the report page
 * lists the records and each record's graph moves to its own page, `records/<i>.html` (curifactory
 * put every graph inline: 4.3 MB of HTML at 200 records, B18). Every record's detail stays
 * complete, one click from the report page.
 */
import type { Run } from "../../run/model.js";
import { showControlChars } from "../../util/escape.js";
import { plural, recordDot, recordGraph } from "../dot.js";
import { recordSvg } from "../recordSvg.js";
import { errorBox } from "../reportables/index.js";
import type { RecordPlan, ReportPlan } from "../router.js";
import { relativeUrl, REPORT_PATHS } from "../router.js";
import type { RenderedFile } from "../types.js";
import { swatchClass } from "./reportables.js";

/** Above this many records, each record's graph is drawn on its own page instead of the report page. */
export const RECORD_PAGES_THRESHOLD = 20;

/** One record's block. */
export interface RecordDetailView {
  readonly anchor: string;
  /** `Record i (args)`. */
  readonly heading: string;
  readonly swatchClass: string;
  /** The graph, when drawn on the report page (null on a paged report, or when it failed). */
  readonly svgHtml: string | null;
  readonly errorHtml: string | null;
  /** Link to the record's DOT source, null when it could not be made. */
  readonly dotHref: string | null;
  /** Link to the record's own page, on a paged report. */
  readonly pageHref: string | null;
  /** `4 stages, 8 artifacts`. */
  readonly summary: string;
}

/** The section: its records, and whether their graphs are on pages of their own. */
export interface StageDetailView {
  readonly paged: boolean;
  readonly records: readonly RecordDetailView[];
}

/** What a record's own page shows (links relative to that page). */
export interface RecordPageView {
  readonly path: string;
  readonly heading: string;
  readonly swatchClass: string;
  readonly summary: string;
  readonly svgHtml: string | null;
  readonly errorHtml: string | null;
  readonly dotHref: string | null;
  /** The record's entry on the report page. */
  readonly reportHref: string;
  readonly previous: { readonly href: string; readonly heading: string } | null;
  readonly next: { readonly href: string; readonly heading: string } | null;
}

/** The section's view, the record pages (paged reports only), and each record's `graphs/record_<i>.gv`. */
export interface StageDetailSection {
  readonly view: StageDetailView;
  readonly pages: readonly RecordPageView[];
  readonly files: RenderedFile[];
}

/** A record's graph, DOT file and texts, whichever page shows them. */
interface DrawnRecord {
  readonly plan: RecordPlan;
  readonly heading: string;
  readonly summary: string;
  readonly svgHtml: string | null;
  readonly errorHtml: string | null;
  /** Whether graphs/record_<i>.gv was made. */
  readonly hasDot: boolean;
}

/** Builds the stage detail: each record's graph drawn once, placed inline or on its own page. */
export async function buildStageDetailSection(run: Run, plan: ReportPlan): Promise<StageDetailSection> {
  const files: RenderedFile[] = [];
  const paged = run.records.length > RECORD_PAGES_THRESHOLD;
  const drawn = plan.records.map((rp) => drawRecord(run, rp, files));
  const records = drawn.map(
    (d): RecordDetailView => ({
      anchor: d.plan.anchor,
      heading: d.heading,
      swatchClass: swatchClass(d.plan.index),
      svgHtml: paged ? null : d.svgHtml,
      errorHtml: paged ? null : d.errorHtml,
      dotHref: d.hasDot ? relativeUrl(REPORT_PATHS.page, d.plan.dotPath) : null,
      pageHref: paged ? relativeUrl(REPORT_PATHS.page, d.plan.pagePath) : null,
      summary: d.summary,
    }),
  );
  const pages = paged ? drawn.map((d, i) => recordPage(d, drawn[i - 1], drawn[i + 1])) : [];
  return { view: { paged, records }, pages, files };
}

/** Draws one record (a failure becomes an error box) and adds its DOT source to `files`. */
function drawRecord(run: Run, rp: RecordPlan, files: RenderedFile[]): DrawnRecord {
  const heading = run.records[rp.index]?.name ?? `Record ${rp.index}`;
  let summary = "";
  try {
    const nodes = recordGraph(run, rp.index).nodes;
    summary = `${plural(nodes.filter((n) => n.kind === "stage").length, "stage")}, ${plural(nodes.filter((n) => n.kind === "artifact").length, "artifact")}`;
    files.push({ path: rp.dotPath, content: recordDot(run, rp.index) });
    // Drawn without Graphviz (several ms a record, seconds for a big run); the .gv file is there for Graphviz.
    const svgHtml = recordSvg(run, rp.index, { idPrefix: rp.graphIdPrefix, title: showControlChars(heading) });
    return { plan: rp, heading, summary, svgHtml, errorHtml: null, hasDot: true };
  } catch (error) {
    const hasDot = files.some((f) => f.path === rp.dotPath);
    return { plan: rp, heading, summary, svgHtml: null, errorHtml: errorBox(`The graph of ${heading} could not be drawn`, error), hasDot };
  }
}

/** The view of a record's own page, with links back to its report entry and to its neighbours. */
function recordPage(d: DrawnRecord, previous: DrawnRecord | undefined, next: DrawnRecord | undefined): RecordPageView {
  const from = d.plan.pagePath;
  const neighbour = (n: DrawnRecord | undefined) => (n === undefined ? null : { href: relativeUrl(from, n.plan.pagePath), heading: n.heading });
  return {
    path: from,
    heading: d.heading,
    swatchClass: swatchClass(d.plan.index),
    summary: d.summary,
    svgHtml: d.svgHtml,
    errorHtml: d.errorHtml,
    dotHref: d.hasDot ? relativeUrl(from, d.plan.dotPath) : null,
    reportHref: `${relativeUrl(from, REPORT_PATHS.page)}#${d.plan.anchor}`,
    previous: neighbour(previous),
    next: neighbour(next),
  };
}
