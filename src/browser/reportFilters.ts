/**
 * Filter boxes: a search field that hides the items (list entries or table rows) whose text does
 * not contain the query. Hidden items get the `hidden-by-filter` class; nothing is removed, so
 * clearing the field shows everything again.
 */
import { SECTION_IDS } from "../render/router/reportPaths.js";

/** Fewest list items worth a filter box (a short list is read at a glance). */
const MIN_LIST_ITEMS = 8;

/** Fewest table rows worth a filter box. */
const MIN_TABLE_ROWS = 5;

/** A search field with `placeholder` as its hint and accessible name, inserted before `before`. */
function searchField(before: Node, placeholder: string): HTMLInputElement {
  const input = document.createElement("input");
  input.type = "search";
  input.className = "toc-filter";
  input.placeholder = placeholder;
  input.setAttribute("aria-label", placeholder);
  before.parentNode?.insertBefore(input, before);
  return input;
}

/** Hides each of `items` whose text does not contain what is typed into `input` (case-insensitively). */
function filterOnInput(input: HTMLInputElement, items: readonly Element[]): void {
  // Read once: the items' text does not change while the page is open.
  const texts = items.map((item) => (item.textContent ?? "").toLowerCase());
  input.addEventListener("input", () => {
    const query = input.value.trim().toLowerCase();
    items.forEach((item, i) => item.classList.toggle("hidden-by-filter", query !== "" && !texts[i]?.includes(query)));
  });
}

/** Adds a filter box above `list` for its `items`, when there are enough of them; returns it (or null). */
export function filterBox(
  list: Element | null,
  items: readonly Element[],
  placeholder: string,
): HTMLInputElement | null {
  if (list === null || items.length < MIN_LIST_ITEMS) return null;
  const input = searchField(list, placeholder);
  filterOnInput(input, items);
  return input;
}

/** Filter for the reportables list: matches items, and keeps a group visible while any of its items matches. */
export function reportablesFilter(): void {
  const nav = document.getElementById(SECTION_IDS.reportablesToc);
  if (nav === null) return;
  const leaves = Array.from(nav.querySelectorAll("li:not(.toc-group)"));
  const input = filterBox(nav.querySelector("ul"), leaves, "Filter reportables");
  // Registered after filterBox's listener, so the groups see the items' new state.
  input?.addEventListener("input", () => {
    nav.querySelectorAll("li.toc-group").forEach((group) => {
      group.classList.toggle("hidden-by-filter", group.querySelector("li:not(.hidden-by-filter)") === null);
    });
  });
}

/** Filter for the index's list of all runs. */
export function runsFilter(): void {
  const list = document.getElementById("all-runs")?.querySelector("ul.runs") ?? null;
  if (list !== null) filterBox(list, Array.from(list.children), "Filter runs");
}

/** A filter box above `table` (above its scrolling wrapper, when it has one) that hides body rows not matching. */
export function filterTable(table: HTMLTableElement, placeholder: string): void {
  const body = table.tBodies[0];
  if (body === undefined || body.rows.length < MIN_TABLE_ROWS) return;
  const parent = table.parentElement;
  const holder = parent !== null && parent.classList.contains("table-scroll") ? parent : table;
  filterOnInput(searchField(holder, placeholder), Array.from(body.rows));
}
