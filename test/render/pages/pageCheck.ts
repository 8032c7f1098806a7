/**
 * Test helpers for whole pages: what a reader (or a validator) would trip over. Ids across the
 * page including inline SVGs, `#fragment` links that lead nowhere, inline styles a CSP would block,
 * and the markup curifactory got wrong (`</br>`, `<pre>` inside `<p>`, no doctype or charset).
 */
import { decodeEntities, wellFormedProblems } from "../reportables/htmlCheck.js";
import { SECTION_IDS } from "../../../src/render/router.js";
import type { RenderedReport } from "../../../src/render/report.js";

export { decodeEntities };

/** Every id on the page, decoded, in document order. */
export function pageIds(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? ""));
}

/** Every `href="#…"` target on the page, decoded, without the `#`. */
export function fragmentLinks(html: string): string[] {
  return [...html.matchAll(/\shref="#([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? ""));
}

/** Ids that appear more than once. */
export function duplicateIds(html: string): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const id of pageIds(html)) (seen.has(id) ? dups : seen).add(id);
  return [...dups];
}

/** Everything wrong with a full page; empty when it is sound. */
export function pageProblems(html: string): string[] {
  const problems: string[] = [];
  if (!html.startsWith("<!DOCTYPE html>\n")) problems.push("no doctype first");
  if (!html.includes('<html lang="en">')) problems.push("no lang");
  if (!html.includes('<meta charset="utf-8">')) problems.push("no charset");
  if (!html.includes('<meta name="viewport"')) problems.push("no viewport");
  if (!html.includes('<meta http-equiv="Content-Security-Policy"')) problems.push("no CSP");
  if (/\sstyle=/i.test(html)) problems.push("inline style attribute");
  if (/<style[\s>]/i.test(html)) problems.push("inline style element");
  if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(html)) problems.push("inline script");
  if (/<\/br>/i.test(html)) problems.push("</br>");
  if (/<a\s+name=/i.test(html)) problems.push("<a name>");
  if (/<p\b[^>]*>(?:(?!<\/p>)[\s\S])*?<(pre|div|section|ul|table|figure)\b/i.test(html))
    problems.push("block element inside <p>");
  if (/<\?xml|<!DOCTYPE svg/i.test(html)) problems.push("XML prolog or SVG doctype inline");
  problems.push(...duplicateIds(html).map((id) => `duplicate id ${id}`));
  const ids = new Set(pageIds(html));
  for (const target of fragmentLinks(html)) if (!ids.has(target)) problems.push(`link to missing #${target}`);
  problems.push(...wellFormedProblems(html.replace(/^<!DOCTYPE html>/, "")));
  return problems;
}

/** The report page's HTML from a rendered report. */
export function pageOf(report: RenderedReport): string {
  const page = report.files.find((f) => f.path === "index.html");
  if (!page || typeof page.content !== "string") throw new Error("no index.html");
  return page.content;
}

/** A rendered file's text by path. */
export function fileText(report: RenderedReport, path: string): string {
  const file = report.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} among ${report.files.map((f) => f.path).join(", ")}`);
  return typeof file.content === "string" ? file.content : new TextDecoder().decode(file.content);
}

/** Position of each fixed section's id on the page (-1 when absent). */
export function sectionPositions(html: string): Record<keyof typeof SECTION_IDS, number> {
  const out = {} as Record<keyof typeof SECTION_IDS, number>;
  for (const [key, id] of Object.entries(SECTION_IDS))
    out[key as keyof typeof SECTION_IDS] = html.indexOf(` id="${id}"`);
  return out;
}

/** The decoded text of the element with id `id` up to its matching close tag (shallow; for headings and small blocks). */
export function textOf(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => decodeEntities((m[1] ?? "").replace(/<[^>]*>/g, "")));
}
