/**
 * DOT sources of the stage graphs, in the shape of curifactory's `graphs/full.gv` and
 * `graphs/record_<i>.gv` (record clusters filled with the record colour, stages as white ellipses,
 * artifacts as small boxes), drawn from the one DAG model in `dag.ts`.
 *
 * Every text from the run goes through `dotLabel` (quoted escString) or `htmlText` (HTML-like
 * label), after `labelText` has made it safe for graphviz's UTF-8/XML parsers. Node names are the
 * DAG's ASCII ids, and each node carries `id` and `class` attributes, so the SVG has stable ids
 * (`s0_1`, `a3`, `r0`) that `svg.ts` prefixes per graph, and `dag-`-prefixed classes (`dag-stage`,
 * `dag-cached`, `dag-artifact`, `dag-missing`, `dag-external`, `dag-record`, `dag-aggregate`,
 * `dag-input`, `dag-output`, `dag-cross-record`, `dag-record-link`) that cannot clash with page CSS.
 */
import type { Run } from "../../run/model.js";
import { escapeHtml } from "../../util/escape.js";
import type { Dag, DagCluster, DagEdge, DagNode } from "./dag.js";
import { buildDag, dagSize, labelText, nodeCounts, recordLinks, stageTiming } from "./dag.js";

/** Above this size (nodes + 1.5 × edges, Kedro-Viz's rule) the map collapses to one node per record. */
export const COLLAPSE_THRESHOLD = 1000;

const FONT = `fontname="Helvetica,Arial,sans-serif"`;

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
  return `"${labelText(text).replace(/&/g, "&amp;").replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/**
 * Text for an HTML-like label: entities for `& < > " '`, control characters shown, lines joined by
 * `<br/>`. Backslashes are doubled because graphviz still expands `\N`, `\G`… (node and graph
 * names) inside HTML labels, and reads `\\` as one backslash.
 */
export function htmlText(text: string, align: "left" | "center" = "center"): string {
  const br = align === "left" ? `<br align="left"/>` : "<br/>";
  return labelText(text)
    .split("\n")
    .map((line) => escapeHtml(line).replace(/\\/g, "\\\\"))
    .join(br);
}

/** True when the whole-run map is too big to read or lay out quickly, so it should collapse. */
export function shouldCollapse(run: Run): boolean {
  return dagSize(buildDag(run)) > COLLAPSE_THRESHOLD;
}

/** Options of `fullDot`. */
export interface FullDotOptions {
  /** One node per record, with edges between records labelled by artifact counts. Default false. */
  readonly collapse?: boolean;
}

/**
 * The whole-run map (curifactory's `full.gv`): every record a filled cluster, edges that cross
 * records kept (make_copy sources, aggregate inputs). With `collapse`, one node per record instead.
 */
export function fullDot(run: Run, options: FullDotOptions = {}): string {
  const dag = buildDag(run);
  if (options.collapse === true) return collapsedDot(run, dag);
  const lines = [
    "digraph {",
    "\tcompound=true",
    "\tfontsize=10",
    "\tnodesep=.15",
    "\tranksep=.15",
    `\t${FONT}`,
    `\tnode [${FONT}]`,
    "\tedge [arrowsize=.65]",
  ];
  const byId = nodeIndex(dag);
  const edges = edgesByRecord(dag, byId);
  for (const cluster of dag.clusters) {
    for (const edge of edges.get(cluster.record) ?? []) lines.push(`\t${edgeLine(edge)}`);
    lines.push(...clusterLines(cluster));
    for (const id of cluster.nodes) {
      const node = byId.get(id);
      if (node) lines.push(`\t\t${simpleNodeLine(node)}`);
    }
    lines.push("\t}");
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

const indexes = new WeakMap<Dag, { byId: Map<string, DagNode>; edges: Map<number, DagEdge[]> }>();

/** Node by id, memoized per DAG so that drawing every record of a big run stays linear. */
function nodeIndex(dag: Dag): Map<string, DagNode> {
  let index = indexes.get(dag);
  if (!index) indexes.set(dag, (index = { byId: new Map(dag.nodes.map((n) => [n.id, n] as const)), edges: new Map() }));
  return index.byId;
}

/** Edges grouped by the record of their stage end, in DAG order (memoized with `nodeIndex`). */
function edgesByRecord(dag: Dag, byId: Map<string, DagNode>): Map<number, DagEdge[]> {
  const index = indexes.get(dag);
  if (index && index.edges.size > 0) return index.edges;
  const groups = index?.edges ?? new Map<number, DagEdge[]>();
  for (const edge of dag.edges) {
    const record = byId.get(stageEnd(edge))?.record;
    if (record === undefined) continue;
    const list = groups.get(record);
    if (list) list.push(edge);
    else groups.set(record, [edge]);
  }
  return groups;
}

/** The stage end of an edge (every edge has exactly one). */
function stageEnd(edge: DagEdge): string {
  return edge.kind === "output" ? edge.from : edge.to;
}

function clusterLines(cluster: DagCluster): string[] {
  return [
    `\tsubgraph ${cluster.id} {`,
    `\t\tid=${dotString(`r${cluster.record}`)}`,
    `\t\tclass=${dotString(cluster.aggregate ? "dag-record dag-aggregate" : "dag-record")}`,
    `\t\tcolor=${dotString(cluster.colour)}`,
    "\t\tstyle=filled",
    `\t\tlabel=${dotLabelLines([cluster.title, cluster.subtitle])}`,
  ];
}

/** A label of several lines, each cleaned on its own (so a newline in a name cannot merge lines). */
function dotLabelLines(lines: readonly string[]): string {
  return `"${lines.map((l) => dotLabel(l).slice(1, -1)).join("\\n")}"`;
}

function edgeLine(edge: DagEdge): string {
  const classes = [`dag-${edge.kind}`, ...(edge.crossRecord ? ["dag-cross-record"] : [])].join(" ");
  const style = edge.kind === "missing" ? ` style=dashed color="#c00000"` : "";
  return `${edge.from} -> ${edge.to} [class=${dotString(classes)}${style}]`;
}

/** A stage, missing marker, or (in the full map) artifact node with a plain label. */
function simpleNodeLine(node: DagNode): string {
  const head = `${node.id} [id=${dotString(node.id)}`;
  switch (node.kind) {
    case "stage": {
      const timing = stageTiming(node);
      const label = timing === null ? dotLabel(node.label) : dotLabelLines([node.label, timing]);
      const cls = node.cached === true ? "dag-stage dag-cached" : "dag-stage";
      return `${head} class=${dotString(cls)} label=${label} fillcolor=white fontsize=12 style=filled]`;
    }
    case "artifact":
      return `${head} class="dag-artifact" label=${dotLabel(node.label)} fontsize=10 height=.20 shape=rectangle]`;
    case "missing":
      return `${head} class="dag-missing" label=${dotLabel(node.label)} fontsize=9 height=.20 shape=rectangle style="dashed,filled" fillcolor="#fff0f0" color="#c00000" fontcolor="#c00000"]`;
  }
}

/** One node per record, edges between records labelled with how many artifacts flow. */
function collapsedDot(run: Run, dag: Dag): string {
  const lines = [
    "digraph {",
    "\tcompound=true",
    "\tfontsize=10",
    "\tnodesep=.25",
    "\tranksep=.3",
    `\t${FONT}`,
    `\tnode [${FONT}]`,
    `\tedge [arrowsize=.65 fontsize=9 ${FONT}]`,
  ];
  const counts = nodeCounts(dag);
  for (const cluster of dag.clusters) {
    const c = counts.get(cluster.record) ?? { stages: 0, artifacts: 0 };
    const summary = `${plural(c.stages, "stage")}, ${plural(c.artifacts, "artifact")}`;
    const id = `r${cluster.record}`;
    const cls = cluster.aggregate ? "dag-record dag-aggregate" : "dag-record";
    lines.push(
      `\t${id} [id=${dotString(id)} class=${dotString(cls)} label=${dotLabelLines([cluster.title, cluster.subtitle, summary])} shape=box style="rounded,filled" fillcolor=${dotString(cluster.colour)} color=${dotString(cluster.colour)} fontsize=11]`,
    );
  }
  for (const link of recordLinks(run, dag)) {
    const attrs = link.artifacts > 0 ? `label=${dotString(plural(link.artifacts, "artifact"))}` : "style=dashed";
    lines.push(`\tr${link.from} -> r${link.to} [class="dag-record-link" ${attrs}]`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** `1 stage`, `3 stages`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
