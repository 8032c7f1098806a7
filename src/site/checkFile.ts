/**
 * `check`'s look at one file of a site: its size, its references (each link, anchor and asset
 * resolved against the site's files), active markup outside the site's own pages, and the
 * published formats. A file's findings depend only on the site's list of files and folders and on
 * the files' contents, so files can be checked in any order, or in worker threads (checkPool.ts),
 * and the findings put back in path order are the same.
 */
import path from "node:path";
import { FOLDER_PAGE } from "../render/router.js";
import { activeContentProblem } from "./checkActive.js";
import { isReportFile } from "./checkEdited.js";
import { formatProblem } from "./checkFormats.js";
import type { SiteProblem } from "./check.js";
import { scanHtml, scanXml } from "./htmlScan.js";
import type { SiteFile, SiteIndex } from "./SiteIndex.js";
import { classifyUrl, cspBlocks, cssRefs, decodePath, htmlRefs, tagIds, type PageRef } from "./siteRefs.js";

/** What to do about a file an HTML reportable links that the report lacks. */
const FRAME_FILE_FIX =
  "list the file among the reportable's files in run.json (a Python run: export it again with this curi-report) and rebuild";

/** One file's findings, and its digest when the edited-report check compares it (taken from the same read). */
export interface FileResult {
  readonly problems: SiteProblem[];
  readonly digest?: string | null;
}

/** Checks one file and takes its digest if the edited-report check needs it, reading the file at most once. */
export async function checkFileAndDigest(site: SiteIndex, file: SiteFile, maxBytes: number): Promise<FileResult> {
  site.hold(file.rel);
  try {
    const problems = await checkOneFile(site, file, maxBytes);
    return isReportFile(site, file.rel) ? { problems, digest: site.digestOf(file.rel) } : { problems };
  } finally {
    site.hold(undefined);
  }
}

const HTML_EXT = /\.x?html?$/i;
const SVG_EXT = /\.svg$/i;
const CSS_EXT = /\.css$/i;

/** Every finding about one file of the site (not those about folders or about the site as a whole), in a fixed order. */
export async function checkOneFile(site: SiteIndex, file: SiteFile, maxBytes: number): Promise<SiteProblem[]> {
  const problems: SiteProblem[] = [];
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
  return problems;
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
