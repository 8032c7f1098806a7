/**
 * The single file's end of the render stream: a `ReportFiles` that a report's outputs are also
 * written to (`teeFiles` in teeFiles.ts), as they are made: pages as strings, files as bytes, copies as the run
 * folder's files they come from. It keeps only what a bounded single file can show: the run page,
 * the pages it links to first (the aggregate's, then the best records', as the run page lists
 * them) up to `maxPages`, the files those pages name, and other small files while they fit in a
 * fixed amount of memory. A 10,000-record report streams past it holding a few megabytes.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { REPORT_PATHS } from "../render/router.js";
import { contentBytes, type ReportFiles } from "./ReportFiles.js";
import { checkCopySource } from "./safeOutputPath.js";
import { srcsetUrls } from "./htmlScan.js";
import { classifyUrl, decodePath } from "./siteRefs.js";
import { elements, getAttr, parseDocument, type ParentNode } from "./singleFileTree.js";

/** True for a path that is an HTML page. */
export const isPage = (rel: string): boolean => /\.x?html?$/i.test(rel);

/** Files no page named yet are kept only up to this size each … */
const SPARE_FILE_BYTES = 1024 * 1024;
/** … and this much in all. */
const SPARE_BYTES = 16 * 1024 * 1024;

/** A URL resolved in the report folder: a file in it, or a path leading out of it. */
export type ResolvedRef =
  { readonly kind: "file"; readonly rel: string; readonly fragment: string | null } | { readonly kind: "outside" };

/** Resolves `url` as written in the report file `fromRel`; undefined when it is not a local file reference. */
export function resolveRef(url: string, fromRel: string): ResolvedRef | undefined {
  const kind = classifyUrl(url);
  if (kind.type !== "relative") return undefined;
  const decoded = decodePath(kind.path);
  if (decoded === undefined) return { kind: "outside" };
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), decoded)).replace(/(.)\/$/, "$1");
  if (rel === ".." || rel.startsWith("../") || rel.startsWith("/")) return { kind: "outside" };
  return { kind: "file", rel: rel === "." ? "" : rel, fragment: kind.fragment };
}

/** The report files a page names (links, sources, srcset), in document order. */
export function pageRefs(root: ParentNode, fromRel: string): string[] {
  const refs: string[] = [];
  for (const e of elements(root)) {
    const urls = ["href", "src", "poster"].map((n) => getAttr(e, n)).filter((u): u is string => u !== undefined);
    urls.push(...srcsetUrls(getAttr(e, "srcset") ?? ""));
    for (const url of urls) {
      const ref = resolveRef(url, fromRel);
      if (ref?.kind === "file" && ref.rel !== "") refs.push(ref.rel);
    }
  }
  return refs;
}

/** Options of the sink. */
export interface SingleFileSinkOptions {
  /** Most pages embedded besides the run page. */
  readonly maxPages: number;
  /** Pages to embed before any other the run page links to (the aggregate records'), when it links them. */
  readonly first?: readonly string[];
}

/** Receives one report folder's outputs (under `prefix`) and keeps what its single file needs. */
export class SingleFileSink implements ReportFiles {
  readonly root = "/single-file";
  private readonly seen = new Set<string>();
  private readonly pages = new Map<string, string>();
  private readonly held = new Map<string, Uint8Array>();
  private readonly sources = new Map<string, { readonly abs: string; readonly root: string | undefined }>();
  private readonly referenced = new Set<string>();
  private readonly wanted: string[] = [];
  private spare = 0;

  constructor(
    private readonly prefix: string,
    private readonly options: SingleFileSinkOptions,
  ) {}

  /** Takes a page or a file of the report as it is written. */
  async write(relPath: string, content: string | Uint8Array): Promise<void> {
    const rel = this.local(relPath);
    if (rel === undefined) return;
    this.seen.add(rel);
    if (isPage(rel))
      return this.takePage(rel, typeof content === "string" ? content : new TextDecoder().decode(content));
    const bytes = contentBytes(content);
    if (this.referenced.has(rel)) this.held.set(rel, bytes);
    else if (bytes.length <= SPARE_FILE_BYTES && this.spare + bytes.length <= SPARE_BYTES) {
      this.spare += bytes.length;
      this.held.set(rel, bytes);
    }
  }

  /** Notes where a copied file comes from: it is read from there if the single file needs it. */
  async copy(relPath: string, absSource: string, sourceRoot?: string): Promise<void> {
    const rel = this.local(relPath);
    if (rel === undefined) return;
    this.seen.add(rel);
    this.sources.set(rel, { abs: absSource, root: sourceRoot });
  }

  /** Not a writer to read back from. */
  read(relPath: string): Promise<Uint8Array> {
    return Promise.reject(new Error(`${relPath} is not kept by the single-file sink; read it from the report`));
  }

  /** Nothing is written here. */
  list(): readonly string[] {
    return [];
  }

  /** True when the report has the file `rel` (whether or not it was kept). */
  has(rel: string): boolean {
    return this.seen.has(rel);
  }

  /** Text of a kept page. */
  page(rel: string): string | undefined {
    return this.pages.get(rel);
  }

  /** The pages kept to embed, in the order they are embedded. */
  embeddable(): string[] {
    return this.wanted.filter((rel) => this.pages.has(rel));
  }

  /** Bytes of a kept file (a copy is read from its source, checked again), or undefined. */
  async bytes(rel: string): Promise<Uint8Array | undefined> {
    const held = this.held.get(rel);
    if (held !== undefined) return held;
    const source = this.sources.get(rel);
    if (source === undefined) return undefined;
    await checkCopySource(source.abs, source.root);
    return new Uint8Array(await readFile(source.abs));
  }

  /** Size of a kept file (a copy's from its source), or undefined when it was not kept. */
  async sizeOf(rel: string): Promise<number | undefined> {
    const held = this.held.get(rel);
    if (held !== undefined) return held.length;
    const source = this.sources.get(rel);
    return source === undefined ? undefined : (await stat(source.abs)).size;
  }

  private local(relPath: string): string | undefined {
    return relPath.startsWith(this.prefix) ? relPath.slice(this.prefix.length) : undefined;
  }

  /** Keeps the run page and the pages chosen from its links; notes the files they name. */
  private takePage(rel: string, text: string): void {
    const isRunPage = rel === REPORT_PATHS.page;
    if (!isRunPage && !this.wanted.includes(rel)) return;
    this.pages.set(rel, text);
    const refs = pageRefs(parseDocument(text), rel);
    for (const ref of refs) if (!isPage(ref)) this.referenced.add(ref);
    const linked = [...new Set(refs.filter((r) => isPage(r) && r !== REPORT_PATHS.page && !this.seen.has(r)))];
    const first = isRunPage ? (this.options.first ?? []).filter((p) => linked.includes(p)) : [];
    for (const page of [...first, ...linked]) {
      if (this.wanted.length >= this.options.maxPages) break;
      if (!this.wanted.includes(page)) this.wanted.push(page);
    }
  }
}
