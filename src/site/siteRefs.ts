/**
 * Every URL a built page refers to, and what kind of URL it is. Shared by `check` (which verifies
 * each one) and the single-file builder (which inlines them), so both agree on what a page fetches.
 */
import { attr, metaRefreshUrl, scanCssUrls, scanHtml, scanXml, srcsetUrls, type HtmlTag } from "./htmlScan.js";

/**
 * How a reference is used: `link` navigates only when clicked (an outside one is allowed),
 * `redirect` navigates by itself, `asset` is fetched while the page loads, `base` re-roots the rest.
 */
export type RefUse = "link" | "redirect" | "asset" | "base";

/**
 * Whose markup a reference is in: the page curi-report generated, Markdown the run's author wrote
 * (notes, Markdown reportables), an `<iframe srcdoc>` document (HTML reportables), or an SVG
 * image file (image reportables, which the report shows with `<img>`).
 */
export type RefOrigin = "page" | "markdown" | "frame" | "image";

/** One URL found in a page or style sheet. */
export interface PageRef {
  readonly url: string;
  readonly use: RefUse;
  /** Where it came from, for messages: `img src`, `style url()`, `srcdoc > a href`. */
  readonly where: string;
  readonly origin: RefOrigin;
  /** The CSP directives that govern the fetch (all must block it), or empty when no CSP does (links, refresh). */
  readonly directives: readonly string[];
  /** In a frame: the policies in force there (the page's, inherited, and the frame's own). */
  readonly policies: readonly string[];
  /** In a frame: its `sandbox` attribute (`""` for the strictest), or null when it has none. */
  readonly sandbox: string | null;
}

/** Where a document being scanned sits: the page itself, an SVG file, or a frame of a page. */
export interface RefScope {
  readonly origin: "page" | "image" | "frame";
  readonly policies?: readonly string[];
  readonly sandbox?: string | null;
}

/**
 * Classes of the containers that hold the run author's Markdown. Keep in sync with
 * src/render/reportables/markdown.ts (`markdown-body`) and templates/partials/report/info.eta (`notes`).
 */
const MARKDOWN_CONTAINERS = /(^|\s)(markdown-body|notes)(\s|$)/;

// Attributes that name something the browser fetches, on any tag and by tag. A Map, not an object
// literal: a tag named `constructor` or `__proto__` must not find Object.prototype's members.
const ASSET_ATTRS_ANY: ReadonlySet<string> = new Set(["src", "poster", "background"]);
const ASSET_ATTRS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["link", new Set(["href"])],
  ["use", new Set(["href", "xlink:href"])],
  ["image", new Set(["href", "xlink:href"])],
  ["feimage", new Set(["href", "xlink:href"])],
  ["script", new Set(["href", "xlink:href"])],
  ["object", new Set(["data", "codebase"])],
  ["form", new Set(["action"])],
  ["button", new Set(["formaction"])],
  ["input", new Set(["formaction"])],
]);
// SVG presentation attributes that may hold `url(#id)`.
const CSS_ATTRS: ReadonlySet<string> = new Set([
  "style",
  "fill",
  "stroke",
  "clip-path",
  "mask",
  "filter",
  "marker-start",
  "marker-mid",
  "marker-end",
  "cursor",
]);

/**
 * Lists every URL in an HTML (or SVG) document, in document order, including inside srcdoc
 * iframes. `scanned` is the document's tags when the caller has them already (`scanHtml`, or
 * `scanXml` for an SVG file), so a page is parsed once.
 */
export function htmlRefs(html: string, scope: RefScope = { origin: "page" }, scanned?: readonly HtmlTag[]): PageRef[] {
  const refs: PageRef[] = [];
  // An SVG file opened on its own is parsed as XML, where a namespace prefix means what it is
  // bound to: any `p:href` may be XLink's href, so every one is read as an href.
  const raw = scanned ?? (scope.origin === "image" ? scanXml(html) : scanHtml(html));
  const tags = scope.origin === "image" ? raw.map(anyPrefixHref) : raw;
  const policies = [...(scope.policies ?? []), ...tags.filter(isCspMeta).map((t) => attr(t, "content") ?? "")];
  const prefix = scope.origin === "frame" ? "srcdoc > " : "";
  // The open Markdown container, if any: its tag name and how deep same-named tags are nested in it.
  let container: { name: string; depth: number } | null = null;
  const push = (url: string, use: RefUse, where: string, directives: readonly string[]): void => {
    const origin = container !== null && scope.origin === "page" ? "markdown" : scope.origin;
    refs.push({
      url,
      use,
      where: `${prefix}${where}`,
      origin,
      directives,
      policies: scope.origin === "frame" ? policies : [],
      sandbox: scope.sandbox ?? null,
    });
  };
  for (const tag of tags) {
    if (container !== null && tag.name === container.name) {
      container.depth += tag.closing ? -1 : tag.selfClosing ? 0 : 1;
      if (container.depth === 0) container = null;
    } else if (container === null && !tag.closing && MARKDOWN_CONTAINERS.test(attr(tag, "class") ?? "")) {
      container = { name: tag.name, depth: 1 };
    }
    if (tag.closing) continue;
    tagRefs(tag, push);
    if (tag.name === "style" && tag.text) {
      for (const u of scanCssUrls(html.slice(tag.text.start, tag.text.end)))
        push(u.url, "asset", "style url()", CSS_DIRECTIVES);
    }
    const srcdoc = tag.name === "iframe" ? attr(tag, "srcdoc") : undefined;
    if (srcdoc !== undefined)
      refs.push(...htmlRefs(srcdoc, { origin: "frame", policies, sandbox: attr(tag, "sandbox") ?? null }));
  }
  return refs;
}

/** `tag` with every prefixed `p:href` named `xlink:href` (the first of them, if there are several). */
function anyPrefixHref(tag: HtmlTag): HtmlTag {
  if (!tag.attrs.some((a) => /^[^:]+:href$/.test(a.name) && a.name !== "xlink:href")) return tag;
  return { ...tag, attrs: tag.attrs.map((a) => (/^[^:]+:href$/.test(a.name) ? { ...a, name: "xlink:href" } : a)) };
}

function isCspMeta(tag: HtmlTag): boolean {
  return (
    !tag.closing && tag.name === "meta" && (attr(tag, "http-equiv") ?? "").toLowerCase() === "content-security-policy"
  );
}

// A CSS url() may load an image or a font: both directives must block it.
const CSS_DIRECTIVES = ["img-src", "font-src"];

/** The CSP directive that governs a fetch made by `tag`'s attribute. */
function directiveOf(tag: HtmlTag, name: string): string[] {
  if (tag.name === "script") return ["script-src"];
  if (tag.name === "link") {
    const rel = (attr(tag, "rel") ?? "").toLowerCase();
    return [
      /\bstylesheet\b/.test(rel)
        ? "style-src"
        : /\bicon\b/.test(rel)
          ? "img-src"
          : /\bmanifest\b/.test(rel)
            ? "manifest-src"
            : "default-src",
    ];
  }
  if (MEDIA_TAGS.has(tag.name) && name !== "poster") return ["media-src"];
  if (tag.name === "iframe" || tag.name === "frame") return ["frame-src"];
  if (tag.name === "object" || tag.name === "embed") return ["object-src"];
  if (name === "action" || name === "formaction") return ["form-action"];
  if (name === "ping") return ["connect-src"];
  return ["img-src"];
}

const MEDIA_TAGS: ReadonlySet<string> = new Set(["video", "audio", "source", "track"]);

/**
 * The URLs in `tag`'s attributes, and a meta refresh's. Most attributes of a page name nothing
 * (class, id, an SVG shape's coordinates): they are passed over before any message text or CSP
 * directive is made for them.
 */
function tagRefs(
  tag: HtmlTag,
  push: (url: string, use: RefUse, where: string, directives: readonly string[]) => void,
): void {
  const name = tag.name;
  const assetAttrs = ASSET_ATTRS.get(name);
  for (const a of tag.attrs) {
    const attrName = a.name;
    if ((name === "a" || name === "area") && (attrName === "href" || attrName === "xlink:href"))
      push(a.value, "link", `${name} ${attrName}`, []);
    else if (name === "a" && attrName === "ping") {
      const directives = directiveOf(tag, attrName);
      for (const u of a.value.split(/\s+/).filter(Boolean)) push(u, "asset", `${name} ${attrName}`, directives);
    } else if (name === "base" && attrName === "href") push(a.value, "base", `${name} ${attrName}`, ["base-uri"]);
    else if (attrName === "srcset" || attrName === "imagesrcset") {
      const directives = directiveOf(tag, attrName);
      for (const u of srcsetUrls(a.value)) push(u, "asset", `${name} ${attrName}`, directives);
    } else if (ASSET_ATTRS_ANY.has(attrName) || assetAttrs?.has(attrName) === true)
      push(a.value, "asset", `${name} ${attrName}`, directiveOf(tag, attrName));
    else if (CSS_ATTRS.has(attrName))
      for (const u of scanCssUrls(a.value)) push(u.url, "asset", `${name} ${attrName} url()`, CSS_DIRECTIVES);
  }
  if (name === "meta" && (attr(tag, "http-equiv") ?? "").toLowerCase() === "refresh") {
    const url = metaRefreshUrl(attr(tag, "content") ?? "");
    if (url !== undefined) push(url, "redirect", "meta refresh", []);
  }
}

// Sources that never let a request reach another host; without 'self', none reach a file of the site either.
const NO_OUTSIDE_SOURCE =
  /^('none'|'self'|'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'wasm-unsafe-eval'|'(sha256|sha384|sha512)-[^']*'|'nonce-[^']*'|data:|blob:)$/i;
const NO_URL_SOURCE =
  /^('none'|'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'wasm-unsafe-eval'|'(sha256|sha384|sha512)-[^']*'|'nonce-[^']*'|data:|blob:)$/i;

/**
 * True when one of `policies` stops a fetch governed by every one of `directives`: of another
 * host (`outside`), or of any URL but data:/blob: (otherwise). A `-src` directive that is absent
 * falls back to default-src, as browsers do.
 */
export function cspBlocks(policies: readonly string[], directives: readonly string[], outside: boolean): boolean {
  if (directives.length === 0) return false;
  const blocking = outside ? NO_OUTSIDE_SOURCE : NO_URL_SOURCE;
  return policies.some((policy) => {
    const parsed = new Map<string, string[]>();
    for (const part of policy.split(";")) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (name !== undefined && name !== "" && !parsed.has(name.toLowerCase())) parsed.set(name.toLowerCase(), sources);
    }
    return directives.every((d) => {
      const sources = parsed.get(d) ?? (d.endsWith("-src") ? parsed.get("default-src") : undefined);
      return sources !== undefined && sources.every((s) => blocking.test(s));
    });
  });
}

/** Lists the `url()` and `@import` references of a style sheet. */
export function cssRefs(css: string): PageRef[] {
  return scanCssUrls(css).map((u) => ({
    url: u.url,
    use: "asset",
    where: "css url()",
    origin: "page",
    directives: CSS_DIRECTIVES,
    policies: [],
    sandbox: null,
  }));
}

/** The ids a page defines (any `id`, and `name` on `<a>`), including those inside inline SVG; `xml` reads an SVG file as XML. */
export function htmlIds(html: string, xml = false): Set<string> {
  return tagIds(xml ? scanXml(html) : scanHtml(html));
}

/** The ids (and `<a name>`s) among a document's tags. */
export function tagIds(tags: readonly HtmlTag[]): Set<string> {
  const ids = new Set<string>();
  for (const tag of tags) {
    if (tag.closing) continue;
    const id = attr(tag, "id");
    if (id !== undefined && id !== "") ids.add(id);
    const name = tag.name === "a" ? attr(tag, "name") : undefined;
    if (name !== undefined && name !== "") ids.add(name);
  }
  return ids;
}

/** What a URL is, before it is resolved against the site. */
export type UrlKind =
  | { readonly type: "empty" }
  | { readonly type: "fragment"; readonly fragment: string }
  | { readonly type: "inline" } // data:, blob:, about:blank
  | { readonly type: "harmless" } // mailto:, tel:, sms: — no request
  | { readonly type: "script" } // javascript:, vbscript:
  | { readonly type: "outside"; readonly host: string }
  | { readonly type: "file-path" }
  | { readonly type: "absolute" }
  | { readonly type: "relative"; readonly path: string; readonly fragment: string | null };

const FS_ROOTS = new Set([
  "home",
  "users",
  "tmp",
  "var",
  "etc",
  "opt",
  "mnt",
  "media",
  "root",
  "usr",
  "private",
  "srv",
  "volumes",
  "proc",
  "dev",
  "workspace",
  "work",
  "runner",
  "github",
]);

/** Classifies a URL the way a browser would read it (whitespace stripped, `\` as `/`). */
export function classifyUrl(raw: string): UrlKind {
  // Browsers strip leading/trailing C0 controls and spaces, and drop tabs and newlines anywhere.
  // eslint-disable-next-line no-control-regex
  const url = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  if (url === "") return { type: "empty" };
  if (/^[A-Za-z]:[\\/]/.test(url) || url.startsWith("\\\\")) return { type: "file-path" };
  const slashed = url.replace(/\\/g, "/");
  if (slashed.startsWith("#")) return { type: "fragment", fragment: slashed.slice(1) };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(slashed)?.[1]?.toLowerCase();
  if (scheme !== undefined) return schemeKind(scheme, slashed);
  if (slashed.startsWith("//")) return { type: "outside", host: hostOf(slashed.slice(2)) };
  if (slashed.startsWith("/")) {
    const first = slashed.slice(1).split(/[/?#]/)[0]?.toLowerCase() ?? "";
    return FS_ROOTS.has(first) ? { type: "file-path" } : { type: "absolute" };
  }
  const hash = slashed.indexOf("#");
  const beforeHash = hash < 0 ? slashed : slashed.slice(0, hash);
  const query = beforeHash.indexOf("?");
  return {
    type: "relative",
    path: query < 0 ? beforeHash : beforeHash.slice(0, query),
    fragment: hash < 0 ? null : slashed.slice(hash + 1),
  };
}

function schemeKind(scheme: string, url: string): UrlKind {
  if (scheme === "data" || scheme === "blob") return { type: "inline" };
  if (scheme === "about")
    return url.toLowerCase().startsWith("about:blank") || url.toLowerCase().startsWith("about:srcdoc")
      ? { type: "inline" }
      : { type: "outside", host: url };
  if (scheme === "mailto" || scheme === "tel" || scheme === "sms") return { type: "harmless" };
  if (scheme === "javascript" || scheme === "vbscript") return { type: "script" };
  if (scheme === "file") return { type: "file-path" };
  const rest = url.slice(scheme.length + 1);
  return { type: "outside", host: rest.startsWith("//") ? hostOf(rest.slice(2)) : `${scheme}:` };
}

function hostOf(afterSlashes: string): string {
  return afterSlashes.split(/[/?#]/)[0] ?? afterSlashes;
}

/** Percent-decodes a relative path, or returns undefined when it is malformed. */
export function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    // A stray `%` is a broken link; the caller reports it.
    return undefined;
  }
}
