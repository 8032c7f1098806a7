/**
 * The results table's columns are bounded whatever the input (issue 23 point 1): an args set
 * with 100,000 keys once made a 14 MB run page of 100,068 header cells that never loaded. The
 * table shows the args that differ most, then "and N more" linking to the Args section.
 */
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { RunContext } from "../../../src/render/context.js";
import { renderReport } from "../../../src/render/report.js";
import type { JsonValue, Run } from "../../../src/run/model.js";
import { argsOf, differingArgs, MAX_ARG_COLUMNS } from "../../../src/render/views/resultsColumns.js";
import { sweepRun } from "./sweep.js";

type Node = DefaultTreeAdapterMap["node"];

/** Every element of `tag` under `node`, by a walk of the parsed tree. */
function elements(node: Node, tag: string, found: Node[] = []): Node[] {
  if ("tagName" in node && node.tagName === tag) found.push(node);
  if ("childNodes" in node) for (const child of node.childNodes) elements(child, tag, found);
  if ("content" in node) elements(node.content as Node, tag, found);
  return found;
}

const attr = (node: Node, name: string): string | undefined =>
  "attrs" in node ? node.attrs.find((a) => a.name === name)?.value : undefined;

/** A 3-record sweep whose first args set has `keys` extra keys, each with a value of its own. */
function wideRun(keys: number): Run {
  const base = sweepRun({ n: 3 });
  const wide: Record<string, JsonValue> = { ...base.args[0]?.values };
  for (let k = 0; k < keys; k++) wide[`k${k}`] = k;
  return { ...base, args: base.args.map((a, i) => (i === 0 ? { ...a, values: wide } : a)) };
}

describe("results table columns", () => {
  it("puts the args that differ most first", () => {
    const base = sweepRun({ n: 3 });
    const values = [
      { name: "a", opt: "x", lr: 1, depth: 1 },
      { name: "b", opt: "x", lr: 2, depth: 1 },
      { name: "c", opt: "y", lr: 3, depth: 1 },
    ];
    const run = { ...base, args: base.args.map((a, i) => ({ ...a, values: values[i] ?? {} })) };
    expect(differingArgs(new RunContext(run), [0, 1, 2])).toEqual(["lr", "opt"]);
  });

  it("finds a record's args set by its name and hash, else the first with its hash", () => {
    const base = sweepRun({ n: 3 });
    // Two sets share a hash (equal as far as the hash goes); each record reads its own set's values.
    const args = [
      { ...base.args[0], name: "a", hash: "same", values: { v: "a" } },
      { ...base.args[0], name: "b", hash: "same", values: { v: "b" } },
    ] as Run["args"];
    const records = base.records.map((r, i) => ({ ...r, argsHash: "same", argsName: ["b", "a", "gone"][i] ?? null }));
    const run = { ...base, args, records };
    const context = new RunContext(run);
    expect([0, 1, 2].map((i) => argsOf(context, i)?.v)).toEqual(["b", "a", "a"]);
  });

  it("keeps a run page of an args set with 100,000 keys under 1 MiB, with a bounded header and a link to the Args section", async () => {
    const report = await renderReport(wideRun(100_000), { version: "test" });
    const html = String(report.files.find((f) => f.path === "index.html")?.content);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(1024 * 1024);
    const doc = parse(html) as Node;
    const table = elements(doc, "table").find((t) => attr(t, "class") === "results-table");
    expect(table).toBeDefined();
    const head = elements(table as Node, "thead")[0] as Node;
    const argCols = elements(head, "th").filter((th) => attr(th, "class") === "arg");
    expect(argCols).toHaveLength(MAX_ARG_COLUMNS);
    // 100,000 new keys plus lr differ; 12 are shown.
    expect(html).toContain("and 99,989 more differing args, not shown as columns;");
    const more = elements(doc, "a").find((a) => attr(a, "href") === "#args");
    expect(more).toBeDefined();
    expect(elements(doc, "section").some((s) => attr(s, "id") === "args")).toBe(true);
    // Every data page stays within its bound too.
    for (const f of report.files.filter((f) => f.path.startsWith("results/")))
      expect(Buffer.byteLength(String(f.content))).toBeLessThanOrEqual(1024 * 1024);
  });
});
