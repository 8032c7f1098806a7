/**
 * The one DOT writer. A `GraphSpec` is written two ways with the same structure (free nodes, then
 * each cluster with its nodes, then the edges, in spec order):
 * - `specDot`: the graph's source with its texts, classes, links and tooltips (`graphs/*.gv`,
 *   `curi-report dag --format dot`), for anyone who wants to lay it out again with Graphviz;
 * - `layoutDot`: what Graphviz lays out for a shape (graphLayout.ts): nodes of a fixed size and no
 *   text, clusters and edge labels with the widest texts of the shape.
 *
 * Every text from the run goes through `dotLabel` (a quoted escString, after `labelText` made it
 * safe for Graphviz's UTF-8 parser) or `dotString`, so run names cannot break out. Node names are
 * the spec's ASCII ids.
 */
import { labelText } from "./dag.js";
import { nodeSize, PT, type GraphCluster, type GraphEdge, type GraphLine, type GraphNode } from "./graphSpec.js";
import type { GraphSpec, ShapeSizes } from "./graphSpec.js";

/** A DOT double-quoted string of plain text (for non-label attributes; no escString meaning). */
export function dotString(text: string): string {
  // Ids and class lists (most calls) need no escaping.
  if (!/["\\\r\n]/.test(text)) return `"${text}"`;
  return `"${text
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n?|\n/g, " ")}"`;
}

/**
 * A DOT label: a quoted escString whose text graphviz shows exactly. `\` is doubled (so `\N`, `\l`
 * and friends stay literal), `"` is escaped, line breaks become centred `\n` lines, and `&` becomes
 * `&amp;` because graphviz decodes entities (`&amp;`, `&#60;`) even in plain labels.
 */
export function dotLabel(text: string): string {
  return `"${dotLabelBody(text)}"`;
}

/** `dotLabel` without its quotes. Most labels (names, timings, paths) hold none of `& \ " ⏎`: the test spares four replaces. */
function dotLabelBody(text: string): string {
  const clean = labelText(text);
  if (!/[&\\"\n]/.test(clean)) return clean;
  return clean.replace(/&/g, "&amp;").replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** A multi-line label, each line cleaned on its own (so a newline in a name cannot merge lines); empty lines left out. */
function linesLabel(lines: readonly GraphLine[]): string {
  let label = "";
  for (const line of lines) {
    if (line.text === "") continue;
    label += `${label === "" ? "" : "\\n"}${dotLabelBody(line.text)}`;
  }
  return `"${label}"`;
}

/** What differs between the two ways of writing a spec. */
interface DotStyle {
  readonly head: readonly string[];
  /** A node's attributes. */
  node(node: GraphNode): readonly string[];
  /** A cluster's attribute lines; `labelloc` is where its label goes (see `labelPlace`). */
  cluster(cluster: GraphCluster, labelloc: "t" | "b"): readonly string[];
  /** An edge's attributes. */
  edge(edge: GraphEdge, index: number): readonly string[];
}

function writeDot(spec: GraphSpec, style: DotStyle): string {
  const out = ["digraph {", ...style.head.map((l) => `\t${l}`)];
  const inCluster = new Map<string, string[]>();
  for (const node of spec.nodes) {
    const line = `${node.id} [${style.node(node).join(" ")}]`;
    if (node.cluster === null) out.push(`\t${line}`);
    else {
      const list = inCluster.get(node.cluster);
      if (list === undefined) inCluster.set(node.cluster, [line]);
      else list.push(line);
    }
  }
  const places = labelPlaces(spec);
  for (const cluster of spec.clusters) {
    out.push(
      `\tsubgraph cluster_${cluster.id} {`,
      ...style.cluster(cluster, places.get(cluster.id) ?? "t").map((l) => `\t\t${l}`),
      ...(inCluster.get(cluster.id) ?? []).map((l) => `\t\t${l}`),
      "\t}",
    );
  }
  spec.edges.forEach((edge, i) => {
    const attrs = style.edge(edge, i);
    out.push(`\t${edge.from} -> ${edge.to}${attrs.length === 0 ? "" : ` [${attrs.join(" ")}]`}`);
  });
  out.push("}");
  return `${out.join("\n")}\n`;
}

/**
 * Where each cluster's label goes. Edges must not run over it: at the bottom of a cluster that is
 * only entered from above (an aggregate), at the top otherwise.
 */
function labelPlaces(spec: GraphSpec): Map<string, "t" | "b"> {
  const clusterOf = new Map(spec.nodes.map((n) => [n.id, n.cluster] as const));
  const entered = new Map<string, boolean>();
  for (const e of spec.edges) {
    const from = clusterOf.get(e.from) ?? null;
    const to = clusterOf.get(e.to) ?? null;
    if (from === to) continue;
    if (from !== null) entered.set(from, false);
    if (to !== null && entered.get(to) !== false) entered.set(to, true);
  }
  return new Map(spec.clusters.map((c) => [c.id, entered.get(c.id) === true ? "b" : "t"] as const));
}

const FONT = `fontname="Helvetica,Arial,sans-serif"`;
/** How a failed stage and a failed record look where no page stylesheet is (the page's CSS agrees). */
const FAILED_NODE = `color="#c00000" fontcolor="#a00000" penwidth=2`;
const FAILED_CLUSTER = [`pencolor="#c00000"`, "penwidth=2"];

/** The DOT source of `spec`: what it shows, laid out as the report lays it out. */
export function specDot(spec: GraphSpec): string {
  return writeDot(spec, {
    head: [
      "compound=true",
      `nodesep=${spec.spacing.nodesep}`,
      `ranksep=${spec.spacing.ranksep}`,
      FONT,
      // What most nodes are, said once: a node says only how it differs.
      `node [${FONT} shape=box style=filled fillcolor="white"]`,
      `edge [arrowsize=.65 fontsize=9 ${FONT}]`,
    ],
    node: (n) => {
      const failed = n.classes.includes("dag-failed");
      const fill = n.colour ?? (failed ? "#fff0f0" : "white");
      const attrs = [`id=${dotString(n.id)}`, `class=${dotString(n.classes)}`, `label=${linesLabel(n.lines)}`];
      if (n.shape !== "box") attrs.push(`shape=${n.shape}`);
      attrs.push(`fontsize=${n.lines[0]?.size ?? 10}`);
      if (n.dashed === true) attrs.push(`style="dashed,filled"`);
      if (fill !== "white") attrs.push(`fillcolor=${dotString(fill)}`);
      if (failed) attrs.push(FAILED_NODE);
      if (n.href !== null) attrs.push(`URL=${dotString(n.href)}`);
      // Graphviz shows a label whole: a tooltip that only repeats it is left out.
      if (n.lines.length !== 1 || n.tooltip !== n.lines[0]?.text) attrs.push(`tooltip=${dotLabel(n.tooltip)}`);
      return attrs;
    },
    cluster: (c, labelloc) => [
      `id=${dotString(c.id)}`,
      `class=${dotString(c.classes)}`,
      "style=filled",
      `color=${dotString(c.colour)}`,
      ...(c.classes.includes("dag-failed") ? FAILED_CLUSTER : []),
      `label=${linesLabel(c.lines)}`,
      `labelloc=${labelloc}`,
      "labeljust=l",
      `fontsize=${c.lines[0]?.size ?? 10}`,
      ...(c.href === null ? [] : [`URL=${dotString(c.href)}`]),
      ...(c.tooltip === "" ? [] : [`tooltip=${dotLabel(c.tooltip)}`]),
    ],
    edge: (e) => {
      const attrs = [`class=${dotString(e.classes)}`];
      if (e.label !== null) attrs.push(`label=${dotString(e.label)}`);
      if (e.dashed === true) attrs.push("style=dashed");
      return attrs;
    },
  });
}

/**
 * The DOT that Graphviz lays out for a shape: nodes with fixed sizes that fit the widest texts of
 * the shape (`sizes`) and no text, clusters and edge labels with the widest texts of the shape
 * (Graphviz makes room for those itself). Edges carry ids `e<i>` to be found in the layout.
 */
export function layoutDot(spec: GraphSpec, sizes: ShapeSizes): string {
  return writeDot(spec, {
    head: [
      `compound=true nodesep=${spec.spacing.nodesep} ranksep=${spec.spacing.ranksep} fontname="Helvetica"`,
      `node [label="" fixedsize=true fontname="Helvetica"]`,
      `edge [arrowsize=.65 fontname="Helvetica" fontsize=9]`,
    ],
    node: (n) => {
      const size = nodeSize(n.shape, n.lines, sizes.nodeWidths.get(n.id) ?? 0);
      return [`shape=${n.shape}`, `width=${(size.width / PT).toFixed(3)}`, `height=${(size.height / PT).toFixed(3)}`];
    },
    cluster: (c, labelloc) => {
      const lines = sizes.clusterTexts.get(c.id) ?? c.lines;
      const label = lines.map((l) => dotString(l.text).slice(1, -1)).join("\\n");
      return [`label="${label}" labelloc=${labelloc} labeljust=l fontsize=${lines[0]?.size ?? 10}`];
    },
    edge: (e, i) => [
      `id="e${i}"`,
      ...(e.label === null ? [] : [`label=${dotString(sizes.edgeLabels.get(i) ?? e.label)}`]),
    ],
  });
}
