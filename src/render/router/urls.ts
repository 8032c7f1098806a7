/**
 * Relative URLs between the site's paths. Every link the site writes is relative, so a report
 * works from `file://`, from a zip, and under any sub-path of a static host. Browser-safe (no
 * imports): the site's bundled scripts may use it.
 */

/**
 * The link from the page at `from` to `anchor` on the page at `to`: just the fragment on the same
 * page, else a relative URL.
 */
export function hrefTo(from: string, to: string, anchor: string | null): string {
  if (from === to && anchor !== null) return `#${anchor}`;
  return anchor === null ? relativeUrl(from, to) : `${relativeUrl(from, to)}#${anchor}`;
}

/**
 * The relative URL that leads from the page at `fromPath` to the file at `toPath`, both relative
 * to the same root with `/` separators (e.g. `latest/index.html` → `ref/index.html` gives
 * `../ref/index.html`). Every segment is percent-encoded, so odd names still resolve. A trailing
 * `/` on `toPath` (a folder) is kept.
 */
export function relativeUrl(fromPath: string, toPath: string): string {
  const fromDirs = segments(fromPath);
  fromDirs.pop(); // the page's own file name
  const toParts = segments(toPath);
  const isFolder = toPath.endsWith("/");
  const shared = Math.min(fromDirs.length, toParts.length - (isFolder ? 0 : 1));
  let common = 0;
  while (common < shared && fromDirs[common] === toParts[common]) common++;
  // Built in one string: an index of 1,000 runs asks for several thousand links.
  let joined = "";
  for (let i = common; i < fromDirs.length; i++) joined += joined === "" ? ".." : "/..";
  for (let i = common; i < toParts.length; i++) {
    if (joined !== "") joined += "/";
    joined += encodeSegment(toParts[i] as string);
  }
  if (joined === "") return "./";
  return isFolder ? `${joined}/` : joined;
}

/** The segments of a `/`-separated path, without empty and `.` ones. */
function segments(p: string): string[] {
  return p.split("/").filter((s) => s !== "" && s !== ".");
}

/** Percent-encodes one path segment, keeping `..` as is. */
function encodeSegment(segment: string): string {
  return segment === ".." ? segment : encodeURIComponent(segment);
}
