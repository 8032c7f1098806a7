/**
 * Single-file reports: one self-contained HTML file per run, for mail, chat and artifact viewers,
 * composed from the report's outputs as the render stream makes them (singleFileSink.ts), never by
 * reading a written folder back. Stylesheets and scripts are inlined (their sha256 hashes go into
 * the CSP instead of 'unsafe-inline'), images become data: URIs (inside srcdoc frames too), and the
 * pages the run page links to first (the aggregate's, the best records') become sections of the
 * file, their ids scoped. Nothing is fetched: the CSP forbids every request that is not a data: URI.
 *
 * Bounded like the run page (issue 21, point 13): at most `maxPages` embedded pages and
 * `maxBytes` in all (check's per-file budget, so a site with single files passes `check`). What
 * is left out is said at the top of the file, and its links lead to the same page or file in the
 * full report folder beside the file.
 */
import { FRAME_STYLE_TEXT } from "../render/reportables/html.js";
import { REPORT_PATHS } from "../render/router.js";
import { DEFAULT_MAX_FILE_BYTES } from "./check.js";
import { scopedId, scopeIds } from "./singleFileIds.js";
import { Budget, dataUri, Inliner, type FoundLink } from "./singleFileInliner.js";
import { singleFileCsp } from "./singleFileParts.js";
import { isPage, type SingleFileSink } from "./singleFileSink.js";
import {
  append,
  element,
  elements,
  find,
  getAttr,
  hasClass,
  insertAfter,
  isForeign,
  parseDocument,
  prepend,
  remove,
  removeAttrs,
  serialize,
  serializeOuter,
  setAttr,
  textOf,
  type Document,
  type Element,
} from "./singleFileTree.js";

/** Largest single file: `check`'s per-file budget (5 MiB), which a single file never passes. */
export const SINGLE_FILE_MAX_BYTES = DEFAULT_MAX_FILE_BYTES;

/** Largest file turned into a data: download link (DOT sources, dag.json, the log); bigger ones link to the full report. */
export const DEFAULT_LINKED_FILE_BYTES = 1024 * 1024;

/** Most pages a single file embeds besides the run page: the aggregate's and the best records' first. */
export const SINGLE_FILE_PAGES = 30;

/** Name of the meta tag holding the digest of the report folder the file was made with (its marker's `output`). */
export const SINGLE_FILE_STAMP = "curi-report-single-file";

/** Options of a single file. */
export interface SingleFileOptions {
  /** Size bound of the whole file in bytes; default `SINGLE_FILE_MAX_BYTES` (5 MiB). */
  readonly maxBytes?: number;
  /** Largest linked file made a data: link; default `DEFAULT_LINKED_FILE_BYTES` (1 MiB). */
  readonly maxLinkedFileBytes?: number;
  /** Most embedded pages; default `SINGLE_FILE_PAGES`. */
  readonly maxPages?: number;
  /** Called with each warning (a linked file missing or too big). */
  readonly onWarning?: (message: string) => void;
}

/** A composed single file and what the reader should know about it. */
export interface SingleFileResult {
  readonly html: string;
  readonly bytes: number;
  readonly warnings: readonly string[];
  /** Pages, files and images of the report that the file leaves out (they are in the full report). */
  readonly leftOut: { readonly pages: number; readonly files: number; readonly images: number };
}

/** What composing needs besides the sink. */
export interface ComposeInput {
  /** The report folder's name: left-out pages and files are linked as `<folder>/<path>`. */
  readonly folder: string;
  /** Digest of the report folder the file is made with, kept in its head (see `singleFileStamp`). */
  readonly stamp: string;
}

/** Room kept for link notes and the notice, which are added after the budget is spent. */
const RESERVE_BYTES = 32 * 1024;

/**
 * Composes the single file of the report the sink received. If the file comes out over its bound
 * (notes and escaping are not foreseen exactly), it is composed again with that much less budget.
 */
export async function composeSingleFile(
  sink: SingleFileSink,
  input: ComposeInput,
  options: SingleFileOptions = {},
): Promise<SingleFileResult> {
  const max = options.maxBytes ?? SINGLE_FILE_MAX_BYTES;
  let limit = max;
  let result = await composeOnce(sink, input, options, limit);
  for (let attempt = 0; attempt < 4 && result.bytes > max; attempt++) {
    limit -= result.bytes - max + RESERVE_BYTES;
    result = await composeOnce(sink, input, options, limit);
  }
  if (result.bytes > max) {
    const warning = `the single file is ${formatSize(result.bytes)}, over its ${formatSize(max)} bound: its run page alone is that big; publish the folder report instead`;
    options.onWarning?.(warning);
    return { ...result, warnings: [...result.warnings, warning] };
  }
  for (const warning of result.warnings) options.onWarning?.(warning);
  return result;
}

/** The digest a single file was made with (see `SINGLE_FILE_STAMP`), or null. */
export function singleFileStamp(html: string): string | null {
  const meta = /<meta name="curi-report-single-file" content="([0-9a-f]{64})">/.exec(html.slice(0, 65536));
  return meta?.[1] ?? null;
}

async function composeOnce(
  sink: SingleFileSink,
  input: ComposeInput,
  options: SingleFileOptions,
  limit: number,
): Promise<SingleFileResult> {
  const warnings: string[] = [];
  const warn = (message: string): void => void warnings.push(message);
  const inliner = new Inliner({ bytes: (rel) => sink.bytes(rel), warn });
  const doc = parseDocument(sink.page(REPORT_PATHS.page) ?? "");
  await inliner.structure(doc, REPORT_PATHS.page, true);
  const budget = new Budget(limit - RESERVE_BYTES - Buffer.byteLength(serialize(doc)));
  await inliner.images(doc, REPORT_PATHS.page, budget);
  const body = find(doc, "body") ?? doc;
  const sections = new Map<string, string>();
  for (const rel of sink.embeddable()) {
    const id = `single-file-${rel.replace(/[^A-Za-z0-9_-]/g, "-")}-${sections.size}`;
    const mark = inliner.links.length;
    const section = await embeddedSection(sink.page(rel) ?? "", rel, id, inliner);
    if (!budget.take(Buffer.byteLength(serializeOuter(section)))) {
      inliner.links.length = mark; // a page left out leaves no links
      continue;
    }
    await inliner.images(section, rel, budget);
    append(body, section);
    sections.set(rel, id);
  }
  for (const script of inliner.deferred) append(body, script);
  const links = new LinkPointer(sink, input.folder, budget, options.maxLinkedFileBytes ?? DEFAULT_LINKED_FILE_BYTES);
  for (const link of inliner.links) await links.point(link, sections, warn);
  const leftOut = { pages: links.pagesLeftOut.size, files: links.filesLeftOut.size, images: inliner.imagesLeftOut };
  notice(doc, input.folder, sections.size, leftOut, options.maxBytes ?? SINGLE_FILE_MAX_BYTES);
  withCsp(doc);
  append(find(doc, "head") ?? doc, element("meta", { name: SINGLE_FILE_STAMP, content: input.stamp }));
  const html = serialize(doc);
  return { html, bytes: Buffer.byteLength(html), warnings, leftOut };
}

/** A page of the report as a section of the single file: its body without scripts and footer, ids scoped. */
async function embeddedSection(html: string, rel: string, id: string, inliner: Inliner): Promise<Element> {
  const page = parseDocument(html);
  const body = find(page, "body") ?? page;
  for (const e of [...elements(body)])
    if (e.nodeName === "script" || (e.nodeName === "footer" && hasClass(e, "page-footer"))) remove(e);
  scopeIds(body, id);
  const section = element("section", { class: "single-file-page", id, "data-page": rel });
  for (const child of [...body.childNodes]) {
    remove(child);
    append(section, child);
  }
  await inliner.structure(section, rel, false);
  return section;
}

/** Points each link where its target ended up: the file itself, a section, a data: download, or the full report. */
class LinkPointer {
  readonly pagesLeftOut = new Set<string>();
  readonly filesLeftOut = new Set<string>();

  constructor(
    private readonly sink: SingleFileSink,
    private readonly folder: string,
    private readonly budget: Budget,
    private readonly maxLinked: number,
  ) {}

  async point(link: FoundLink, sections: ReadonlyMap<string, string>, warn: (message: string) => void): Promise<void> {
    const { element: e, target } = link;
    if (target.kind === "outside") return leftOutNote(e, `${getAttr(e, "href") ?? ""}`, "it leads outside the report");
    const fragment = target.fragment === null ? "" : target.fragment;
    // The run page (or its folder, which serves it) is this file itself.
    if (target.rel === "" || target.rel === REPORT_PATHS.page) return setAttr(e, "href", `#${fragment}`);
    const section = sections.get(target.rel);
    if (section !== undefined) return setAttr(e, "href", `#${fragment === "" ? section : scopedId(section, fragment)}`);
    if (!this.sink.has(target.rel)) {
      warn(`link to ${target.rel} left out of the single file: it is missing from the report`);
      return leftOutNote(e, target.rel, "it is missing from the report");
    }
    if (isPage(target.rel)) {
      this.pagesLeftOut.add(target.rel);
      return this.toFullReport(e, target.rel, fragment);
    }
    await this.download(e, target.rel, fragment, warn);
  }

  /** A file becomes a data: download while it is small enough and fits; else it links to the full report. */
  private async download(e: Element, rel: string, fragment: string, warn: (message: string) => void): Promise<void> {
    const size = await this.sink.sizeOf(rel);
    const bytes = size !== undefined && size <= this.maxLinked ? await this.sink.bytes(rel) : undefined;
    if (bytes !== undefined) {
      const uri = dataUri(rel, bytes);
      if (this.budget.take(uri.length)) {
        setAttr(e, "href", uri);
        if (getAttr(e, "download") === undefined) setAttr(e, "download", rel.split("/").pop() ?? rel);
        return;
      }
    } else if (size !== undefined && size > this.maxLinked)
      warn(
        `link to ${rel} leads to the full report: it is ${formatSize(size)}, over the ${formatSize(this.maxLinked)} limit for a linked file`,
      );
    this.filesLeftOut.add(rel);
    this.toFullReport(e, rel, fragment);
  }

  private toFullReport(e: Element, rel: string, fragment: string): void {
    const href = [this.folder, ...rel.split("/")].map(encodeURIComponent).join("/");
    setAttr(e, "href", fragment === "" ? href : `${href}#${encodeURIComponent(fragment)}`);
    setAttr(e, "title", `${rel} is not in this single file: this opens it in the full report`);
  }
}

/** A link to something the file cannot hold: no href, and a visible note saying why. */
function leftOutNote(e: Element, name: string, why: string): void {
  removeAttrs(e, "href", "download", "ping", "target", "title");
  setAttr(e, "title", `${name}: ${why}`);
  // HTML notes cannot go inside SVG; there the title says it.
  if (!isForeign(e))
    insertAfter(e, element("small", { class: "single-file-note" }, ` (left out of this single file: ${why})`));
}

/** States at the top of the file what it left out and where the rest is. */
function notice(
  doc: Document,
  folder: string,
  embedded: number,
  leftOut: SingleFileResult["leftOut"],
  max: number,
): void {
  const parts = [
    counted(leftOut.pages, "page"),
    counted(leftOut.files, "linked file"),
    counted(leftOut.images, "image"),
  ].filter((p) => p !== "");
  if (parts.length === 0) return;
  const p = element("p", { class: "note single-file-bound" });
  append(
    p,
    element(
      "span",
      {},
      `This single file holds the run page and ${counted(embedded, "page") || "no page"} of the report (the aggregate's and the best records' first), ` +
        `and stays under ${formatSize(max)}: ${parts.join(", ")} are left out and open in the full report, `,
    ),
  );
  append(p, element("a", { href: `${encodeURIComponent(folder)}/${REPORT_PATHS.page}` }, `${folder}/`));
  append(p, element("span", {}, ", beside this file where it is published."));
  const main = find(doc, "main") ?? find(doc, "body") ?? doc;
  prepend(main, p);
}

/** Replaces (or adds) the CSP meta tag with one that allows exactly the inline blocks present. */
function withCsp(doc: Document): void {
  const blocks = { style: [] as string[], script: [] as string[] };
  let meta: Element | undefined;
  for (const e of elements(doc)) {
    if (isForeign(e)) continue;
    // srcdoc frames inherit this policy: their own style block (see html.ts) must be allowed too.
    if (e.nodeName === "iframe" && getAttr(e, "srcdoc") !== undefined) blocks.style.push(FRAME_STYLE_TEXT);
    if ((e.nodeName === "style" || (e.nodeName === "script" && getAttr(e, "src") === undefined)) && textOf(e) !== "")
      blocks[e.nodeName].push(textOf(e));
    if (
      meta === undefined &&
      e.nodeName === "meta" &&
      (getAttr(e, "http-equiv") ?? "").toLowerCase() === "content-security-policy"
    )
      meta = e;
  }
  const content = singleFileCsp(meta === undefined ? undefined : getAttr(meta, "content"), blocks);
  if (meta !== undefined) return setAttr(meta, "content", content);
  // No policy yet: put one first in <head> (a meta CSP only covers what follows it).
  prepend(find(doc, "head") ?? doc, element("meta", { "http-equiv": "Content-Security-Policy", content }));
}

/** `3 pages`, `1 image`; empty for none. */
function counted(n: number, noun: string): string {
  return n === 0 ? "" : `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** A size as people read it: `6.2 KiB`, `1.5 MiB`. */
function formatSize(bytes: number): string {
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${bytes} B`;
}
