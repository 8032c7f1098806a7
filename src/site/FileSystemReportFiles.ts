/**
 * Disk target of the site writer. Each file is written beside its destination and renamed into
 * place, so a reader (a browser, a static server, a killed build) never sees half a file, and a
 * symlink planted at the destination is replaced rather than followed.
 */
import { copyFile, readFile, realpath, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { tempFileName } from "../render/router.js";
import { UnsafePathError } from "../util/errors.js";
import { outputError } from "./outputError.js";
import { contentBytes, sortPaths, type ReportFiles } from "./ReportFiles.js";
import { checkCopySource, isInside, safeOutputPath } from "./safeOutputPath.js";
import { makeDirectory } from "../util/makeDirectory.js";
import { WriteQueue } from "./writeQueue.js";

let tempCounter = 0;

/** Options of a disk writer. */
export interface FileSystemReportFilesOptions {
  /**
   * Write each file beside its destination and rename it into place (default true). A build
   * writing into a fresh private folder that is itself swapped in whole (see swap.ts) turns this
   * off: nobody can see or plant files there, so each file is written straight in place, past
   * the first few hundred by a writer thread without awaiting it (see writeQueue.ts): `flush`
   * waits for them. Awaited one by one as promises, a 1,000-record report's 2,000 files took 0.8 s,
   * 0.1 s synchronously; synchronously, a 10,000-record report's 20,000 files kept the main thread
   * in the kernel for seconds that the writer thread spends beside rendering.
   */
  readonly atomic?: boolean;
}

/** A `ReportFiles` writing under `root` on disk. */
export class FileSystemReportFiles implements ReportFiles {
  readonly root: string;
  private readonly atomic: boolean;
  private readonly written = new Set<string>();
  /** Folders already created and checked to lie inside the real root. */
  private readonly checkedDirs = new Set<string>();
  private realRoot: string | undefined;
  /** Writes of the non-atomic mode still in flight. */
  private readonly queue = new WriteQueue();

  /** `root` is created on the first write. */
  constructor(root: string, options: FileSystemReportFilesOptions = {}) {
    this.root = path.resolve(root);
    this.atomic = options.atomic !== false;
  }

  /**
   * Writes `content` at `relPath`: atomically (temp file + rename), or in the non-atomic mode
   * in place, possibly still in flight when this resolves (`flush` waits for it).
   */
  async write(relPath: string, content: string | Uint8Array): Promise<void> {
    const target = await this.prepare(relPath);
    if (this.atomic) await this.replace(target, (temp) => writeFile(temp, contentBytes(content)));
    else await this.queue.write(target, content);
    this.written.add(relPath);
  }

  /** Copies `absSource` to `relPath` as a plain file, after the source check. */
  async copy(relPath: string, absSource: string, sourceRoot?: string): Promise<void> {
    const target = await this.prepare(relPath);
    await checkCopySource(absSource, sourceRoot);
    if (this.atomic) await this.replace(target, (temp) => copyFile(absSource, temp));
    else await this.queue.copy(absSource, target);
    this.written.add(relPath);
  }

  /** Bytes of a file under the root, once every write in flight has ended (so as written). */
  async read(relPath: string): Promise<Uint8Array> {
    await this.flush();
    return new Uint8Array(await readFile(safeOutputPath(this.root, relPath)));
  }

  /**
   * Resolves once every file written is on disk; throws the first failed write's OutputError
   * (naming its file). Every caller that needs the files on disk (a swap, a read) awaits it.
   */
  async flush(): Promise<void> {
    await this.queue.flush();
  }

  /** Waits until every write in flight has ended, failed or not: before removing what they wrote. */
  async settle(): Promise<void> {
    await this.queue.settle();
  }

  /** Every path written through this writer, sorted. */
  list(): readonly string[] {
    return sortPaths(this.written);
  }

  /** Checks the path, creates its folder and makes sure no symlinked folder leads out of the root. */
  private async prepare(relPath: string): Promise<string> {
    const target = safeOutputPath(this.root, relPath);
    const dir = path.dirname(target);
    if (this.checkedDirs.has(dir)) return target;
    try {
      await makeDirectory(dir);
      this.realRoot ??= await realpath(this.root);
      const realDir = await realpath(dir);
      if (!isInside(this.realRoot, realDir)) {
        throw new UnsafePathError(
          `Refusing to write ${target}: its folder is a link leading outside ${this.root}; remove the link.`,
        );
      }
      // A link leading elsewhere inside the site (`assets -> some-report`) would make this write
      // land in, and overwrite, another folder's files: the real folder must be where it is named.
      if (realDir !== path.join(this.realRoot, path.relative(this.root, dir))) {
        throw new UnsafePathError(
          `Refusing to write ${target}: a folder on its path is a link (to ${realDir}); remove the link so curi-report can write a real folder there.`,
        );
      }
    } catch (error) {
      if (error instanceof UnsafePathError) throw error;
      throw outputError(target, error);
    }
    this.checkedDirs.add(dir);
    return target;
  }

  /** Produces the file at a temp name beside `target`, then renames it over `target`. */
  private async replace(target: string, produce: (temp: string) => Promise<void>): Promise<void> {
    const temp = path.join(path.dirname(target), tempFileName(path.basename(target), process.pid, ++tempCounter));
    try {
      await produce(temp);
      await rename(temp, target);
    } catch (error) {
      // Best effort: the temp file may not exist; the write error below is what matters.
      await rm(temp, { force: true }).catch(() => undefined);
      throw outputError(target, error);
    }
  }
}
