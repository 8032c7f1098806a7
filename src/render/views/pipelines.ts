/**
 * View data of the Records section of the report page (one row per pipeline: records of one
 * shape, with their count, stages and failures) and of each pipeline's record list pages
 * (`records/pipeline-<n>.html`, 1,000 records a page). The report page never lists every record:
 * its size stays bounded at any N, and every record is two clicks away.
 */
import type { RunContext } from "../context.js";
import type { Run } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import { recordFailed } from "../facts/failures.js";
import { recordHeading } from "../facts/names.js";
import { count, counted } from "../facts/recordShapes.js";
import { hrefTo, recordPagePath, RECORDS_PER_LIST_PAGE, relativeUrl, REPORT_PATHS, shapePagePath } from "../router.js";
import type { LinkView, RecordLinkView } from "./recordLinks.js";
import { swatchClass } from "./reportables.js";

/** Most pipelines in the report page's table; the rest are reached from the pipeline pages. */
const MAX_PIPELINE_ROWS = 200;
/** Records named in a pipeline's row. */
const FIRST_RECORDS = 3;
/** Failed records named on the report page. */
const MAX_FAILED_LISTED = 50;

/** One pipeline's row. */
export interface PipelineRowView {
  readonly label: string;
  readonly href: string;
  readonly records: string;
  readonly stages: string;
  readonly first: readonly RecordLinkView[];
  readonly failed: string | null;
}

/** The Records section. */
export interface RecordsSectionView {
  /** `10,001 records in 2 pipelines`. */
  readonly summary: string;
  readonly pipelines: readonly PipelineRowView[];
  readonly morePipelines: string | null;
  readonly failedCount: number;
  readonly failedText: string;
  readonly failed: readonly LinkView[];
  readonly moreFailed: string | null;
  /** `2 records are not in the manager …`, or null when every record is. */
  readonly outsideManager: string | null;
}

/** Builds the Records section of the report page. */
export function buildRecordsSection(ctx: RunContext): RecordsSectionView {
  const { run, shapes } = ctx;
  const from = REPORT_PATHS.page;
  const failed = run.records.filter(recordFailed).map((r) => r.index);
  const failedSet = new Set(failed);
  const pipelines = shapes.shapes.slice(0, MAX_PIPELINE_ROWS).map((shape): PipelineRowView => {
    const first = run.records[shape.records[0] ?? 0];
    const nFailed = shape.records.filter((r) => failedSet.has(r)).length;
    return {
      label: `pipeline ${count(shape.index + 1)}`,
      href: relativeUrl(from, shapePagePath(shape.index, 0)),
      records: count(shape.records.length),
      stages: clipField((first?.stages ?? []).join(" → "), 400),
      first: shape.records.slice(0, FIRST_RECORDS).map((r) => ({
        href: relativeUrl(from, recordPagePath(r)),
        label: clipField(recordHeading(run, r), 200),
        outsideManager: run.records[r]?.inManager === false,
      })),
      failed: nFailed === 0 ? null : `${count(nFailed)} failed`,
    };
  });
  const extra = shapes.shapes.length - pipelines.length;
  return {
    summary: `${counted(run.records.length, "record")} in ${counted(shapes.shapes.length, "pipeline")}`,
    pipelines,
    morePipelines: extra > 0 ? `and ${counted(extra, "more pipeline")}, each linked from the one before it` : null,
    failedCount: failed.length,
    failedText: counted(failed.length, "failed record"),
    failed: failed
      .slice(0, MAX_FAILED_LISTED)
      .map((r) => ({ href: relativeUrl(from, recordPagePath(r)), label: clipField(recordHeading(run, r), 200) })),
    moreFailed:
      failed.length > MAX_FAILED_LISTED
        ? `and ${count(failed.length - MAX_FAILED_LISTED)} more, marked in the pipelines' record lists`
        : null,
    outsideManager: outsideManagerSummary(run),
  };
}

/** How many records are not in the manager's records, with what that means; null when none. */
function outsideManagerSummary(run: Run): string | null {
  const outside = run.records.filter((r) => !r.inManager).length;
  if (outside === 0) return null;
  const are = outside === 1 ? "is" : "are";
  return `${counted(outside, "record")} ${are} not in the manager: made with add_to_manager=False (marked “not in the manager” in the lists and on their pages).`;
}

/** One row of a pipeline's record list. */
export interface PipelineRecordView {
  readonly href: string;
  readonly label: string;
  readonly swatchClass: string;
  readonly failed: boolean;
  readonly outsideManager: boolean;
}

/** One page of a pipeline's record list. */
export interface PipelinePageView {
  readonly path: string;
  readonly heading: string;
  readonly summary: string;
  readonly stages: string;
  readonly reportHref: string;
  readonly records: readonly PipelineRecordView[];
  /** Links to every page of this pipeline's list (empty when it has one page). */
  readonly pages: readonly (LinkView & { readonly current: boolean })[];
  readonly previousPipeline: LinkView | null;
  readonly nextPipeline: LinkView | null;
}

/** Every page of every pipeline's record list, one at a time (so a big run never holds them all). */
export function* pipelinePages(ctx: RunContext): Generator<PipelinePageView> {
  for (const shape of ctx.shapes.shapes) {
    const pageCount = Math.max(1, Math.ceil(shape.records.length / RECORDS_PER_LIST_PAGE));
    for (let page = 0; page < pageCount; page++) yield pipelinePage(ctx, shape.index, page, pageCount);
  }
}

function pipelinePage(ctx: RunContext, shapeIndex: number, page: number, pageCount: number): PipelinePageView {
  const { run, shapes } = ctx;
  const shape = shapes.shapes[shapeIndex];
  const records = shape?.records ?? [];
  const from = shapePagePath(shapeIndex, page);
  const first = run.records[records[0] ?? 0];
  const pipelineLink = (i: number): LinkView | null =>
    i < 0 || i >= shapes.shapes.length
      ? null
      : { href: hrefTo(from, shapePagePath(i, 0), null), label: `pipeline ${count(i + 1)}` };
  const slice = records.slice(page * RECORDS_PER_LIST_PAGE, (page + 1) * RECORDS_PER_LIST_PAGE);
  return {
    path: from,
    heading: `Pipeline ${count(shapeIndex + 1)}: ${counted(records.length, "record")}`,
    summary:
      pageCount > 1
        ? `records ${count(page * RECORDS_PER_LIST_PAGE + 1)} to ${count(page * RECORDS_PER_LIST_PAGE + slice.length)} of ${count(records.length)}`
        : "",
    stages: clipField((first?.stages ?? []).join(" → "), 2000),
    reportHref: `${relativeUrl(from, REPORT_PATHS.page)}#records`,
    records: slice.map((r) => ({
      href: hrefTo(from, recordPagePath(r), null),
      label: clipField(recordHeading(run, r), 300),
      swatchClass: swatchClass(r),
      failed: run.records[r] !== undefined && recordFailed(run.records[r]),
      outsideManager: run.records[r]?.inManager === false,
    })),
    pages:
      pageCount === 1
        ? []
        : Array.from({ length: pageCount }, (_, k) => ({
            href: hrefTo(from, shapePagePath(shapeIndex, k), null),
            label: String(k + 1),
            current: k === page,
          })),
    previousPipeline: pipelineLink(shapeIndex - 1),
    nextPipeline: pipelineLink(shapeIndex + 1),
  };
}
