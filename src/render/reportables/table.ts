/**
 * Table reportables (curifactory's DFReporter): the data table, shortened to the context's row
 * limit with a visible note.
 */
import type { TableData } from "../../run/model.js";
import { renderDataTable } from "../markup/table.js";
import type { RenderedFragment } from "../types.js";
import { DEFAULT_MAX_TABLE_ROWS } from "./context.js";
import type { ReportableContext } from "./context.js";
import { shortenedNote } from "./text.js";

/** Renders a table reportable, with a note for each way it was shortened; throws CuriError when rows, columns and index disagree. */
export function renderTableReportable(table: TableData, ctx: ReportableContext): RenderedFragment {
  const t = renderDataTable(table, ctx.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS);
  const rows = t.shownRows < t.totalRows ? shortenedNote(t.shownRows, t.totalRows, "rows") : "";
  const columns = t.shownColumns < t.totalColumns ? shortenedNote(t.shownColumns, t.totalColumns, "columns") : "";
  return { html: `${t.html}${rows}${columns}`, files: [], copies: [] };
}
