/**
 * Values that render hands to site: text and bytes to write, files to copy from the run folder.
 * Render never touches the file system itself; site executes these.
 */
import type { RunFile } from "../run/model.js";

/** A file render produced, at a path relative to the report folder (posix separators). */
export interface RenderedFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** A file to copy from the run folder into the report folder. */
export interface CopiedFile {
  /** Destination relative to the report folder (posix separators, already sanitized). */
  readonly path: string;
  readonly source: RunFile;
}

/** An HTML fragment plus the files it refers to. */
export interface RenderedFragment {
  /** Trusted HTML: built by this code, with every input string escaped or sanitized. */
  readonly html: string;
  readonly files: readonly RenderedFile[];
  readonly copies: readonly CopiedFile[];
}
