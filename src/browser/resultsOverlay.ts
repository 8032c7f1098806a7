/**
 * The run page's overlay charts follow the records the reader ticks. Each row of the results
 * table gets a tick box (ticked for the records the page drew, the best few); ticking or
 * unticking redraws every overlay chart with the series of the ticked records, read from the
 * results data pages (resultsData.ts) and drawn by the same line plot as the build
 * (src/render/views/seriesCharts.ts), so the chart looks the same before and after. Without
 * JavaScript the page keeps the chart of the best few.
 */
import type { DataRow } from "../render/formats/resultsData.js";
import { overlayChart } from "../render/views/seriesCharts.js";
import { resultsData } from "./resultsData.js";

/** Most records drawn at once (the line plot's palette has ten colours). */
const MAX_TICKED = 10;

/** An SVG string drawn by our line plot as a node of this document (parsed as XML, never as HTML). */
function svgNode(svg: string): Node | null {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  return root.nodeName === "svg" ? document.importNode(root, true) : null;
}

/** Adds a tick box to each row of `body` that has none, checked when its record is in `ticked`. */
function addBoxes(body: HTMLTableSectionElement, ticked: ReadonlySet<number>): void {
  for (const tr of Array.from(body.rows)) {
    const th = tr.cells[0];
    if (th === undefined || th.querySelector("input.pick-series") !== null) continue;
    const index = Number(tr.getAttribute("data-record"));
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = "pick-series";
    box.value = String(index);
    box.checked = ticked.has(index);
    box.setAttribute("aria-label", `Chart ${th.textContent?.trim() ?? `record ${index}`}`);
    th.prepend(box);
  }
}

/** Redraws each overlay figure of `section` for the records `ticked`, in the order they were ticked. */
async function redraw(section: Element, ticked: readonly number[], figures: readonly HTMLElement[]): Promise<void> {
  const data = await resultsData(section);
  const byIndex = new Map<number, DataRow>(data.rows.map((r) => [r.index, r]));
  for (const figure of figures) {
    const position = Number(figure.getAttribute("data-series"));
    const metric = data.seriesMetrics[position] ?? "";
    const series = ticked.flatMap((i) => {
      const row = byIndex.get(i);
      const points = row?.series?.[position];
      if (row === undefined || points === null || points === undefined) return [];
      return [{ name: row.name, points: points.map(([step, value]) => ({ step, value: value ?? Number.NaN })) }];
    });
    const svg = overlayChart(metric, series, figure.id);
    const note = figure.querySelector(".overlay-note");
    if (note !== null)
      note.textContent =
        series.length === 0
          ? "no ticked record with this series: tick records in the table"
          : `the ${series.length} ticked records`;
    figure.querySelector("svg")?.remove();
    const node = svg === null ? null : svgNode(svg);
    if (node !== null) figure.prepend(node);
  }
}

/** Wires the tick boxes and overlay charts of the results section `section`. */
export function overlayPicker(section: Element): void {
  const figures = Array.from(section.querySelectorAll<HTMLElement>("figure.series-overlay"));
  const body = section.querySelector<HTMLTableElement>("table.results-table")?.tBodies[0];
  if (figures.length === 0 || body === undefined) return;
  const ticked: number[] = (figures[0]?.getAttribute("data-records") ?? "")
    .split(" ")
    .filter((s) => s !== "")
    .map(Number);
  const status = document.createElement("p");
  status.className = "results-status";
  status.setAttribute("role", "status");
  figures[figures.length - 1]?.after(status);
  addBoxes(body, new Set(ticked));
  // Rows drawn from the data (a search over every record) get their boxes too.
  section.addEventListener("curi:results-drawn", () => addBoxes(body, new Set(ticked)));
  body.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("pick-series")) return;
    const index = Number(box.value);
    const at = ticked.indexOf(index);
    if (box.checked && at < 0) {
      if (ticked.length >= MAX_TICKED) {
        box.checked = false;
        status.textContent = `At most ${MAX_TICKED} records are charted at once; untick one first.`;
        return;
      }
      ticked.push(index);
    } else if (!box.checked && at >= 0) ticked.splice(at, 1);
    status.textContent = "";
    redraw(section, ticked, figures).catch((error: unknown) => {
      status.textContent = `The chart could not be redrawn: ${error instanceof Error ? error.message : String(error)}.`;
    });
  });
}
