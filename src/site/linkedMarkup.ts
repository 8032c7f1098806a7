/**
 * Which files a browser would open as a page of their own, where a run's markup could run script
 * with the site's origin: the rule the build contains linked files by (buildReport's copies) and
 * `check` scans a site by (checkActive.ts), so the two agree.
 *
 * A list of dangerous extensions alone is not enough: the type a name is served as is the host's
 * choice. This Chromium, from disk, opens `.rss`, `.atom`, `.xsd`, `.xbl` and `.rng` as XML and
 * runs the XHTML scripts in them (measured); GitHub Pages serves `.rdf`, `.mml`, `.kml`, `.gpx`,
 * `.xslt` and many more as `+xml` types, which Chromium renders as documents. So:
 * - names a browser always opens as HTML or XHTML (`.html`, `.htm`, `.shtml`, `.xhtml`, `.xht`,
 *   `.xml` …) are markup whatever they hold (an HTML parser needs no `<` up front);
 * - names of known inert types (raster images, media, text, CSV, JSON, PDF, scripts and styles,
 *   which no host serves as a document) are never markup;
 * - any other name is markup when its bytes begin with `<` (after a byte-order mark, white space
 *   or NULs): an XML document must, and a binary file (a pickle, a zip, a gzip'd SVG) does not.
 * SVG files are markup too, but have their own cleaner (svgFile.ts); `isSvgName` tells them apart.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { containedPage } from "../render/reportables/containedPage.js";
import { checkCopySource } from "./safeOutputPath.js";

/** Names a browser opens as HTML or XHTML from disk and from any static host. */
const PAGE_NAME = /\.(?:html?|shtml?|xht(?:ml?)?|xml)$/i;

/** Names of types no host serves as a document: copied as they are, whatever they hold. */
const INERT_NAME =
  /\.(?:png|jpe?g|gif|webp|avif|bmp|ico|tiff?|mp4|m4v|webm|ogg|ogv|oga|mp3|m4a|wav|flac|txt|log|csv|tsv|json|md|pdf|js|css|gv|dot)$/i;

const SVG_NAME = /\.svg$/i;

/** Bytes read from the start of a file to tell whether it is markup. */
export const MARKUP_SNIFF_BYTES = 512;

/** True for an SVG file's name (cleaned by svgFile.ts, not framed). */
export function isSvgName(name: string): boolean {
  return SVG_NAME.test(name);
}

/** True when `name` is always opened as a page (HTML, XHTML, XML). */
export function isPageName(name: string): boolean {
  return PAGE_NAME.test(name);
}

/** True when `name` is neither a page, an SVG nor of a known inert type: its bytes decide. */
export function needsSniff(name: string): boolean {
  return !PAGE_NAME.test(name) && !SVG_NAME.test(name) && !INERT_NAME.test(name);
}

/** True when `head` (a file's first bytes) begins with `<` after a byte-order mark, white space or NULs (UTF-16). */
export function startsLikeMarkup(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0x3c) return true;
    // UTF-8 and UTF-16 byte-order marks, ASCII white space, and the NULs of UTF-16 text.
    if (![0xef, 0xbb, 0xbf, 0xfe, 0xff, 0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x00].includes(byte)) return false;
  }
  return false;
}

/** The first `MARKUP_SNIFF_BYTES` bytes of `file` (fewer for a shorter file; none for anything but a regular file). */
export function readHead(file: string): Uint8Array {
  let fd: number;
  try {
    // Non-blocking, so a FIFO put in a file's place cannot hold the build.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    // Missing or unreadable: nothing to sniff; the copy that follows says what is wrong with the file.
    return new Uint8Array();
  }
  try {
    if (!fstatSync(fd).isFile()) return new Uint8Array();
    const head = Buffer.alloc(MARKUP_SNIFF_BYTES);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when the file `name` (a site path or run path) holding `head` would be opened as a page
 * that could run script: a page name, or an unknown type that starts like markup. SVG is apart.
 */
export function isLinkedMarkup(name: string, head: () => Uint8Array): boolean {
  if (isPageName(name)) return true;
  return needsSniff(name) && startsLikeMarkup(head());
}

/** Most bytes of a linked page read to frame it (its scripts, the bulk of a plotly page, are left out after). */
const MAX_LINKED_READ = 16 * 1024 * 1024;

/** Decodes `bytes` as the browser would by its byte-order mark (UTF-16), else as UTF-8, invalid bytes as U+FFFD. */
function decode(bytes: Uint8Array): string {
  const [a, b] = bytes;
  const encoding = a === 0xff && b === 0xfe ? "utf-16le" : a === 0xfe && b === 0xff ? "utf-16be" : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * The contained page (containedPage.ts) that takes the place of the run folder's file `absSource`
 * (`name` inside the run folder), which must be a regular file inside `runDir`. At most
 * MAX_LINKED_READ bytes are read; the page says when the file was longer.
 */
export async function containedCopy(absSource: string, runDir: string, name: string): Promise<string> {
  await checkCopySource(absSource, runDir);
  const fd = openSync(absSource, "r");
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, MAX_LINKED_READ));
    let read = 0;
    for (let n = -1; n !== 0 && read < buffer.length; read += n)
      n = readSync(fd, buffer, read, buffer.length - read, null);
    return containedPage({ name, text: decode(buffer.subarray(0, read)), bytes: size, readBytes: read });
  } finally {
    closeSync(fd);
  }
}
