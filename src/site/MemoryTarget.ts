/**
 * The memory target of a site build (see SiteTarget.ts): every file goes into one in-memory site,
 * with the same path checks as on disk, and nothing is written. The report folders already in the
 * site folder on disk are read (listed in the index, compared with) but never changed, so a memory
 * build shows exactly what a disk build would write. Tests and dry runs build this way.
 */
import { siteTextOrNull } from "./readPublished.js";
import { statSync } from "node:fs";
import path from "node:path";
import type { UpToDate } from "./incremental.js";
import { InMemoryReportFiles } from "./InMemoryReportFiles.js";
import { sortPaths, type ReportFiles } from "./ReportFiles.js";
import { scanSite, withReports, type IndexedReport } from "./siteContents.js";
import type { ReportWriter, RootWriter, SiteTarget, WrittenFolder, WrittenRoot } from "./SiteTarget.js";

/** A site kept in memory (see the module comment). */
export class MemoryTarget implements SiteTarget {
  readonly root: string;
  readonly files: InMemoryReportFiles;
  readonly memory: InMemoryReportFiles;

  /** `outDir` is the site folder whose reports this build adds to (read, never written; default a virtual `/memory`). */
  constructor(outDir = "/memory") {
    this.root = path.resolve(outDir);
    this.files = new InMemoryReportFiles(this.root);
    this.memory = this.files;
  }

  /** Nothing to refuse: nothing is written. */
  async prepare(): Promise<void> {}

  /** A memory build builds every report. */
  upToDate(): UpToDate {
    return { reports: new Map(), verified: new Map() };
  }

  /** Writes the folder's files into the in-memory site under `<folder>/`. */
  async writeReport(folder: string, write: ReportWriter): Promise<WrittenFolder> {
    await write(this.files, `${folder}/`);
    return { written: this.files.list().filter((f) => f.startsWith(`${folder}/`)), folderId: null };
  }

  /** Writes the site root for the reports on disk with this build's `built` ones added or replacing theirs. */
  async writeRoot(built: readonly IndexedReport[], write: RootWriter): Promise<WrittenRoot> {
    const contents = withReports(await scanSite(this.root), built);
    const written = new Set<string>();
    // Reads and listings see the whole site in memory (the index lists comparisons written before it).
    const recording: ReportFiles = {
      root: this.root,
      write: (rel, content) => this.files.write(rel, content).then(() => void written.add(rel)),
      copy: (rel, source, sourceRoot) => this.files.copy(rel, source, sourceRoot).then(() => void written.add(rel)),
      read: (rel) => this.files.read(rel),
      list: () => this.files.list(),
    };
    await write(recording, contents);
    return { ...contents, written: sortPaths(written) };
  }

  /**
   * A file of a report folder this build wrote comes from memory only (missing if not written
   * there), so a memory build never mixes in stale files of the folder on disk; others from disk.
   */
  async readText(rel: string, maxBytes: number): Promise<string | null> {
    if (this.wroteFolderOf(rel))
      return this.files.read(rel).then(
        (bytes) => new TextDecoder().decode(bytes),
        () => null,
      );
    return siteTextOrNull(this.root, rel, maxBytes, `${rel} was left out`);
  }

  /** True when this build wrote `rel`, or the site on disk holds it. */
  has(rel: string): boolean {
    return (
      this.files.list().includes(rel) ||
      statSync(path.join(this.root, rel), { throwIfNoEntry: false })?.isFile() === true
    );
  }

  /** Nothing to remember: a memory build keeps no state. */
  built(): void {}

  /** Nothing to save. */
  async finish(): Promise<void> {}

  private wroteFolderOf(rel: string): boolean {
    const folder = rel.split("/")[0] ?? "";
    return this.files.list().some((f) => f.startsWith(`${folder}/`));
  }
}
