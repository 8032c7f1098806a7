/**
 * Cell-by-cell difference of two tables, for the comparison page (in Node and in the browser):
 * columns matched by name, rows by their index label (by position when either table has no
 * index). Changed cells show both values as `<del>`/`<ins>` with a "changed" label, and added or
 * removed rows and columns say so in words, so nothing is told by colour alone. Browser-safe.
 */
import { escapeHtml, showControlChars } from "../../util/escape.js";
import type { CompactTable } from "./compareCore.js";

/** How a row or column of the compared table relates to the base. */
export type Presence = "both" | "added" | "removed";

/** One cell: the base's and the other's text (null where that side lacks the row or column). */
export interface CellDiff {
  readonly before: string | null;
  readonly after: string | null;
  readonly changed: boolean;
}

/** The cell difference of two tables. */
export interface TableDiff {
  readonly columns: readonly { readonly name: string; readonly presence: Presence }[];
  readonly rows: readonly {
    readonly label: string;
    readonly presence: Presence;
    readonly cells: readonly CellDiff[];
  }[];
  /** Cells present in both tables whose text differs. */
  readonly changed: number;
  /** Rows of either table past the compared rows (the data kept only the first rows). */
  readonly cut: boolean;
}

/** Diffs `b` against the base `a`. */
export function diffTables(a: CompactTable, b: CompactTable): TableDiff {
  const columns = [
    ...a.columns.map((name) => ({ name, presence: (b.columns.includes(name) ? "both" : "removed") as Presence })),
    ...b.columns.filter((n) => !a.columns.includes(n)).map((name) => ({ name, presence: "added" as Presence })),
  ];
  const byIndex = a.index !== null && b.index !== null;
  const label = (t: CompactTable, i: number): string => (byIndex ? (t.index?.[i] ?? "") : String(i));
  const bRows = new Map<string, number>();
  b.rows.forEach((_, i) => {
    if (!bRows.has(label(b, i))) bRows.set(label(b, i), i);
  });
  const aLabels = new Set(a.rows.map((_, i) => label(a, i)));
  const pairs: [string, number | null, number | null][] = [
    ...a.rows.map((_, i): [string, number | null, number | null] => [label(a, i), i, bRows.get(label(a, i)) ?? null]),
    ...b.rows.flatMap((_, i): [string, number | null, number | null][] =>
      aLabels.has(label(b, i)) ? [] : [[label(b, i), null, i]],
    ),
  ];
  let changed = 0;
  const rows = pairs.map(([text, i, k]) => {
    const cells = columns.map(({ name }): CellDiff => {
      const before = i === null || !a.columns.includes(name) ? null : (a.rows[i]?.[a.columns.indexOf(name)] ?? null);
      const after = k === null || !b.columns.includes(name) ? null : (b.rows[k]?.[b.columns.indexOf(name)] ?? null);
      const differs = before !== null && after !== null && before !== after;
      if (differs) changed++;
      return { before, after, changed: differs };
    });
    const presence: Presence = i === null ? "added" : k === null ? "removed" : "both";
    return { label: byIndex ? text : String((i ?? k ?? 0) + 1), presence, cells };
  });
  return { columns, rows, changed, cut: a.totalRows > a.rows.length || b.totalRows > b.rows.length };
}

const text = (s: string): string => escapeHtml(showControlChars(s));

/** Words for a row or column that only one table has. */
const PRESENCE_WORDS: Readonly<Record<Presence, string>> = { both: "", added: "added", removed: "removed" };

function cellHtml(c: CellDiff, rowPresence: Presence): string {
  if (c.changed)
    return `<td class="cell-changed"><span class="visually-hidden">changed: </span><del>${text(c.before ?? "")}</del> <ins>${text(c.after ?? "")}</ins></td>`;
  const value = c.after ?? c.before;
  if (value === null) return `<td class="cell-missing">—</td>`;
  const side = c.after === null ? "removed" : c.before === null ? "added" : null;
  if (side === null || rowPresence !== "both") return `<td>${text(value)}</td>`;
  return `<td class="cell-${side}">${side === "removed" ? `<del>${text(value)}</del>` : `<ins>${text(value)}</ins>`}</td>`;
}

/** The difference as an HTML table (trusted: every text is escaped here), with a caption that counts it. */
export function tableDiffHtml(d: TableDiff, caption: string): string {
  const added = d.rows.filter((r) => r.presence === "added").length;
  const removed = d.rows.filter((r) => r.presence === "removed").length;
  const rowsText = (n: number, what: string): string[] => (n === 0 ? [] : [`${n} ${n === 1 ? "row" : "rows"} ${what}`]);
  const counts = [
    `${d.changed} changed ${d.changed === 1 ? "cell" : "cells"}`,
    ...rowsText(added, "added"),
    ...rowsText(removed, "removed"),
  ];
  const heads = d.columns.map(
    (c) =>
      `<th scope="col"${c.presence === "both" ? "" : ` class="col-${c.presence}"`}>${text(c.name)}${c.presence === "both" ? "" : ` <span class="presence">(${PRESENCE_WORDS[c.presence]})</span>`}</th>`,
  );
  const rows = d.rows.map((r) => {
    const mark = r.presence === "both" ? "" : ` <span class="presence">(${PRESENCE_WORDS[r.presence]})</span>`;
    return `<tr${r.presence === "both" ? "" : ` class="row-${r.presence}"`}><th scope="row">${text(r.label)}${mark}</th>${r.cells.map((c) => cellHtml(c, r.presence)).join("")}</tr>`;
  });
  const note = d.cut ? " Only the first rows of each table are compared." : "";
  return `<div class="table-scroll"><table class="data-table table-diff"><caption>${text(caption)}: ${counts.join(", ")}.${note}</caption><thead><tr><th scope="col">row</th>${heads.join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}
