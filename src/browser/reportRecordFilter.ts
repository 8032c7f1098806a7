/**
 * The results table's side of `FILTER_RECORDS_EVENT` (src/browser/contract.ts): another part of
 * the page (the analysis's brushed parallel coordinates) names the records it selected, and the
 * results tables hide the rows of the others, as one more filter beside the text filter (rows carry
 * `data-record`; hidden rows get `hidden-by-records`, so the two filters never undo each other).
 * A status line says how many rows are shown and offers to clear the selection.
 */
import { FILTER_RECORDS_EVENT, filterRecordsDetail } from "./contract.js";

/** What each source selected (a missing source selects nothing away). */
const selections = new Map<string, ReadonlySet<number>>();

/** True when every source's selection keeps `record`. */
function kept(record: number): boolean {
  for (const selected of selections.values()) if (!selected.has(record)) return false;
  return true;
}

/** The status line above `table` (made on first use), which says what the selection shows. */
function statusLine(table: HTMLTableElement): HTMLElement {
  const parent = table.parentElement;
  const holder = parent !== null && parent.classList.contains("table-scroll") ? parent : table;
  const previous = holder.previousElementSibling;
  if (previous instanceof HTMLElement && previous.classList.contains("records-filter-status")) return previous;
  const line = document.createElement("p");
  line.className = "records-filter-status note";
  line.setAttribute("role", "status");
  holder.parentNode?.insertBefore(line, holder);
  return line;
}

/** Says how many of the selected records' rows `table` shows, with a button that clears every selection. */
function describe(table: HTMLTableElement, shown: number, total: number): void {
  const line = statusLine(table);
  line.replaceChildren();
  if (selections.size === 0) {
    line.hidden = true;
    return;
  }
  line.hidden = false;
  const selected = Math.min(...Array.from(selections.values(), (s) => s.size));
  line.append(
    `Selected in the analysis chart: ${selected.toLocaleString("en-US")} record${selected === 1 ? "" : "s"}; ` +
      `${shown.toLocaleString("en-US")} of this table's ${total.toLocaleString("en-US")} rows shown. `,
  );
  const clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = "Clear selection";
  clear.addEventListener("click", () => {
    for (const source of Array.from(selections.keys()))
      document.dispatchEvent(new CustomEvent(FILTER_RECORDS_EVENT, { detail: { source, records: null } }));
  });
  line.append(clear);
}

/** Applies the selections to every results table of the page. */
function apply(): void {
  document.querySelectorAll<HTMLTableElement>("table.results-table").forEach((table) => {
    const rows = Array.from(table.tBodies[0]?.rows ?? []);
    let shown = 0;
    for (const row of rows) {
      const record = Number(row.getAttribute("data-record"));
      const hide = row.hasAttribute("data-record") && !kept(record);
      row.classList.toggle("hidden-by-records", hide);
      if (!hide) shown++;
    }
    describe(table, shown, rows.length);
  });
}

/** Listens for record selections and filters the results tables with them. */
export function recordFilter(): void {
  document.addEventListener(FILTER_RECORDS_EVENT, (event) => {
    const detail = filterRecordsDetail(event);
    if (detail === null) return;
    if (detail.records === null) selections.delete(detail.source);
    else selections.set(detail.source, new Set(detail.records));
    apply();
  });
}
