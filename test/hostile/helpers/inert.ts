/**
 * The built files of a report checked without opening each one in a browser: every page and SVG
 * image is parsed as a browser parses it (dom.ts), and the check lists every construct that could
 * run script, fetch something from outside the report folder, or navigate when a reader opens the
 * file (a link to `reportables/plot.svg` can be shared). It is stricter than watching a visit: a
 * payload is refused for being there, not only for having fired; and it takes milliseconds where
 * a visit takes seconds, whatever the size of the page.
 *
 * Pages must also carry, before anything they load, a Content-Security-Policy that lets nothing
 * in from outside and no inline script run; an HTML reportable's frame must be sandboxed without
 * scripts and start with a policy that runs no script.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { cspProblems } from "./csp.js";
import { cssProblems } from "./css.js";
import { attrOf, elements, parseHtml, parseSvg, textOf, type El } from "./dom.js";

/** One file to check: its name in the folder, its URL (for its relative references) and its parsed tree. */
export interface StaticFile {
  readonly name: string;
  readonly url: string;
  readonly type: "image/svg+xml" | "text/html";
  readonly root: El;
}

/** What a file may do beyond what every file may. */
export interface InertRules {
  /** URL of the folder (ending in `/`) whose files may be loaded; null: none (a single file loads no file). */
  readonly folderUrl: string | null;
  /** Inline scripts allowed, by their exact text (a single file's inlined report.js); none by default. */
  readonly inlineScripts?: readonly string[];
}

/** Reads and parses `file` (an `.svg` is an image, anything else a page), named `name` in the problems. */
export async function staticFile(file: string, name = path.basename(file)): Promise<StaticFile> {
  const text = await readFile(file, "utf8");
  const svg = /\.svg$/i.test(file);
  return {
    name,
    url: pathToFileURL(file).href,
    type: svg ? "image/svg+xml" : "text/html",
    root: svg ? parseSvg(text) : parseHtml(text),
  };
}

/** Every `.svg`/`.html` under `folder` (its pages and images), parsed, sorted by name. */
export async function staticFiles(folder: string): Promise<StaticFile[]> {
  const names = (await readdir(folder, { recursive: true })).filter((f) => /\.(svg|html?)$/i.test(f)).sort();
  return Promise.all(names.map((name) => staticFile(path.join(folder, name), name)));
}

/** `"<file>: <problem>"` for everything in `files` that could run, fetch from outside `folder`, or navigate. */
export function inertProblems(folder: string, files: readonly StaticFile[]): string[] {
  const rules = { folderUrl: `${pathToFileURL(path.resolve(folder)).href}/` };
  return files.flatMap((file) => fileProblems(file, rules).map((p) => `${file.name}: ${p}`));
}

/** Tags that run, embed or re-base something. */
const ACTIVE = new Set([
  "script",
  "foreignobject",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "base",
  "handler",
  "listener",
  "portal",
]);

/** Attributes holding one URL that is loaded or followed. */
const URL_ATTRS = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "data",
  "poster",
  "background",
  "ping",
  "codebase",
  "lowsrc",
  "dynsrc",
  "xml:base",
]);

/** Attributes holding a list of image candidates (`url 2x, url 640w`). */
const SRCSET_ATTRS = new Set(["srcset", "imagesrcset"]);

const SCRIPT_URL =
  /^\s*(javascript|vbscript|livescript):|^\s*data:(text\/html|image\/svg|application\/(xhtml|xml|javascript)|text\/(xml|javascript))/i;
const RASTER_DATA = /^\s*data:image\/(png|jpe?g|gif|webp|avif|bmp);/i;
/** An SVG as data: shown as an image runs no script and loads nothing (a browser's rule for SVG images). */
const SVG_DATA = /^\s*data:image\/svg\+xml[;,]/i;
/** Elements whose URL is shown as an image, never opened as a document. */
const IMAGE_ELEMENTS = new Set(["img", "image", "source"]);

/** The problems of one file under `rules`. */
export function fileProblems(file: StaticFile, rules: InertRules): string[] {
  /** A resource the file would load: a fragment, raster data, or a file inside the folder. */
  const loads = (value: string): boolean => {
    const v = value.trim();
    if (v === "" || v.startsWith("#") || RASTER_DATA.test(v)) return true;
    try {
      const href = new URL(v, file.url).href;
      return rules.folderUrl !== null && href.startsWith(rules.folderUrl);
    } catch {
      return false;
    }
  };
  const found: string[] = file.type === "text/html" ? pagePolicyProblems(file.root) : [];
  for (const el of elements(file.root)) {
    if (ACTIVE.has(el.tag) && !allowedActive(el, file, rules)) found.push(`has <${el.name}>`);
    if (el.tag === "iframe" && attrOf(el, "srcdoc") !== undefined) found.push(...frameProblems(el));
    if (el.tag === "meta" && /refresh/i.test(attrOf(el, "http-equiv") ?? "")) found.push("has a meta refresh");
    if (el.tag === "style") found.push(...cssProblems(textOf(el), "<style>", loads));
    if (
      /^(set|animate|animatetransform|animatemotion)$/.test(el.tag) &&
      /^(on|href$|xlink:href$)/i.test(attrOf(el, "attributename") ?? "")
    )
      found.push(`<${el.name}> changes ${attrOf(el, "attributename") ?? ""}`);
    for (const attr of el.attrs) {
      if (attr.local.startsWith("on")) found.push(`<${el.name}> has ${attr.name}`);
      else if (attr.name === "style") found.push(...cssProblems(attr.value, `<${el.name} style>`, loads));
      else if (URL_ATTRS.has(attr.name) || URL_ATTRS.has(attr.local)) {
        if (IMAGE_ELEMENTS.has(el.tag) && SVG_DATA.test(attr.value)) continue;
        if (SCRIPT_URL.test(attr.value)) found.push(`<${el.name}> ${attr.name} is a script URL`);
        // A link is followed only when clicked, and may lead anywhere; everything else loads.
        else if (el.tag !== "a" && el.tag !== "area" && !loads(attr.value))
          found.push(`<${el.name}> ${attr.name} loads ${attr.value.slice(0, 120)}`);
      } else if (SRCSET_ATTRS.has(attr.local)) {
        for (const url of srcsetUrls(attr.value))
          if (!loads(url) && !(IMAGE_ELEMENTS.has(el.tag) && SVG_DATA.test(url)))
            found.push(`<${el.name}> ${attr.name} loads ${url.slice(0, 120)}`);
      }
    }
  }
  return found;
}

/** An active element the report itself puts there: its own script, or an HTML reportable's script-less frame. */
function allowedActive(el: El, file: StaticFile, rules: InertRules): boolean {
  if (el.tag === "script") {
    const src = attrOf(el, "src");
    if (src === undefined) return (rules.inlineScripts ?? []).includes(textOf(el));
    const url = new URL(src, file.url);
    return (
      textOf(el).trim() === "" &&
      rules.folderUrl !== null &&
      url.href.startsWith(rules.folderUrl) &&
      url.pathname.endsWith("/report.js")
    );
  }
  return el.tag === "iframe" && attrOf(el, "src") === undefined && attrOf(el, "srcdoc") !== undefined;
}

/** An HTML reportable's frame: sandboxed without scripts, popups, forms or top navigation, its policy first. */
function frameProblems(frame: El): string[] {
  const sandbox = attrOf(frame, "sandbox");
  const tokens = (sandbox ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const problems: string[] = [];
  if (sandbox === undefined) problems.push("has an <iframe> without a sandbox");
  for (const t of tokens) if (t !== "allow-same-origin") problems.push(`has an <iframe> sandbox with ${t}`);
  const policy = firstPolicy(parseHtml(attrOf(frame, "srcdoc") ?? ""));
  if (policy === undefined) problems.push("has an <iframe srcdoc> without a Content-Security-Policy first");
  else problems.push(...cspProblems(policy, { noScript: true }).map((p) => `has an <iframe srcdoc> whose ${p}`));
  return problems;
}

/** A page's Content-Security-Policy: present before anything it loads, and letting nothing in from outside. */
function pagePolicyProblems(page: El): string[] {
  const policy = firstPolicy(page);
  if (policy === undefined) return ["has no Content-Security-Policy before what it loads"];
  return cspProblems(policy).map((p) => `its Content-Security-Policy: ${p}`);
}

/** Elements that load or run something: a policy must come before the first of them to cover it. */
const LOADING = new Set(["script", "link", "style", "img", "iframe", "object", "embed", "svg", "video", "audio"]);

/** The content of the document's first CSP `<meta>`, if it comes before every element that loads. */
function firstPolicy(doc: El): string | undefined {
  for (const el of elements(doc)) {
    if (el.tag === "meta" && (attrOf(el, "http-equiv") ?? "").toLowerCase() === "content-security-policy")
      return attrOf(el, "content") ?? "";
    if (LOADING.has(el.tag)) return undefined;
  }
  return undefined;
}

/** The URLs of a `srcset`: each candidate's first run of non-space characters (descriptors dropped). */
function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let at = 0;
  while (at < value.length) {
    while (at < value.length && /[\s,]/.test(value[at] ?? "")) at++;
    const start = at;
    while (at < value.length && !/\s/.test(value[at] ?? "")) at++;
    let url = value.slice(start, at);
    if (url.endsWith(",")) url = url.replace(/,+$/, "");
    else while (at < value.length && value[at] !== ",") at++;
    if (url !== "") urls.push(url);
  }
  return urls;
}
