/**
 * The inliner of single files (singleFile.ts): reads the files of one report folder and turns
 * every reference to them in a page into inline content: stylesheets and scripts inlined, images
 * as data: URIs, links to other report pages to the sections that embed them, other files as
 * data: downloads or left out with a visible note.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { REPORT_PATHS } from "../render/router.js";
import { attr, scanHtml, srcsetUrls, type HtmlTag } from "./htmlScan.js";
import { isInside } from "./safeOutputPath.js";
import { contentType } from "./serve.js";
import { scopedId } from "./singleFileIds.js";
import { classifyUrl, decodePath } from "./siteRefs.js";
import { applyEdits, escapeAttr, inlineCss, type Edit, type FileSource, type ResolvedRef } from "./singleFileParts.js";

/** Reads files of one report folder and turns references to them into inline content. */
export class Inliner implements FileSource {
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
      else if (tag.name === "script" && attr(tag, "src") !== undefined)
        edits.push(...(await this.script(html, tags, i, pageRel, deferred)));
      else if (tag.name === "style" && tag.text) {
        const css = await inlineCss(html.slice(tag.text.start, tag.text.end), pageRel, this, 0);
        edits.push({ start: tag.text.start, end: tag.text.end, text: css.replace(/<\/style/gi, "<\\/style") });
      } else if (tag.name === "a" || tag.name === "area") edits.push(...(await this.anchor(tag, tags, i, pageRel)));
      else edits.push(...(await this.attributes(tag, pageRel)));
    }
    const body = tags.findLast((t) => t.closing && t.name === "body");
    if (deferred.length > 0)
      edits.push({ start: body?.start ?? html.length, end: body?.start ?? html.length, text: deferred.join("\n") });
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
  private async script(
    html: string,
    tags: readonly HtmlTag[],
    i: number,
    pageRel: string,
    deferred: string[],
  ): Promise<Edit[]> {
    const tag = tags[i] as HtmlTag;
    const close =
      tags[i + 1]?.closing && tags[i + 1]?.name === "script"
        ? (tags[i + 1] as HtmlTag).end
        : (tag.text?.end ?? tag.end);
    const target = this.resolve(attr(tag, "src") ?? "", pageRel);
    if (target === undefined) return [];
    const code = target.kind === "outside" ? undefined : await this.bytes(target.rel);
    if (code === undefined) {
      this.warn(`script ${attr(tag, "src") ?? ""} is not in the report folder; left out of the single file`);
      return [{ start: tag.start, end: close, text: "" }];
    }
    const kept = tag.attrs.filter((a) => !["src", "defer", "async", "integrity", "crossorigin"].includes(a.name));
    const attrs = kept.map((a) => (a.valueStart < 0 ? ` ${a.name}` : ` ${a.name}="${escapeAttr(a.value)}"`)).join("");
    const safe = code
      .toString("utf8")
      .replace(/<\/script/gi, "<\\/script")
      .replace(/<!--/g, "<\\!--");
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
    if (target.kind === "file" && (target.rel === "" || target.rel === REPORT_PATHS.page))
      return replaceAttr(tag, href.name, target.fragment === null ? "#" : `#${target.fragment}`);
    const name = target.kind === "outside" ? href.value : target.rel;
    const data = target.kind === "outside" ? undefined : await this.bytes(target.rel);
    if (data !== undefined && data.length <= this.maxLinked && !/\.x?html?$/i.test(name)) {
      const uri = `data:${contentType(name).replace(/;\s*/g, ";")};base64,${data.toString("base64")}`;
      const download =
        attr(tag, "download") === undefined ? ` download="${escapeAttr(path.posix.basename(name))}"` : "";
      return replaceAttr(tag, href.name, uri, download);
    }
    // Another page of the report is embedded as a section of this file; the link leads there.
    // The section's ids carry its id as a prefix (see withEmbeddedPages); a link within the page stays within it.
    if (data !== undefined && target.kind === "file" && /\.x?html?$/i.test(name)) {
      const section = this.embed(target.rel);
      return replaceAttr(
        tag,
        href.name,
        target.fragment === null ? `#${section}` : `#${scopedId(section, target.fragment)}`,
      );
    }
    const why =
      target.kind === "outside"
        ? "it leads outside the report"
        : data === undefined
          ? "it is missing from the report folder"
          : `it is ${formatSize(data.length)}, over the ${formatSize(this.maxLinked)} limit for a linked file`;
    if (target.kind !== "outside") this.warn(`link to ${name} left out of the single file: ${why}`);
    const closeA = tags.slice(i + 1).find((t) => t.closing && t.name === tag.name);
    const note = ` <small class="single-file-note">(left out of this single file: ${escapeAttr(why)})</small>`;
    const kept = tag.attrs.filter(
      (a) => !["href", "xlink:href", "download", "ping", "target", "title"].includes(a.name),
    );
    const attrs = kept.map((a) => (a.valueStart < 0 ? ` ${a.name}` : ` ${a.name}="${escapeAttr(a.value)}"`)).join("");
    const edits: Edit[] = [
      { start: tag.start, end: tag.end, text: `<${tag.name}${attrs} title="${escapeAttr(`${name}: ${why}`)}">` },
    ];
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
      if (
        ["src", "poster"].includes(a.name) ||
        ((a.name === "href" || a.name === "xlink:href") && ["image", "feimage", "use"].includes(tag.name))
      ) {
        const target = this.resolve(a.value, pageRel);
        if (target !== undefined && target.kind === "file")
          value = (await this.dataUri(target.rel, `${tag.name} ${a.name}`)) ?? "";
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
      if (value !== undefined && value !== a.value)
        edits.push({
          start: a.valueStart,
          end: a.valueEnd,
          text: a.quote === "" ? `"${escapeAttr(value)}"` : escapeAttr(value),
        });
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
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${bytes} B`;
}

/** Edits that set attribute `name` to `value` (adding it when absent), plus `extra` attribute text after the tag name. */
function replaceAttr(tag: HtmlTag, name: string, value: string, extra = ""): Edit[] {
  const afterName = tag.start + 1 + tag.name.length;
  const a = tag.attrs.find((x) => x.name === name);
  const edits: Edit[] = extra === "" ? [] : [{ start: afterName, end: afterName, text: extra }];
  if (a === undefined || a.valueStart < 0)
    return [...edits, { start: afterName, end: afterName, text: ` ${name}="${escapeAttr(value)}"` }];
  const text = a.quote === "" ? `"${escapeAttr(value)}"` : escapeAttr(value);
  return [...edits, { start: a.valueStart, end: a.valueEnd, text }];
}
