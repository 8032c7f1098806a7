/**
 * `checkSite`: verifies that a built site will work on GitHub Pages, under a sub-path, from
 * `file://` and air-gapped — every link and anchor resolves, nothing is fetched from another host,
 * no symlinks or `_` paths (Jekyll), `.nojekyll`, an index and a `latest/` page, no oversized file.
 * The site build makes all this true by construction; this is the independent proof.
 */
import { lstatSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { FOLDER_PAGE, isPreviewSiteFolder, RETIRED_SITE_PATHS, SITE_PATHS } from "../render/router.js";
import { RUN_FILE } from "../run/version.js";
import { InputNotFoundError, SiteCheckError } from "../util/errors.js";
import { scanHtml, scanXml } from "./htmlScan.js";
import { SiteIndex, type SiteFile } from "./SiteIndex.js";
import { formatProblem } from "./checkFormats.js";
import { activeContentProblem } from "./checkActive.js";
import { editedFindings } from "./checkEdited.js";
import { runsListFindings } from "./checkRunsList.js";
import { classifyUrl, cspBlocks, cssRefs, decodePath, htmlRefs, tagIds, type PageRef } from "./siteRefs.js";

/** The kinds of defect `checkSite` finds; `outside-link` is informational. */
export type SiteProblemKind =
  | "broken-link"
  | "broken-anchor"
  | "missing-asset"
  | "absolute-url"
  | "file-path"
  | "outside-host"
  | "outside-link"
  | "script-url"
  | "symlink"
  | "hard-link"
  | "special-file"
  | "underscore-path"
  | "missing-nojekyll"
  | "missing-page"
  | "missing-charset"
  | "too-large"
  | "invalid-data"
  | "active-content"
  | "edited-report"
  | "unlisted-run"
  | "unpublishable";

/** One finding: `error` fails the check, `info` is listed only (links to outside pages). */
export interface SiteProblem {
  readonly kind: SiteProblemKind;
  readonly severity: "error" | "info";
  /** The file it is in, relative to the site root with `/` separators (`.` for the root). */
  readonly file: string;
  readonly message: string;
  /** The URL concerned, when the problem is about a reference. */
  readonly url?: string;
}

/** Options of `checkSite`. */
export interface CheckSiteOptions {
  /** Largest allowed file in bytes; default `DEFAULT_MAX_FILE_BYTES` (5 MiB). */
  readonly maxFileBytes?: number;
}

/**
 * Default per-file size budget in MiB: big files make Pages slow and single files heavy. A literal
 * type, so that the CLI can state it in its help without loading this module and the compiler
 * holds the two equal (src/cli/checkCommand.ts).
 */
export const DEFAULT_MAX_FILE_MIB = 5;

/** The default per-file size budget in bytes. */
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_MAX_FILE_MIB * 1024 * 1024;

/** What to do about a file an HTML reportable links that the report lacks. */
const FRAME_FILE_FIX =
  "list the file among the reportable's files in run.json (a Python run: export it again with this curi-report) and rebuild";

const HTML_EXT = /\.x?html?$/i;
const SVG_EXT = /\.svg$/i;
const CSS_EXT = /\.css$/i;

/**
 * Checks the built site in `dir` and returns every finding: by file in path order, then report
 * folders edited since their build, then runs the runs list leaves out. Throws only when `dir` is not a folder.
 */
export async function checkSite(dir: string, options: CheckSiteOptions = {}): Promise<SiteProblem[]> {
  const root = path.resolve(dir);
  const rootInfo = await stat(root).catch(() => undefined);
  if (rootInfo === undefined || !rootInfo.isDirectory()) {
    throw new InputNotFoundError(
      `${dir} is not a folder; build the site first (curi-report runs --out ${dir}) or pass the site folder.`,
    );
  }
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const problems: SiteProblem[] = [];
  const files = new Map<string, SiteFile>();
  const dirs = new Set<string>(["."]);
  await walk(root, ".", files, dirs, problems);
  if (files.get(SITE_PATHS.nojekyll) === undefined) {
    problems.push({
      kind: "missing-nojekyll",
      severity: "error",
      file: ".",
      message:
        "no .nojekyll at the site root: GitHub Pages runs Jekyll, which drops paths starting with `_`; rebuild the site",
    });
  }
  for (const page of [SITE_PATHS.index, SITE_PATHS.latestPage]) {
    if (!files.has(page))
      problems.push({
        kind: "missing-page",
        severity: "error",
        file: ".",
        message: `no ${page}: a site needs an index and a real latest/ page (not a symlink); rebuild the site`,
      });
  }
  const site = new SiteIndex(root, files, dirs);
  for (const file of files.values()) {
    if (file.size > maxBytes) {
      problems.push({
        kind: "too-large",
        severity: "error",
        file: file.rel,
        message: `${formatBytes(file.size)} is over the ${formatBytes(maxBytes)} budget per file`,
      });
    }
    problems.push(...(await checkFile(site, file)));
    const active = await activeContentProblem(site, file);
    if (active !== null) problems.push({ kind: "active-content", severity: "error", file: file.rel, message: active });
    const invalid = await formatProblem(site, file);
    if (invalid !== null)
      problems.push({
        kind: "invalid-data",
        severity: "error",
        file: file.rel,
        message: `is not what curi-report publishes here: ${invalid}`,
      });
  }
  for (const edited of await editedFindings(site))
    problems.push({ kind: "edited-report", severity: "error", ...edited });
  for (const unlisted of await runsListFindings(site)) problems.push({ severity: "error", ...unlisted });
  return problems;
}

/** Walks the tree without following links, recording files and tree-level problems. */
async function walk(
  root: string,
  rel: string,
  files: Map<string, SiteFile>,
  dirs: Set<string>,
  problems: SiteProblem[],
): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = rel === "." ? entry.name : `${rel}/${entry.name}`;
    if (entry.name.startsWith("_")) {
      problems.push({
        kind: "underscore-path",
        severity: "error",
        file: child,
        message: "starts with `_`: Jekyll drops it unless .nojekyll is kept, and some hosts hide it; rename it",
      });
    }
    const unpublishable = unpublishableReason(entry.name, rel);
    if (unpublishable !== null) {
      problems.push({ kind: "unpublishable", severity: "error", file: child, message: unpublishable });
      continue;
    }
    // Synchronous, as the build's own scans: a site of 100,000 files spent seconds awaiting one lstat after another.
    const info = lstatSync(path.join(root, child));
    if (info.isSymbolicLink()) {
      problems.push({
        kind: "symlink",
        severity: "error",
        file: child,
        message: "is a symbolic link: Pages, zip files and Windows lose it; write a real file or a redirect page",
      });
    } else if (info.isDirectory()) {
      dirs.add(child);
      await walk(root, child, files, dirs, problems);
    } else if (!info.isFile()) {
      problems.push({
        kind: "special-file",
        severity: "error",
        file: child,
        message: "is not a regular file (socket, pipe or device); remove it",
      });
    } else {
      if (info.nlink > 1)
        problems.push({
          kind: "hard-link",
          severity: "error",
          file: child,
          message: `is a hard link (${info.nlink} names): Pages rejects links in the artifact; copy the file`,
        });
      files.set(child, { rel: child, size: info.size });
    }
  }
}

/**
 * Why a file or folder must not be published, or null. Dotfiles are served by static hosts
 * (GitHub Pages serves them) but are no part of a report: build state, locks, half-written files,
 * editor and OS leftovers. A `run.json` is a run's own file, with whatever it holds.
 */
function unpublishableReason(name: string, parent: string): string | null {
  // A pull request's preview (`pr/<n>/`) is a site of its own, built with its own `.nojekyll`.
  if (name === SITE_PATHS.nojekyll && (parent === "." || isPreviewSiteFolder(parent))) return null;
  if (name === RETIRED_SITE_PATHS.manifest)
    return "is the build state of an older curi-report, naming the build machine's paths; delete it before publishing";
  if (name.startsWith("."))
    return "is a hidden file or folder: static hosts serve it, yet it is no part of a report (build state, a lock, a half-written file, editor or OS files); delete it before publishing";
  if (name === RUN_FILE)
    return "is a run's own file, not a report's: it may hold paths and data not meant to be published; build the site into a folder apart from the runs";
  return null;
}

async function checkFile(site: SiteIndex, file: SiteFile): Promise<SiteProblem[]> {
  const isHtml = HTML_EXT.test(file.rel);
  if (!isHtml && !SVG_EXT.test(file.rel) && !CSS_EXT.test(file.rel)) return [];
  const text = await site.text(file.rel);
  const problems: SiteProblem[] = [];
  if (isHtml && !hasDoctypeAndCharset(text)) {
    problems.push({
      kind: "missing-charset",
      severity: "error",
      file: file.rel,
      message:
        'lacks `<!DOCTYPE html>` or `<meta charset="utf-8">` near the top: served without a charset header it shows mojibake',
    });
  }
  let refs: PageRef[];
  if (CSS_EXT.test(file.rel)) refs = cssRefs(text);
  else {
    // One parse gives the page's references and its ids (for its own anchors and pages linking here).
    const tags = isHtml ? scanHtml(text) : scanXml(text);
    site.remember(file.rel, Promise.resolve(tagIds(tags)));
    refs = htmlRefs(text, { origin: isHtml ? "page" : "image" }, tags);
  }
  // A graph may repeat one bad URL a thousand times: report each once per file.
  const seen = new Set<string>();
  for (const ref of refs) {
    const problem = await checkRef(site, file.rel, ref);
    const key = problem ? `${problem.kind}\u0000${problem.message}` : "";
    if (problem && !seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

/** `<!DOCTYPE html>` first and a UTF-8 `<meta charset>` within the first 1024 bytes, as browsers require. */
function hasDoctypeAndCharset(html: string): boolean {
  const head = html.slice(0, 1024);
  return /^\uFEFF?\s*<!doctype html\s*>/i.test(head) && /<meta\s[^>]*charset\s*=\s*["']?utf-8["'\s/>;]/i.test(head);
}

/**
 * Checks one reference from `from`; returns the problem, or undefined when it is fine. In content
 * the run's author wrote, a problem that cannot misbehave in the report is listed as info.
 */
async function checkRef(site: SiteIndex, from: string, ref: PageRef): Promise<SiteProblem | undefined> {
  const problem = await refProblem(site, from, ref);
  if (problem === undefined || problem.severity === "info") return problem;
  const reason = harmlessBecause(ref, problem);
  if (reason === null && ref.origin === "frame" && problem.kind === "missing-asset")
    return { ...problem, message: `${problem.message}: the reportable shows a broken image; ${FRAME_FILE_FIX}` };
  return reason === null
    ? problem
    : { ...problem, severity: "info", message: `${problem.message}; harmless here: ${reason}` };
}

/** Why a problem in the run author's content cannot misbehave in the report, or null when it is a real problem. */
function harmlessBecause(ref: PageRef, problem: SiteProblem): string | null {
  switch (ref.origin) {
    case "page":
      return null;
    case "image":
      // Opened on its own (a shared link to it), an SVG file fetches what it names: a real problem.
      return null;
    case "markdown":
      return problem.kind === "outside-host" || problem.kind === "script-url"
        ? null
        : "the run's author wrote it in Markdown, and the report shows it as written";
    case "frame": {
      // Blocked or not, a file the frame shows that is not in the site is a broken image on the page.
      if (problem.kind === "missing-asset") return null;
      const sandbox = ref.sandbox;
      if (sandbox !== null && ref.use === "link") return "in a sandboxed frame a link can only navigate that frame";
      if (sandbox !== null && ref.use === "redirect") return "a sandboxed frame ignores meta refresh";
      if (problem.kind === "script-url" && sandbox !== null && !/(^|\s)allow-scripts(\s|$)/.test(sandbox))
        return "a sandboxed frame runs no script";
      if (
        (ref.use === "asset" || ref.use === "base") &&
        cspBlocks(ref.policies, ref.directives, problem.kind === "outside-host")
      )
        return "the frame's Content-Security-Policy blocks the request";
      return null;
    }
  }
}

/** The problem with one reference as if curi-report had written it, or undefined when there is none. */
async function refProblem(site: SiteIndex, from: string, ref: PageRef): Promise<SiteProblem | undefined> {
  const kind = classifyUrl(ref.url);
  const at = { file: from, url: ref.url };
  switch (kind.type) {
    case "empty":
    case "inline":
    case "harmless":
      return undefined;
    case "script":
      return {
        ...at,
        kind: "script-url",
        severity: "error",
        message: `${ref.where} runs a script URL ${quote(ref.url)}: the CSP blocks it; use a script file`,
      };
    case "file-path":
      return {
        ...at,
        kind: "file-path",
        severity: "error",
        message: `${ref.where} names a file-system path ${quote(ref.url)}: it exists only on the machine that built the site; use a path relative to the page`,
      };
    case "absolute":
      return {
        ...at,
        kind: "absolute-url",
        severity: "error",
        message: `${ref.where} is site-absolute ${quote(ref.url)}: it breaks under a Pages sub-path and from file://; make it relative`,
      };
    case "outside":
      if (ref.use === "link")
        return {
          ...at,
          kind: "outside-link",
          severity: "info",
          message: `${ref.where} links to the outside page ${quote(ref.url)} (allowed: it fetches nothing until clicked)`,
        };
      return {
        ...at,
        kind: "outside-host",
        severity: "error",
        message: `${ref.where} ${ref.use === "redirect" ? "redirects" : "fetches from"} outside host ${quote(kind.host)}: reports must work air-gapped; ship the file inside the site`,
      };
    case "fragment":
      if (ref.origin === "frame" || kind.fragment === "" || kind.fragment === "top") return undefined;
      return anchorProblem(site, from, from, kind.fragment, ref);
    case "relative":
      return ref.use === "base" ? undefined : relativeProblem(site, from, kind.path, kind.fragment, ref);
  }
}

async function relativeProblem(
  site: SiteIndex,
  from: string,
  rawPath: string,
  fragment: string | null,
  ref: PageRef,
): Promise<SiteProblem | undefined> {
  const at = { file: from, url: ref.url };
  const missing = ref.use === "asset" ? ("missing-asset" as const) : ("broken-link" as const);
  const decoded = decodePath(rawPath);
  if (decoded === undefined)
    return {
      ...at,
      kind: missing,
      severity: "error",
      message: `${ref.where} has a malformed %-escape in ${quote(ref.url)}`,
    };
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(from), decoded));
  if (joined === ".." || joined.startsWith("../")) {
    return {
      ...at,
      kind: missing,
      severity: "error",
      message: `${ref.where} ${quote(ref.url)} leads outside the site folder`,
    };
  }
  let target = joined.replace(/\/$/, "") || ".";
  if (site.dirs.has(target)) {
    // A folder link works on a static host when the folder has an index.html.
    target = target === "." ? FOLDER_PAGE : `${target}/${FOLDER_PAGE}`;
    if (ref.use !== "asset" && site.files.has(target))
      return fragment ? anchorProblem(site, from, target, fragment, ref) : undefined;
  }
  if (!site.files.has(target)) {
    const what = ref.use === "asset" ? "a file that is not in the site" : "a page that does not exist";
    return {
      ...at,
      kind: missing,
      severity: "error",
      message: `${ref.where} ${quote(ref.url)} refers to ${what} (${target})`,
    };
  }
  if (fragment && fragment !== "top" && (HTML_EXT.test(target) || SVG_EXT.test(target)) && ref.origin !== "frame")
    return anchorProblem(site, from, target, fragment, ref);
  return undefined;
}

async function anchorProblem(
  site: SiteIndex,
  from: string,
  target: string,
  rawFragment: string,
  ref: PageRef,
): Promise<SiteProblem | undefined> {
  // SVG view and media fragments are not ids.
  if (/^(svgView\(|xywh=|t=)/.test(rawFragment)) return undefined;
  const fragment = decodePath(rawFragment) ?? rawFragment;
  const ids = await site.idsOf(target);
  if (ids.has(fragment)) return undefined;
  const where = target === from ? "this page" : target;
  return {
    file: from,
    url: ref.url,
    kind: "broken-anchor",
    severity: "error",
    message: `${ref.where} ${quote(ref.url)} points at #${fragment}, which no element in ${where} has as its id`,
  };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}…` : text);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** Formats a finding as one line: `error broken-link  path/file.html: message`. */
export function formatSiteProblem(problem: SiteProblem): string {
  return `${problem.severity === "error" ? "error" : "info "} ${problem.kind.padEnd(16)} ${problem.file}: ${problem.message}`;
}

/** The error to throw when `problems` holds errors (listing them all), else undefined. */
export function siteCheckError(dir: string, problems: readonly SiteProblem[]): SiteCheckError | undefined {
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 50).map((p) => `  ${formatSiteProblem(p)}`);
  const more = errors.length > 50 ? [`  … and ${errors.length - 50} more`] : [];
  return new SiteCheckError(
    `${dir} is not ready to publish (${errors.length} problem${errors.length === 1 ? "" : "s"}); fix the build or the files below and check again:\n${[...shown, ...more].join("\n")}`,
  );
}
