/**
 * The sweep analysis outside the report (issue 19): `summary` names the args that matter and the
 * best configuration, and with `--base` whether the winner changed; `compare` of two sweeps shows
 * their importance rankings side by side (Markdown and page); `--group-by` tells the analysis which
 * arg only repeats a configuration, through the CLI, and warns about a name no args set has.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { compareRuns } from "../../../src/render/compare/compare.js";
import { comparisonMarkdown } from "../../../src/render/compare/compareMarkdown.js";
import { renderComparePage } from "../../../src/render/views/comparePage.js";
import { RunContext } from "../../../src/render/context.js";
import { renderSummary } from "../../../src/render/summary/summary.js";
import { ArtifactManager, Record, stage } from "../../../src/record/index.js";
import type { Run } from "../../../src/run/model.js";
import { runOf, truthSweep, type SweepRow } from "./sweeps.js";

/** A sweep of lr × wd × 3 seeds whose accuracy peaks at `bestLr` (wd matters a little). */
function sweepPeakingAt(bestLr: number): Run {
  const rows: SweepRow[] = [];
  for (const lr of [0.001, 0.01, 0.1])
    for (const wd of [0, 0.01])
      for (let seed = 0; seed < 3; seed++)
        rows.push({
          args: { lr, wd, seed },
          metrics: { accuracy: 0.9 - 0.2 * Math.abs(Math.log10(lr / bestLr)) - wd + seed * 0.001 },
        });
  return runOf(rows);
}

describe("summary", () => {
  it("names the top args by importance and the best configuration", () => {
    const md = renderSummary(truthSweep()).markdown;
    const section = md.slice(md.indexOf("Which args matter"));
    expect(section).toMatch(/Most important for `accuracy` ↑: `lr` \d+%, `wd` \d+%, `batch` \d+%\./);
    expect(section).toMatch(/Best configuration: `lr=0\.01, wd=0(, batch=\d+)?`\./);
  });

  it("with a base, says whether the winner changed", () => {
    const base = new RunContext(sweepPeakingAt(0.1)).facts;
    const changed = renderSummary(sweepPeakingAt(0.01), { base }).markdown;
    expect(changed).toMatch(
      /\*\*The winner changed\*\* since the base `[^`]+`: it was `lr=0\.1, wd=0`, it is `lr=0\.01, wd=0`\./,
    );
    const same = renderSummary(sweepPeakingAt(0.1), { base }).markdown;
    expect(same).toMatch(/The winner is the same as in the base `[^`]+`: `lr=0\.1, wd=0`\./);
  });

  it("has no analysis section for a run that is no sweep", () => {
    const one = runOf([{ args: { lr: 0.1 }, metrics: { accuracy: 0.9 } }]);
    expect(renderSummary(one).markdown).not.toContain("Which args matter");
  });
});

describe("compare of two sweeps", () => {
  const c = compareRuns([sweepPeakingAt(0.1), truthSweep()]);

  it("puts the importance rankings side by side in Markdown, with each run's best configuration", () => {
    const md = comparisonMarkdown(c);
    const at = md.indexOf("### Which args matter for `accuracy`");
    expect(at).toBeGreaterThan(-1);
    const rows = md
      .slice(at)
      .split("\n")
      .filter((l) => l.startsWith("| "));
    const lr = rows.find((r) => r.startsWith("| `lr` "));
    expect(lr).toMatch(/^\| `lr` \| \d+% \(#1\) \| \d+% \(#1\) \|$/);
    // batch is only in the second run.
    expect(rows.find((r) => r.startsWith("| `batch` "))).toMatch(/^\| `batch` \| – \| \d+% \(#3\) \|$/);
    expect(rows.find((r) => r.startsWith("| **best configuration**"))).toMatch(/`lr=0\.1, wd=0` \| `lr=0\.01, wd=0/);
  });

  it("shows the same table on the compare page", () => {
    const html = renderComparePage(c, {
      version: "test",
      pagePath: "compare/a--b.html",
      reportFolder: () => null,
      style: "assets/style.css",
      script: "assets/report.js",
      indexPath: "index.html",
    });
    expect(html).toContain('<section id="compare-analysis">');
    expect(html).toMatch(/<th scope="row"><code>lr<\/code><\/th><td class="num">\d+% \(#1\)<\/td>/);
  });

  it("leaves the section out when fewer than two runs are sweeps", () => {
    const one = runOf([{ args: { lr: 0.1 }, metrics: { accuracy: 0.9 } }]);
    expect(comparisonMarkdown(compareRuns([one, truthSweep()]))).not.toContain("Which args matter");
  });
});

describe("--group-by", () => {
  let tmp: string;
  let runDir: string;

  /** Runs the CLI in-process. */
  async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    const code = await main(argv, { ...io, cwd: tmp, env: {} });
    return { code, stdout, stderr };
  }

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "curi-groupby-"));
    let tick = Date.UTC(2026, 11, 1);
    const manager = new ArtifactManager("copies", {
      root: tmp,
      clock: () => new Date((tick += 1000)),
      utc: true,
      hostname: "ci",
      git: { commit: "abc", dirty: false },
      cli: "node copies.js",
      log: false,
    });
    // `copy` does not look like a seed by its name: only the hint makes it one.
    const train = stage({ name: "train", outputs: ["model"] }, (record) => {
      const { lr, copy } = record.args as unknown as { lr: number; copy: number };
      record.logMetric("accuracy", 0.8 + lr + copy * 0.001);
      return { model: 1 };
    });
    runDir = path.resolve(
      await manager.run(async () => {
        for (const lr of [0.01, 0.1])
          for (const copy of [0, 1, 2]) await train(new Record(manager, { name: `lr${lr}-r${copy}`, lr, copy }));
      }),
    );
  });

  afterAll(async () => rm(tmp, { recursive: true, force: true }));

  it("groups the records that differ only by the named arg (summary)", async () => {
    const plain = await cli("summary", runDir);
    expect(plain.stdout).toMatch(/Best configuration: `lr=0\.1, copy=2`\./);
    const grouped = await cli("summary", runDir, "--group-by", "copy");
    expect(grouped.code).toBe(0);
    expect(grouped.stdout).toMatch(/Best configuration: `lr=0\.1`\. lr=0\.1 wins by .* accuracy over 3 seeds/);
    expect(grouped.stderr).toBe("");
  });

  it("groups on the built pages too, and says the grouping was asked for", async () => {
    const out = path.join(tmp, "site");
    expect((await cli(runDir, "--out", out, "--quiet", "--group-by", "copy")).code).toBe(0);
    const folder = path.basename(runDir);
    const page = await readFile(path.join(out, folder, "index.html"), "utf8");
    expect(page).toContain("differing only by copy, as asked");
  });

  it("warns about a name no args set has", async () => {
    const { code, stderr } = await cli("summary", runDir, "--group-by", "cpy");
    expect(code).toBe(0);
    expect(stderr).toContain('--group-by names "cpy", which no args set has');
  });
});
