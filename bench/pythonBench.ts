/**
 * The Python half of `npm run bench`: real curifactory 0.20.2 runs of 200 and 1,000 records
 * (bench/python/curifactory_bench.py), printing curifactory's own report time beside the export
 * to curi-report's run format plus the curi-report build, measured in the same run. Skipped with
 * a message when Debian's python3 or curifactory is not there (see scripts/install-test-deps.sh).
 */
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { progress } from "./common.js";
import { packageRoot, SOURCE_ROOT } from "./snapshot.js";

const PYTHON = process.env.CURI_PYTHON ?? "/usr/bin/python3";
const TARBALL = "curifactory-0.20.2.tar.gz";

/** curifactory's package folder: $CURIFACTORY_PATH, or the vendored tarball unpacked; null when neither exists. */
function curifactoryPath(): string | null {
  if (process.env.CURIFACTORY_PATH) return process.env.CURIFACTORY_PATH;
  const tarball = ["../shared/vendor", "../../shared/vendor"]
    .map((d) => path.join(SOURCE_ROOT, d, TARBALL))
    .find((p) => existsSync(p));
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
  progress("curifactory (Python) runs: curifactory's report vs export + build");
  const script = path.join(SOURCE_ROOT, "bench/python/curifactory_bench.py");
  const env = {
    ...process.env,
    PYTHONPATH: curifactory,
    CURI_REPORT_BIN: path.join(packageRoot(), "bin/curi-report.js"),
    MPLBACKEND: "Agg",
  };
  const child = spawn(PYTHON, [script, ...(quick ? ["50", "200"] : ["200", "1000"])], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
