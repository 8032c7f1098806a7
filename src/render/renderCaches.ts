/**
 * The render's caches of expensive, deterministic work, kept in the user's cache folder between
 * processes (src/util/contentCache.ts): Graphviz layouts by the digest of their DOT, sanitized SVG
 * files and rendered Markdown by the digest of their source, and Eta's compiled source of each
 * template (parsing the templates was ~20 ms of a small report). With them, a rerun of the same
 * pipeline shape loads neither Graphviz's WebAssembly, jsdom and DOMPurify, nor marked and
 * sanitize-html. The output is the same bytes with or without them.
 *
 * Off unless a command turns them on (`useRenderCaches`, the CLI's build and dag commands): the
 * render stays a pure function of its inputs for library callers, and the caches' folder is the
 * caller's choice. A process-wide setting, like the process's one Graphviz instance.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { codeDigest } from "../util/codeDigest.js";
import { ContentCache } from "../util/contentCache.js";

/** The caches a render may use; null members are off. */
export interface RenderCaches {
  /** Graphviz `json` layouts by DOT (salted with Graphviz's version only: our code is in the DOT). */
  readonly layouts: ContentCache | null;
  /** Sanitized SVG files by their text (salted with curi-report's code, DOMPurify's and jsdom's versions). */
  readonly svg: ContentCache | null;
  /** Rendered Markdown by its text and options (salted with curi-report's code, marked's and sanitize-html's versions). */
  readonly markdown: ContentCache | null;
  /** Eta's JavaScript source of each template by its text (salted with curi-report's code, which holds Eta's settings, and Eta's version). */
  readonly templates: ContentCache | null;
}

const OFF: RenderCaches = { layouts: null, svg: null, markdown: null, templates: null };

let current: RenderCaches = OFF;

/** Most entries of each kind: a layout is a few KiB, so a full layouts folder stays under ~50 MiB. */
const MAX_ENTRIES = 8192;

/**
 * Turns the caches on in `root` (the user's curi-report cache folder), or off with null. The
 * salts read a few package.json files, so they are made only when a cache is first used.
 */
export function useRenderCaches(root: string | null): void {
  if (root === null) {
    current = OFF;
    return;
  }
  current = {
    layouts: new ContentCache({
      root,
      kind: "layouts",
      salt: () => `graphviz ${libraryVersion("@hpcc-js/wasm-graphviz")}`,
      maxValueChars: 8 * 1024 * 1024,
      maxEntries: MAX_ENTRIES,
    }),
    svg: new ContentCache({
      root,
      kind: "svg",
      salt: () => `code ${codeDigest()} dompurify ${libraryVersion("dompurify")} jsdom ${libraryVersion("jsdom")}`,
      maxValueChars: 4 * 1024 * 1024,
      maxEntries: MAX_ENTRIES,
    }),
    markdown: new ContentCache({
      root,
      kind: "markdown",
      salt: () =>
        `code ${codeDigest()} marked ${libraryVersion("marked")} sanitize-html ${libraryVersion("sanitize-html")}`,
      maxValueChars: 1024 * 1024,
      maxEntries: MAX_ENTRIES,
    }),
    templates: new ContentCache({
      root,
      kind: "templates",
      salt: () => `code ${codeDigest()} eta ${libraryVersion("eta")}`,
      maxValueChars: 1024 * 1024,
      maxEntries: 1024,
    }),
  };
}

/**
 * Runs `work` with the caches on in `root`, and puts the setting back as it was after: a command
 * run in a process that goes on (a test worker, a library caller) leaves no caches on behind it.
 */
export async function withRenderCaches<T>(root: string, work: () => Promise<T>): Promise<T> {
  const before = current;
  useRenderCaches(root);
  try {
    return await work();
  } finally {
    current = before;
  }
}

/** The caches in use (all off unless `useRenderCaches` turned them on). */
export function renderCaches(): RenderCaches {
  return current;
}

/**
 * The version in the package.json of the installed package `name` ("unknown" when it cannot be
 * found): `node_modules/<name>/package.json` in this module's folder or the nearest folder above
 * it that has one, as Node finds a package. Read directly rather than through
 * `require.resolve`, whose resolution cost ~5 ms a package of a small build's start.
 */
export function libraryVersion(name: string): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "node_modules", name, "package.json");
    if (existsSync(pkg)) return versionIn(pkg, name);
    if (path.dirname(dir) === dir) return "unknown";
  }
}

/** The `version` of package.json `file` when its `name` is `name`, else "unknown". */
function versionIn(file: string, name: string): string {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    return parsed.name === name && typeof parsed.version === "string" ? parsed.version : "unknown";
  } catch {
    // An unreadable package.json: the version takes no part (every entry is still keyed by the code).
    return "unknown";
  }
}
