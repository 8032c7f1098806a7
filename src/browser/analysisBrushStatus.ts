/**
 * The line under a brushable parallel-coordinates chart that says what the brushes select, and
 * how brushing works when nothing is brushed yet. The chart may draw a sample of the records (the
 * analysis thins past a bound), so it says the selection is among the lines drawn.
 */

/** A brushed range on an axis, in chart units (from ≤ to). */
export interface Brush {
  readonly from: number;
  readonly to: number;
}

/** What is selected. */
export interface Selection {
  /** Names of the brushed axes. */
  readonly brushed: readonly string[];
  readonly selected: number;
  /** Lines drawn, and records the chart stands for (more when it was thinned). */
  readonly drawn: number;
  readonly total: number;
}

const count = (n: number): string => n.toLocaleString("en-US");

/** Writes the status of `s` into `line`, with a button that runs `clear` while something is brushed. */
export function describeSelection(line: HTMLElement, s: Selection, clear: () => void): void {
  line.replaceChildren();
  if (s.brushed.length === 0) {
    line.append(
      "Drag a range on any axis (or focus an axis and use the arrow keys) to filter the lines and the results table.",
    );
    return;
  }
  const sample = Number.isFinite(s.total) && s.total > s.drawn ? ` drawn (of ${count(s.total)} records)` : "";
  line.append(`${count(s.selected)} of ${count(s.drawn)} lines${sample} pass the brushes on ${s.brushed.join(", ")}. `);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "an-brush-clear";
  button.textContent = "Clear brushes";
  button.addEventListener("click", clear);
  line.append(button);
}
