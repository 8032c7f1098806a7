/**
 * A `GraphSpec` as a Mermaid `flowchart`, for pull-request comments (GitHub renders ```mermaid
 * blocks) and `curi-report dag --format mermaid [--record N]`. A run is drawn as its stage map,
 * folded by pipeline as the report draws it (mapGraph.ts), shrunk to fit GitHub's limits.
 *
 * Mermaid is fragile with untrusted text, so every label goes through `mermaidText`: all ASCII
 * punctuation becomes a `#<code>;` entity (no `"` to end a label, no `<` for HTML, no backtick for
 * Markdown strings or for closing the comment's code fence), and the words and characters that
 * Mermaid's own entity pre-pass misreads are neutralised. Node ids are the DAG's ASCII ids; no
 * `click`, `call` or `href` line is ever emitted.
 */
import type { Run } from "../../run/model.js";
import { counted, type RunShapes } from "../facts/recordShapes.js";
import { REPORT_PATHS } from "../router.js";
import { labelText } from "./dag.js";
import type { GraphCluster, GraphEdge, GraphNode, GraphSpec } from "./graphSpec.js";
import { mapGraphSpec, mapPipelines, type MapGraph } from "./mapGraph.js";

/** Limits of `dagMermaid`; the defaults are Mermaid's own `maxTextSize` and `maxEdges`, as on GitHub. */
export interface MermaidOptions {
  readonly maxChars?: number;
  readonly maxEdges?: number;
  /** Most nodes of a diagram with stages; past it each pipeline is one box (default: no limit). */
  readonly maxNodes?: number;
}

/** A Mermaid diagram and how it was shrunk to fit the limits. */
export interface MermaidDiagram {
  readonly text: string;
  /** True when the diagram shows one box per pipeline instead of its stages and artifacts. */
  readonly collapsed: boolean;
  /** True when not every pipeline is drawn (a note node says how many are not). */
  readonly truncated: boolean;
  /** Pipelines drawn, and in the run. */
  readonly pipelines: number;
  readonly totalPipelines: number;
}

// Only letters and digits are plain in every Mermaid label context; spaces too, inside a line.
const PLAIN = /^[A-Za-z0-9]$/;
const WORD_JOINER = "\u2060";

/**
 * Text as a safe Mermaid label body (to go inside `"…"`): lines joined by `<br/>`; every ASCII
 * character but letters, digits and inner spaces as a `#<code>;` entity (so no `"`, HTML, Markdown,
 * `%%` or autolinks); non-ASCII text intact. Mermaid decodes entities twice, and in a multi-line
 * label reads a decoded `\n` as a line break and `$$…$$` as KaTeX, so an invisible WORD JOINER
 * (U+2060) is slipped into `\n`, `$$` and its internal sentinels `¶ß` and `ﬂ°`; and `style`/`classDef` are broken up (`#115;tyle`) because
 * its pre-pass strips the `;` of an entity on a line holding `style…:…#…;`.
 */
export function mermaidText(text: string): string {
  // Mermaid refuses an empty quoted label (`a0[""]`), which would break the whole diagram: an
  // empty name is drawn as one space.
  if (text === "") return "#32;";
  return labelText(text)
    .split("\n")
    .map((line) => {
      const joined = line.replace(/\\(?=n)|\$(?=\$)|\u00b6(?=\u00df)|\ufb02(?=\u00b0)/g, (c) => c + WORD_JOINER);
      const points = Array.from(joined);
      return points
        .map((ch, i) => {
          const code = ch.codePointAt(0) ?? 0;
          const edge = i === 0 || i === points.length - 1;
          if (PLAIN.test(ch) || code > 127 || (ch === " " && !edge)) return ch;
          return `#${code};`;
        })
        .join("")
        .replace(/style/g, "#115;tyle")
        .replace(/classDef/g, "#99;lassDef");
    })
    .join("<br/>");
}

const HEADER = [
  "flowchart TB",
  "  classDef stage fill:#ffffff,stroke:#333333",
  "  classDef artifact fill:#ffffff,stroke:#888888",
  "  classDef missing fill:#fff0f0,stroke:#c00000,color:#c00000,stroke-dasharray: 4 2",
  "  classDef external fill:#ffffff,stroke:#888888,stroke-dasharray: 4 2",
  "  classDef failed fill:#fff0f0,stroke:#c00000,color:#a00000,stroke-width:2.5px",
  "  classDef record stroke:#333333",
  "  classDef note fill:#ffffff,stroke:#c00000,color:#c00000",
];

/** Mermaid class of a node, by its graph classes (a failure first: it must show whatever the node is). */
function nodeClass(node: GraphNode): string {
  const classes = node.classes.split(" ");
  for (const [graph, mermaid] of [
    ["dag-failed", "failed"],
    ["dag-missing", "missing"],
    ["dag-external", "external"],
    ["dag-stage", "stage"],
    ["dag-artifact", "artifact"],
    ["dag-record", "record"],
  ] as const)
    if (classes.includes(graph)) return mermaid;
  return "artifact";
}

function nodeLine(node: GraphNode): string {
  const label = node.lines
    .filter((l) => l.text !== "")
    .map((l) => mermaidText(l.text))
    .join("<br/>");
  const [open, close] = node.shape === "ellipse" ? ["([", "])"] : ["[", "]"];
  return `${node.id}${open}"${label === "" ? "#32;" : label}"${close}:::${nodeClass(node)}`;
}

/** A fill (and the border, unless a failure's red border must show) in the record's colour. */
function fillStyle(id: string, colour: string, failed: boolean): string {
  return failed
    ? `  style ${id} fill:${colour},stroke:#c00000,stroke-width:2px,stroke-dasharray: 6 3`
    : `  style ${id} fill:${colour},stroke:${colour}`;
}

/**
 * A cluster as a subgraph. Its title is one line: Mermaid makes room above the first node for one
 * line only, so a second line would be hidden under it.
 */
function subgraphLines(cluster: GraphCluster, nodes: readonly GraphNode[]): string[] {
  const title = cluster.lines
    .map((l) => l.text)
    .filter((t) => t !== "")
    .join(" · ");
  return [
    `  subgraph ${cluster.id} ["${mermaidText(title)}"]`,
    ...nodes.map((n) => `    ${nodeLine(n)}`),
    "  end",
    fillStyle(cluster.id, cluster.colour, cluster.classes.split(" ").includes("dag-failed")),
  ];
}

function edgeLine(edge: GraphEdge): string {
  const arrow = edge.dashed === true ? "-.->" : "-->";
  const label = edge.label === null ? "" : `|"${mermaidText(edge.label)}"|`;
  return `  ${edge.from} ${arrow}${label} ${edge.to}`;
}

/**
 * `spec` as a Mermaid flowchart: free nodes, then one subgraph per cluster, then the edges, in spec
 * order; `notes` become note nodes at the end. Never a `click`, `call` or `href` line: links stay
 * in the report.
 */
export function specMermaid(spec: GraphSpec, notes: readonly string[] = []): string {
  const lines = [...HEADER];
  const inCluster = new Map<string, GraphNode[]>();
  for (const node of spec.nodes) {
    if (node.cluster === null) {
      lines.push(`  ${nodeLine(node)}`);
      if (node.colour !== undefined) lines.push(fillStyle(node.id, node.colour, node.classes.includes("dag-failed")));
    } else {
      const list = inCluster.get(node.cluster);
      if (list === undefined) inCluster.set(node.cluster, [node]);
      else list.push(node);
    }
  }
  for (const cluster of spec.clusters) lines.push(...subgraphLines(cluster, inCluster.get(cluster.id) ?? []));
  for (const edge of spec.edges) lines.push(edgeLine(edge));
  notes.forEach((note, i) => lines.push(`  note${i}["${mermaidText(note)}"]:::note`));
  return `${lines.join("\n")}\n`;
}

/**
 * The run's stage map as Mermaid: each pipeline once with its record count, cross-record edges kept
 * and counted, as the report draws it. When that is past `maxChars` (default 50,000), `maxEdges`
 * (default 500) or `maxNodes`, one box per pipeline; when even that is too big, the pipelines that
 * fit (aggregates first) and a note node saying how many are not shown.
 */
export function dagMermaid(run: Run, shapes: RunShapes, options: MermaidOptions = {}): MermaidDiagram {
  const limits = {
    chars: options.maxChars ?? 50_000,
    edges: options.maxEdges ?? 500,
    nodes: options.maxNodes ?? Number.POSITIVE_INFINITY,
  };
  const total = shapes.shapes.length;
  const attempt = (pipelines: readonly number[], collapse: boolean | "auto"): MermaidDiagram | null => {
    const map = mapGraphSpec(run, shapes, REPORT_PATHS.page, { pipelines, collapse });
    const notes = pipelines.length < total ? [leftOut(shapes, pipelines)] : [];
    const text = specMermaid(map.spec, notes);
    if (!fits(map, text, limits)) return null;
    return {
      text,
      collapsed: map.collapsed,
      truncated: notes.length > 0,
      pipelines: pipelines.length,
      totalPipelines: total,
    };
  };
  const drawn = mapPipelines(run, shapes);
  const whole = attempt(drawn, "auto") ?? attempt(drawn, true);
  if (whole !== null) return whole;
  // The most pipelines that fit, found by bisection (a diagram grows with every pipeline).
  let low = 0;
  let high = drawn.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (attempt(mapPipelines(run, shapes, mid), true) !== null) low = mid;
    else high = mid - 1;
  }
  return (
    attempt(mapPipelines(run, shapes, low), true) ?? {
      text: specMermaid({ clusters: [], nodes: [], edges: [], spacing: { nodesep: 0, ranksep: 0 } }, [
        leftOut(shapes, []),
      ]),
      collapsed: true,
      truncated: true,
      pipelines: 0,
      totalPipelines: total,
    }
  );
}

function fits(map: MapGraph, text: string, limits: { chars: number; edges: number; nodes: number }): boolean {
  return text.length <= limits.chars && map.spec.edges.length <= limits.edges && map.spec.nodes.length <= limits.nodes;
}

/** The note for pipelines not drawn: how many, with how many records. */
function leftOut(shapes: RunShapes, drawn: readonly number[]): string {
  const shown = new Set(drawn);
  const hidden = shapes.shapes.filter((s) => !shown.has(s.index));
  const records = hidden.reduce((n, s) => n + s.records.length, 0);
  return `… ${counted(hidden.length, "more pipeline")} (${counted(records, "record")}) not shown: the diagram is too big for Mermaid. See the report's stage map.`;
}
