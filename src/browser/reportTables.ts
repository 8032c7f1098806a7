/**
 * Sorting for the results, trends and comparison tables: each header with a `data-kind` becomes a
 * button; the first click sorts best first (the header's `data-goal`: `max` sorts descending) or
 * ascending, the next reverses. Numeric columns (`data-kind="num"`) compare the cells' `data-sort`
 * numbers and put missing values last; ties keep the page's order.
 */
import { comparePicker } from "./reportPicker.js";
import { filterTable } from "./reportFilters.js";

/** What a cell sorts by: null (a missing number) sorts last whatever the direction. */
type SortKey = string | number | null;

/** The value a cell sorts by: its data-sort text (else its text), as a number in numeric columns ("" is missing). */
function sortKey(cell: HTMLTableCellElement | undefined, numeric: boolean): SortKey {
  const raw = cell?.getAttribute("data-sort") ?? cell?.textContent ?? "";
  if (!numeric) return raw.toLowerCase();
  return raw === "" ? null : Number(raw);
}

/** Compares two keys in the asked direction, missing ones last. */
function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return descending ? -order : order;
}

/** Sorts `table`'s body rows by column `col` (a stable sort: equal rows keep their order). */
function sortTable(table: HTMLTableElement, col: number, numeric: boolean, descending: boolean): void {
  const body = table.tBodies[0];
  if (body === undefined) return;
  const keyed = Array.from(body.rows, (row, i) => ({ row, key: sortKey(row.cells[col], numeric), i }));
  keyed.sort((a, b) => compareKeys(a.key, b.key, descending) || a.i - b.i);
  for (const k of keyed) body.appendChild(k.row);
}

/** Turns the sortable headers of `table` into sort buttons. */
function sortableTable(table: HTMLTableElement): void {
  const heads = Array.from(table.tHead?.rows[0]?.cells ?? []);
  heads.forEach((th, col) => {
    if (th.getAttribute("data-kind") === null) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild !== null) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", () => {
      const current = th.getAttribute("aria-sort");
      const descending =
        current === null || current === "none" ? th.getAttribute("data-goal") === "max" : current === "ascending";
      for (const h of heads) h.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortTable(table, col, th.getAttribute("data-kind") === "num", descending);
    });
  });
}

/** Makes the results, trends and sortable comparison tables under `root` sortable and filterable, and wires the runs picker. */
export function resultTables(root: ParentNode): void {
  root
    .querySelectorAll<HTMLTableElement>("table.results-table, table.trends-table, table.compare-table[data-sortable]")
    .forEach((table) => {
      sortableTable(table);
      filterTable(table, table.classList.contains("trends-table") ? "Filter runs" : "Filter rows");
    });
  root.querySelectorAll<HTMLTableElement>("table.trends-table[data-compare-bar]").forEach(comparePicker);
}
