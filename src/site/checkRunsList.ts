/**
 * `check`'s proof that the list of every run is whole: the index shows only the newest runs, so a
 * run that no page of the runs list (`runs/<p>.html`) links cannot be reached from the site's front
 * page. Every report folder of the site (a folder whose run_info.json the index reads) must be
 * linked from one of those pages; a pull request's preview (`pr/<n>/`), a site of its own, too,
 * once it has a runs list.
 */
import path from "node:path";
import { FOLDER_PAGE, isPreviewSiteFolder, runsListPageOf, runsListPagePath } from "../render/router.js";
import { scanHtml } from "./htmlScan.js";
import type { SiteIndex } from "./SiteIndex.js";
import { scanSite } from "./siteContents.js";
import { classifyUrl, decodePath, htmlRefs } from "./siteRefs.js";

/** A finding of this check, in `check`'s terms (check.ts adds it to its own). */
export interface RunsListFinding {
  readonly kind: "missing-page" | "unlisted-run";
  readonly file: string;
  readonly message: string;
}

/** The report folders that the pages of the runs list of the site at `prefix` (`""` or `pr/<n>/`) link. */
async function listedFolders(site: SiteIndex, prefix: string, pages: readonly string[]): Promise<Set<string>> {
  const listed = new Set<string>();
  for (const page of pages) {
    const text = await site.text(page);
    for (const ref of htmlRefs(text, { origin: "page" }, scanHtml(text))) {
      const kind = classifyUrl(ref.url);
      if (ref.use !== "link" || kind.type !== "relative") continue;
      const decoded = decodePath(kind.path);
      if (decoded === undefined) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), decoded));
      if (!target.startsWith(prefix)) continue;
      const parts = target.slice(prefix.length).split("/");
      // A run's line links its report page (and its Args section on that page).
      if (parts.length === 2 && parts[1] === FOLDER_PAGE && parts[0] !== undefined) listed.add(parts[0]);
    }
  }
  return listed;
}

/** The findings for the site whose root is `prefix` inside the checked folder (`""` for the site itself). */
async function siteFindings(site: SiteIndex, prefix: string): Promise<RunsListFinding[]> {
  const pages = [...site.files.keys()].filter(
    (rel) => rel.startsWith(prefix) && runsListPageOf(rel.slice(prefix.length)) !== null,
  );
  // A preview built before the runs list existed has none until its pull request's next push
  // rebuilds it; failing the site's check for it would stop every publish of the default branch.
  if (prefix !== "" && pages.length === 0) return [];
  const reports = (await scanSite(path.join(site.root, prefix))).reports.map((r) => r.folder);
  if (reports.length === 0) return [];
  if (pages.length === 0)
    return [
      {
        kind: "missing-page",
        file: prefix === "" ? "." : prefix.slice(0, -1),
        message: `no ${runsListPagePath(1)}: the index shows only the newest runs and links the list of every run there; rebuild the index with this curi-report (curi-report index)`,
      },
    ];
  const listed = await listedFolders(site, prefix, pages);
  return reports
    .filter((folder) => !listed.has(folder))
    .map((folder) => ({
      kind: "unlisted-run" as const,
      file: `${prefix}${folder}`,
      message: `no page of the runs list (${runsListPagePath(1)} …) links this run's report, so it cannot be reached from the index; rebuild the index with this curi-report (curi-report index)`,
    }));
}

/** Every report folder of the site and of its pull-request previews that the runs list leaves out. */
export async function runsListFindings(site: SiteIndex): Promise<RunsListFinding[]> {
  const previews = [...site.dirs].filter(isPreviewSiteFolder).sort();
  const findings: RunsListFinding[] = [];
  for (const prefix of ["", ...previews.map((p) => `${p}/`)]) findings.push(...(await siteFindings(site, prefix)));
  return findings;
}
