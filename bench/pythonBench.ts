/**
 * The Python half of `npm run bench`: curifactory 0.20.2's own small examples re-run with cached
 * stages (bench/python/examples_bench.py: the everyday runs of issue 22), then real curifactory
 * runs of 200 and 1,000 records (bench/python/curifactory_bench.py), each printing curifactory's
 * own report time beside the export to curi-report's run format plus the curi-report build,
 * measured in the same run. Skipped with a message when Debian's python3 or curifactory is not
 * there (see scripts/install-test-deps.sh); the examples also need their vendored tarball.
 */
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { progress } from "./common.js";
import { packageRoot, SOURCE_ROOT } from "./snapshot.js";

const PYTHON = process.env.CURI_PYTHON ?? "/usr/bin/python3";
const TARBALL = "curifactory-0.20.2.tar.gz";
const EXAMPLES = "curifactory-0.20.2-examples.tar.gz";

/** A vendored file in ../shared/vendor beside the checkout (or its worktree), or undefined. */
function vendored(name: string): string | undefined {
  return ["../shared/vendor", "../../shared/vendor"].map((d) => path.join(SOURCE_ROOT, d, name)).find(existsSync);
}

/** curifactory's package folder: $CURIFACTORY_PATH, or the vendored tarball unpacked; null when neither exists. */
function curifactoryPath(): string | null {
  if (process.env.CURIFACTORY_PATH) return process.env.CURIFACTORY_PATH;
  const tarball = vendored(TARBALL);
  if (tarball === undefined) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "curifactory-"));
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  return path.join(dir, "curifactory-0.20.2");
}

/** Runs the Python bench (sizes 200 and 1,000; 50 and 200 with --quick); resolves to its exit code, or null when skipped. */
export async function runPythonBench(quick: boolean): Promise<number | null> {
  const curifactory = curifactoryPath();
  if (!existsSync(PYTHON) || curifactory === null) {
    progress(
      `skipping the curifactory (Python) bench: needs ${PYTHON} and ${TARBALL} in ../shared/vendor (or CURIFACTORY_PATH)`,
    );
    return null;
  }
  const env = {
    ...process.env,
    PYTHONPATH: curifactory,
    CURI_REPORT_BIN: path.join(packageRoot(), "bin/curi-report.js"),
    MPLBACKEND: "Agg",
  };
  const examples = vendored(EXAMPLES);
  let examplesCode = 0;
  if (examples === undefined) progress(`skipping curifactory's examples: ${EXAMPLES} is not in ../shared/vendor`);
  else {
    progress("curifactory's own examples: curifactory's report vs export + build");
    // newsgroups downloads its data set: the tests' offline stand-in (its sitecustomize.py) answers instead.
    const offline = path.join(SOURCE_ROOT, "test/python/offline");
    const script = path.join(SOURCE_ROOT, "bench/python/examples_bench.py");
    examplesCode = await python([script, examples, quick ? "1" : "3"], {
      ...env,
      PYTHONPATH: [offline, curifactory].join(path.delimiter),
    });
  }
  progress("curifactory (Python) runs: curifactory's report vs export + build");
  const script = path.join(SOURCE_ROOT, "bench/python/curifactory_bench.py");
  const scaleCode = await python([script, ...(quick ? ["50", "200"] : ["200", "1000"])], env);
  return examplesCode !== 0 ? examplesCode : scaleCode;
}

/** Runs Debian's python3 with `args`, its output passed through; resolves to its exit code. */
function python(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(PYTHON, [...args], { env, stdio: ["ignore", "inherit", "inherit"] });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
