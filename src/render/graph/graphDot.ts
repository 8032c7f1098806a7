/**
 * A `GraphSpec` as DOT with its texts, links and tooltips (`graphs/record_<i>.gv`, `graphs/map.gv`,
 * `curi-report dag --record`): what the report draws, for anyone who wants to lay it out again
 * with Graphviz. Every text goes through `dotLabel`/`dotString`, so run names cannot break out.
 */
import type { Run } from "../../run/model.js";
import { dotLabel, dotString } from "./dot.js";
import { recordGraphSpec } from "./recordGraph.js";
import { recordPagePath } from "../router.js";
import type { GraphLine, GraphSpec } from "./graphSpec.js";

const FONT = `fontname="Helvetica,Arial,sans-serif"`;

/** A multi-line label, each line cleaned on its own. */
function label(lines: readonly GraphLine[]): string {
  return `"${lines.map((l) => dotLabel(l.text).slice(1, -1)).join("\\n")}"`;
}

/** The DOT source of `spec`. */
export function specDot(spec: GraphSpec): string {
  const out = [
    "digraph {",
    "\tcompound=true",
    "\tnodesep=.2",
    "\tranksep=.25",
    `\t${FONT}`,
    `\tnode [${FONT}]`,
    `\tedge [arrowsize=.65 fontsize=9 ${FONT}]`,
  ];
  const byCluster = new Map<string | null, string[]>();
  for (const n of spec.nodes) {
    const attrs = [
      `id=${dotString(n.id)}`,
      `class=${dotString(n.classes)}`,
      `label=${label(n.lines)}`,
      `shape=${n.shape}`,
      `fontsize=${n.lines[0]?.size ?? 10}`,
      n.dashed === true ? `style="dashed,filled"` : "style=filled",
      "fillcolor=white",
      ...(n.href === null ? [] : [`URL=${dotString(n.href)}`]),
      `tooltip=${dotLabel(n.tooltip)}`,
    ];
    const list = byCluster.get(n.cluster) ?? [];
    list.push(`${n.id} [${attrs.join(" ")}]`);
    byCluster.set(n.cluster, list);
  }
  for (const line of byCluster.get(null) ?? []) out.push(`\t${line}`);
  for (const c of spec.clusters) {
    out.push(
      `\tsubgraph cluster_${c.id} {`,
      `\t\tid=${dotString(c.id)}`,
      `\t\tclass=${dotString(c.classes)}`,
      `\t\tstyle=filled`,
      `\t\tcolor=${dotString(c.colour)}`,
      `\t\tlabel=${label(c.lines)}`,
    );
    if (c.href !== null) out.push(`\t\tURL=${dotString(c.href)}`);
    for (const line of byCluster.get(c.id) ?? []) out.push(`\t\t${line}`);
    out.push("\t}");
  }
  for (const e of spec.edges) {
    const attrs = [
      `class=${dotString(e.classes)}`,
      ...(e.label === null ? [] : [`label=${dotString(e.label)}`]),
      ...(e.dashed === true ? ["style=dashed"] : []),
    ];
    out.push(`\t${e.from} -> ${e.to} [${attrs.join(" ")}]`);
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

/**
 * The DOT source of record `index`'s graph, as its page draws it (`graphs/record_<i>.gv`): links
 * are relative to the record's page. Throws RangeError for a record that does not exist.
 */
export function recordDot(run: Run, index: number): string {
  return specDot(recordGraphSpec(run, index, recordPagePath(index)));
}
