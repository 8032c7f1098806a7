import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { writeRunsFolder } from "../site/helpers/runs.js";

function capture(cwd: string): { io: CliIo; out: () => string } {
  let out = "";
  const sink = { write: (c: string) => (out += c) };
  return { io: { stdout: sink, stderr: sink, cwd, env: {} }, out: () => out };
}

describe("a build that fails", () => {
  it("on an invalid run prints no Index line and leaves the index as it was", async () => {
    const runs = await writeRunsFolder(2);
    const cwd = path.dirname(runs);
    expect(await main(["runs", "--out", "site", "--quiet"], capture(cwd).io)).toBe(0);
    const index = path.join(cwd, "site", "index.html");
    const before = { bytes: await readFile(index, "utf8"), mtime: (await stat(index)).mtimeMs };
    const latest = (await readFile(path.join(runs, "latest"), "utf8")).trim();
    await writeFile(path.join(runs, latest, "run.json"), "{ not json");
    const { io, out } = capture(cwd);
    expect(await main(["runs/latest", "--out", "site"], io)).toBe(4);
    expect(out()).not.toContain("Index:");
    expect({ bytes: await readFile(index, "utf8"), mtime: (await stat(index)).mtimeMs }).toEqual(before);
  });

  it("on an output folder that cannot be written prints no Index line", async () => {
    const cwd = path.dirname(await writeRunsFolder(1));
    await writeFile(path.join(cwd, "site"), "a file, not a folder");
    const { io, out } = capture(cwd);
    expect(await main(["runs", "--out", "site"], io)).toBe(6);
    expect(out()).not.toContain("Index:");
  });
});
