/**
 * View data of the report's header and info block: who ran what, when, where, with which args,
 * and how it ended. Every string stays raw text here; the template escapes it. The only HTML is
 * the notes, rendered by the sanitizing Markdown renderer.
 */
import type { RunContext } from "../context.js";
import type { Run } from "../../run/model.js";
import { clipField, groupDigits } from "../../util/clip.js";
import { renderMarkdown } from "../markup/markdown.js";
import { relativeUrl, REPORT_PATHS } from "../router.js";
import type { StatusView, TimestampView } from "../markup/format.js";
import { failedRecords } from "../facts/failures.js";
import { MAX_LISTED_ARGS } from "./args.js";
import { formatDuration, formatTimestamp, paramFileLabel, statusView } from "../markup/format.js";

/** One args set named in the run info, linked to its block in the Args section when present. */
export interface HeaderArgsItem {
  readonly name: string;
  readonly hash: string;
  /** `#args-<i>` when the run carries this args set's values, else null. */
  readonly href: string | null;
}

/** The args sets of one param file (or the live ones). */
export interface HeaderArgsFile {
  readonly label: string;
  readonly items: readonly HeaderArgsItem[];
  /** `and 9,980 more`, when the file has more args sets than are listed; else null. */
  readonly more: string | null;
}

/** Args sets named per param file in the run info; a sweep's others are counted. */
const MAX_ARGS_ITEMS = 20;
/**
 * Most args sets whose list starts open: a longer one starts collapsed to its count, so on a phone
 * (where each hash takes a line) the results are not pushed a screen or two down the page.
 */
export const MAX_OPEN_ARGS_ITEMS = 4;

/** Everything the header template shows. */
export interface HeaderView {
  /** `<title>`: `experiment/run#`. */
  readonly pageTitle: string;
  readonly experimentName: string;
  readonly runNumber: number;
  readonly reference: string;
  readonly hostname: string;
  readonly timestamp: TimestampView;
  readonly status: StatusView;
  /** The error text for the red banner, only when status is error. */
  readonly error: string | null;
  /** The traceback of the run's error (run format version 2), or null. */
  readonly traceback: string | null;
  /** `3 of 10,001 records failed`, or null when no stage raised. */
  readonly failedRecords: string | null;
  /** True for a run that stopped before its end (status incomplete): the orange banner says so. */
  readonly incomplete: boolean;
  readonly isLive: boolean;
  readonly commit: string;
  readonly dirty: boolean;
  readonly duration: string | null;
  /** The param files as recorded, comma-separated, or `none` (run without parameter files). */
  readonly paramFilesText: string;
  readonly argsFiles: readonly HeaderArgsFile[];
  /** How many args sets the param files name (`1,000`): the collapsed list shows the count. */
  readonly argsCount: string;
  /** True when the args-set list starts open (it is short). */
  readonly argsOpen: boolean;
  readonly cli: string;
  /** The reproduce line, only when the run has a full store. */
  readonly reproduce: string | null;
  /** Sanitized HTML of the notes (Markdown), or null when there are none. */
  readonly notesHtml: string | null;
  /** Relative URL of the log, only when the run kept one. */
  readonly logHref: string | null;
}

/** Builds the header view of a run. */
export function buildHeaderView(ctx: RunContext): HeaderView {
  const { run, plan } = ctx;
  const info = run.info;
  const argsIndex = new Map<string, number>();
  run.args.forEach((a, i) => {
    if (!argsIndex.has(a.hash)) argsIndex.set(a.hash, i);
  });
  const listed = run.args.length <= MAX_LISTED_ARGS;
  const argsFiles = Object.entries(info.params).map(([file, pairs]) => ({
    label: clipField(paramFileLabel(file)),
    items: pairs.slice(0, MAX_ARGS_ITEMS).map(([name, hash]) => {
      const i = argsIndex.get(hash);
      return {
        name: clipField(name),
        hash: clipField(hash),
        href: i === undefined || !listed ? null : `#${plan.argsAnchors[i] ?? ""}`,
      };
    }),
    more: pairs.length > MAX_ARGS_ITEMS ? `and ${groupDigits(pairs.length - MAX_ARGS_ITEMS)} more (see Args)` : null,
  }));
  const notes = info.notes !== null && info.notes.trim() !== "" ? info.notes : null;
  const argsTotal = Object.values(info.params).reduce((n, pairs) => n + pairs.length, 0);
  return {
    // Every run string is cut past MAX_FIELD_CHARS, visibly: a megabyte name would fill the page several times over.
    pageTitle: `${clipField(info.experimentName, 200)}/${info.runNumber}`,
    experimentName: clipField(info.experimentName),
    runNumber: info.runNumber,
    reference: clipField(info.reference),
    hostname: clipField(info.hostname),
    timestamp: formatTimestamp(info.timestamp),
    status: statusView(info.status),
    error: info.status === "error" ? clipField(info.error ?? "(no error text recorded)") : null,
    traceback: info.status === "error" && info.traceback !== undefined ? clipField(info.traceback) : null,
    failedRecords: failedText(run),
    incomplete: info.status === "incomplete",
    isLive: info.status === "LIVE",
    commit: clipField(info.commit),
    dirty: info.workdirDirty,
    duration: formatDuration(info.durationS),
    paramFilesText:
      info.paramFiles === null || info.paramFiles.length === 0 ? "none" : clipField(info.paramFiles.join(", ")),
    argsFiles,
    // Grouped here, not by toLocaleString("en-US"): its first call loads ICU's locale data (~25 ms of a small report).
    argsCount: groupDigits(argsTotal),
    argsOpen: argsTotal <= MAX_OPEN_ARGS_ITEMS,
    cli: clipField(info.cli),
    reproduce: info.fullStore && info.reproduce ? clipField(info.reproduce) : null,
    notesHtml: notes === null ? null : renderMarkdown(notes),
    logHref: run.log === null ? null : relativeUrl(REPORT_PATHS.page, REPORT_PATHS.log),
  };
}

/** `3 of 10,001 records failed`, or null. */
function failedText(run: Run): string | null {
  const failed = failedRecords(run).length;
  if (failed === 0) return null;
  return `${groupDigits(failed)} of ${groupDigits(run.records.length)} records failed`;
}
