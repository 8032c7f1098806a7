/**
 * A real curifactory sweep (python/tests/projects/sweep: lr over two decades × weight decay × 3
 * seeds, accuracy logged with curi_report's log_metric) exported through `python/` and built with
 * the CLI shows its sweep analysis (issue 19): lr ranked first, the seeds found and grouped, the
 * best configuration named, analysis.html and analysis.json beside the run page.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { readAnalysisText } from "../../src/render/formats/analysis.js";
import { REPORT_PATHS } from "../../src/render/router.js";
import { copyProject, curifactoryPath, python } from "./curifactory.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("a curifactory sweep exported for curi-report", () => {
  let project: string;
  let out: string;
  let folder: string;

  beforeAll(async () => {
    const pythonPath = [path.join(root, "python"), await curifactoryPath(root)].join(path.delimiter);
    project = await copyProject(path.join(root, "python/tests/projects/sweep"));
    const ran = await python(
      project,
      ["-m", "curi_report", "experiment", "sweep", "-p", "sweep", "--plain"],
      pythonPath,
    );
    expect(ran.code, ran.stderr.slice(-2000)).toBe(0);
    out = await mkdtemp(path.join(os.tmpdir(), "curi-py-sweep-site-"));
    let stderr = "";
    const code = await main([path.join(project, "runs"), "--out", out, "--quiet"], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: project,
      env: {},
    });
    expect(code, stderr).toBe(0);
    const reports = (await readdir(out)).filter((f) => f.startsWith("sweep_"));
    expect(reports).toHaveLength(1);
    folder = path.join(out, reports[0] as string);
    // A bound for a hang only: curifactory starts slowly on a loaded machine.
  }, 300_000);

  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  });

  it("publishes analysis.json: lr first, the seeds grouped, the best configuration", async () => {
    const doc = readAnalysisText(await readFile(path.join(folder, REPORT_PATHS.analysisJson), "utf8"), "analysis.json");
    expect(doc["records"]).toBe(12);
    expect(doc["seeds"]).toEqual(["seed"]);
    const metrics = doc["metrics"] as { name: string; importance: { ranking: { arg: string }[] } }[];
    expect(metrics[0]?.name).toBe("accuracy");
    expect(metrics[0]?.importance.ranking.map((r) => r.arg)).toEqual(["lr", "weight_decay"]);
    const best = doc["best"] as { kind: string; args: { name: string; value: string }[]; records: number[] };
    expect(best.kind).toBe("group");
    expect(best.args).toEqual([
      { name: "lr", value: "0.1" },
      { name: "weight_decay", value: "0" },
    ]);
    expect(best.records).toHaveLength(3);
  });

  it("shows the analysis on the run page and its full page", async () => {
    const page = await readFile(path.join(folder, REPORT_PATHS.page), "utf8");
    expect(page).toContain('<section class="analysis" id="analysis">');
    expect(page).toMatch(/lr=0\.1, weight_decay=0 wins by [^<]* accuracy over 3 seeds/);
    expect(page).toContain(`href="${REPORT_PATHS.analysis}"`);
    const full = await readFile(path.join(folder, REPORT_PATHS.analysis), "utf8");
    expect(full).toContain("<h1>Sweep analysis</h1>");
    expect(full.match(/class="an-chart an-slice/g)?.length).toBe(2);
  });
});
