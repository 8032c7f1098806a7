/**
 * Brushing the sweep analysis's parallel-coordinates chart (issue 19): drag a range on one or more
 * axes (or focus an axis and use the arrow keys) to keep the lines that pass through every brushed
 * range; the others dim, and the selected records are sent to the results table as a
 * `FILTER_RECORDS_EVENT` (src/browser/contract.ts). The chart is complete static SVG without this:
 * axes carry their domain and pixel extent, lines their record index and values, as data attributes
 * (src/render/analysis/parallelChart.ts), so the script needs nothing else from the page.
 */
import { FILTER_RECORDS_EVENT, filterRecordsDetail } from "./contract.js";
import { describeSelection, type Brush } from "./analysisBrushStatus.js";

const SVG_NS = "http://www.w3.org/2000/svg";
/** The source name of the selections this sends. */
const SOURCE = "analysis";
/** A press that moves less than this (in chart units) is a click: it clears the axis's brush. */
const MIN_DRAG = 3;
/** What an arrow key moves a brush by, as a share of the axis's length. */
const KEY_STEP = 0.05;

/** An axis as the script uses it: where it is, and a line's pixel position on it. */
interface AxisInfo {
  readonly group: SVGGElement;
  readonly name: string;
  readonly x: number;
  readonly top: number;
  readonly bottom: number;
  /** The pixel position of a line's value on this axis (NaN when the line has none). */
  readonly at: (value: number) => number;
}

/** A line and its pixel position on every axis. */
interface LineInfo {
  readonly path: SVGPathElement;
  readonly record: number;
  readonly ys: readonly number[];
}

function numberAttr(e: Element, name: string): number {
  const raw = e.getAttribute(name);
  return raw === null || raw === "" ? Number.NaN : Number(raw);
}

/** The pixel mapping of an axis from its data attributes: linear, log (between its ends) or categorical. */
function axisMapping(g: SVGGElement): (value: number) => number {
  if (g.getAttribute("data-kind") === "categorical") {
    const positions = (g.getAttribute("data-positions") ?? "").split(",").map(Number);
    return (v) => positions[Math.round(v)] ?? Number.NaN;
  }
  const log = g.getAttribute("data-scale") === "log";
  const f = (v: number): number => (log ? Math.log10(v) : v);
  const [min, max] = [numberAttr(g, "data-min"), numberAttr(g, "data-max")];
  const [atMin, atMax] = [numberAttr(g, "data-at-min"), numberAttr(g, "data-at-max")];
  const span = f(max) - f(min);
  return (v) => (span === 0 || !Number.isFinite(span) ? atMin : atMin + ((f(v) - f(min)) / span) * (atMax - atMin));
}

function readAxes(svg: SVGSVGElement): AxisInfo[] {
  return Array.from(svg.querySelectorAll<SVGGElement>("g.an-pc-axis")).map((group) => ({
    group,
    name: group.getAttribute("data-name") ?? "",
    x: numberAttr(group, "data-x"),
    top: numberAttr(group, "data-y-top") || Math.min(...positionsOf(group)),
    bottom: numberAttr(group, "data-y-bottom") || Math.max(...positionsOf(group)),
    at: axisMapping(group),
  }));
}

/** A categorical axis's level positions (it has no data-y-top/-bottom). */
function positionsOf(g: SVGGElement): number[] {
  return (g.getAttribute("data-positions") ?? "").split(",").map(Number);
}

function readLines(svg: SVGSVGElement, axes: readonly AxisInfo[]): LineInfo[] {
  return Array.from(svg.querySelectorAll<SVGPathElement>("path.an-line")).map((path) => {
    const values = (path.getAttribute("data-values") ?? "").split(",");
    const ys = axes.map((a, i) => {
      const raw = values[i] ?? "";
      return raw === "" ? Number.NaN : a.at(Number(raw));
    });
    return { path, record: Number(path.getAttribute("data-record")), ys };
  });
}

/** Point (clientX, clientY) in the chart's own units. */
function chartPoint(svg: SVGSVGElement, clientX: number, clientY: number): { x: number; y: number } {
  const ctm = svg.getScreenCTM();
  if (ctm === null) return { x: clientX, y: clientY };
  const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
  return { x: p.x, y: p.y };
}

/** One chart's brushing. */
class BrushableChart {
  readonly #svg: SVGSVGElement;
  readonly #axes: AxisInfo[];
  readonly #lines: LineInfo[];
  /** Brushed ranges by axis position, in chart units (from ≤ to). */
  readonly #brushes = new Map<number, Brush>();
  readonly #rects = new Map<number, SVGRectElement>();
  readonly #status: HTMLElement;

  constructor(svg: SVGSVGElement) {
    this.#svg = svg;
    this.#axes = readAxes(svg);
    this.#lines = readLines(svg, this.#axes);
    // Interactive now: role="img" would hide the axes' controls from assistive technology.
    svg.setAttribute("role", "group");
    svg.classList.add("an-brushable");
    this.#status = this.#statusLine();
    this.#axes.forEach((axis, i) => this.#hitArea(axis, i));
    this.#render(false);
  }

  /** Clears every brush (the results table's "Clear selection", or this chart's button). */
  clear(send: boolean): void {
    if (this.#brushes.size === 0) return;
    this.#brushes.clear();
    this.#render(send);
  }

  #statusLine(): HTMLElement {
    const holder = this.#svg.closest(".an-scroll") ?? this.#svg;
    const line = document.createElement("p");
    line.className = "an-brush-status note";
    line.setAttribute("role", "status");
    holder.after(line);
    return line;
  }

  /** A transparent, focusable strip over axis `i` that takes drags and arrow keys. */
  #hitArea(axis: AxisInfo, i: number): void {
    const rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("class", "an-brush-hit");
    rect.setAttribute("x", String(axis.x - 12));
    rect.setAttribute("y", String(axis.top - 4));
    rect.setAttribute("width", "24");
    rect.setAttribute("height", String(axis.bottom - axis.top + 8));
    rect.setAttribute("fill", "transparent");
    // The axis group strokes its children; the strip is invisible until focused (style.css).
    rect.setAttribute("stroke", "none");
    rect.setAttribute("tabindex", "0");
    rect.setAttribute(
      "aria-label",
      `Brush the ${axis.name} axis: drag a range, or use the arrow keys; Escape clears it`,
    );
    axis.group.append(rect);
    this.#dragging(rect, axis, i);
    rect.addEventListener("keydown", (event) => this.#key(event, axis, i));
  }

  #dragging(rect: SVGRectElement, axis: AxisInfo, i: number): void {
    let start: number | null = null;
    const clamp = (y: number): number => Math.min(axis.bottom, Math.max(axis.top, y));
    rect.addEventListener("pointerdown", (event) => {
      start = clamp(chartPoint(this.#svg, event.clientX, event.clientY).y);
      rect.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    rect.addEventListener("pointermove", (event) => {
      if (start === null) return;
      const y = clamp(chartPoint(this.#svg, event.clientX, event.clientY).y);
      if (Math.abs(y - start) < MIN_DRAG) return;
      this.#brushes.set(i, { from: Math.min(start, y), to: Math.max(start, y) });
      this.#render(false);
    });
    const end = (event: PointerEvent): void => {
      if (start === null) return;
      const y = clamp(chartPoint(this.#svg, event.clientX, event.clientY).y);
      if (Math.abs(y - start) < MIN_DRAG) this.#brushes.delete(i);
      else this.#brushes.set(i, { from: Math.min(start, y), to: Math.max(start, y) });
      start = null;
      this.#render(true);
    };
    rect.addEventListener("pointerup", end);
    rect.addEventListener("pointercancel", end);
  }

  /** Arrow keys move the axis's brush (made at the top on the first press); Shift+arrows resize it; Escape clears. */
  #key(event: KeyboardEvent, axis: AxisInfo, i: number): void {
    const length = axis.bottom - axis.top;
    const step = length * KEY_STEP;
    const current = this.#brushes.get(i) ?? { from: axis.top, to: axis.top + length * 0.25 };
    let next: Brush | null;
    if (event.key === "Escape" || event.key === "Delete" || event.key === "Backspace") next = null;
    else if (event.key === "ArrowDown" && event.shiftKey) next = { ...current, to: current.to + step };
    else if (event.key === "ArrowUp" && event.shiftKey)
      next = { ...current, to: Math.max(current.from + step, current.to - step) };
    else if (event.key === "ArrowDown") next = { from: current.from + step, to: current.to + step };
    else if (event.key === "ArrowUp") next = { from: current.from - step, to: current.to - step };
    else return;
    event.preventDefault();
    if (next === null) this.#brushes.delete(i);
    else {
      const size = Math.min(length, next.to - next.from);
      const from = Math.min(axis.bottom - size, Math.max(axis.top, next.from));
      this.#brushes.set(i, { from, to: from + size });
    }
    this.#render(true);
  }

  /** Draws the brushes, dims the lines outside them, says what is selected and (`send`) tells the page. */
  #render(send: boolean): void {
    this.#drawBrushes();
    const selected: number[] = [];
    for (const line of this.#lines) {
      let kept = true;
      for (const [i, b] of this.#brushes) {
        const y = line.ys[i] ?? Number.NaN;
        if (!(y >= b.from - 0.5 && y <= b.to + 0.5)) kept = false;
      }
      line.path.classList.toggle("an-dim", !kept);
      if (kept) selected.push(line.record);
    }
    const brushed = [...this.#brushes.keys()].map((i) => this.#axes[i]?.name ?? "");
    describeSelection(
      this.#status,
      { brushed, selected: selected.length, drawn: this.#lines.length, total: numberAttr(this.#svg, "data-total") },
      () => this.clear(true),
    );
    if (send) {
      const records = this.#brushes.size === 0 ? null : selected.sort((a, b) => a - b);
      document.dispatchEvent(new CustomEvent(FILTER_RECORDS_EVENT, { detail: { source: SOURCE, records } }));
    }
  }

  #drawBrushes(): void {
    for (const [i, rect] of this.#rects)
      if (!this.#brushes.has(i)) {
        rect.remove();
        this.#rects.delete(i);
      }
    for (const [i, b] of this.#brushes) {
      const axis = this.#axes[i] as AxisInfo;
      let rect = this.#rects.get(i);
      if (rect === undefined) {
        rect = document.createElementNS(SVG_NS, "rect");
        rect.setAttribute("class", "an-brush");
        rect.setAttribute("x", String(axis.x - 8));
        rect.setAttribute("width", "16");
        // Under the hit strip, so drags keep reaching it.
        axis.group.insertBefore(rect, axis.group.querySelector(".an-brush-hit"));
        this.#rects.set(i, rect);
      }
      rect.setAttribute("y", String(b.from));
      rect.setAttribute("height", String(Math.max(1, b.to - b.from)));
    }
  }
}

/** Makes every parallel-coordinates chart of the page brushable. */
export function analysisBrushing(): void {
  const charts = Array.from(
    document.querySelectorAll<SVGSVGElement>("svg.an-parallel"),
    (svg) => new BrushableChart(svg),
  );
  if (charts.length === 0) return;
  // The results table's "Clear selection" clears the brushes that made it.
  document.addEventListener(FILTER_RECORDS_EVENT, (event) => {
    const detail = filterRecordsDetail(event);
    if (detail !== null && detail.source === SOURCE && detail.records === null) for (const c of charts) c.clear(false);
  });
}
