/**
 * sanitize-html, loaded at its first use. Loading it (with postcss and htmlparser2) costs ~0.1 s,
 * a third of a rebuild's budget, and most reports never need it (it is used only for Markdown
 * and SVG files). It is CommonJS, so `require` loads it synchronously and callers stay
 * synchronous. A drop-in for `import sanitizeHtml from "sanitize-html"`, types included.
 */
import { createRequire } from "node:module";
import type Sanitize from "sanitize-html";

let loaded: typeof Sanitize | undefined;

/** sanitize-html's `sanitizeHtml(dirty, options)`. */
function sanitizeHtml(dirty: string, options?: Sanitize.IOptions): string {
  loaded ??= createRequire(import.meta.url)("sanitize-html") as typeof Sanitize;
  return loaded(dirty, options);
}

// A type-only namespace, so `sanitizeHtml.IOptions` reads as it does with the library's own import.
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace sanitizeHtml {
  /** sanitize-html's options. */
  export type IOptions = Sanitize.IOptions;
}

export default sanitizeHtml;
