/**
 * The one Eta instance that renders every page. Templates live in `templates/` at the package
 * root; the path is found from this module's own URL, so it works both from `src/render` (tests,
 * tsx) and from `dist/src/render` (the built CLI), whatever the current directory is.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Eta } from "eta";
import { CuriError } from "../util/errors.js";
import { renderCaches } from "./renderCaches.js";
import { escapeShown } from "../util/escape.js";
import { boundPage } from "./pageBound.js";

/**
 * Content-Security-Policy of every page: nothing from outside the site, no inline script, no
 * plugins, forms or base changes. `style-src` also allows 'unsafe-inline' because an HTML
 * reportable's `<iframe srcdoc>` inherits this policy (checked in Chromium from file://): without
 * it the user's own inline styles and `<style>` blocks inside the sandboxed frame are dropped. Our
 * pages themselves carry no inline style (test/render/pages pins that), and every run string is
 * escaped, so the allowance has nothing of ours to apply to.
 */
export const CSP =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";

/**
 * Finds `templates/` by walking up from this module: two levels up from `src/render`, three
 * from `dist/src/render`. Looks for `templates/layouts` so an unrelated `templates` folder is skipped.
 */
export function findTemplatesDir(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "templates");
    if (existsSync(path.join(candidate, "layouts"))) return candidate;
    dir = path.dirname(dir);
  }
  throw new CuriError(
    `curi-report's templates/ folder was not found above ${fileURLToPath(fromUrl)}; reinstall the package.`,
  );
}

/** Absolute path of the templates folder (views of the Eta instance). */
export const TEMPLATES_DIR = findTemplatesDir();

/** Absolute path of the static assets (style.css, report.js) that site copies beside pages. */
export const ASSETS_DIR = path.join(TEMPLATES_DIR, "assets");

/**
 * What `<%= %>` does to a value: control characters made visible (they would vanish or break the
 * page), then `& < > " '` escaped, so the text is safe in element content and quoted attributes.
 */
export function escapeForTemplate(value: unknown): string {
  return escapeShown(String(value));
}

/**
 * What `<%~ breakable(x) %>` does in a template: `x` escaped as `<%= %>` escapes it, with a `<wbr>`
 * after each `_`, `.` and `/` that joins two parts of a name. A title such as
 * `hyperparameter_sweep_of_learning_rates` then wraps between its words on a phone instead of in
 * the middle of one (browsers do not break at `_`); CSS still breaks a name with no such place.
 * `<wbr>` is not text: copying the title copies the name unchanged.
 */
export function breakableHtml(value: unknown): string {
  return escapeForTemplate(value).replace(/([_./])(?=[^\s_./])/g, "$1<wbr>");
}

/** Eta whose templates also see `breakable` (the compiled templates are called with the instance as `this`). */
class PageEta extends Eta {
  readonly breakable = breakableHtml;
}

/** Gives every compiled template the `breakable` helper. */
const FUNCTION_HEADER_TEXT = "const breakable = this.breakable;";

/** Eta with auto-escaping on (its default) and compiled templates cached for the process. */
const eta = new PageEta({
  views: TEMPLATES_DIR,
  cache: true,
  autoEscape: true,
  escapeFunction: escapeForTemplate,
  functionHeader: FUNCTION_HEADER_TEXT,
});

/**
 * Eta's parsing of a template goes through the render caches when they are on (it was ~20 ms of
 * a small report): the JavaScript source Eta makes of a template depends only on its text and
 * Eta's settings (Eta's version is in the cache's salt; our function header is in the key), so a
 * cached source gives the same function. Eta sets `compileToString` on each instance, so it is
 * wrapped here rather than overridden.
 */
const etaCompileToString = eta.compileToString;
eta.compileToString = function cachedCompileToString(str, options) {
  const cache = renderCaches().templates;
  const make = (): string => etaCompileToString.call(this, str, options);
  const key = `${options?.async === true ? "async" : "sync"}\n${FUNCTION_HEADER_TEXT}\n${str}`;
  return cache === null ? make() : cache.through(key, make);
};

/**
 * Eta resolves a template's path on every render (`path.resolve` and `path.relative` to check it
 * stays in `views`), and caches it only for includes: the index renders one line template per run,
 * so at 1,000 runs this was ~0.1 s of adding one run to a site. The answer depends only on the
 * name and the including file (`views` never changes), so it is kept per process; a name Eta
 * refuses throws each time, as before.
 */
const etaResolvePath = eta.resolvePath;
const resolvedPaths = new Map<string, string>();
eta.resolvePath = function cachedResolvePath(template, options) {
  const key = `${options?.filepath ?? ""}\0${template}`;
  let resolved = resolvedPaths.get(key);
  if (resolved === undefined) {
    resolved = etaResolvePath.call(this, template, options);
    resolvedPaths.set(key, resolved);
  }
  return resolved;
};

/**
 * Renders the template `name` (e.g. `/pages/report`) with plain view data. A page (`/pages/…`)
 * is held to MAX_PAGE_BYTES here, the one place every page passes (pageBound.ts).
 */
export function renderTemplate(name: string, data: object): string {
  const text = eta.render(name, data);
  return name.startsWith("/pages/") ? boundPage(text) : text;
}
