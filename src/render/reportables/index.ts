/**
 * Reportables → HTML fragments, one renderer per kind. `renderReportable` never throws: a
 * reportable that cannot be rendered becomes an error box in its place and the rest of the report
 * is complete (curifactory's defect B8 lost the whole report to one failing reportable).
 */
import type { Reportable } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import type { CopiedFile, RenderedFragment } from "../types.js";
import type { ReportableContext } from "./context.js";
import { errorBox } from "./errorBox.js";
import { renderHtmlReportable } from "./html.js";
import { renderImageReportable } from "./image.js";
import { renderJsonReportable } from "./json.js";
import { renderLatexReportable } from "./latex.js";
import { renderLinePlotReportable } from "./lineplot.js";
import { renderMarkdownReportable } from "./markdown.js";
import { renderTableReportable } from "./table.js";

export type { ReportableContext } from "./context.js";
export { DEFAULT_MAX_TABLE_ROWS, DEFAULT_MAX_TEXT_CHARS } from "./context.js";
export { describeError, errorBox } from "./errorBox.js";

/** Dispatches on `kind`; may throw, which {@link renderReportable} turns into an error box. */
function renderByKind(r: Reportable, ctx: ReportableContext): RenderedFragment {
  switch (r.kind) {
    case "html":
      return renderHtmlReportable(r.html, r.qualifiedName, ctx, linkedFiles(r).length > 0);
    case "json":
      return renderJsonReportable(r.value, ctx);
    case "table":
      return renderTableReportable(r.table, ctx);
    case "lineplot":
      return renderLinePlotReportable(r.plot, ctx);
    case "figure":
    case "image":
      return renderImageReportable({ format: r.format, file: r.file, alt: r.alt ?? r.name }, ctx);
    case "latex":
      return renderLatexReportable(r.latex, ctx);
    case "markdown":
      return renderMarkdownReportable(r.markdown, ctx);
    default: {
      const unknown: { kind?: unknown } = r;
      throw new TypeError(`unknown reportable kind ${JSON.stringify(unknown.kind)}`);
    }
  }
}

/**
 * The files a reportable's HTML links to, copied to the same relative path in the report (run
 * validation confined each under `reportables/`), so `<img src="reportables/x.png">` resolves.
 */
function linkedFiles(r: Reportable): CopiedFile[] {
  // `files` may be absent on a model built by hand (tests, the record runtime's older callers).
  return (r.files ?? []).map((file) => ({ path: file.relative, source: file }));
}

/**
 * Names the reportable the way its author knows it: qualified name, kind, record and stage (a
 * run exported from Python may carry data the exporter could not check).
 */
export function failureTitle(r: Reportable): string {
  const name = clipField(String(r.qualifiedName), 200);
  const stage = clipField(String(r.stage), 200);
  return `Reportable ${name} (${String(r.kind)}) of record ${String(r.record)}, stage ${stage}, could not be rendered`;
}

/**
 * Renders the body of one reportable (the site adds heading, anchor and record swatch). Never
 * throws: any failure returns an error box fragment naming the reportable and the problem.
 */
export function renderReportable(r: Reportable, ctx: ReportableContext): RenderedFragment {
  try {
    const fragment = renderByKind(r, ctx);
    const linked = linkedFiles(r);
    return linked.length === 0 ? fragment : { ...fragment, copies: [...fragment.copies, ...linked] };
  } catch (error) {
    return { html: errorBox(failureTitle(r), error), files: [], copies: [] };
  }
}
