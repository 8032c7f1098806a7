/**
 * report.js, the script of every page of a site (bundled into templates/assets/report.js by
 * scripts/bundle-browser.mjs). The pages are complete without it: it only adds copy buttons,
 * filter boxes for long lists and tables, sortable tables, a results search over every record and
 * charts of the records ticked, the index's runs picker, brushing of the sweep analysis's parallel coordinates, frames fitted
 * to their HTML reportables, and folded records opened for printing. No network, no storage, no
 * inline styles (the pages' Content-Security-Policy forbids them).
 */
import { analysisBrushing } from "./analysisBrush.js";
import { RENDERED_EVENT } from "./contract.js";
import { copyButtons } from "./reportCopy.js";
import { reportablesFilter, runsFilter } from "./reportFilters.js";
import { fitFrames } from "./reportFrames.js";
import { recordFilter } from "./reportRecordFilter.js";
import { resultTables } from "./reportTables.js";
import { overlayPicker } from "./resultsOverlay.js";
import { searchEveryRecord } from "./resultsSearch.js";

/** Folded records (`<details>`) print open; those it opened fold back afterwards. */
function printOpensDetails(): void {
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll<HTMLDetailsElement>("details:not([open])"));
    for (const d of opened) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
}

function start(): void {
  resultTables(document);
  // The run page's results: search and sort every record, and chart the ticked ones (after the
  // table's own sorter and filter, whose buttons and box these build on).
  document.querySelectorAll("section.results[data-results-data]").forEach((section) => {
    searchEveryRecord(section);
    overlayPicker(section);
  });
  recordFilter();
  analysisBrushing();
  // compare.html draws its tables once the runs' data has loaded (compare.js), then says so.
  document.addEventListener(RENDERED_EVENT, (event) => {
    const drawn = event instanceof CustomEvent ? (event.detail as unknown) : null;
    if (drawn instanceof Element) resultTables(drawn);
  });
  if (document.readyState === "complete") fitFrames();
  else window.addEventListener("load", fitFrames);
  copyButtons();
  reportablesFilter();
  runsFilter();
  printOpensDetails();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
