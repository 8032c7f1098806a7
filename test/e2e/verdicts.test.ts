/**
 * Issue 21's "Done when" scenario, through the TypeScript record runtime and the real CLI: a
 * 30-record sweep run twice (epochs 25 → 30 in every args set, `final_val`, a loss by meaning,
 * lower in every record), then a run whose record 7 fails. The loss-like metric is unstarred with
 * a note until declared, then judged lower-is-better; `summary --base` stays under 8 KB, leads
 * with per-metric verdicts, lists the shared change once and marks the failed record.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArtifactManager, Record, stage } from "../../src/record/index.js";
import { runMain } from "../cli/helpers.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/** Every element of a page (parsed with parse5), in document order. */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node): void => {
    if ("tagName" in n) out.push(n);
    const kids = "content" in n ? [...n.content.childNodes] : "childNodes" in n ? n.childNodes : [];
    for (const k of kids) walk(k);
  };
  walk(parse(html));
  return out;
}

/** An element's attribute, or "". */
function attr(e: Element, name: string): string {
  return e.attrs.find((a) => a.name === name)?.value ?? "";
}

/** An element's text. */
function text(n: Node): string {
  if (n.nodeName === "#text") return (n as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in n ? n.childNodes.map(text).join("") : "";
}

/** Records in the sweep. */
const N = 30;

/** Runs the sweep into `<root>/runs` (the `n`-th run, from 1); `failAt` makes that record's stage throw. */
async function sweep(root: string, n: number, options: { declare?: boolean; failAt?: number } = {}): Promise<string> {
  let tick = Date.UTC(2026, 10, 30, 9 + n, 0, 0);
  const manager = new ArtifactManager("sweep", {
    root,
    clock: () => new Date((tick += 1000)),
    utc: true,
    hostname: "ci",
    git: { commit: "abc123", dirty: false },
    cli: "node sweep.js",
    log: false,
  });
  if (options.declare === true) manager.declareMetrics({ primary: "final_val", goals: { final_val: "min" } });
  const train = stage({ name: "train", outputs: ["model"] }, (record) => {
    const i = Number(record.args?.i);
    if (i === options.failAt) throw new Error(`diverged at record ${i}`);
    record.logMetrics({ final_val: 0.5 + i / 100 - (n > 1 ? 0.05 : 0), final_train: 0.3 + i / 200 });
    return { model: { i } };
  });
  let dir = "";
  await manager
    .run(async () => {
      const sets = manager.registerArgs(
        Array.from({ length: N }, (_, i) => ({ name: `s${i}`, i, epochs: n > 1 ? 30 : 25 })),
      );
      for (const args of sets) await train(new Record(manager, args));
    })
    .then((d) => (dir = d))
    .catch(() => (dir = manager.runDir));
  return path.resolve(dir);
}

describe("issue 21's scenario: a 30-record sweep, twice, then a failing run", () => {
  let root = "";
  let first = "";
  let second = "";
  let failed = "";
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "curi-verdicts-"));
    first = await sweep(root, 1);
    second = await sweep(root, 2);
    failed = await sweep(root, 3, { failAt: 7 });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("leaves the loss-like metric unjudged and says so, until a goal is declared", async () => {
    const res = await runMain(["summary", second, "--base", first], root);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("| `final_val` ? | — | 30 changed | -0.05 |");
    expect(res.stdout).toContain("No goal known for final\\_val, final\\_train");
    expect(res.stdout).not.toMatch(/\d (better|worse)\b/);
  });

  it("judges it lower-is-better once the project file declares it, in a summary under 8 KB that leads with verdicts", async () => {
    const config = path.join(root, "curi-report.config.json");
    await writeFile(
      config,
      JSON.stringify({ config_version: 1, metrics: { primary: "final_val", goals: { "final_*": "min" } } }),
    );
    try {
      const res = await runMain(["summary", second, "--base", first], root);
      expect(Buffer.byteLength(res.stdout)).toBeLessThan(8 * 1024);
      const sections = [...res.stdout.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
      expect(sections[0]).toMatch(/^Metrics vs base/);
      expect(res.stdout).toContain("| `final_val` ↓ (primary) | — | 30 better | -0.05 |");
      // The shared change is listed once, not 30 times.
      expect(res.stdout).toContain("- all 30 args sets: `epochs` `25` → `30`");
      expect(res.stdout.match(/`epochs`/g)).toHaveLength(1);
    } finally {
      await rm(config);
    }
  });

  it("judges it by the run's own declaration (declareMetrics) too", async () => {
    const declared = await sweep(root, 4, { declare: true });
    const res = await runMain(["compare", first, declared, "--format", "markdown"], root);
    expect(res.stdout).toContain("| `final_val` ↓ (primary) | — | 30 better |");
  });

  it("marks the failed record in the summary", async () => {
    const res = await runMain(["summary", failed, "--base", second], root);
    expect(res.stdout).toMatch(/\| ❌ Record 7 \\\(s7\\\) \| `train` \| `Error - diverged at record 7` \|/);
  });

  it("marks the failed record in the results, the map, its record page and the index, and stars the declared loss", async () => {
    const site = path.join(root, "site");
    const declared = await sweep(root, 5, { declare: true });
    const built = await runMain([path.join(root, "runs"), "--out", site, "--quiet"], root);
    expect(built.code).toBe(0);
    const page = async (...parts: string[]): Promise<Element[]> =>
      elements(await readFile(path.join(site, ...parts), "utf8"));
    const runPage = await page(path.basename(failed), "index.html");
    // Results: the failed record's row says where it failed, in words, and has no star.
    const row = runPage.find((e) => e.tagName === "tr" && attr(e, "data-record") === "7");
    expect(row && attr(row, "class")).toBe("failed");
    expect(row && text(row)).toContain("✗ failed in train");
    expect(row && text(row)).not.toContain("★");
    // The map: a failed stage drawn as failed.
    expect(runPage.some((e) => attr(e, "class").split(" ").includes("dag-failed"))).toBe(true);
    // Its record page: the error.
    const recordPage = (await page(path.basename(failed), "records", "7.html")).map(text).join("\n");
    expect(recordPage).toContain("diverged at record 7");
    // The index: the run's trends row counts its failed record.
    const index = await page("index.html");
    expect(index.filter((e) => attr(e, "class").includes("failed-records")).map(text)).toContain("1 failed record");
    // Unjudged without a declaration: no star for final_val; declared lower-is-better: the lowest is starred.
    const stars = async (run: string): Promise<string[]> =>
      (await page(path.basename(run), "index.html"))
        .filter((e) => e.tagName === "tr" && attr(e, "data-record") !== "" && text(e).includes("★"))
        .map((e) => attr(e, "data-record"));
    expect(await stars(second)).toEqual([]);
    expect(await stars(declared)).toEqual(["0"]);
  });

  it("refuses a project file that does not fit its schema, naming the file and the JSON pointer", async () => {
    const config = path.join(root, "bad.config.json");
    await writeFile(config, JSON.stringify({ config_version: 1, metrics: { goals: { final_val: "lower" } } }));
    const res = await runMain(["summary", second, "--config", config], root);
    expect(res.code).toBe(4);
    expect(res.stderr).toContain("bad.config.json");
    expect(res.stderr).toContain("/metrics/goals/final_val");
  });
});
