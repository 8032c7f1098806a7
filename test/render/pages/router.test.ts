import { describe, expect, it } from "vitest";
import { planReport, relativeUrl, reportFolderName, SECTION_IDS } from "../../../src/render/router.js";
import type { Reportable, Run } from "../../../src/run/model.js";
import { RunBuilder } from "../helpers/runs.js";

/** A run with a JSON reportable per qualified name, all on record 0. */
function runWith(names: readonly string[], reference = "exp_1_2026-01-02-T030405"): Run {
  const b = new RunBuilder({ reference });
  b.record("a");
  const run = b.build();
  const reportables: Reportable[] = names.map((qualifiedName) => ({
    qualifiedName,
    name: qualifiedName,
    group: null,
    record: 0,
    stage: "s",
    files: [],
    kind: "json",
    value: 1,
  }));
  return { ...run, reportables };
}

describe("planReport", () => {
  it("gives colliding qualified names distinct anchors and file names", () => {
    const plan = planReport(runWith(["a b", "a_b", "A", "a", "a/b", "a\\b", "a b"]));
    const anchors = plan.reportables.map((r) => r.anchor);
    expect(new Set(anchors.map((a) => a.toLowerCase())).size).toBe(anchors.length);
    const files = plan.reportables.map((r) => r.fileBase.toLowerCase());
    expect(new Set(files).size).toBe(files.length);
    for (const f of plan.reportables.map((r) => r.fileBase))
      expect(f).toMatch(/^reportables\/[A-Za-z0-9][A-Za-z0-9._-]*$/);
    for (const a of anchors) expect(a).toMatch(/^r-[A-Za-z0-9][A-Za-z0-9._-]*$/);
  });

  it("keeps an anchor stable when other reportables are added after it", () => {
    const before = planReport(runWith(["x", "(Aggregate)_compare_23"]));
    const after = planReport(runWith(["x", "(Aggregate)_compare_23", "x", "new one"]));
    expect(after.reportables.slice(0, 2).map((r) => r.anchor)).toEqual(before.reportables.map((r) => r.anchor));
    expect(after.reportables.slice(0, 2).map((r) => r.fileBase)).toEqual(before.reportables.map((r) => r.fileBase));
  });

  it("never reuses a section id or another generated id", () => {
    const hostile = [
      "top",
      "info",
      "reportables",
      "map",
      "args",
      "args-0",
      "record-0",
      "group-0",
      "r-x",
      "x",
      "gm-graph0",
    ];
    const b = new RunBuilder({ reference: "r" });
    b.record("a");
    b.record("b");
    const run = { ...b.build(), args: [{ name: "a", hash: "h", values: {}, ignored: [], reprs: {} }] };
    const plan = planReport({ ...runWith(hostile), records: run.records, args: run.args });
    const all = [
      ...Object.values(SECTION_IDS),
      ...plan.reportables.map((r) => r.anchor),
      ...plan.records.map((r) => r.anchor),
      ...plan.argsAnchors,
    ];
    expect(new Set(all).size).toBe(all.length);
    // Prefixes of ids inside SVGs and reportables cannot produce any of the ids above.
    const prefixes = [
      plan.mapIdPrefix,
      ...plan.records.map((r) => r.graphIdPrefix),
      ...plan.reportables.map((r) => `${r.idPrefix}-`),
    ];
    for (const id of all) for (const p of prefixes) expect(id.startsWith(p), `${id} vs ${p}`).toBe(false);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("names the folder after the reference, made safe", () => {
    expect(planReport(runWith([], "iris_1_2026-11-26-T233842")).folder).toBe("iris_1_2026-11-26-T233842");
    for (const reference of ["../../etc", "a/b", "_hidden", ".git", "", "CON", "💥"]) {
      const folder = reportFolderName(reference);
      expect(folder, reference).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      expect(folder).not.toMatch(/^(con|nul)$/i);
    }
    expect(reportFolderName("a/b")).not.toBe(reportFolderName("a_b"));
  });

  it("plans one graph per record with its own DOT path", () => {
    const b = new RunBuilder();
    b.record("a");
    b.record(null);
    const plan = planReport(b.build());
    expect(plan.records.map((r) => [r.anchor, r.dotPath, r.graphIdPrefix])).toEqual([
      ["record-0", "graphs/record_0.gv", "gr0-"],
      ["record-1", "graphs/record_1.gv", "gr1-"],
    ]);
  });
});

describe("relativeUrl", () => {
  it.each([
    ["index.html", "style.css", "style.css"],
    ["index.html", "reportables/x.png", "reportables/x.png"],
    ["latest/index.html", "iris_1/index.html", "../iris_1/index.html"],
    ["latest/index.html", "assets/style.css", "../assets/style.css"],
    ["a/b/page.html", "a/c/x.png", "../c/x.png"],
    ["a/b/page.html", "a/b/x.png", "x.png"],
    ["index.html", "informal run/", "informal%20run/"],
    ["index.html", "q?#%/index.html", "q%3F%23%25/index.html"],
    ["index.html", "index.html", "index.html"],
    ["a/index.html", "a/", "./"],
  ])("from %s to %s is %s", (from, to, expected) => {
    expect(relativeUrl(from, to)).toBe(expected);
  });

  it("resolves back to the target from any base URL, including a sub-path and file://", () => {
    const cases: [string, string][] = [
      ["latest/index.html", "iris_1/index.html"],
      ["x/y/z.html", "assets/style.css"],
      ["index.html", "a b/c#d.html"],
    ];
    for (const base of ["https://user.github.io/repo/", "file:///home/u/reports/"]) {
      for (const [from, to] of cases) {
        const resolved = new URL(
          relativeUrl(from, to),
          new URL(from.split("/").map(encodeURIComponent).join("/"), base),
        );
        expect(decodeURIComponent(resolved.href)).toBe(
          decodeURIComponent(new URL(to.split("/").map(encodeURIComponent).join("/"), base).href),
        );
      }
    }
  });
});
