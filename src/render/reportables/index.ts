/**
 * Reportables → HTML fragments, one renderer per kind. `renderReportable` never throws: a
 * reportable that cannot be rendered becomes an error box in its place and the rest of the report
 * is complete (curifactory's defect B8 lost the whole report to one failing reportable).
 */
import type { Reportable } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import { escapeHtml } from "../../util/escape.js";
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
 * Kinds of file a reportable may bring outside `reportables/` (curifactory's user guide writes its
 * image beside that folder): images, media and data, which the report itself never writes there.
 */
const LINKABLE_BESIDE = /\.(?:png|jpe?g|gif|webp|avif|bmp|svg|csv|tsv|pdf|mp4|webm|ogg|mp3|wav)$/i;

/** True when a linked file may be copied to its own relative path without taking one of the report's. */
function copiesSafely(relative: string): boolean {
  return relative.startsWith("reportables/") || (!relative.includes("/") && LINKABLE_BESIDE.test(relative));
}

/**
 * The files a reportable's HTML links to, copied to the same relative path in the report, so
 * `<img src="reportables/x.png">` and the user guide's `<img src="reportablesx.png">` resolve.
 */
function linkedFiles(r: Reportable): CopiedFile[] {
  // `files` may be absent on a model built by hand (tests, the record runtime's older callers).
  return (r.files ?? [])
    .filter((file) => copiesSafely(file.relative))
    .map((file) => ({ path: file.relative, source: file }));
}

/**
 * A note under a reportable naming the linked files it is not given: at their path the report
 * keeps a page or data of its own (a linked `index.html` replaced the run's page).
 */
function refusedFilesNote(r: Reportable): string {
  const refused = (r.files ?? []).map((file) => file.relative).filter((relative) => !copiesSafely(relative));
  if (refused.length === 0) return "";
  const names = refused.slice(0, 5).map((relative) => `<code>${escapeHtml(clipField(relative, 200))}</code>`);
  const more = refused.length > 5 ? ` and ${refused.length - 5} more` : "";
  return `<p class="note">Not copied into the report: ${names.join(", ")}${more}. A file a reportable links outside <code>reportables/</code> must be an image, media or data file in the run folder itself, so that it cannot take the place of one of the report's own files.</p>`;
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
    const html = fragment.html + refusedFilesNote(r);
    return linked.length === 0 ? { ...fragment, html } : { ...fragment, html, copies: [...fragment.copies, ...linked] };
  } catch (error) {
    return { html: errorBox(failureTitle(r), error), files: [], copies: [] };
  }
}
