/**
 * The static files of a report (SVG images, extra HTML) checked without opening each one: the
 * browser's own parser (`DOMParser`, in one blank page) reads every file, and nothing in a parsed
 * document runs or loads. The check then lists every construct that could run script, fetch
 * something from outside the report folder, or navigate when a reader opens the file directly
 * (a link to `reportables/plot.svg` can be shared). It is stricter than watching a visit: a
 * payload is refused for being there, not only for having fired.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext } from "playwright-core";

/** One file to check: its URL (for resolving its relative references) and its text. */
interface StaticFile {
  readonly name: string;
  readonly url: string;
  readonly type: "image/svg+xml" | "text/html";
  readonly text: string;
}

/** Every `.svg`/`.html` under `folder` but its `index.html` (the page the browser visit covers). */
export async function staticFiles(folder: string): Promise<StaticFile[]> {
  const names = (await readdir(folder, { recursive: true }))
    .filter((f) => /\.(svg|html?)$/i.test(f) && f !== "index.html")
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      url: pathToFileURL(path.join(folder, name)).href,
      type: /\.svg$/i.test(name) ? ("image/svg+xml" as const) : ("text/html" as const),
      text: await readFile(path.join(folder, name), "utf8"),
    })),
  );
}

/**
 * What in `files` could run, fetch from outside `folder`, or navigate: `"<file>: <problem>"` lines,
 * none for inert files.
 */
export async function inertProblems(
  context: BrowserContext,
  folder: string,
  files: readonly StaticFile[],
): Promise<string[]> {
  if (files.length === 0) return [];
  const page = await context.newPage();
  try {
    return await page.evaluate(checkInBrowser, { files, folderUrl: `${pathToFileURL(path.resolve(folder)).href}/` });
  } finally {
    await page.close();
  }
}

/** Runs inside the page: parse each file and walk every element. Self-contained (serialized by playwright). */
function checkInBrowser({ files, folderUrl }: { files: readonly StaticFile[]; folderUrl: string }): string[] {
  const problems: string[] = [];
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
    "srcset",
    "lowsrc",
    "dynsrc",
    "xml:base",
  ]);
  const scriptUrl =
    /^\s*(javascript|vbscript|livescript):|^\s*data:(text\/html|image\/svg|application\/(xhtml|xml|javascript)|text\/(xml|javascript))/i;
  const rasterData = /^\s*data:image\/(png|jpe?g|gif|webp|avif|bmp);/i;
  /** A resource the file would load: a fragment, raster data, or a file inside the folder. */
  const loadsInside = (value: string, base: string): boolean => {
    const v = value.trim();
    if (v === "" || v.startsWith("#") || rasterData.test(v)) return true;
    try {
      return new URL(v, base).href.startsWith(folderUrl);
    } catch {
      return false;
    }
  };
  const cssProblems = (css: string, base: string, where: string, out: string[]): void => {
    for (const m of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi))
      if (!loadsInside(m[2] ?? "", base)) out.push(`${where} loads ${m[2] ?? ""}`);
    if (/@import|expression\s*\(|-moz-binding|behavior\s*:/i.test(css))
      out.push(`${where} has an @import or CSS script`);
  };
  for (const file of files) {
    const doc = new DOMParser().parseFromString(file.text, file.type);
    const found: string[] = [];
    // A file that is not well-formed (a PNG named .svg) still yields what came before the error,
    // and Chromium shows that part: it is walked like the rest.
    for (const el of Array.from(doc.getElementsByTagName("*"))) {
      const tag = el.localName.toLowerCase();
      // The report's own pages (record, pipeline, results pages) load the report's own script and
      // contain HTML reportables in script-less sandboxed srcdoc frames, as the run page does.
      const ownScript =
        tag === "script" &&
        (el.textContent ?? "").trim() === "" &&
        /\/report\.js$/.test(new URL(el.getAttribute("src") ?? "x:", file.url).pathname) &&
        new URL(el.getAttribute("src") ?? "x:", file.url).href.startsWith(folderUrl);
      const sandboxed =
        tag === "iframe" &&
        el.hasAttribute("sandbox") &&
        !/allow-scripts/i.test(el.getAttribute("sandbox") ?? "") &&
        !el.hasAttribute("src") &&
        el.hasAttribute("srcdoc");
      if (ACTIVE.has(tag) && !ownScript && !sandboxed) found.push(`has <${el.localName}>`);
      if (tag === "meta" && /refresh/i.test(el.getAttribute("http-equiv") ?? "")) found.push("has a meta refresh");
      if (tag === "style") cssProblems(el.textContent ?? "", file.url, "<style>", found);
      if (
        /^(set|animate|animatetransform|animatemotion)$/.test(tag) &&
        /^(on|href$|xlink:href$)/i.test(el.getAttribute("attributeName") ?? "")
      )
        found.push(`<${el.localName}> changes ${el.getAttribute("attributeName") ?? ""}`);
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) found.push(`<${el.localName}> has ${attr.name}`);
        else if (name === "style") cssProblems(attr.value, file.url, `<${el.localName} style>`, found);
        else if (URL_ATTRS.has(attr.localName.toLowerCase()) || name === "xlink:href") {
          if (scriptUrl.test(attr.value)) found.push(`<${el.localName}> ${attr.name} is a script URL`);
          // A link is followed only when clicked, and may lead anywhere; everything else loads.
          else if (tag !== "a" && !loadsInside(attr.value, file.url))
            found.push(`<${el.localName}> ${attr.name} loads ${attr.value.slice(0, 120)}`);
        }
      }
    }
    for (const f of found) problems.push(`${file.name}: ${f}`);
  }
  return problems;
}
