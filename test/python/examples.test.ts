/**
 * curifactory 0.20.2's own examples (iris, lazy, reload-reportables, newsgroups), written by its
 * authors without these tests in mind, run through the exporter with real curifactory, plus a
 * notebook-style live manager that never calls the CLI. Every exported run is built and passes
 * `check`. The examples come from ../shared/vendor/curifactory-0.20.2-examples.tar.gz, each project
 * with the examples' BSD LICENSE beside them and the config `curifactory init` writes.
 *
 * newsgroups downloads the 20 newsgroups data set, which cannot work here (no network): its run
 * alone gets test/python/offline on PYTHONPATH, whose sitecustomize.py puts an offline stand-in of
 * the same shape in front of scikit-learn's fetch_20newsgroups_vectorized.
 *
 * Three lanes of runs go side by side (each in its own project folder, so they share nothing).
 */
import { execFile } from "node:child_process";
import { readFile, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run } from "../../src/run/model.js";
import { readRun } from "../../src/run/read.js";
import { curifactoryExamples, curifactoryPath, exampleProject, python, readCurifactoryReport } from "./curifactory.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = path.join(root, "bin/curi-report.js");
const exec = promisify(execFile);

interface Ran {
  readonly project: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The run this command exported (runs/latest after it). */
  readonly reference: string;
}

describe("curifactory's own examples, exported and built", () => {
  const runs = new Map<string, Ran>();
  const projects: string[] = [];

  beforeAll(async () => {
    const curifactory = await curifactoryPath(root);
    const examples = await curifactoryExamples(root);
    const pythonPath = [path.join(root, "python"), curifactory].join(path.delimiter);
    const offline = [path.join(root, "test/python/offline"), pythonPath].join(path.delimiter);
    const [irisProject, reloadProject, newsProject] = await Promise.all([1, 2, 3].map(() => exampleProject(examples)));
    projects.push(irisProject!, reloadProject!, newsProject!, path.dirname(examples));
    const step = async (name: string, project: string, args: string[], env = pythonPath): Promise<void> => {
      const done = await python(project, args, env);
      const reference = (await readFile(path.join(project, "runs", "latest"), "utf8").catch(() => "")).trim();
      runs.set(name, { project, reference, ...done });
    };
    await Promise.all([
      (async () => {
        // The README's one command: run, export, build and check the site.
        await step("iris", irisProject!, ["-m", "curi_report", "run", "iris", "--plain", "--curi-report", root]);
        await exec("cp", [path.join(root, "test/python/notebook_iris.py"), irisProject!]);
        await step("notebook", irisProject!, ["notebook_iris.py"]);
      })(),
      (async () => {
        const cli = ["-m", "curi_report", "experiment", "reload-reportables", "--plain"];
        await step("reload", reloadProject!, cli);
        // The image the stage saved is gone; the stage is cached, its reportables reloaded.
        await unlink(path.join(reloadProject!, "testing.png"));
        await step("reload_cached", reloadProject!, cli);
        await step("lazy", reloadProject!, ["-m", "curi_report", "experiment", "lazy", "--plain"]);
      })(),
      step("newsgroups", newsProject!, ["-m", "curi_report", "experiment", "newsgroups", "--plain"], offline),
    ]);
    for (const project of [irisProject!, reloadProject!, newsProject!]) {
      await exec(process.execPath, [bin, path.join(project, "runs"), "--out", path.join(project, "site"), "--quiet"]);
    }
  }, 600_000);
  afterAll(async () => {
    await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const ran = (name: string): Ran => {
    const found = runs.get(name);
    if (!found) throw new Error(`no run ${name}`);
    return found;
  };
  const read = (name: string): Promise<Run> => readRun(path.join(ran(name).project, "runs", ran(name).reference));

  it("runs each example with curifactory's exit status and exports one run per command", () => {
    const codes = Object.fromEntries([...runs].map(([name, r]) => [name, r.code]));
    expect(codes, [...runs].map(([n, r]) => `${n}: ${r.stderr.slice(-1500)}`).join("\n")).toEqual({
      iris: 0,
      notebook: 0,
      reload: 0,
      reload_cached: 1, // curifactory's own report cannot copy the image that is gone
      lazy: 0,
      newsgroups: 0,
    });
    const references = [...runs.values()].map((r) => r.reference);
    expect(new Set(references).size).toBe(references.length);
  });

  it("builds every exported run into a site that passes check", async () => {
    for (const project of new Set([...runs.values()].map((r) => r.project))) {
      const { stdout } = await exec(process.execPath, [bin, "check", path.join(project, "site")]);
      expect(stdout).toContain("site is ready to publish");
    }
    for (const r of runs.values()) {
      const page = await readFile(path.join(r.project, "site", r.reference, "index.html"), "utf8");
      expect(page).toContain(r.reference);
    }
  });

  it("one command runs iris, builds and checks its site, and says where it is", () => {
    const iris = ran("iris");
    expect(iris.stdout).toContain("site is ready to publish");
    expect(iris.stdout).toContain(`curi-report-run: this run ${path.join("site", iris.reference, "index.html")}`);
  });

  it("holds what curifactory's own report of each CLI run shows", async () => {
    for (const name of ["iris", "reload", "lazy", "newsgroups"]) {
      const run = await read(name);
      const theirs = await readCurifactoryReport(ran(name).project, ran(name).reference);
      expect(run.reportables.map((r) => r.qualifiedName).sort(), name).toEqual([...theirs.reportables].sort());
      expect(
        run.records.filter((r) => r.inManager).map((r) => [...r.stages]),
        name,
      ).toEqual(theirs.stages.map((s) => s ?? []));
      expect(run.info.status, name).toBe(theirs.runInfo["status"]);
    }
    const iris = await read("iris");
    expect(iris.args.map((a) => a.name)).toEqual(["simple_lr", "simple_rf"]);
    expect(iris.args[1]?.reprs?.["model_type"]).toBe("RandomForestClassifier");
    const lazy = await read("lazy");
    expect(lazy.records.map((r) => r.stages)).toEqual([
      ["make_big_data", "use_big_data_directly"],
      ["make_big_data_no_resolve", "use_big_data_no_resolve"],
    ]);
  });

  it("a notebook's live manager is exported without the CLI", async () => {
    const run = await read("notebook");
    // Its last line is what export_run returned (curifactory's live log comes before it).
    expect(ran("notebook").stdout.trim().split("\n").at(-1)).toBe(path.join("runs", ran("notebook").reference));
    expect(run.info.status).toBe("LIVE");
    expect(run.info.cli).toBe("notebook_iris.py"); // curifactory's run line of a live manager: the script
    expect(run.info.params).toEqual({ "(live)": run.args.map((a) => [a.name, a.hash]) });
    expect(run.records.map((r) => r.stages)).toEqual([
      ["load_data", "train_model"],
      ["load_data", "train_model"],
      ["test_models"],
    ]);
    expect(run.metrics["records"]).toBe(3);
  });

  it("a cached re-run whose image is gone shows curifactory's cached copy, and says error as the command did", async () => {
    const [first, again] = [await read("reload"), await read("reload_cached")];
    const image = (run: Run) => run.reportables.find((r) => r.qualifiedName === "test_do_things_1");
    const cached = image(again);
    expect(cached?.kind).toBe("image");
    if (cached?.kind !== "image" || image(first)?.kind !== "image") throw new Error("no image reportable");
    const firstImage = image(first) as typeof cached;
    expect(await readFile(cached.file.absolute)).toEqual(await readFile(firstImage.file.absolute));
    expect(again.records[0]?.stageInfo?.every((s) => s.cached)).toBe(true);
    expect(again.info.status).toBe("error");
    expect(again.info.error).toBe("FileNotFoundError - [Errno 2] No such file or directory: 'testing.png'");
    expect(again.info.traceback).toMatch(/in generate_report[\s\S]*in render[\s\S]*FileNotFoundError/);
  });

  it("newsgroups (offline stand-in) draws the aggregate's lines in matplotlib's colours", async () => {
    const run = await read("newsgroups");
    expect(run.args.map((a) => a.name)).toEqual(["1", "10", "20", "50", "100"]);
    expect(run.args[0]?.reprs?.["layers"]).toBe("(1,)");
    const lines = run.reportables.find((r) => r.kind === "lineplot" && r.plot.series.length === 5);
    if (lines?.kind !== "lineplot") throw new Error("no aggregate line plot");
    const tab10 = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];
    expect(lines.plot.series.map((s) => s.color)).toEqual(tab10);
    const page = await readFile(path.join(ran("newsgroups").project, "site", run.info.reference, "index.html"), "utf8");
    for (const colour of tab10) expect(page).toContain(`stroke="${colour}"`);
  });
});
