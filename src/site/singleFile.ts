/**
 * Single-file reports: one self-contained HTML file per run, for mail, chat and artifact viewers.
 * Stylesheets and scripts are inlined (their sha256 hashes go into the CSP instead of
 * 'unsafe-inline'), images become data: URIs (inside srcdoc frames too), inline SVG stays as it is, and
 * links to the report's other files become data: downloads or are left out with a visible note.
 * Nothing is fetched: the CSP keeps forbidding every request that is not a data: URI.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { FRAME_STYLE_TEXT } from "../render/reportables/html.js";
import { REPORT_PATHS } from "../render/router.js";
import { InputNotFoundError } from "../util/errors.js";
import { FileSystemReportFiles } from "./FileSystemReportFiles.js";
import { attr, scanHtml, srcsetUrls, type HtmlTag } from "./htmlScan.js";
import { scopedId, scopeIds } from "./singleFileIds.js";
import { isInside } from "./safeOutputPath.js";
import { contentType } from "./serve.js";
import { classifyUrl, decodePath } from "./siteRefs.js";
import { applyEdits, escapeAttr, inlineCss, singleFileCsp, type Edit, type FileSource, type ResolvedRef } from "./singleFileParts.js";

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
    throw new InputNotFoundError(`${reportDir} does not exist; build the report first (curi-report <run folder>).`, { cause: error });
  });
  const page = await readFile(path.join(root, REPORT_PATHS.page), "utf8").catch((error: unknown) => {
    throw new InputNotFoundError(`${path.join(reportDir, REPORT_PATHS.page)} does not exist; pass a report folder built by curi-report.`, { cause: error });
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
  if (bytes > max) warn(`the single file is ${(bytes / 1048576).toFixed(1)} MiB, over the ${(max / 1048576).toFixed(1)} MiB budget: it may open slowly; publish the folder report instead`);
  return { html, bytes, warnings };
}

/** Writes `<outDir>/<folder>.html` from the report folder `<outDir>/<folder>/`. Returns its path and warnings. */
export async function writeSingleFile(outDir: string, folder: string, options: SingleFileOptions = {}): Promise<{ readonly file: string; readonly result: SingleFileResult }> {
  const result = await buildSingleFile(path.join(outDir, folder), options);
  const files = new FileSystemReportFiles(outDir);
  await files.write(`${folder}.html`, result.html);
  return { file: path.join(path.resolve(outDir), `${folder}.html`), result };
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
    sections.push(`<section class="single-file-page" id="${escapeAttr(next.id)}" data-page="${escapeAttr(next.rel)}">\n${bodyContent(page)}\n</section>`);
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
    if (tag.name !== "script" && !(tag.name === "footer" && /(^|\s)page-footer(\s|$)/.test(attr(tag, "class") ?? ""))) continue;
    const close = tags.slice(i + 1).find((t) => t.closing && t.name === tag.name);
    if (close !== undefined && close.end <= end) edits.push({ start: tag.start - start, end: close.end - start, text: "" });
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
    if (tag.name === "meta" && (attr(tag, "http-equiv") ?? "").toLowerCase() === "content-security-policy" && cspTag === undefined) cspTag = tag;
  }
  const content = cspTag === undefined ? undefined : attr(cspTag, "content");
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(singleFileCsp(content, hashes))}">`;
  if (cspTag !== undefined) return `${html.slice(0, cspTag.start)}${meta}${html.slice(cspTag.end)}`;
  // No policy yet: put one first in <head> (a meta CSP only covers what follows it).
  const head = tags.find((t) => t.name === "head" && !t.closing);
  const at = head?.end ?? 0;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}

/** Reads files of one report folder and turns references to them into inline content. */
class Inliner implements FileSource {
  /** Report pages linked from the single file, by path, with the id of their section. */
  private readonly pages = new Map<string, string>();
  private readonly pending: { rel: string; id: string }[] = [];

  constructor(
    private readonly root: string,
    private readonly maxLinked: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** Resolves `url` as written in the file at `fromRel`; undefined when it is not a local file reference. */
  resolve(url: string, fromRel: string): ResolvedRef | undefined {
    const kind = classifyUrl(url);
    if (kind.type !== "relative") return undefined;
    const decoded = decodePath(kind.path);
    if (decoded === undefined) return { kind: "outside" };
    const rel = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), decoded)).replace(/(.)\/$/, "$1");
    if (rel === ".." || rel.startsWith("../") || rel.startsWith("/")) return { kind: "outside" };
    return { kind: "file", rel: rel === "." ? "" : rel, fragment: kind.fragment };
  }

  /** The id of the section that embeds the report page `rel` (queued for `nextPage` the first time). */
  embed(rel: string): string {
    let id = this.pages.get(rel);
    if (id === undefined) {
      id = `single-file-${rel.replace(/[^A-Za-z0-9_-]/g, "-")}-${this.pages.size}`;
      this.pages.set(rel, id);
      this.pending.push({ rel, id });
    }
    return id;
  }

  /** The next linked page to embed, if any. */
  nextPage(): { rel: string; id: string } | undefined {
    return this.pending.shift();
  }

  /** Bytes of a report file, or undefined when it is missing, not a file, or leads outside the folder. */
  async bytes(rel: string): Promise<Buffer | undefined> {
    if (rel === "") return undefined;
    const abs = path.join(this.root, ...rel.split("/"));
    const real = await realpath(abs).catch(() => undefined);
    if (real === undefined || !isInside(this.root, real) || !(await stat(real)).isFile()) return undefined;
    return readFile(real);
  }

  /** A data: URI of a report file, or undefined (with a warning) when it cannot be read. */
  async dataUri(rel: string, what: string): Promise<string | undefined> {
    const data = await this.bytes(rel);
    if (data === undefined) {
      this.warn(`${what} ${rel} is missing from the report folder; left out of the single file`);
      return undefined;
    }
    return `data:${contentType(rel).replace(/;\s*/g, ";")};base64,${data.toString("base64")}`;
  }

  /** Inlines everything one HTML page refers to. */
  async page(html: string, pageRel: string): Promise<string> {
    const tags = scanHtml(html);
    const edits: Edit[] = [];
    const deferred: string[] = [];
    for (const [i, tag] of tags.entries()) {
      if (tag.closing) continue;
      if (tag.name === "link") edits.push(...(await this.link(tag, pageRel)));
      else if (tag.name === "script" && attr(tag, "src") !== undefined) edits.push(...(await this.script(html, tags, i, pageRel, deferred)));
      else if (tag.name === "style" && tag.text) {
        const css = await inlineCss(html.slice(tag.text.start, tag.text.end), pageRel, this, 0);
        edits.push({ start: tag.text.start, end: tag.text.end, text: css.replace(/<\/style/gi, "<\\/style") });
      } else if (tag.name === "a" || tag.name === "area") edits.push(...(await this.anchor(tag, tags, i, pageRel)));
      else edits.push(...(await this.attributes(tag, pageRel)));
    }
    const body = tags.findLast((t) => t.closing && t.name === "body");
    if (deferred.length > 0) edits.push({ start: body?.start ?? html.length, end: body?.start ?? html.length, text: deferred.join("\n") });
    return applyEdits(html, edits);
  }

  /** `<link rel=stylesheet>` becomes `<style>`; other local links become data: URIs or go. */
  private async link(tag: HtmlTag, pageRel: string): Promise<Edit[]> {
    const href = attr(tag, "href");
    const target = href === undefined ? undefined : this.resolve(href, pageRel);
    if (target === undefined) return [];
    const rels = (attr(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const remove: Edit = { start: tag.start, end: tag.end, text: "" };
    if (target.kind === "outside") return [remove];
    if (rels.includes("stylesheet")) {
      const data = await this.bytes(target.rel);
      if (data === undefined) {
        this.warn(`stylesheet ${target.rel} is missing from the report folder; left out of the single file`);
        return [remove];
      }
      const css = await inlineCss(data.toString("utf8"), target.rel, this, 0);
      const media = attr(tag, "media");
      const open = media === undefined ? "<style>" : `<style media="${escapeAttr(media)}">`;
      return [{ start: tag.start, end: tag.end, text: `${open}${css.replace(/<\/style/gi, "<\\/style")}</style>` }];
    }
    const uri = await this.dataUri(target.rel, "linked file");
    return uri === undefined ? [remove] : replaceAttr(tag, "href", uri);
  }

  /** `<script src>` becomes an inline script; a deferred one moves to the end of `<body>`. */
  private async script(html: string, tags: readonly HtmlTag[], i: number, pageRel: string, deferred: string[]): Promise<Edit[]> {
    const tag = tags[i] as HtmlTag;
    const close = tags[i + 1]?.closing && tags[i + 1]?.name === "script" ? (tags[i + 1] as HtmlTag).end : (tag.text?.end ?? tag.end);
    const target = this.resolve(attr(tag, "src") ?? "", pageRel);
    if (target === undefined) return [];
    const code = target.kind === "outside" ? undefined : await this.bytes(target.rel);
    if (code === undefined) {
      this.warn(`script ${attr(tag, "src") ?? ""} is not in the report folder; left out of the single file`);
      return [{ start: tag.start, end: close, text: "" }];
    }
    const kept = tag.attrs.filter((a) => !["src", "defer", "async", "integrity", "crossorigin"].includes(a.name));
    const attrs = kept.map((a) => (a.valueStart < 0 ? ` ${a.name}` : ` ${a.name}="${escapeAttr(a.value)}"`)).join("");
    const safe = code.toString("utf8").replace(/<\/script/gi, "<\\/script").replace(/<!--/g, "<\\!--");
    const inline = `<script${attrs}>${safe}</script>`;
    // Inline scripts cannot be deferred: running at the end of <body> is what `defer` meant.
    if (attr(tag, "defer") !== undefined || attr(tag, "async") !== undefined) {
      deferred.push(inline);
      return [{ start: tag.start, end: close, text: "" }];
    }
    return [{ start: tag.start, end: close, text: inline }];
  }

  /** Links to the page itself become `#…`; to other report files, data: downloads; leaving the report, a note. */
  private async anchor(tag: HtmlTag, tags: readonly HtmlTag[], i: number, pageRel: string): Promise<Edit[]> {
    // SVG links (graphviz's) may use xlink:href.
    const href = tag.attrs.find((a) => a.name === "href" || a.name === "xlink:href");
    const target = href === undefined ? undefined : this.resolve(href.value, pageRel);
    if (href === undefined || target === undefined) return this.attributes(tag, pageRel);
    // The page itself (or its folder, which serves it) becomes a same-document link.
    // From an embedded page, the report page is this file itself too.
    if (target.kind === "file" && (target.rel === "" || target.rel === REPORT_PATHS.page)) return replaceAttr(tag, href.name, target.fragment === null ? "#" : `#${target.fragment}`);
    const name = target.kind === "outside" ? href.value : target.rel;
    const data = target.kind === "outside" ? undefined : await this.bytes(target.rel);
    if (data !== undefined && data.length <= this.maxLinked && !/\.x?html?$/i.test(name)) {
      const uri = `data:${contentType(name).replace(/;\s*/g, ";")};base64,${data.toString("base64")}`;
      const download = attr(tag, "download") === undefined ? ` download="${escapeAttr(path.posix.basename(name))}"` : "";
      return replaceAttr(tag, href.name, uri, download);
    }
    // Another page of the report is embedded as a section of this file; the link leads there.
    // The section's ids carry its id as a prefix (see withEmbeddedPages); a link within the page stays within it.
    if (data !== undefined && target.kind === "file" && /\.x?html?$/i.test(name)) {
      const section = this.embed(target.rel);
      return replaceAttr(tag, href.name, target.fragment === null ? `#${section}` : `#${scopedId(section, target.fragment)}`);
    }
    const why = target.kind === "outside" ? "it leads outside the report" : data === undefined ? "it is missing from the report folder" : `it is ${formatSize(data.length)}, over the ${formatSize(this.maxLinked)} limit for a linked file`;
    if (target.kind !== "outside") this.warn(`link to ${name} left out of the single file: ${why}`);
    const closeA = tags.slice(i + 1).find((t) => t.closing && t.name === tag.name);
    const note = ` <small class="single-file-note">(left out of this single file: ${escapeAttr(why)})</small>`;
    const kept = tag.attrs.filter((a) => !["href", "xlink:href", "download", "ping", "target", "title"].includes(a.name));
    const attrs = kept.map((a) => (a.valueStart < 0 ? ` ${a.name}` : ` ${a.name}="${escapeAttr(a.value)}"`)).join("");
    const edits: Edit[] = [{ start: tag.start, end: tag.end, text: `<${tag.name}${attrs} title="${escapeAttr(`${name}: ${why}`)}">` }];
    // HTML notes cannot go inside SVG; there the title says it.
    if (closeA !== undefined && !tag.foreign) edits.push({ start: closeA.end, end: closeA.end, text: note });
    return edits;
  }

  /** src, poster, srcset, SVG hrefs and CSS url()s of any other tag become data: URIs. */
  private async attributes(tag: HtmlTag, pageRel: string): Promise<Edit[]> {
    const edits: Edit[] = [];
    for (const a of tag.attrs) {
      if (a.valueStart < 0) continue;
      let value: string | undefined;
      if (["src", "poster"].includes(a.name) || ((a.name === "href" || a.name === "xlink:href") && ["image", "feimage", "use"].includes(tag.name))) {
        const target = this.resolve(a.value, pageRel);
        if (target !== undefined && target.kind === "file") value = (await this.dataUri(target.rel, `${tag.name} ${a.name}`)) ?? "";
        else if (target !== undefined) value = "";
      } else if (a.name === "srcset") {
        value = await this.srcset(a.value, pageRel);
      } else if (a.name === "srcdoc" && tag.name === "iframe") {
        // An HTML reportable's frame: its document resolves against this page, so the files it
        // names (a custom reportable's linked images) are inlined the same way.
        value = await this.page(a.value, pageRel);
      } else if (a.name === "style" || /^(fill|stroke|clip-path|mask|filter|marker-(start|mid|end))$/.test(a.name)) {
        value = await inlineCss(a.value, pageRel, this, 0);
      }
      if (value !== undefined && value !== a.value) edits.push({ start: a.valueStart, end: a.valueEnd, text: a.quote === "" ? `"${escapeAttr(value)}"` : escapeAttr(value) });
    }
    return edits;
  }

  private async srcset(value: string, pageRel: string): Promise<string> {
    let out = value;
    for (const url of srcsetUrls(value)) {
      const target = this.resolve(url, pageRel);
      if (target === undefined || target.kind === "outside") continue;
      out = out.replace(url, (await this.dataUri(target.rel, "srcset image")) ?? "");
    }
    return out;
  }
}

/** A size as people read it: `6.2 KiB`, `1.5 MiB`. */
function formatSize(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} B`;
}

/** Edits that set attribute `name` to `value` (adding it when absent), plus `extra` attribute text after the tag name. */
function replaceAttr(tag: HtmlTag, name: string, value: string, extra = ""): Edit[] {
  const afterName = tag.start + 1 + tag.name.length;
  const a = tag.attrs.find((x) => x.name === name);
  const edits: Edit[] = extra === "" ? [] : [{ start: afterName, end: afterName, text: extra }];
  if (a === undefined || a.valueStart < 0) return [...edits, { start: afterName, end: afterName, text: ` ${name}="${escapeAttr(value)}"` }];
  const text = a.quote === "" ? `"${escapeAttr(value)}"` : escapeAttr(value);
  return [...edits, { start: a.valueStart, end: a.valueEnd, text }];
}
