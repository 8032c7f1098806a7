/**
 * One hostile fixture as the generator builds it: the run folder's files and what building it
 * must produce, plus small helpers that the case lists share.
 */
import type { WireReportable, WireRun } from "../../src/run/wire.js";
import { baseFiles, baseRun } from "./base.js";
import type { ErrorOutcome, HostileExpected, ReportOutcome } from "./expected.js";

/** A hostile case: its folder name, run.json (a document, or raw text), other files, and the outcome. */
export interface HostileCase {
  readonly name: string;
  /** The run document, or the exact text of run.json (for syntax errors). */
  readonly run: WireRun | Record<string, unknown> | string;
  /** Files of the run folder besides run.json; `null` leaves a base file out. */
  readonly files: ReadonlyMap<string, string | Uint8Array | null>;
  readonly expected: HostileExpected;
}

/** A case built on the base run: `edit` changes a fresh copy of it (reference `case-<name>`). */
export function reportCase(
  name: string,
  expected: Omit<ReportOutcome, "outcome" | "banner"> & { banner?: ReportOutcome["banner"] },
  edit: (run: WireRun) => void,
  files: Iterable<[string, string | Uint8Array | null]> = [],
): HostileCase {
  const run = baseRun(`case-${name}`);
  edit(run);
  return {
    name,
    run,
    files: new Map([...baseFiles(), ...files]),
    expected: { outcome: "report", banner: null, ...expected },
  };
}

/** A case that must fail: `edit` may return a replacement document or raw text. */
export function errorCase(
  name: string,
  expected: Omit<ErrorOutcome, "outcome">,
  edit: (run: WireRun) => WireRun | Record<string, unknown> | string | void,
  files: Iterable<[string, string | Uint8Array | null]> = [],
): HostileCase {
  const run = baseRun(`case-${name}`);
  const replaced = edit(run);
  return {
    name,
    run: replaced ?? run,
    files: new Map([...baseFiles(), ...files]),
    expected: { outcome: "error", ...expected },
  };
}

/** The base run's reportable of `kind` (there is exactly one of each). */
export function reportableOf(run: WireRun, kind: WireReportable["kind"]): WireReportable {
  const found = run.reportables.find((r) => r.kind === kind);
  if (found === undefined) throw new Error(`the base run has no ${kind} reportable`);
  return found;
}

/** Position of the base run's reportable of `kind`, for JSON pointers. */
export function reportableIndex(run: WireRun, kind: WireReportable["kind"]): number {
  return run.reportables.indexOf(reportableOf(run, kind));
}

/** Sets `data` of the base run's reportable of `kind`. */
export function setData<K extends WireReportable["kind"]>(run: WireRun, kind: K, data: WireReportable["data"]): void {
  reportableOf(run, kind).data = data;
}
