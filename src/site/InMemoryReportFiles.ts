/**
 * In-memory target of the site writer: the same checks as the disk target, no file system writes.
 * Tests build into memory; a dry run can list what a build would write.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { OutputError } from "../util/errors.js";
import { contentBytes, sortPaths, type ReportFiles } from "./ReportFiles.js";
import { checkCopySource, safeOutputPath } from "./safeOutputPath.js";

/** A `ReportFiles` that keeps every file in a map keyed by its relative path. */
export class InMemoryReportFiles implements ReportFiles {
  readonly root: string;
  private readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Set<string>();

  /** `root` is only used to resolve and check paths (default: a virtual `/memory`). */
  constructor(root = "/memory") {
    this.root = path.resolve(root);
  }

  /** Stores `content` at `relPath` after the path check. */
  async write(relPath: string, content: string | Uint8Array): Promise<void> {
    safeOutputPath(this.root, relPath);
    this.refuseFileFolderClash(relPath);
    this.files.set(relPath, Uint8Array.from(contentBytes(content)));
  }

  /** Reads the source now (after the source check) and stores its bytes. */
  async copy(relPath: string, absSource: string, sourceRoot?: string): Promise<void> {
    safeOutputPath(this.root, relPath);
    await checkCopySource(absSource, sourceRoot);
    this.refuseFileFolderClash(relPath);
    this.files.set(relPath, new Uint8Array(await readFile(absSource)));
  }

  /** Bytes stored at `relPath`. */
  async read(relPath: string): Promise<Uint8Array> {
    const bytes = this.files.get(relPath);
    if (bytes === undefined) throw new Error(`${relPath} was not written to this in-memory report`);
    return bytes;
  }

  /** Text stored at `relPath`, decoded as UTF-8. */
  async readText(relPath: string): Promise<string> {
    return new TextDecoder().decode(await this.read(relPath));
  }

  /** Every stored path, sorted. */
  list(): readonly string[] {
    return sortPaths(this.files.keys());
  }

  /**
   * A disk cannot hold `a` as both a file and a folder; refuse it here too, so memory and disk
   * builds fail alike.
   */
  private refuseFileFolderClash(relPath: string): void {
    const clash = (why: string): never => {
      throw new OutputError(
        `Cannot write ${path.join(this.root, relPath)}: ${why}; this is a bug in the report layout, please report it.`,
      );
    };
    if (this.folders.has(relPath)) clash("it is already a folder");
    const segments = relPath.split("/");
    const parents = segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join("/"));
    for (const parent of parents) if (this.files.has(parent)) clash(`${parent} is already a file`);
    for (const parent of parents) this.folders.add(parent);
  }
}
