/**
 * The run page's results table filters and sorts every record, not only the rows it shows. The
 * page shows the best 100 rows of a big table; typing in its filter box or sorting a column loads
 * the table as data (resultsData.ts) and draws the best matching rows from all records, saying how
 * many matched. When nothing matches, or the data cannot be loaded, it says where to look: the
 * full table's pages (`results/<p>.html`), which are complete without JavaScript.
 */
import type { DataRow } from "../render/formats/resultsData.js";
import { resultsData } from "./resultsData.js";
import { rowElement, rowText } from "./resultsRows.js";

/** Most rows drawn for a search (the page shows as many before one). */
const MAX_DRAWN = 100;

/** What the table is asked to show. */
interface Query {
  text: string;
  /** Column (0 is the record's name) and direction, or null for the page's order. */
  sort: { col: number; numeric: boolean; descending: boolean } | null;
}

/** A data row's sort key in column `col` (as the page's own sorting: numbers, or lower-cased text; null last). */
function key(row: DataRow, col: number, numeric: boolean): string | number | null {
  const raw = col === 0 ? row.name : (row.cells[col - 1]?.[1] ?? "");
  if (!numeric) return raw.toLowerCase();
  return raw === "" ? null : Number(raw);
}

function compare(a: string | number | null, b: string | number | null, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = a < b ? -1 : a > b ? 1 : 0;
  return descending ? -order : order;
}

/** The rows of `all` matching `q`, in its order. */
function select(all: readonly DataRow[], texts: readonly string[], q: Query): DataRow[] {
  const needle = q.text.trim().toLowerCase();
  const rows = needle === "" ? [...all] : all.filter((_, i) => texts[i]?.includes(needle));
  const s = q.sort;
  if (s !== null) {
    const keyed = rows.map((row, i) => ({ row, k: key(row, s.col, s.numeric), i }));
    keyed.sort((a, b) => compare(a.k, b.k, s.descending) || a.i - b.i);
    return keyed.map((k) => k.row);
  }
  return rows;
}

/** A status line after the table's scroller, announced to screen readers. */
function statusLine(table: HTMLTableElement): HTMLElement {
  const p = document.createElement("p");
  p.className = "results-status";
  p.setAttribute("role", "status");
  const holder = table.parentElement?.classList.contains("table-scroll") ? table.parentElement : table;
  holder.after(p);
  return p;
}

/** Says where every record is: the full table's page links of the section, copied. */
function wherePages(section: Element, status: HTMLElement, text: string): void {
  status.replaceChildren(text);
  const links = section.querySelectorAll<HTMLAnchorElement>(".results-pages a");
  if (links.length === 0) return;
  status.append(" Every record is in the full table: ");
  links.forEach((a, i) => status.append(...(i > 0 ? [" · "] : []), a.cloneNode(true)));
  status.append(".");
}

/** Wires the search over every record for the run page's results table in `section`. */
export function searchEveryRecord(section: Element): void {
  const table = section.querySelector<HTMLTableElement>("table.results-table");
  const body = table?.tBodies[0];
  const input = section.querySelector<HTMLInputElement>("input.toc-filter");
  if (table === null || table === undefined || body === undefined || input === null) return;
  const total = Number(section.getAttribute("data-results-total") ?? "0");
  const original = Array.from(body.rows);
  const status = statusLine(table);
  const q: Query = { text: "", sort: null };
  let texts: string[] | null = null;
  let drawn = 0;
  const draw = async (): Promise<void> => {
    const mine = ++drawn;
    const visible = original.filter((r) => !r.classList.contains("hidden-by-filter")).length;
    if (q.text.trim() === "" && q.sort === null) {
      body.replaceChildren(...original);
      status.replaceChildren();
      return;
    }
    if (total <= original.length) {
      // Every record is on the page: the page's own filter and sort already cover them all.
      status.textContent = visible === 0 ? `No record matches “${q.text.trim()}”.` : "";
      return;
    }
    status.textContent = `Searching all ${total.toLocaleString("en-US")} records…`;
    try {
      const data = await resultsData(section);
      texts ??= data.rows.map(rowText);
      if (mine !== drawn) return;
      const rows = select(data.rows, texts, q);
      body.replaceChildren(...rows.slice(0, MAX_DRAWN).map(rowElement));
      section.dispatchEvent(new CustomEvent("curi:results-drawn", { bubbles: false }));
      const of = `of ${total.toLocaleString("en-US")} records`;
      if (rows.length === 0)
        wherePages(
          section,
          status,
          `No record matches “${q.text.trim()}” among all ${total.toLocaleString("en-US")} records.`,
        );
      else if (q.text.trim() === "")
        status.textContent = `Sorted over all ${total.toLocaleString("en-US")} records; showing the first ${Math.min(MAX_DRAWN, rows.length)}.`;
      else
        status.textContent = `${rows.length.toLocaleString("en-US")} ${of} match “${q.text.trim()}”${rows.length > MAX_DRAWN ? `; showing the first ${MAX_DRAWN}` : ""}.`;
    } catch (error) {
      if (mine !== drawn) return;
      const why = error instanceof Error ? error.message : String(error);
      const none =
        visible === 0
          ? `No match among the ${original.length} rows shown`
          : `Only the ${original.length} rows shown were searched`;
      wherePages(section, status, `${none}: the data of all records could not be loaded (${why}).`);
    }
  };
  input.addEventListener("input", () => {
    q.text = input.value;
    void draw();
  });
  table.tHead?.rows[0]?.querySelectorAll("th").forEach((th, col) => {
    th.querySelector("button.sort")?.addEventListener("click", () => {
      // The page's own sorter (reportTables.ts) ran first and set the direction.
      q.sort = {
        col,
        numeric: th.getAttribute("data-kind") === "num",
        descending: th.getAttribute("aria-sort") === "descending",
      };
      void draw();
    });
  });
}
