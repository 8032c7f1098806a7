/**
 * Inlines what one page of a single file names (on its parsed tree, see singleFileTree.ts):
 * stylesheets and scripts become inline blocks, images data: URIs while the file's byte budget
 * allows, frames' documents the same inside their `srcdoc`. Links are only collected here: where
 * each leads is decided once every page is in (singleFile.ts), so a link can lead to a page's
 * section only when that page made it into the file.
 */
import { contentType } from "./serve.js";
import { srcsetUrls } from "./htmlScan.js";
import { inlineCss, type FileSource } from "./singleFileParts.js";
import { resolveRef, type ResolvedRef } from "./singleFileSink.js";
import {
  element,
  elements,
  getAttr,
  insertAfter,
  parseDocument,
  remove,
  removeAttrs,
  serialize,
  setAttr,
  setText,
  textOf,
  type Element,
  type ParentNode,
} from "./singleFileTree.js";

/** Bytes the single file may still take. */
export class Budget {
  constructor(public remaining: number) {}

  /** Takes `bytes` when they fit; false (taking nothing) when not. */
  take(bytes: number): boolean {
    if (bytes > this.remaining) return false;
    this.remaining -= bytes;
    return true;
  }
}

/** A link found in a page, to be pointed where its target ends up. */
export interface FoundLink {
  readonly element: Element;
  /** `href` (also for SVG's `xlink:href`). */
  readonly target: ResolvedRef;
  /** The page it was found in. */
  readonly from: string;
}

/** Where the inliner reads report files and tells what it left out. */
export interface InlineSource {
  bytes(rel: string): Promise<Uint8Array | undefined>;
  warn(message: string): void;
}

/** A data: URI of `bytes` named `rel`. */
export function dataUri(rel: string, bytes: Uint8Array): string {
  return `data:${contentType(rel).replace(/;\s*/g, ";")};base64,${Buffer.from(bytes).toString("base64")}`;
}

/** Inlines the pages of one single file; collects their links and scripts to run at the end. */
export class Inliner implements FileSource {
  readonly links: FoundLink[] = [];
  /** Deferred scripts of the run page, run at the end of its body as `defer` meant. */
  readonly deferred: Element[] = [];
  /** How many images were left out for the budget. */
  imagesLeftOut = 0;

  constructor(private readonly source: InlineSource) {}

  /** FileSource for CSS: resolves a URL of a report file. */
  resolve(url: string, fromRel: string): ResolvedRef | undefined {
    return resolveRef(url, fromRel);
  }

  /** FileSource for CSS: bytes of a report file. */
  async bytes(rel: string): Promise<Buffer | undefined> {
    const bytes = rel === "" ? undefined : await this.source.bytes(rel);
    return bytes === undefined ? undefined : Buffer.from(bytes);
  }

  /** FileSource for CSS: a data: URI of a report file (style sheets' images and fonts are always kept). */
  async dataUri(rel: string, what: string): Promise<string | undefined> {
    const bytes = await this.bytes(rel);
    if (bytes === undefined) this.source.warn(`${what} ${rel} is missing from the report; left out of the single file`);
    return bytes === undefined ? undefined : dataUri(rel, bytes);
  }

  /** Inlines the style sheets and scripts of the page `rel`, and collects its links. */
  async structure(root: ParentNode, rel: string, defer: boolean): Promise<void> {
    for (const e of [...elements(root)]) {
      if (e.nodeName === "link") await this.link(e, rel);
      else if (e.nodeName === "script" && getAttr(e, "src") !== undefined) await this.script(e, rel, defer);
      else if (e.nodeName === "style") setText(e, escapeStyle(await inlineCss(textOf(e), rel, this, 0)));
      else if (e.nodeName === "a" || e.nodeName === "area") this.anchor(e, rel);
      for (const a of e.attrs)
        if (a.name === "style" || /^(fill|stroke|clip-path|mask|filter|marker-(start|mid|end))$/.test(a.name))
          a.value = await inlineCss(a.value, rel, this, 0);
    }
  }

  /** Makes the images of the page `rel` data: URIs while `budget` allows; frames' documents too. */
  async images(root: ParentNode, rel: string, budget: Budget): Promise<void> {
    for (const e of [...elements(root)]) {
      for (const name of ["src", "poster", "href"]) {
        const url = getAttr(e, name);
        if (url === undefined || (name === "href" && !["image", "feimage", "use"].includes(e.nodeName.toLowerCase())))
          continue;
        const ref = resolveRef(url, rel);
        if (ref !== undefined) await this.image(e, name, ref, budget);
      }
      const srcset = getAttr(e, "srcset");
      if (srcset !== undefined) await this.srcset(e, srcset, rel, budget);
      const srcdoc = e.nodeName === "iframe" ? getAttr(e, "srcdoc") : undefined;
      // An HTML reportable's frame: its document resolves against this page, so the files it
      // names (a custom reportable's linked images) are inlined the same way.
      if (srcdoc !== undefined) setAttr(e, "srcdoc", await this.frame(srcdoc, rel, budget));
    }
  }

  private async frame(srcdoc: string, rel: string, budget: Budget): Promise<string> {
    const doc = parseDocument(srcdoc);
    await this.structure(doc, rel, false);
    await this.images(doc, rel, budget);
    return serialize(doc);
  }

  private async image(e: Element, name: string, ref: ResolvedRef, budget: Budget): Promise<void> {
    const bytes = ref.kind === "file" ? await this.bytes(ref.rel) : undefined;
    const uri = ref.kind === "file" && bytes !== undefined ? dataUri(ref.rel, bytes) : undefined;
    if (uri !== undefined && budget.take(uri.length)) return setAttr(e, name, uri);
    setAttr(e, name, "");
    if (ref.kind === "outside") return;
    if (bytes === undefined)
      return this.source.warn(`${e.nodeName} ${ref.rel} is missing from the report; left out of the single file`);
    this.imagesLeftOut++;
    setAttr(e, "title", `${ref.rel}: left out of this single file to keep it small; it is in the full report`);
    if (e.namespaceURI === "http://www.w3.org/1999/xhtml" && e.nodeName === "img")
      insertAfter(
        e,
        element("small", { class: "single-file-note" }, ` (image ${ref.rel} left out of this single file)`),
      );
  }

  private async srcset(e: Element, value: string, rel: string, budget: Budget): Promise<void> {
    let out = value;
    for (const url of srcsetUrls(value)) {
      const ref = resolveRef(url, rel);
      if (ref === undefined) continue;
      const bytes = ref.kind === "file" ? await this.bytes(ref.rel) : undefined;
      const uri = ref.kind === "file" && bytes !== undefined ? dataUri(ref.rel, bytes) : "";
      out = out.replace(url, uri !== "" && budget.take(uri.length) ? uri : "");
    }
    setAttr(e, "srcset", out);
  }

  /** `<link rel=stylesheet>` becomes `<style>`; other local links become data: URIs or go. */
  private async link(e: Element, rel: string): Promise<void> {
    const ref = resolveRef(getAttr(e, "href") ?? "", rel);
    if (ref === undefined) return;
    const bytes = ref.kind === "file" ? await this.bytes(ref.rel) : undefined;
    if (ref.kind === "outside" || bytes === undefined) {
      if (ref.kind === "file") this.source.warn(`${ref.rel} is missing from the report; left out of the single file`);
      return remove(e);
    }
    if (!(getAttr(e, "rel") ?? "").toLowerCase().split(/\s+/).includes("stylesheet"))
      return setAttr(e, "href", dataUri(ref.rel, bytes));
    const media = getAttr(e, "media");
    const css = await inlineCss(new TextDecoder().decode(bytes), ref.rel, this, 0);
    insertAfter(e, element("style", media === undefined ? {} : { media }, escapeStyle(css)));
    remove(e);
  }

  /** `<script src>` becomes an inline script; a deferred one moves to the end of `<body>`. */
  private async script(e: Element, rel: string, defer: boolean): Promise<void> {
    const ref = resolveRef(getAttr(e, "src") ?? "", rel);
    const bytes = ref?.kind === "file" ? await this.bytes(ref.rel) : undefined;
    if (bytes === undefined) {
      this.source.warn(`script ${getAttr(e, "src") ?? ""} is not in the report; left out of the single file`);
      return remove(e);
    }
    const deferred = getAttr(e, "defer") !== undefined || getAttr(e, "async") !== undefined;
    removeAttrs(e, "src", "defer", "async", "integrity", "crossorigin");
    setText(
      e,
      new TextDecoder()
        .decode(bytes)
        .replace(/<\/script/gi, "<\\/script")
        .replace(/<!--/g, "<\\!--"),
    );
    // Inline scripts cannot be deferred: running at the end of <body> is what `defer` meant.
    if (deferred && defer) {
      remove(e);
      this.deferred.push(e);
    }
  }

  private anchor(e: Element, rel: string): void {
    const href = getAttr(e, "href");
    const target = href === undefined ? undefined : resolveRef(href, rel);
    if (target !== undefined) this.links.push({ element: e, target, from: rel });
  }
}

/** CSS inside `<style>` must not close it early. */
function escapeStyle(css: string): string {
  return css.replace(/<\/style/gi, "<\\/style");
}
