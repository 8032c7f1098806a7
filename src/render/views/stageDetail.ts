/**
 * View data of the stage detail: one inline SVG per record (artifacts with previews and cache
 * paths). Big runs stay usable: past `DETAILS_THRESHOLD` records each record folds into a
 * `<details>`, with only the first few open.
 */
import type { Run } from "../../run/model.js";
import { showControlChars } from "../../util/escape.js";
import { recordDot } from "../dot.js";
import { layoutSvg } from "../graphviz.js";
import { errorBox } from "../reportables/index.js";
import type { ReportPlan } from "../router.js";
import { relativeUrl, REPORT_PATHS } from "../router.js";
import type { RenderedFile } from "../types.js";
import { swatchClass } from "./reportables.js";

/** Above this many records, each record's graph sits in a `<details>` element. */
export const DETAILS_THRESHOLD = 20;
/** How many of those `<details>` start open. */
export const DETAILS_OPEN = 3;

/** One record's block. */
export interface RecordDetailView {
  readonly anchor: string;
  /** `Record i (args)`. */
  readonly heading: string;
  readonly swatchClass: string;
  readonly svgHtml: string | null;
  readonly errorHtml: string | null;
  /** Link to the record's DOT source, null when it could not be made. */
  readonly dotHref: string | null;
  /** Whether this block starts open (meaningful only when the section folds). */
  readonly open: boolean;
}

/** The section: its records, and whether they fold. */
export interface StageDetailView {
  readonly folds: boolean;
  readonly records: readonly RecordDetailView[];
}

/** Builds the stage detail section and each record's `graphs/record_<i>.gv`; lays graphs out one after another. */
export async function buildStageDetailSection(run: Run, plan: ReportPlan): Promise<{ view: StageDetailView; files: RenderedFile[] }> {
  const files: RenderedFile[] = [];
  const records: RecordDetailView[] = [];
  const folds = run.records.length > DETAILS_THRESHOLD;
  for (const rp of plan.records) {
    const record = run.records[rp.index];
    const heading = record?.name ?? `Record ${rp.index}`;
    let svgHtml: string | null = null;
    let errorHtml: string | null = null;
    let dotHref: string | null = null;
    try {
      const dot = recordDot(run, rp.index);
      files.push({ path: rp.dotPath, content: dot });
      dotHref = relativeUrl(REPORT_PATHS.page, rp.dotPath);
      svgHtml = await layoutSvg(dot, { idPrefix: rp.graphIdPrefix, title: showControlChars(heading) });
    } catch (error) {
      errorHtml = errorBox(`The graph of ${heading} could not be drawn`, error);
    }
    records.push({
      anchor: rp.anchor,
      heading,
      swatchClass: swatchClass(rp.index),
      svgHtml,
      errorHtml,
      dotHref,
      open: rp.index < DETAILS_OPEN,
    });
  }
  return { view: { folds, records }, files };
}
