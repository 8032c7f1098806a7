/**
 * Index entries for the tests of the index, the trends and the summary: the run_info.json of run
 * `n` of an experiment (by default `x`, reference `x_<n>_2026-11-0<n>-T120000`), completed, with `fields` over the
 * plain defaults, read as the site reads it back.
 */
import { indexEntryFromRunInfo, type IndexEntry } from "../../../src/render/views/indexPage.js";

/** Where a run sits: its experiment (default `x`) and timestamp (default `2026-11-0<n>-T120000`). */
export interface RunPlace {
  readonly experiment?: string;
  readonly timestamp?: string;
}

/**
 * The entry of run `n` of its experiment, with `fields` (metrics, goals, status…) over the
 * defaults; its reference is `<experiment>_<n>_<timestamp>`.
 */
export function runInfoEntry(n: number, fields: Record<string, unknown> = {}, place: RunPlace = {}): IndexEntry {
  const experiment = place.experiment ?? "x";
  const timestamp = place.timestamp ?? `2026-11-0${n}-T120000`;
  const ref = `${experiment}_${n}_${timestamp}`;
  return indexEntryFromRunInfo(
    {
      reference: ref,
      experiment_name: experiment,
      run_number: n,
      timestamp,
      commit: "c",
      workdir_dirty: false,
      param_files: null,
      params: {},
      full_store: false,
      status: "complete",
      cli: "",
      hostname: "h",
      notes: null,
      ...fields,
    },
    ref,
  );
}
