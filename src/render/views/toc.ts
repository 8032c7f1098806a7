/**
 * View data of the report's table of contents: one entry per section actually on the page, so
 * no link leads nowhere (curifactory B15 linked "Reportables" even when the section was absent).
 */
import { groupDigits } from "../../util/clip.js";
import { SECTION_IDS } from "../router.js";
import { RESULTS_ID } from "./results.js";

/** One TOC line, optionally with sub-entries. */
export interface TocEntry {
  readonly href: string;
  readonly label: string;
  readonly children: readonly TocEntry[];
}

/** What the TOC needs to know about the page. */
export interface TocInput {
  /** Whether the results section (issue 10) is on the page. */
  readonly hasResults?: boolean;
  /** Whether the sweep analysis section (issue 19) is on the page. */
  readonly hasAnalysis?: boolean;
  readonly reportableCount: number;
  /** `10,001 records`. */
  readonly recordsText: string;
  /** `10,000 args sets`. */
  readonly argsText: string;
  readonly hasArgsDiff: boolean;
  /** `3 failed records`, or null when none failed. */
  readonly failedText: string | null;
}

/** Builds the TOC entries, in page order. */
export function buildToc(input: TocInput): TocEntry[] {
  const entries: TocEntry[] = [{ href: `#${SECTION_IDS.info}`, label: "Run info", children: [] }];
  if (input.hasResults === true) entries.push({ href: `#${RESULTS_ID}`, label: "Results", children: [] });
  if (input.hasAnalysis === true)
    entries.push({ href: `#${SECTION_IDS.analysis}`, label: "Which args matter", children: [] });
  if (input.reportableCount > 0) {
    entries.push({
      href: `#${SECTION_IDS.reportables}`,
      label: `Reportables (${groupDigits(input.reportableCount)})`,
      children: [],
    });
  }
  entries.push({ href: `#${SECTION_IDS.map}`, label: "Stage map", children: [] });
  const failed =
    input.failedText === null ? [] : [{ href: `#${SECTION_IDS.records}`, label: input.failedText, children: [] }];
  entries.push({ href: `#${SECTION_IDS.records}`, label: `Records (${input.recordsText})`, children: failed });
  const argsChildren = input.hasArgsDiff
    ? [{ href: `#${SECTION_IDS.argsDiff}`, label: "Differing args", children: [] }]
    : [];
  entries.push({ href: `#${SECTION_IDS.args}`, label: `Args (${input.argsText})`, children: argsChildren });
  return entries;
}
