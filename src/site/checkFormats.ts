/**
 * `check`'s look at the site's published JSON formats: each run_info.json, results.json,
 * analysis.json, graphs/dag.json, curi-report.json, latest.json, history.json, comparison and results data script must be exactly what
 * this curi-report writes (for a data script, the `JSON.parse('…')` shape and nothing else, which
 * could otherwise run as code in compare.html) and fit its schema.
 */
import { REPORT_PATHS, resultsDataPage, SITE_PATHS } from "../render/router.js";
import { compareScriptProblem } from "../render/compare/compareDataFiles.js";
import { readAnalysisText } from "../render/formats/analysis.js";
import { readDagText } from "../render/formats/dag.js";
import { readFormatText } from "../render/formats/format.js";
import { readHistoryText } from "../render/formats/history.js";
import { readLatestText } from "../render/formats/latest.js";
import { readResultsText } from "../render/formats/results.js";
import { readRunInfoText } from "../render/formats/runInfo.js";
import { readResultsDataScript } from "../render/formats/resultsData.js";
import { MARKER_FORMAT_SPEC } from "./reportMarker.js";
import type { SiteFile, SiteIndex } from "./SiteIndex.js";

/** Largest file whose format is checked; bigger ones fail the size budget anyway. */
const MAX_CHECKED_BYTES = 64 * 1024 * 1024;

/** The reader of a report folder's file by its path inside the folder, or undefined when it is no format. */
function readerOf(folder: string, inner: string): ((text: string, file: string) => unknown) | undefined {
  if (inner === REPORT_PATHS.runInfo) return (text, file) => readRunInfoText(text, file, folder);
  if (inner === REPORT_PATHS.results) return readResultsText;
  if (inner === REPORT_PATHS.dagJson) return readDagText;
  if (inner === REPORT_PATHS.analysisJson) return readAnalysisText;
  if (inner === REPORT_PATHS.marker) return (text, file) => readFormatText(MARKER_FORMAT_SPEC, text, file);
  if (/^compare-data(-[0-9]+)?\.js$/.test(inner))
    return (text) => {
      const problem = compareScriptProblem(text, folder, inner);
      if (problem !== null) throw new Error(problem);
    };
  const page = resultsDataPage(inner);
  if (page !== null) return (text, file) => readResultsDataScript(text, file, page);
  return undefined;
}

/** What is wrong with `file` as the published format its path names, as one message; null when sound or no format. */
export async function formatProblem(site: SiteIndex, file: SiteFile): Promise<string | null> {
  const slash = file.rel.indexOf("/");
  const reader =
    file.rel === SITE_PATHS.latestJson
      ? readLatestText
      : file.rel === SITE_PATHS.history
        ? readHistoryText
        : slash > 0
          ? readerOf(file.rel.slice(0, slash), file.rel.slice(slash + 1))
          : undefined;
  if (reader === undefined || file.size > MAX_CHECKED_BYTES) return null;
  try {
    reader(await site.text(file.rel), file.rel);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
