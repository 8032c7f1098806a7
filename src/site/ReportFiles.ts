/**
 * The one writer interface of the site layer (Allure 3's `ReportFiles`): a file-system target and
 * an in-memory target with the same methods, so the same pipeline builds to disk or, in tests and
 * dry runs, to memory. Every path is checked by `safeOutputPath`.
 */

/** Where a report (or a whole site) is written. Paths are relative to `root`, `/`-separated. */
export interface ReportFiles {
  /** Absolute output root; nothing is ever written outside it. */
  readonly root: string;
  /** Writes `content` (UTF-8 for strings) at `relPath`, creating folders; replaces an existing file. */
  write(relPath: string, content: string | Uint8Array): Promise<void>;
  /**
   * Copies the file at `absSource` to `relPath` as a plain file (links are followed, never kept).
   * With `sourceRoot`, refuses a source whose real path lies outside it (a symlink leading out).
   */
  copy(relPath: string, absSource: string, sourceRoot?: string): Promise<void>;
  /** Bytes of a file written through this writer (for tests and callers that post-process). */
  read(relPath: string): Promise<Uint8Array>;
  /** Every path written through this writer, sorted by code unit so the order is deterministic. */
  list(): readonly string[];
}

/** Encodes content to bytes the way both writers store it. */
export function contentBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : content;
}

/** Sorts paths by UTF-16 code unit (locale-independent, so every machine lists the same order). */
export function sortPaths(paths: Iterable<string>): string[] {
  return [...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
