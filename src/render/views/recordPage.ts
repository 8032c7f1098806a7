/**
 * View data of a record's own page (`records/<i>.html`): what exactly this record did. Its args,
 * failures with their tracebacks, its stage graph (every node a link), its stages and artifacts
 * as tables (the graph's link targets), its reportables, the records it reads from and feeds, and
 * the stage map with its pipeline marked. Every list is capped, so an aggregate of 50,000 records
 * still has a small page.
 */
import type { RunContext } from "../context.js";
import type { MetricPoint, MetricValue, Run } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import { stageTiming } from "../graph/dag.js";
import { stageError, stageTraceback } from "../facts/failures.js";
import { recordCharts } from "./seriesCharts.js";
import type { RunGraphs } from "../graph/graphs.js";
import { recordHeading } from "../facts/names.js";
import { count, counted } from "../facts/recordShapes.js";
import {
  artifactAnchor,
  hrefTo,
  recordDotPath,
  recordPagePath,
  relativeUrl,
  REPORT_PATHS,
  shapePagePath,
  stageAnchor,
} from "../router.js";
import { OUTSIDE_MANAGER_NOTE, recordLinks, type LinkView, type RecordLinksView } from "./recordLinks.js";
import { argsValuesText, hashedKeys, ignoredKeys } from "../facts/argsValues.js";
import { buildRecordReportables, type RecordReportablesView } from "./recordReportables.js";
import { swatchClass } from "./reportables.js";

/** Most artifact links shown in one cell of the stages table. */
const MAX_CELL_LINKS = 8;
/** Above this size the stage map is linked from record pages instead of drawn on each. */
export const MAX_MAP_ON_RECORD_PAGE = 150_000;

/** A stage that raised, with what it raised. */
export interface FailureView {
  readonly anchor: string;
  readonly stage: string;
  readonly error: string;
  readonly traceback: string | null;
}

/** One row of the stages table. */
export interface StageRowView {
  readonly anchor: string;
  readonly position: number;
  readonly name: string;
  readonly timing: string;
  readonly failed: boolean;
  readonly inputs: CellLinks;
  readonly outputs: CellLinks;
}

/** Artifact links of one cell, capped. */
export interface CellLinks {
  readonly links: readonly LinkView[];
  /** `and 9,992 more`, or null. */
  readonly more: string | null;
}

/** One metric of the record. */
export interface MetricRowView {
  readonly name: string;
  /** The value, or a series' last value. */
  readonly value: string;
  /** For a series: `12 steps, min 0.21 at step 11, max 1.9 at step 0`; "" for a number. */
  readonly detail: string;
}

/** One row of the artifacts table. */
export interface ArtifactRowView {
  readonly anchor: string;
  readonly name: string;
  readonly representation: string;
  /** Cache path, or null for none (the template says `no file`). */
  readonly path: string | null;
  readonly stage: string;
}

/** Everything a record page shows. */
export interface RecordPageView {
  readonly path: string;
  readonly heading: string;
  readonly swatchClass: string;
  readonly failed: boolean;
  /** Why the record is not in the manager's records, or null when it is (`in_manager`). */
  readonly outsideManager: string | null;
  readonly reportHref: string;
  readonly pipeline: LinkView & { readonly note: string };
  readonly previous: LinkView | null;
  readonly next: LinkView | null;
  /** The record's name as the run recorded it, when it says more than the heading; else null. */
  readonly recordName: string | null;
  readonly argsName: string | null;
  readonly argsHash: string | null;
  /** Pretty JSON of the args values, or null for a record without args. */
  readonly argsJson: string | null;
  /** The args values left out of the hash (views/argsValues.ts), or null when there are none. */
  readonly argsIgnoredJson: string | null;
  readonly failures: readonly FailureView[];
  readonly metrics: readonly MetricRowView[];
  /** Each series metric drawn as a chart (the first few), and how many more there are. */
  readonly metricCharts: ReturnType<typeof recordCharts>;
  readonly svgHtml: string | null;
  readonly errorHtml: string | null;
  readonly dotHref: string;
  readonly stages: readonly StageRowView[];
  readonly artifacts: readonly ArtifactRowView[];
  /** Its reportables, the first few rendered here (views/recordReportables.ts). */
  readonly reportables: RecordReportablesView;
  readonly inputs: RecordLinksView;
  readonly outputs: RecordLinksView;
  readonly mapSvg: string | null;
  readonly mapHref: string;
}

/** Builds the page of record `index`. `graphs` is null when the graphs could not be laid out (`graphError` says why). */
export function buildRecordPage(
  ctx: RunContext,
  index: number,
  graphs: RunGraphs | null,
  graphError: string | null,
): RecordPageView {
  const { run, shapes, neighbours: near } = ctx;
  const record = run.records[index];
  if (record === undefined) throw new RangeError(`record ${index} does not exist`);
  const from = recordPagePath(index);
  const shape = shapes.shapes[shapes.shapeOf[index] ?? 0];
  const args = ctx.argsOf(record);
  const link = (r: number): LinkView => ({
    href: hrefTo(from, recordPagePath(r), null),
    label: clipField(recordHeading(run, r), 200),
  });
  const failures = record.stages.flatMap((name, p): FailureView[] => {
    const error = stageError(record, p);
    return error === null
      ? []
      : [
          {
            anchor: `failure-${p}`,
            stage: clipField(name),
            error: clipField(error),
            traceback: nullableClip(stageTraceback(record, p)),
          },
        ];
  });
  let svgHtml: string | null = null;
  let errorHtml = graphError;
  if (graphs !== null) {
    try {
      svgHtml = graphs.recordSvg(index);
    } catch (error) {
      errorHtml = error instanceof Error ? error.message : String(error);
    }
  }
  const map = graphs?.mapSvg(from, index) ?? null;
  return {
    path: from,
    heading: clipField(recordHeading(run, index), 300),
    swatchClass: swatchClass(index),
    failed: failures.length > 0,
    outsideManager: record.inManager ? null : OUTSIDE_MANAGER_NOTE,
    reportHref: relativeUrl(from, REPORT_PATHS.page),
    pipeline: {
      href: hrefTo(from, shapePagePath(shape?.index ?? 0, 0), null),
      label: `pipeline ${count((shape?.index ?? 0) + 1)}`,
      note:
        (shape?.records.length ?? 1) === 1
          ? "this record only"
          : `${counted(shape?.records.length ?? 1, "record")} with these stages`,
    },
    previous: index > 0 ? link(index - 1) : null,
    next: index + 1 < run.records.length ? link(index + 1) : null,
    recordName:
      record.name === recordHeading(run, index) || /^Record \d+ \(None\)$/.test(record.name)
        ? null
        : clipField(record.name),
    argsName: record.argsName === null ? null : clipField(record.argsName),
    argsHash: record.argsHash === null ? null : clipField(record.argsHash),
    argsJson: args === undefined ? null : clipField(argsValuesText(args, hashedKeys(args))),
    argsIgnoredJson:
      args === undefined || ignoredKeys(args).length === 0 ? null : clipField(argsValuesText(args, ignoredKeys(args))),
    failures,
    metrics: Object.entries(record.metrics).map(([name, value]) => metricRow(name, value)),
    metricCharts: recordCharts(record.metrics),
    svgHtml,
    errorHtml,
    dotHref: relativeUrl(from, recordDotPath(index)),
    stages: record.stages.map((name, p) => stageRow(run, index, p, name, from)),
    artifacts: (shapes.owned[index] ?? []).map((a) => artifactRow(run, a)),
    reportables: buildRecordReportables(ctx, index, from),
    inputs: recordLinks(ctx, near.inputs[index] ?? [], from),
    outputs: recordLinks(ctx, near.outputs[index] ?? [], from),
    mapSvg: map !== null && map.length <= MAX_MAP_ON_RECORD_PAGE ? map : null,
    mapHref: `${relativeUrl(from, REPORT_PATHS.page)}#map`,
  };
}

/** A metric as the table shows it: NaN and infinities by name, never `null`. */
function metricRow(name: string, value: MetricValue): MetricRowView {
  if (typeof value === "number") return { name: clipField(name, 300), value: formatNumber(value), detail: "" };
  const last = value[value.length - 1];
  if (last === undefined) return { name: clipField(name, 300), value: "no points", detail: "" };
  const finite = value.filter((p) => Number.isFinite(p.value));
  const min = finite.reduce<MetricPoint | null>((a, p) => (a === null || p.value < a.value ? p : a), null);
  const max = finite.reduce<MetricPoint | null>((a, p) => (a === null || p.value > a.value ? p : a), null);
  const range =
    min === null || max === null
      ? ""
      : `, min ${formatNumber(min.value)} at step ${min.step}, max ${formatNumber(max.value)} at step ${max.step}`;
  return {
    name: clipField(name, 300),
    value: `${formatNumber(last.value)} (step ${last.step})`,
    detail: `${count(value.length)} steps${range}`,
  };
}

/** `0.1235`, `12,000`, `NaN`, `Infinity`, `-Infinity`: six significant digits at most. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return n.toLocaleString("en-US");
  return String(Number(n.toPrecision(6)));
}

function nullableClip(text: string | null): string | null {
  return text === null ? null : clipField(text);
}

function stageRow(run: Run, index: number, p: number, name: string, from: string): StageRowView {
  const record = run.records[index];
  const info = record?.stageInfo?.[p];
  const timing = info === undefined ? null : stageTiming({ durationMs: info.durationMs, cached: info.cached });
  const failed = record !== undefined && stageError(record, p) !== null;
  return {
    anchor: stageAnchor(p),
    position: p,
    name: clipField(name),
    timing: failed ? "raised an error" : (timing ?? "not timed"),
    failed,
    inputs: cellLinks(run, index, record?.stageInputs[p] ?? [], from),
    outputs: cellLinks(run, index, record?.stageOutputs[p] ?? [], from),
  };
}

/** Links to artifacts (`-1`: a missing input), capped at MAX_CELL_LINKS. */
function cellLinks(run: Run, index: number, artifacts: readonly number[], from: string): CellLinks {
  const links = artifacts.slice(0, MAX_CELL_LINKS).map((a): LinkView => {
    const art = run.artifacts[a];
    if (a < 0 || art === undefined) return { href: "", label: "missing input" };
    return {
      href: hrefTo(from, recordPagePath(art.record), artifactAnchor(a)),
      label: clipField(art.name, 200) + (art.record === index ? "" : ` (record ${art.record})`),
    };
  });
  return {
    links,
    more: artifacts.length > MAX_CELL_LINKS ? `and ${count(artifacts.length - MAX_CELL_LINKS)} more` : null,
  };
}

function artifactRow(run: Run, a: number): ArtifactRowView {
  const art = run.artifacts[a];
  const record = art === undefined ? undefined : run.records[art.record];
  const producer = record?.stageOutputs.findIndex((slots) => slots.includes(a)) ?? -1;
  return {
    anchor: artifactAnchor(a),
    name: clipField(art?.name ?? ""),
    representation: clipField(art?.string ?? ""),
    path: art?.path === null || art?.path === undefined ? null : clipField(art.path),
    stage: producer < 0 ? "" : clipField(record?.stages[producer] ?? ""),
  };
}
