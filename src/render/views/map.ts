/**
 * View data of the stage map on the report page: each pipeline drawn once (mapGraph.ts), laid out
 * by Graphviz, every node a link. A layout failure becomes an error box in place of the map; the
 * rest of the report stands.
 */
import { counted } from "../facts/recordShapes.js";
import { errorBox } from "../reportables/index.js";
import type { RunGraphs } from "../graph/graphs.js";
import { relativeUrl, REPORT_PATHS } from "../router.js";

/** What the map template shows. */
export interface MapView {
  /** Inline-ready SVG, or null when layout failed. */
  readonly svgHtml: string | null;
  /** Error box HTML when the map could not be drawn. */
  readonly errorHtml: string | null;
  /** A sentence on how the map is drawn (pipelines, boxes), or null. */
  readonly note: string | null;
  /** Links to the map's DOT source, the whole DAG as DOT and as JSON. */
  readonly mapDotHref: string;
  /** Null when the run is too big to carry the whole DAG (the note says how to get it). */
  readonly dotHref: string | null;
  readonly dagHref: string | null;
  readonly dagNote: string | null;
}

/** Builds the map view from the laid-out graphs (null with `error` when layout failed). */
export function buildMapView(
  graphs: RunGraphs | null,
  error: unknown,
  pipelines: number,
  records: number,
  dagFiles: boolean,
): MapView {
  const from = REPORT_PATHS.page;
  let note: string | null = null;
  if (graphs !== null && pipelines < records)
    note = `Records with the same stages and artifacts are drawn once, as one pipeline, with their count: ${counted(records, "record")} in ${counted(pipelines, "pipeline")}.`;
  if (graphs?.mapCollapsed === true)
    note = `${note ?? ""} The map is too big to read stage by stage, so each pipeline is one box.`.trim();
  if (graphs !== null && graphs.mapPipelines < pipelines)
    note =
      `${note ?? ""} ${graphs.mapPipelines} of the ${pipelines} pipelines are drawn (aggregates first); the Records section lists them all.`.trim();
  return {
    svgHtml: graphs === null ? null : graphs.mapSvg(from, null),
    errorHtml: graphs === null ? errorBox("The stage map could not be drawn", error) : null,
    note,
    mapDotHref: relativeUrl(from, REPORT_PATHS.mapDot),
    dotHref: dagFiles ? relativeUrl(from, REPORT_PATHS.fullDot) : null,
    dagHref: dagFiles ? relativeUrl(from, REPORT_PATHS.dagJson) : null,
    dagNote: dagFiles
      ? null
      : "The whole DAG of a run this big is not part of the report; `curi-report dag <run> --format json` (or dot) writes it.",
  };
}
