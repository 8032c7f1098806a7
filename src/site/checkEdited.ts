/**
 * `check`'s look at report folders changed after the build that wrote them (issue 23 point 11).
 * On the machine that built a site, the next build keeps a report whose state entry vouches for
 * its folder (same folder, same marker: see incremental.ts) without hashing its files, so a page
 * edited in place stays as edited. `check` hashes every file of each report folder and compares
 * it with the folder's marker (reportMarker.ts): format 2 keeps a short digest per file, so the
 * edited file is named; format 1 only the folder's digest.
 *
 * Not a defence against someone who can write the site (they can write the marker too), but the
 * way to find out that what is published is not what the build wrote, and what rebuilds it.
 */
import { createHash } from "node:crypto";
import { readFormatText } from "../render/formats/format.js";
import { RESERVED_SITE_PATHS } from "../render/router.js";
import { sortPaths } from "./ReportFiles.js";
import { FILE_DIGEST_HEX, MARKER_FILE, MARKER_FORMAT_SPEC, type ReportMarker } from "./reportMarker.js";
import type { SiteIndex } from "./SiteIndex.js";

/** One file (or folder) found changed since its build, and what to do. */
export interface EditedFinding {
  readonly file: string;
  readonly message: string;
}

/** Edited files named per folder; past it, one finding says how many more. */
const MAX_NAMED = 20;

/** The report folder a site path is in (`run_1/`, or `pr/7/run_1/` in a preview site), or null at the root. */
function folderOf(rel: string): string | null {
  const parts = rel.split("/");
  const depth = parts[0] === RESERVED_SITE_PATHS.previews && /^[0-9]+$/.test(parts[1] ?? "") ? 3 : 1;
  return parts.length > depth ? `${parts.slice(0, depth).join("/")}/` : null;
}

/** True when `rel` is a file of a report folder (not its marker): one whose digest the edited-report check compares. */
export function isReportFile(site: SiteIndex, rel: string): boolean {
  const folder = folderOf(rel);
  return folder !== null && rel !== `${folder}${MARKER_FILE}` && site.files.has(`${folder}${MARKER_FILE}`);
}

/** Each report folder of the site (one holding a marker), with its other files' paths inside it, sorted. */
function reportFolders(site: SiteIndex): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const rel of site.files.keys()) {
    const folder = folderOf(rel);
    if (folder !== null && rel === `${folder}${MARKER_FILE}`) folders.set(folder, []);
  }
  for (const rel of site.files.keys()) {
    const folder = folderOf(rel);
    if (folder !== null && rel !== `${folder}${MARKER_FILE}`) folders.get(folder)?.push(rel.slice(folder.length));
  }
  for (const [folder, inner] of folders) folders.set(folder, sortPaths(inner));
  return folders;
}

/** The folder's marker, or null when it cannot be read (the format check reports that). */
async function markerOf(site: SiteIndex, folder: string): Promise<ReportMarker | null> {
  const rel = `${folder}${MARKER_FILE}`;
  try {
    return readFormatText(MARKER_FORMAT_SPEC, await site.text(rel), rel) as unknown as ReportMarker;
  } catch {
    // Not a marker this curi-report reads: formatProblem says so; nothing here to compare with.
    return null;
  }
}

/** What to do, said once per finding. */
function remedy(folder: string): string {
  return `a build on the machine that wrote it keeps the report as it is; rebuild it with --full (curi-report runs --out <site> --full) to replace it, or remove ${folder}`;
}

/** Findings for one report folder: its files (`inner`, sorted) against its marker. */
function folderFindings(
  site: SiteIndex,
  folder: string,
  inner: readonly string[],
  marker: ReportMarker,
): EditedFinding[] {
  const digests = inner.map((f) => site.digestOf(`${folder}${f}`) ?? "");
  const whole = createHash("sha256");
  inner.forEach((f, i) => whole.update(`${f}\0${digests[i] ?? ""}\n`));
  if (whole.digest("hex") === marker.output) return [];
  const said = `${folder}${MARKER_FILE}`;
  const short = marker.files;
  if (short !== undefined && short.length === inner.length * FILE_DIGEST_HEX) {
    const edited = inner.filter(
      (_, i) => digests[i]?.slice(0, FILE_DIGEST_HEX) !== short.slice(i * FILE_DIGEST_HEX, (i + 1) * FILE_DIGEST_HEX),
    );
    if (edited.length > 0) {
      const named = edited.slice(0, MAX_NAMED).map((f) => ({
        file: `${folder}${f}`,
        message: `was changed after the build that wrote it (its digest is not the one in ${said}); ${remedy(folder)}`,
      }));
      const more = edited.length - named.length;
      if (more > 0)
        named.push({
          file: folder.slice(0, -1),
          message: `and ${more} more files were changed after the build; ${remedy(folder)}`,
        });
      return named;
    }
  }
  const why =
    short !== undefined && short.length !== inner.length * FILE_DIGEST_HEX
      ? `files were added, removed or renamed after the build (${said} lists ${short.length / FILE_DIGEST_HEX}, the folder holds ${inner.length})`
      : `its files are not the ones the build wrote (their digest is not the one in ${said})`;
  return [{ file: folder.slice(0, -1), message: `${why}; ${remedy(folder)}` }];
}

/** Every report folder's files that differ from what its marker says the build wrote. */
export async function editedFindings(site: SiteIndex): Promise<EditedFinding[]> {
  const found: EditedFinding[] = [];
  for (const [folder, inner] of reportFolders(site)) {
    const marker = await markerOf(site, folder);
    if (marker !== null) found.push(...folderFindings(site, folder, inner, marker));
  }
  return found;
}
