/**
 * The index's runs picker: in an experiment's trends table, ticking two runs (up to
 * MAX_COMPARED_RUNS) shows a link to their comparison in the site's compare.html, which draws it
 * in the browser (src/browser/compareApp.ts). Without JavaScript the boxes stay hidden and each
 * run links its comparison with the previous run instead.
 */
import { MAX_COMPARED_RUNS } from "./contract.js";

/** What the bar says while fewer than two runs are ticked. */
const HINT = `Tick two runs (or up to ${MAX_COMPARED_RUNS}) to compare them.`;

/** The link to compare.html for the ticked `boxes`; the oldest run is the base, whatever order the table is sorted in. */
function compareLink(table: HTMLTableElement, boxes: readonly HTMLInputElement[]): HTMLAnchorElement {
  const picked = [...boxes].sort((a, b) => Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")));
  const runs = picked.map((b) => encodeURIComponent(b.getAttribute("data-folder") ?? ""));
  const link = document.createElement("a");
  link.href = `${table.getAttribute("data-compare-app") ?? ""}?runs=${runs.join(",")}`;
  link.textContent = picked.length === 2 ? "Compare the two ticked runs" : `Compare the ${picked.length} ticked runs`;
  return link;
}

/** Shows `table`'s tick boxes and keeps its compare bar (named by `data-compare-bar`) in step with them. */
export function comparePicker(table: HTMLTableElement): void {
  const bar = document.getElementById(table.getAttribute("data-compare-bar") ?? "");
  if (bar === null) return;
  const boxes = Array.from(table.querySelectorAll<HTMLInputElement>("input.pick"));
  for (const box of boxes) {
    box.hidden = false;
    box.addEventListener("change", () => {
      const picked = boxes.filter((b) => b.checked);
      bar.replaceChildren();
      if (picked.length < 2) bar.textContent = HINT;
      else if (picked.length > MAX_COMPARED_RUNS) bar.textContent = `Tick at most ${MAX_COMPARED_RUNS} runs.`;
      else bar.appendChild(compareLink(table, picked));
    });
  }
  bar.hidden = false;
  bar.textContent = HINT;
}
