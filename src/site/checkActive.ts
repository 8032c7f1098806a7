/**
 * `check`'s look for active markup outside the pages a build writes (issue 23 point 5): any file
 * a browser would open as a page of its own (linkedMarkup.ts: HTML, XHTML, XML, SVG, and unknown
 * types that start like markup) must run nothing there, since it would run with the site's origin,
 * which on GitHub Pages every project site of the owner shares. A build writes such files only
 * framed without scripts (containedPage.ts) or cleaned (svgFile.ts); anything else active was put
 * there by someone else (an older curi-report, a hand, a restored archive).
 *
 * Read with the parsers browsers use: parse5 for HTML, htmlparser2 in XML mode for XML, and both
 * for a name a host may serve either way. Conservative on purpose: any element named `script`
 * under any prefix, any attribute named `on…`, a frame whose sandbox does not stop scripts.
 */
import path from "node:path";
import { comparisonOfPath, isSitePage, runsListPageOf, SITE_PATHS } from "../render/router.js";
import { MARKER_FILE } from "./reportMarker.js";
import { attr, metaRefreshUrl, scanHtml, scanXml, type HtmlTag } from "./htmlScan.js";
import { isPageName, isSvgName, needsSniff, readHead, startsLikeMarkup } from "./linkedMarkup.js";
import type { SiteFile, SiteIndex } from "./SiteIndex.js";
import { classifyUrl } from "./siteRefs.js";

/** Elements that run or embed something whatever their attributes. */
const RUNS = new Set(["script", "object", "embed", "applet", "portal", "handler", "listener"]);

/** Attributes whose value a browser follows or loads as a URL (a `javascript:` one runs). */
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "data", "poster", "background", "codebase", "ping"]);

/** Names parsed only as HTML; SVG only as XML; every other markup name both ways (a host may serve it either). */
const HTML_ONLY = /\.s?html?$/i;

/** Largest markup file read for this check; a bigger one is refused unread (the size budget fails it too). */
const MAX_SCANNED_BYTES = 64 * 1024 * 1024;

/** A tag's name without its namespace prefix (`h:script` → `script`). */
function local(name: string): string {
  return name.slice(name.lastIndexOf(":") + 1);
}

/** What in one tag could run script, in words. */
function tagFindings(tag: HtmlTag): string[] {
  const found: string[] = [];
  const name = local(tag.name);
  if (RUNS.has(name)) found.push(`<${tag.name}>`);
  if (name === "iframe" || name === "frame") {
    const sandbox = attr(tag, "sandbox");
    if (sandbox === undefined || /(^|\s)allow-scripts(\s|$)/i.test(sandbox))
      found.push(`<${tag.name}> without a sandbox that stops its scripts`);
  }
  if ((name === "set" || name.startsWith("animate")) && /^(on|(.*:)?href$)/i.test(attr(tag, "attributename") ?? ""))
    found.push(`<${tag.name}> that sets ${attr(tag, "attributename") ?? ""}`);
  if (name === "meta" && (attr(tag, "http-equiv") ?? "").toLowerCase() === "refresh") {
    const url = metaRefreshUrl(attr(tag, "content") ?? "");
    const kind = url === undefined ? "empty" : classifyUrl(url).type;
    if (kind !== "empty" && kind !== "relative" && kind !== "fragment")
      found.push(`a meta refresh to ${JSON.stringify((url ?? "").slice(0, 120))}`);
  }
  for (const a of tag.attrs) {
    const attrName = local(a.name);
    if (/^on/i.test(attrName)) found.push(`an event handler ${a.name} on <${tag.name}>`);
    else if (URL_ATTRS.has(attrName) && classifyUrl(a.value).type === "script")
      found.push(`a script URL in <${tag.name} ${a.name}>`);
  }
  return found;
}

/** Everything in `text` that could run script, read as HTML and/or as XML. */
export function activeFindings(text: string, as: { html: boolean; xml: boolean }): string[] {
  const tags = [...(as.html ? scanHtml(text) : []), ...(as.xml ? scanXml(text) : [])];
  const found = tags.filter((t) => !t.closing).flatMap(tagFindings);
  if (as.xml && /<\?xml-stylesheet/i.test(text))
    found.push("an xml-stylesheet instruction (a style sheet or XSLT, which may make script)");
  return [...new Set(found)];
}

/**
 * True when `rel` is one of the site's own pages (which carry the report's script): a page path a
 * build writes (router/sitePages.ts), whose report folder really is one, so that a planted
 * `evil.html` beside the reports or an `evil/index.html` is no page of ours. A report's page needs
 * its folder's marker; a report's single file (`<folder>.html`), its folder.
 */
function isOwnPage(site: SiteIndex, rel: string): boolean {
  if (!isSitePage(rel)) return false;
  const preview = /^pr\/[0-9]+\//.exec(rel)?.[0] ?? "";
  const inner = rel.slice(preview.length);
  const sitePages: readonly string[] = [SITE_PATHS.index, SITE_PATHS.latestPage, SITE_PATHS.compareApp];
  if (sitePages.includes(inner) || comparisonOfPath(inner) !== null || runsListPageOf(inner) !== null) return true;
  const slash = inner.indexOf("/");
  if (slash > 0) return site.files.has(`${preview}${inner.slice(0, slash)}/${MARKER_FILE}`);
  return site.dirs.has(`${preview}${inner.replace(/\.html$/, "")}`);
}

/** How `file` would be read by a browser opening it, or null when it is no markup (or one of the site's own pages). */
function markupKind(site: SiteIndex, file: SiteFile): { html: boolean; xml: boolean } | null {
  if (isOwnPage(site, file.rel)) return null;
  if (isSvgName(file.rel)) return { html: false, xml: true };
  if (isPageName(file.rel)) return { html: true, xml: !HTML_ONLY.test(file.rel) };
  if (needsSniff(file.rel) && startsLikeMarkup(readHead(path.join(site.root, file.rel))))
    return { html: true, xml: true };
  return null;
}

/**
 * The problem with `file` when it is markup outside the site's own pages that would run script
 * opened on its own, else null.
 */
export async function activeContentProblem(site: SiteIndex, file: SiteFile): Promise<string | null> {
  const kind = markupKind(site, file);
  if (kind === null) return null;
  const fix =
    "it is no page curi-report writes (a build frames a run's linked pages without their scripts); rebuild the report with this curi-report, or remove the file";
  if (file.size > MAX_SCANNED_BYTES)
    return `is markup of ${file.size} bytes, too big to be read for script opened on its own; ${fix}`;
  const found = activeFindings(await site.text(file.rel), kind);
  if (found.length === 0) return null;
  const shown = found.slice(0, 5).join(", ") + (found.length > 5 ? ` and ${found.length - 5} more` : "");
  return `would run script opened on its own (with the site's origin): ${shown}; ${fix}`;
}
