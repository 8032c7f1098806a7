/**
 * The shape of `fixtures/hostile/<case>/expected.json`: what building that run must produce.
 * The generator writes these files and `test/hostile` reads them, so both import this one type.
 */

/** Work a test does on its copy of a case before building: what git or the repo should not hold. */
export interface HostileSetup {
  /** Symbolic links to create, `path` relative to the run folder; `target` may be absolute or relative. */
  readonly symlinks?: readonly { readonly path: string; readonly target: string }[];
  /**
   * Values in run.json to blow up: at `pointer`, repeat the first element of an array until it
   * has `repeat` elements, repeat a string until it is `length` characters long, or wrap the
   * value in `nest` levels of arrays, or give an object `keys` keys (its first key and value, numbered).
   */
  readonly expand?: readonly {
    readonly pointer: string;
    readonly repeat?: number;
    readonly length?: number;
    readonly nest?: number;
    readonly keys?: number;
  }[];
}

/** A case whose report must be built. */
export interface ReportOutcome {
  readonly outcome: "report";
  /** What the case attacks, in one sentence. */
  readonly description: string;
  /** Strings that must appear, intact, in the report page's text. */
  readonly texts: readonly string[];
  /** Strings that must appear in the text of the page's stage graphs (SVG), each within one graph. */
  readonly graph_texts?: readonly string[];
  /** Strings that must appear in the text of the reports index. */
  readonly index_texts?: readonly string[];
  /** Red banner for `error`, orange for `incomplete`, none for null. */
  readonly banner: "error" | "incomplete" | null;
  /** How many error boxes (a reportable or graph that could not be drawn) the page may show; default 0. */
  readonly error_boxes?: number;
  /** Images on the page that are expected not to load (a file that is not really an image); default 0. */
  readonly broken_images?: number;
  /** Largest allowed size of the report's index.html in bytes, for cases with huge input (every page is held to 1 MiB: src/render/pageBound.ts). */
  readonly max_page_bytes?: number;
  /** Set when the case found a bug: what broke, and where it was fixed (or reported). */
  readonly bug?: string;
  readonly setup?: HostileSetup;
}

/** A case the build must refuse with a clear error. */
export interface ErrorOutcome {
  readonly outcome: "error";
  readonly description: string;
  /** Class name of the error thrown by the library. */
  readonly error:
    "InvalidRunError" | "UnsupportedVersionError" | "UnsafePathError" | "InputNotFoundError" | "SvgRefusedError";
  /** Exit code of `curi-report`. Keep in sync with src/util/errors.ts. */
  readonly exit: number;
  /** JSON pointers the error must list (InvalidRunError and UnsafePathError), in any order. */
  readonly pointers?: readonly string[];
  /** Pieces of text the error message must contain. */
  readonly message_includes: readonly string[];
  readonly bug?: string;
  readonly setup?: HostileSetup;
}

/** One `expected.json`. */
export type HostileExpected = ReportOutcome | ErrorOutcome;
