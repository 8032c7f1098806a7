import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The built example, as the README tells a user to run it (dist/ is built by globalSetup). */
const IRIS = fileURLToPath(new URL("../../dist/examples/iris.js", import.meta.url));

function iris(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [IRIS, ...args], { cwd }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") return reject(error);
      resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

describe("the example's command line", () => {
  it("--help prints the usage and runs nothing", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), "curi-iris-"));
    const res = await iris(["--help"], cwd);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Usage: node dist/examples/iris.js");
    expect(res.stdout).toContain("--store-full");
    expect(await readdir(cwd)).toEqual([]);
  });

  it("an unknown flag, or a flag missing its value, is refused with exit 2 and runs nothing", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), "curi-iris-"));
    for (const args of [["--colour"], ["--notes"], ["extra"]]) {
      const res = await iris(args, cwd);
      expect({ args, code: res.code }).toEqual({ args, code: 2 });
      expect(res.stderr).toContain("nothing was run");
    }
    expect(await readdir(cwd)).toEqual([]);
  });
});
