import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { makeDirectory } from "../../src/util/makeDirectory.js";
import { tempDir, writeRunsFolder } from "./helpers/runs.js";

function capture(cwd: string): { io: CliIo; err: () => string } {
  let err = "";
  return {
    io: { stdout: { write: () => true }, stderr: { write: (c: string) => (err += c) }, cwd, env: {} },
    err: () => err,
  };
}

describe("an output folder that cannot be created", () => {
  it.skipIf(!existsSync("/proc/self"))(
    "under /proc: the build exits 6 at once instead of hanging",
    // A limit only to catch the hang this guards against (it never returned), far above a busy machine.
    { timeout: 120_000 },
    async () => {
      const cwd = path.dirname(await writeRunsFolder(1));
      const { io, err } = capture(cwd);
      expect(await main(["runs/latest", "--out", "/proc/curi-report-x/site"], io)).toBe(6);
      expect(err()).toContain("/proc/curi-report-x");
      expect(await main(["runs/latest", "--out", "/proc/curi-report-x"], io)).toBe(6);
    },
  );

  it("under a file: exits 6 naming the path", async () => {
    const cwd = path.dirname(await writeRunsFolder(1));
    await writeFile(path.join(cwd, "blocker"), "");
    const { io, err } = capture(cwd);
    expect(await main(["runs/latest", "--out", "blocker/site"], io)).toBe(6);
    expect(err()).toContain("blocker");
  });
});

describe("makeDirectory", () => {
  it("creates missing parents, accepts an existing folder, and throws the file system's error", async () => {
    const root = await tempDir();
    await makeDirectory(path.join(root, "a", "b", "c"));
    await makeDirectory(path.join(root, "a", "b", "c"));
    expect(existsSync(path.join(root, "a", "b", "c"))).toBe(true);
    await mkdir(path.join(root, "d"));
    await writeFile(path.join(root, "d", "f"), "");
    await expect(makeDirectory(path.join(root, "d", "f"))).rejects.toMatchObject({ code: "ENOTDIR" });
    await expect(makeDirectory(path.join(root, "d", "f", "g"))).rejects.toMatchObject({ code: "ENOTDIR" });
    if (existsSync("/proc/self"))
      await expect(makeDirectory("/proc/curi-report-x/y")).rejects.toMatchObject({ code: "ENOENT" });
  });
});
