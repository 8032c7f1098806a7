/**
 * `checkSite`: verifies that a built site will work on GitHub Pages, under a sub-path, from
 * `file://` and air-gapped — every link and anchor resolves, nothing is fetched from another host,
 * no symlinks or `_` paths (Jekyll), `.nojekyll`, an index and a `latest/` page, no oversized file.
 * The site build makes all this true by construction; this is the independent proof.
 */
import { lstatSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { isPreviewSiteFolder, RETIRED_SITE_PATHS, SITE_PATHS } from "../render/router.js";
import { RUN_FILE } from "../run/version.js";
import { InputNotFoundError, SiteCheckError } from "../util/errors.js";
import { SiteIndex, type SiteFile } from "./SiteIndex.js";
import { editedFindings } from "./checkEdited.js";
import { checkFiles } from "./checkPool.js";
import { runsListFindings } from "./checkRunsList.js";

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
  /**
   * Threads that read and check the files: 1 checks them in this thread; default, one a core
   * (os.availableParallelism) on a site of many files. The findings are the same either way.
   */
  readonly threads?: number;
}

/**
 * Default per-file size budget in MiB: big files make Pages slow and single files heavy. A literal
 * type, so that the CLI can state it in its help without loading this module and the compiler
 * holds the two equal (src/cli/checkCommand.ts).
 */
export const DEFAULT_MAX_FILE_MIB = 5;

/** The default per-file size budget in bytes. */
export const DEFAULT_MAX_FILE_BYTES = DEFAULT_MAX_FILE_MIB * 1024 * 1024;

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
  for (const found of (await checkFiles(site, maxBytes, options.threads)).problems) problems.push(...found);
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
