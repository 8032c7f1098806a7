/**
 * Normalizes a report page for golden comparison: every inline stage graph (`<svg class="curi-graph">`)
 * becomes a short block listing its label and its clusters, nodes and edges (id, tooltip, text),
 * one per line, so layout coordinates do not churn the goldens while a lost node or edge shows.
 * Everything else (line plots included: they are ours and deterministic) is kept as it is, with
 * one element per line so diffs stay readable.
 */

/** Replaces each inline SVG by a readable summary of its graph and breaks lines between tags. */
export function normalizeHtml(html: string): string {
  const withSvgs = html.replace(/<svg\b[^>]*\bclass="curi-graph"[^>]*>[\s\S]*?<\/svg>/g, (svg) => summarizeSvg(svg));
  return withSvgs.replace(/>\s*</g, ">\n<");
}

function summarizeSvg(svg: string): string {
  const label = /^<svg\b[^>]*\baria-label="([^"]*)"/.exec(svg)?.[1] ?? "";
  const lines: string[] = [`<svg-summary aria-label="${label}">`];
  for (const match of svg.matchAll(
    /<g\b[^>]*\bid="([^"]*)"[^>]*\bclass="([^"]*)"[^>]*>([\s\S]*?)(?=<g\b[^>]*\bclass="(?:node|edge|cluster)|<\/svg>)/g,
  )) {
    const [, gid, gclass, body] = match;
    const texts = [...(body ?? "").matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((t) => (t[1] ?? "").trim());
    const title = /<title>([\s\S]*?)<\/title>/.exec(body ?? "")?.[1] ?? "";
    lines.push(`  ${gclass} ${gid} title=${JSON.stringify(title)} text=${JSON.stringify(texts)}`);
  }
  lines.push("</svg-summary>");
  return lines.join("\n");
}
