/**
 * Real Python curifactory for the end-to-end tests: finds (or unpacks) curifactory 0.20.2, runs
 * experiment projects through `python3 -m curi_report`, and reads what curifactory itself wrote
 * in its own report of the same run (reports/<ref>/index.html, graphs/*.gv, run_info.json), so a
 * test can compare the exported run against it.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's interpreter (never a `python3` that happens to come first on PATH). */
export const PYTHON = process.env.CURI_PYTHON ?? "/usr/bin/python3";

/**
 * Directory holding the `curifactory` package: $CURIFACTORY_PATH (set by .ci/run), or the
 * vendored tarball (../shared/vendor beside the repository or its worktree) unpacked once.
 */
export async function curifactoryPath(root: string): Promise<string> {
  if (process.env.CURIFACTORY_PATH) return process.env.CURIFACTORY_PATH;
  const name = "curifactory-0.20.2.tar.gz";
  const tarball = [path.join(root, "../shared/vendor", name), path.join(root, "../../shared/vendor", name)].find((p) =>
    existsSync(p),
  );
  if (!tarball)
    throw new Error(
      `curifactory 0.20.2 not found: set CURIFACTORY_PATH or put ${name} in ../shared/vendor (see .ci/run)`,
    );
  const dir = await mkdtemp(path.join(os.tmpdir(), "curifactory-"));
  await run("tar", ["-xzf", tarball, "-C", dir]);
  return path.join(dir, "curifactory-0.20.2");
}

/**
 * curifactory 0.20.2's own examples (`examples/` and its BSD `LICENSE`), unpacked once from the
 * vendored ../shared/vendor/curifactory-0.20.2-examples.tar.gz; returns the unpacked folder.
 */
export async function curifactoryExamples(root: string): Promise<string> {
  const name = "curifactory-0.20.2-examples.tar.gz";
  const tarball = [path.join(root, "../shared/vendor", name), path.join(root, "../../shared/vendor", name)].find((p) =>
    existsSync(p),
  );
  if (!tarball) throw new Error(`${name} not found in ../shared/vendor (the vendored examples of curifactory 0.20.2)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "curifactory-examples-"));
  await run("tar", ["-xzf", tarball, "-C", dir]);
  return path.join(dir, "curifactory-0.20.2-examples");
}

/** The curifactory_config.json that `curifactory init` writes with every default kept. */
export const DEFAULT_CONFIG = {
  experiments_module_name: "experiments",
  params_module_name: "params",
  manager_cache_path: "data/",
  cache_path: "data/cache/",
  runs_path: "data/runs/",
  logs_path: "logs/",
  notebooks_path: "notebooks/",
  reports_path: "reports/",
  report_css_path: "reports/style.css",
};

/**
 * A curifactory project made of the examples as their authors ship them (experiments, params,
 * reports/style.css), their LICENSE (BSD 3-Clause: its notice stays with the copy), and the
 * default config. The examples' folders have no `__init__.py`; curifactory imports them as
 * namespace packages, as it does in their repository.
 */
export async function exampleProject(examples: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "curi-py-example-"));
  await cp(path.join(examples, "examples"), dir, { recursive: true });
  await cp(path.join(examples, "LICENSE"), path.join(dir, "LICENSE"));
  await writeFile(path.join(dir, "curifactory_config.json"), `${JSON.stringify(DEFAULT_CONFIG, null, 4)}\n`);
  return dir;
}

/** Copies a project folder to a fresh temp folder (its data/, reports/, runs/ land there). */
export async function copyProject(source: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "curi-py-"));
  await cp(source, dir, { recursive: true });
  return dir;
}

/** Runs `python3 <args>` in `cwd` with curi_report and curifactory importable; returns the exit code and output. */
export async function python(
  cwd: string,
  args: string[],
  pythonPath: string,
): Promise<{ code: number; stderr: string; stdout: string }> {
  try {
    const { stderr, stdout } = await run(PYTHON, args, {
      cwd,
      env: { ...process.env, PYTHONPATH: pythonPath, MPLBACKEND: "Agg" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stderr, stdout };
  } catch (error) {
    const e = error as { code?: number; stderr?: string; stdout?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stderr: e.stderr ?? String(error), stdout: e.stdout ?? "" };
  }
}

/** What curifactory's own report of one run shows. */
export interface CurifactoryReport {
  /** reports/<ref>/run_info.json. */
  readonly runInfo: Record<string, unknown>;
  /** Qualified names of the reportables, in page order (duplicates kept). */
  readonly reportables: string[];
  /** `{name} - {hash}` headings of the parameter sets. */
  readonly paramSets: string[];
  /** Per record index (cluster_i of full.gv): stage names in order. */
  readonly stages: string[][];
  /** Per artifact node aN: owning record, name, preview string and file ("no file"). */
  readonly artifacts: Map<number, { record: number; name: string; preview: string; file: string }>;
  /** Edges of full.gv as "from->to" using its node ids (aN, "i_stage"). */
  readonly edges: string[];
}

/** Undoes curifactory's html_safe() (which escapes `<` before `&`, its B4) and the label's quoting. */
function unescapeLabel(text: string): string {
  return text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&gt;", ">").replaceAll("&lt;", "<");
}

/** Reads curifactory's report of the run `reference` in `project`. */
export async function readCurifactoryReport(project: string, reference: string): Promise<CurifactoryReport> {
  const dir = path.join(project, "reports", reference);
  const html = await readFile(path.join(dir, "index.html"), "utf8");
  const runInfo = JSON.parse(await readFile(path.join(dir, "run_info.json"), "utf8")) as Record<string, unknown>;
  const reportables = [...html.matchAll(/<div class='reportable'><a name='([^']*)'><\/a>/g)].map((m) => m[1] ?? "");
  const paramSets = [...html.matchAll(/<h4>([^<]*)<\/h4>/g)].map((m) => m[1] ?? "");
  const full = await readFile(path.join(dir, "graphs", "full.gv"), "utf8");
  const stages: string[][] = [];
  for (const m of full.matchAll(/^\t\t"(\d+)_[^"]*" \[label=(?:"([^"]*)"|(\S+)) fillcolor=white/gm)) {
    const index = Number(m[1]);
    (stages[index] ??= []).push(m[2] ?? m[3] ?? "");
  }
  const edges = [...full.matchAll(/^\t(\S+|"[^"]*") -> (\S+|"[^"]*") \[arrowsize/gm)].map(
    (m) => `${(m[1] ?? "").replaceAll('"', "")}->${(m[2] ?? "").replaceAll('"', "")}`,
  );
  const artifacts = new Map<number, { record: number; name: string; preview: string; file: string }>();
  const graphs = (await readdir(path.join(dir, "graphs"))).filter((f) => /^record_\d+\.gv$/.test(f));
  for (const graph of graphs) {
    const record = Number(/\d+/.exec(graph)?.[0]);
    const text = await readFile(path.join(dir, "graphs", graph), "utf8");
    const node =
      /\ta(\d+) \[label=<<table border='0' cellborder='1' cellspacing='0'><tr><td><b>([\s\S]*?)<\/b><\/td><\/tr><tr><td width='0'>([\s\S]*?)<\/td><\/tr><tr><td>([\s\S]*?)<\/td><\/tr><\/table>> fontsize=8/g;
    for (const m of text.matchAll(node)) {
      artifacts.set(Number(m[1]), { record, name: m[2] ?? "", preview: unescapeLabel(m[3] ?? ""), file: m[4] ?? "" });
    }
  }
  return { runInfo, reportables, paramSets, stages, artifacts, edges };
}
