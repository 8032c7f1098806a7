/**
 * One run's side of a differing reportable, drawn from its comparison data alone: an image next to
 * the other runs' images, else a link to the reportable in its report (its table or text diff is
 * shown above the sides, see compareSections.ts). Used by the site's in-browser `compare.html` and
 * by the comparison pages a site build writes, so both show the same. Browser-safe.
 */
import { escapeHtml } from "../../util/escape.js";
import type { CompareReportable } from "./compareCore.js";

/** `a/b c.png` as a URL path: each segment percent-encoded, the `#fragment` kept. */
function urlPath(relative: string): string {
  const [file = "", fragment] = relative.split("#", 2);
  return (
    file.split("/").map(encodeURIComponent).join("/") +
    (fragment === undefined ? "" : `#${encodeURIComponent(fragment)}`)
  );
}

/** Trusted HTML of `r`'s side, its files under `reportHref` (the report folder's URL, ending in `/`). */
export function compactSide(reportHref: string, r: CompareReportable | null): string {
  if (r === null) return `<p class="note">not in this run</p>`;
  const link = `<p><a href="${escapeHtml(reportHref + urlPath(r.href))}">open in the report</a></p>`;
  if (r.image === null) return link;
  return `<figure class="image-reportable"><img src="${escapeHtml(reportHref + urlPath(r.image))}" alt="${escapeHtml(r.name)}" loading="lazy" decoding="async"></figure>${link}`;
}
