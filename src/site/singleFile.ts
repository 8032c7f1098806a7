/**
 * Single-file reports: one self-contained HTML file per run, for mail, chat and artifact viewers.
 * Stylesheets and scripts are inlined (their sha256 hashes go into the CSP instead of
 * 'unsafe-inline'), images become data: URIs (inside srcdoc frames too), inline SVG stays as it is, and
 * links to the report's other files become data: downloads or are left out with a visible note.
 * Nothing is fetched: the CSP keeps forbidding every request that is not a data: URI.
 */
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { FRAME_STYLE_TEXT } from "../render/reportables/html.js";
import { REPORT_PATHS, singleFilePath } from "../render/router.js";
import { InputNotFoundError } from "../util/errors.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import { attr, scanHtml, type HtmlTag } from "./htmlScan.js";
import { scopeIds } from "./singleFileIds.js";
import { Inliner } from "./singleFileInliner.js";
import { applyEdits, escapeAttr, singleFileCsp, type Edit } from "./singleFileParts.js";

/** Default budget of a single file: past it the result is still written, with a warning. */
export const DEFAULT_SINGLE_FILE_BYTES = 10 * 1024 * 1024;

/** Largest file turned into a data: download link (DOT sources, dag.json, the log); bigger ones are left out. */
export const DEFAULT_LINKED_FILE_BYTES = 1024 * 1024;

/** Options of the single-file builder. */
export interface SingleFileOptions {
  /** Size budget of the whole file in bytes; default `DEFAULT_SINGLE_FILE_BYTES` (10 MiB). */
  readonly maxBytes?: number;
  /** Largest linked file made a data: link; default `DEFAULT_LINKED_FILE_BYTES` (1 MiB). */
  readonly maxLinkedFileBytes?: number;
  /** Called with each warning (over budget, a file left out). */
  readonly onWarning?: (message: string) => void;
}

/** A built single file and what the reader should know about it. */
export interface SingleFileResult {
  readonly html: string;
  readonly bytes: number;
  readonly warnings: readonly string[];
}

/** Builds the single-file HTML of the report folder `reportDir` (which holds `index.html`). */
export async function singleFileReport(reportDir: string, options: SingleFileOptions = {}): Promise<string> {
  return (await buildSingleFile(reportDir, options)).html;
}

/** Like `singleFileReport`, also returning the size and the warnings. */
export async function buildSingleFile(reportDir: string, options: SingleFileOptions = {}): Promise<SingleFileResult> {
  const root = await realpath(reportDir).catch((error: unknown) => {
    throw new InputNotFoundError(`${reportDir} does not exist; build the report first (curi-report <run folder>).`, {
      cause: error,
    });
  });
  const page = await readFile(path.join(root, REPORT_PATHS.page), "utf8").catch((error: unknown) => {
    throw new InputNotFoundError(
      `${path.join(reportDir, REPORT_PATHS.page)} does not exist; pass a report folder built by curi-report.`,
      { cause: error },
    );
  });
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const inliner = new Inliner(root, options.maxLinkedFileBytes ?? DEFAULT_LINKED_FILE_BYTES, warn);
  const main = await inliner.page(page, REPORT_PATHS.page);
  const html = withCsp(await withEmbeddedPages(main, inliner));
  const bytes = Buffer.byteLength(html, "utf8");
  const max = options.maxBytes ?? DEFAULT_SINGLE_FILE_BYTES;
  if (bytes > max)
    warn(
      `the single file is ${(bytes / 1048576).toFixed(1)} MiB, over the ${(max / 1048576).toFixed(1)} MiB budget: it may open slowly; publish the folder report instead`,
    );
  return { html, bytes, warnings };
}

/** Writes `<outDir>/<folder>.html` from the report folder `<outDir>/<folder>/`. Returns its path and warnings. */
export async function writeSingleFile(
  outDir: string,
  folder: string,
  options: SingleFileOptions = {},
): Promise<{ readonly file: string; readonly result: SingleFileResult }> {
  const result = await buildSingleFile(path.join(outDir, folder), options);
  const files = new FileSystemReportFiles(outDir);
  await files.write(singleFilePath(folder), result.html);
  return { file: path.join(path.resolve(outDir), singleFilePath(folder)), result };
}

/**
 * Appends every page of the report that the single file links to (record pages), each as a
 * section at the end of the body with its links, images and styles inlined like the main page's:
 * the links to it lead to the section, and its `data-page` names the page of the report folder it
 * shows. Its ids are prefixed by the section's id (singleFileIds.ts), so they stay unique in the
 * file. Pages linked from embedded pages are embedded too, once.
 */
async function withEmbeddedPages(main: string, inliner: Inliner): Promise<string> {
  const sections: string[] = [];
  for (let next = inliner.nextPage(); next !== undefined; next = inliner.nextPage()) {
    const data = await inliner.bytes(next.rel);
    if (data === undefined) continue;
    const page = await inliner.page(scopeIds(data.toString("utf8"), next.id), next.rel);
    sections.push(
      `<section class="single-file-page" id="${escapeAttr(next.id)}" data-page="${escapeAttr(next.rel)}">\n${bodyContent(page)}\n</section>`,
    );
  }
  if (sections.length === 0) return main;
  const close = main.lastIndexOf("</body>");
  const at = close < 0 ? main.length : close;
  return `${main.slice(0, at)}${sections.join("\n")}\n${main.slice(at)}`;
}

/** What a page shows: its body without scripts (the main page's run once) and without its footer. */
function bodyContent(html: string): string {
  const tags = scanHtml(html);
  const start = tags.find((t) => t.name === "body" && !t.closing)?.end ?? 0;
  const end = tags.findLast((t) => t.name === "body" && t.closing)?.start ?? html.length;
  const edits: Edit[] = [];
  for (const [i, tag] of tags.entries()) {
    if (tag.closing || tag.start < start || tag.end > end) continue;
    if (tag.name !== "script" && !(tag.name === "footer" && /(^|\s)page-footer(\s|$)/.test(attr(tag, "class") ?? "")))
      continue;
    const close = tags.slice(i + 1).find((t) => t.closing && t.name === tag.name);
    if (close !== undefined && close.end <= end)
      edits.push({ start: tag.start - start, end: close.end - start, text: "" });
  }
  return applyEdits(html.slice(start, end), edits);
}

/** Replaces (or adds) the CSP meta tag with one that allows exactly the inline blocks present. */
function withCsp(html: string): string {
  const tags = scanHtml(html);
  // srcdoc frames inherit this policy: their own style block (see html.ts) must be allowed too.
  const hashes = { style: html.includes("srcdoc=") ? [FRAME_STYLE_TEXT] : ([] as string[]), script: [] as string[] };
  let cspTag: HtmlTag | undefined;
  for (const tag of tags) {
    if (tag.closing || tag.foreign) continue;
    if ((tag.name === "style" || (tag.name === "script" && attr(tag, "src") === undefined)) && tag.text) {
      hashes[tag.name].push(html.slice(tag.text.start, tag.text.end));
    }
    if (
      tag.name === "meta" &&
      (attr(tag, "http-equiv") ?? "").toLowerCase() === "content-security-policy" &&
      cspTag === undefined
    )
      cspTag = tag;
  }
  const content = cspTag === undefined ? undefined : attr(cspTag, "content");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(singleFileCsp(content, hashes))}">`;
  if (cspTag !== undefined) return `${html.slice(0, cspTag.start)}${meta}${html.slice(cspTag.end)}`;
  // No policy yet: put one first in <head> (a meta CSP only covers what follows it).
  const head = tags.find((t) => t.name === "head" && !t.closing);
  const at = head?.end ?? 0;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}
