/**
 * The stage DAG as a Mermaid `flowchart`, for pull-request comments (GitHub renders ```mermaid
 * blocks) and `curi-report dag --format mermaid`. Drawn from the same DAG model as the DOT.
 *
 * Mermaid is fragile with untrusted text, so every label goes through `mermaidText`: all ASCII
 * punctuation becomes a `#<code>;` entity (no `"` to end a label, no `<` for HTML, no backtick for
 * Markdown strings or for closing the comment's code fence), and the words and characters that
 * Mermaid's own entity pre-pass misreads are neutralised. Node ids are the DAG's ASCII ids; no
 * `click`, `call` or `href` line is ever emitted.
 */
import type { Run } from "../../run/model.js";
import type { Dag, DagCluster, DagNode } from "./dag.js";
import { buildDag, labelText, nodeCounts, recordLinks, stageTiming } from "./dag.js";
import { plural } from "./dot.js";

/** Limits of `dagMermaid`; the defaults are Mermaid's own `maxTextSize` and `maxEdges`. */
export interface MermaidOptions {
  readonly maxChars?: number;
  readonly maxEdges?: number;
  /** Most nodes of the full diagram; past it the diagram collapses to one node per record (default: no limit). */
  readonly maxNodes?: number;
}

/** A Mermaid diagram and how it was shrunk to fit the limits. */
export interface MermaidDiagram {
  readonly text: string;
  /** True when the diagram shows one node per record instead of every stage and artifact. */
  readonly collapsed: boolean;
  /** True when even the collapsed diagram was too big, so only the first records are shown. */
  readonly truncated: boolean;
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
  "  classDef record stroke:#333333",
  "  classDef note fill:#ffffff,stroke:#c00000,color:#c00000",
];

/**
 * The DAG as a Mermaid flowchart with one subgraph per record. When it would exceed `maxChars`
 * (default 50 000) or `maxEdges` (default 500), it collapses to one node per record with labelled
 * record-to-record links; if that is still too big, it shows the first records that fit and a note
 * node saying how many were left out.
 */
export function dagMermaid(run: Run, options: MermaidOptions = {}): MermaidDiagram {
  const maxChars = options.maxChars ?? 50_000;
  const maxEdges = options.maxEdges ?? 500;
  const dag = buildDag(run);
  if (dag.edges.length <= maxEdges && dag.nodes.length <= (options.maxNodes ?? Number.POSITIVE_INFINITY)) {
    const text = fullText(dag);
    if (text.length <= maxChars) return { text, collapsed: false, truncated: false };
  }
  return collapsedText(run, dag, maxChars, maxEdges);
}

function fullText(dag: Dag): string {
  const byId = new Map(dag.nodes.map((n) => [n.id, n] as const));
  const lines = [...HEADER];
  for (const cluster of dag.clusters) {
    lines.push(`  subgraph ${subgraphId(cluster)} ["${clusterLabel(cluster)}"]`);
    for (const id of cluster.nodes) {
      const node = byId.get(id);
      if (node) lines.push(`    ${nodeLine(node)}`);
    }
    lines.push("  end", `  style ${subgraphId(cluster)} fill:${cluster.colour},stroke:${cluster.colour}`);
  }
  for (const edge of dag.edges) lines.push(`  ${edge.from} ${edge.kind === "missing" ? "-.->" : "-->"} ${edge.to}`);
  return `${lines.join("\n")}\n`;
}

function subgraphId(cluster: DagCluster): string {
  return `r${cluster.record}`;
}

function clusterLabel(cluster: DagCluster): string {
  return `${mermaidText(cluster.title)}<br/>${mermaidText(cluster.subtitle)}`;
}

function nodeLine(node: DagNode): string {
  switch (node.kind) {
    case "stage": {
      const timing = stageTiming(node);
      const label = timing === null ? mermaidText(node.label) : `${mermaidText(node.label)}<br/>${mermaidText(timing)}`;
      return `${node.id}(["${label}"]):::stage`;
    }
    case "artifact":
      return `${node.id}["${mermaidText(node.label)}"]:::artifact`;
    case "missing":
      return `${node.id}["${mermaidText(node.label)}"]:::missing`;
  }
}

/** One node per record; records added in order while the limits allow, then a note for the rest. */
function collapsedText(run: Run, dag: Dag, maxChars: number, maxEdges: number): MermaidDiagram {
  const counts = nodeCounts(dag);
  const linksTo = new Map<number, string[]>();
  for (const link of recordLinks(run, dag)) {
    const line =
      link.artifacts > 0
        ? `  r${link.from} -->|"${plural(link.artifacts, "artifact")}"| r${link.to}`
        : `  r${link.from} -.-> r${link.to}`;
    // A link is drawn once both of its records are shown, i.e. with the later one.
    const later = Math.max(link.from, link.to);
    linksTo.set(later, [...(linksTo.get(later) ?? []), line]);
  }
  const lines = [...HEADER];
  let chars = lines.join("\n").length + 1;
  let edges = 0;
  let shown = 0;
  const reserve = 200; // room for the note node
  for (const cluster of dag.clusters) {
    const c = counts.get(cluster.record) ?? { stages: 0, artifacts: 0 };
    const summary = mermaidText(`${plural(c.stages, "stage")}, ${plural(c.artifacts, "artifact")}`);
    const id = subgraphId(cluster);
    const block = [
      `  ${id}["${clusterLabel(cluster)}<br/>${summary}"]:::record`,
      `  style ${id} fill:${cluster.colour},stroke:${cluster.colour}`,
      ...(linksTo.get(cluster.record) ?? []),
    ];
    const blockChars = block.join("\n").length + 1;
    const blockEdges = block.length - 2;
    const last = cluster === dag.clusters[dag.clusters.length - 1];
    if (chars + blockChars + (last ? 0 : reserve) > maxChars || edges + blockEdges > maxEdges) break;
    lines.push(...block);
    chars += blockChars;
    edges += blockEdges;
    shown++;
  }
  const hidden = dag.clusters.length - shown;
  if (hidden > 0) {
    lines.push(
      `  more["${mermaidText(`… ${plural(hidden, "more record")} not shown: the diagram is too big for Mermaid. See the report's stage map.`)}"]:::note`,
    );
  }
  return { text: `${lines.join("\n")}\n`, collapsed: true, truncated: hidden > 0 };
}
