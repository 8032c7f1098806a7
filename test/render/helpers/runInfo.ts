/**
 * Index entries for the tests of the index, the trends and the summary: the run_info.json of run
 * `n` of experiment `x` (reference `x_<n>_2026-11-0<n>-T120000`), completed, with `fields` over the
 * plain defaults, read as the site reads it back.
 */
import { indexEntryFromRunInfo, type IndexEntry } from "../../../src/render/views/indexPage.js";

/** The entry of run `n` of experiment `x`, with `fields` (metrics, goals, status…) over the defaults. */
export function runInfoEntry(n: number, fields: Record<string, unknown> = {}): IndexEntry {
  const ref = `x_${n}_2026-11-0${n}-T120000`;
  return indexEntryFromRunInfo(
    {
      reference: ref,
      experiment_name: "x",
      run_number: n,
      timestamp: `2026-11-0${n}-T120000`,
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
