/**
 * View data of the stage map (all records, one inline SVG) and the graph files behind it.
 * A layout failure becomes an error box in place of the map; the rest of the report stands.
 */
import type { Run } from "../../run/model.js";
import { showControlChars } from "../../util/escape.js";
import { collapsedMapSvg } from "../collapsedMapSvg.js";
import { dagJson } from "../dag.js";
import { fullDot, shouldCollapse } from "../dot.js";
import { layoutSvg } from "../graphviz.js";
import { errorBox } from "../reportables/index.js";
import type { ReportPlan } from "../router.js";
import { relativeUrl, REPORT_PATHS } from "../router.js";
import type { RenderedFile } from "../types.js";

/** What the map template shows. */
export interface MapView {
  /** Inline-ready SVG with prefixed ids, or null when layout failed. */
  readonly svgHtml: string | null;
  /** Error box HTML when the map could not be drawn. */
  readonly errorHtml: string | null;
  /** True when the map shows one node per record because the full map would be unreadable. */
  readonly collapsed: boolean;
  /** Links to the DOT source and the DAG as JSON; null when they could not be made. */
  readonly dotHref: string | null;
  readonly dagHref: string | null;
}

/** The map view plus `graphs/full.gv` and `graphs/dag.json`. */
export interface MapSection {
  readonly view: MapView;
  readonly files: readonly RenderedFile[];
}

/** Builds the stage map section; `graphs/full.gv` always holds the full (uncollapsed) map. */
export async function buildMapSection(run: Run, plan: ReportPlan): Promise<MapSection> {
  const files: RenderedFile[] = [];
  let svgHtml: string | null = null;
  let errorHtml: string | null = null;
  let collapsed = false;
  try {
    const full = fullDot(run);
    files.push({ path: REPORT_PATHS.fullDot, content: full });
    files.push({ path: REPORT_PATHS.dagJson, content: dagJson(run) });
    collapsed = shouldCollapse(run);
    const layout = { idPrefix: plan.mapIdPrefix, title: showControlChars(`Stage map of ${run.info.reference}`) };
    // The readable map is laid out by Graphviz (WASM, in process), as curifactory's was. Past the
    // readability threshold the map is one box per record, a simple layered graph that our own
    // layout draws in milliseconds where Graphviz would take a second at 1,000 records.
    svgHtml = collapsed ? collapsedMapSvg(run, layout) : await layoutSvg(full, layout);
  } catch (error) {
    errorHtml = errorBox("The stage map could not be drawn", error);
  }
  return {
    view: {
      svgHtml,
      errorHtml,
      collapsed,
      dotHref: files.some((f) => f.path === REPORT_PATHS.fullDot) ? relativeUrl(REPORT_PATHS.page, REPORT_PATHS.fullDot) : null,
      dagHref: files.some((f) => f.path === REPORT_PATHS.dagJson) ? relativeUrl(REPORT_PATHS.page, REPORT_PATHS.dagJson) : null,
    },
    files,
  };
}
