/**
 * Pieces of the single-file builder that need no page context: CSS inlining (edits of a style
 * sheet's text at the URLs css-tree's tokenizer found) and the Content-Security-Policy of a file
 * that may fetch nothing at all.
 */
import { createHash } from "node:crypto";
import { scanCssUrls } from "./htmlScan.js";
import type { ResolvedRef } from "./singleFileSink.js";

/** Replace `[start, end)` of the source with `text` (`start === end` inserts). */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Where the inliner gets report files from (implemented by the single-file builder). */
export interface FileSource {
  /** Resolves `url` written in `fromRel`: a report file, or `outside` when it leaves the folder, undefined when not a file reference. */
  resolve(url: string, fromRel: string): ResolvedRef | undefined;
  bytes(rel: string): Promise<Buffer | undefined>;
  dataUri(rel: string, what: string): Promise<string | undefined>;
}

/** Applies non-overlapping edits to a style sheet's text (inserts at one offset keep their order). */
function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  let out = "";
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

const MAX_IMPORT_DEPTH = 5;

/**
 * Rewrites CSS from the file `fromRel`: `url()` of report files become data: URIs and
 * `@import`ed sheets are pasted in place (nested up to five deep). Fragment and data: URLs stay.
 */
export async function inlineCss(css: string, fromRel: string, source: FileSource, depth: number): Promise<string> {
  const edits: Edit[] = [];
  for (const ref of scanCssUrls(css)) {
    const isImport = css.startsWith("@", ref.start);
    const target = source.resolve(ref.url, fromRel);
    if (target === undefined) continue;
    if (isImport) {
      const semicolon = css.indexOf(";", ref.end);
      const end = semicolon < 0 ? css.length : semicolon + 1;
      const file = target.kind === "file" && depth < MAX_IMPORT_DEPTH ? target.rel : undefined;
      const data = file === undefined ? undefined : await source.bytes(file);
      const text =
        file === undefined || data === undefined
          ? "/* @import left out of the single file */"
          : await inlineCss(data.toString("utf8"), file, source, depth + 1);
      edits.push({ start: ref.start, end, text });
      continue;
    }
    if (target.kind === "outside") continue;
    const uri = await source.dataUri(target.rel, "style sheet url()");
    edits.push({ start: ref.start, end: ref.end, text: uri === undefined ? 'url("")' : `url("${uri}")` });
  }
  return applyEdits(css, edits);
}

/** `'sha256-…'` of an inline block, as CSP compares them (over the UTF-8 bytes). */
export function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

// Directives whose files are now data: URIs: their 'self' becomes data:.
const DATA_DIRECTIVES = new Set(["img-src", "font-src", "media-src", "manifest-src"]);

/**
 * The policy of a single file, derived from the folder report's: `'self'` is gone (there are no
 * other files; under file:// it could reach the reader's disk), image-like directives allow only
 * data:, and style-src/script-src allow exactly the hashes of the inline blocks. Host and scheme
 * sources are dropped everywhere, so no request can leave the file.
 */
export function singleFileCsp(
  original: string | undefined,
  blocks: { readonly style: readonly string[]; readonly script: readonly string[] },
): string {
  const directives = new Map<string, string[]>();
  for (const part of (original ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === "" || directives.has(name.toLowerCase())) continue;
    directives.set(name.toLowerCase(), sources);
  }
  const hashes = (texts: readonly string[]): string[] => [...new Set(texts.map(cspHash))];
  const out = new Map<string, string[]>();
  out.set("default-src", ["'none'"]);
  for (const [name, sources] of directives) {
    if (name === "default-src") continue;
    if (/^style-src(-elem)?$/.test(name) || /^script-src(-elem)?$/.test(name)) continue;
    out.set(name, keepSources(name, sources));
  }
  out.set("style-src", orNone(hashes(blocks.style)));
  out.set("script-src", orNone(hashes(blocks.script)));
  if (!out.has("img-src")) out.set("img-src", ["data:"]);
  if (!out.has("base-uri")) out.set("base-uri", ["'none'"]);
  if (!out.has("form-action")) out.set("form-action", ["'none'"]);
  return [...out].map(([name, sources]) => (sources.length === 0 ? name : `${name} ${sources.join(" ")}`)).join("; ");
}

/** Keeps the sources of one directive that cannot reach outside the file. */
function keepSources(name: string, sources: readonly string[]): string[] {
  if (!/-src$|^base-uri$|^form-action$/.test(name)) return [...sources]; // sandbox, upgrade-insecure-requests, …
  const kept: string[] = [];
  for (const source of sources) {
    const lower = source.toLowerCase();
    if (lower === "'self'" || lower === "data:") {
      if (DATA_DIRECTIVES.has(name) && !kept.includes("data:")) kept.push("data:");
    } else if (
      lower === "'none'" ||
      lower === "'unsafe-eval'" ||
      lower === "'unsafe-hashes'" ||
      lower.startsWith("'sha")
    ) {
      if (!kept.includes(source)) kept.push(source);
    }
  }
  return orNone(kept.filter((s) => s !== "'none'"));
}

function orNone(sources: readonly string[]): string[] {
  return sources.length === 0 ? ["'none'"] : [...sources];
}
