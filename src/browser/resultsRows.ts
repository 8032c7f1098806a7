/**
 * Table rows drawn from results data rows (src/render/formats/resultsData.ts), the same as the
 * rows the page arrives with (templates/partials/report/resultsTable.eta) but for the sparklines:
 * text only (textContent, never markup), marks as text and class (★ best, ✗ failed).
 */
import type { DataRow } from "../render/formats/resultsData.js";

/** True for a link the data may hold: relative, inside the report (no scheme, no `//`). */
function safeHref(href: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith("//") && !href.includes("\\");
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text = ""): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className !== "") e.className = className;
  if (text !== "") e.textContent = text;
  return e;
}

/** The `<td>` of a data cell. */
function cellElement([text, sort, mark]: readonly [string, string, number]): HTMLTableCellElement {
  const td = el("td");
  td.setAttribute("data-sort", sort);
  if (mark === 3) {
    td.className = "status-failed";
    const x = el("span", "fail-mark", "✗");
    x.setAttribute("aria-hidden", "true");
    td.append(x, " ", el("strong", "", text));
  } else if (mark === 1) {
    td.className = "best";
    const star = el("span", "best-mark", "★");
    star.title = "best in this column";
    star.append(el("span", "visually-hidden", " best"));
    td.append(el("strong", "", text), " ", star);
  } else {
    if (mark === 2) td.className = "missing";
    td.textContent = text;
  }
  return td;
}

/** A `<tr>` for data row `row`. */
export function rowElement(row: DataRow): HTMLTableRowElement {
  const tr = el("tr", row.failed ? "failed" : "");
  tr.setAttribute("data-record", String(row.index));
  const th = el("th");
  th.scope = "row";
  th.setAttribute("data-sort", row.name);
  const swatch = el("span", `swatch rec-${row.index % 9}`);
  swatch.setAttribute("aria-hidden", "true");
  const link = el("a");
  if (safeHref(row.href)) link.href = row.href;
  link.append(el("bdi", "", row.name));
  th.append(swatch, link);
  tr.append(th, ...row.cells.map(cellElement));
  return tr;
}

/** The text a filter matches a data row on: its name and every cell's text, lower-cased. */
export function rowText(row: DataRow): string {
  return [row.name, ...row.cells.map((c) => c[0])].join(" ").toLowerCase();
}
