import { lstat, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileSystemReportFiles } from "../../src/site/FileSystemReportFiles.js";
import { InMemoryReportFiles } from "../../src/site/InMemoryReportFiles.js";
import type { ReportFiles } from "../../src/site/ReportFiles.js";
import { safeOutputPath } from "../../src/site/safeOutputPath.js";
import { InputNotFoundError, OutputError, UnsafePathError } from "../../src/util/errors.js";
import { tempDir } from "./helpers/runs.js";

const UNSAFE = [
  "../x",
  "/abs",
  "a/../../x",
  "a/..",
  "a\\b",
  "..\\x",
  "a\0b",
  "",
  "C:/x",
  "a//b",
  "./a",
  "_site/x",
  "a/_b",
  ".",
];

describe("safeOutputPath", () => {
  it.each(UNSAFE)("refuses %j", (rel) => {
    expect(() => safeOutputPath("/out", rel)).toThrow(UnsafePathError);
  });

  it("resolves plain relative paths under the root", () => {
    expect(safeOutputPath("/out", "iris_1/reportables/plot.png")).toBe(
      path.resolve("/out/iris_1/reportables/plot.png"),
    );
    expect(safeOutputPath("/out", ".nojekyll")).toBe(path.resolve("/out/.nojekyll"));
  });
});

/** Both targets, on a fresh root each time. */
async function writers(): Promise<[string, ReportFiles][]> {
  const root = path.join(await tempDir(), "out");
  return [
    ["disk", new FileSystemReportFiles(root)],
    ["memory", new InMemoryReportFiles(root)],
  ];
}

describe("ReportFiles", () => {
  it.each(UNSAFE)("both targets refuse to write or copy to %j, and write nothing", async (rel) => {
    const source = path.join(await tempDir(), "a.txt");
    await writeFile(source, "x");
    for (const [, files] of await writers()) {
      await expect(files.write(rel, "x")).rejects.toThrow(UnsafePathError);
      await expect(files.copy(rel, source)).rejects.toThrow(UnsafePathError);
      expect(files.list()).toEqual([]);
    }
    const parent = path.dirname((await writers())[0]![1].root);
    expect(await readdir(parent)).toEqual([]);
  });

  it("disk and memory hold the same files with the same bytes", async () => {
    const source = path.join(await tempDir(), "image.png");
    await writeFile(source, Buffer.from([0, 1, 2, 255]));
    const results: Record<string, [readonly string[], string[]]> = {};
    for (const [name, files] of await writers()) {
      await files.write("b/index.html", "<p>café</p>");
      await files.write("a.json", new Uint8Array([123, 125]));
      await files.copy("b/reportables/image.png", source, path.dirname(source));
      await files.write("a.json", "{}\n");
      const bytes = await Promise.all(files.list().map(async (f) => Buffer.from(await files.read(f)).toString("hex")));
      results[name] = [files.list(), bytes];
    }
    expect(results.disk![0]).toEqual(["a.json", "b/index.html", "b/reportables/image.png"]);
    expect(results.memory).toEqual(results.disk);
  });

  it("writes files atomically, leaving no temp files behind", async () => {
    const [[, files]] = (await writers()) as [[string, ReportFiles]];
    await files.write("x/y.txt", "one");
    await files.write("x/y.txt", "two");
    expect(await readdir(path.join(files.root, "x"))).toEqual(["y.txt"]);
    expect(await readFile(path.join(files.root, "x/y.txt"), "utf8")).toBe("two");
  });

  it("copies a symlink inside the source root as a plain file, and refuses one leading out", async () => {
    const runDir = await tempDir();
    const outside = path.join(await tempDir(), "secret.txt");
    await writeFile(outside, "secret");
    await writeFile(path.join(runDir, "real.txt"), "inside");
    await symlink(path.join(runDir, "real.txt"), path.join(runDir, "inner-link.txt"));
    await symlink(outside, path.join(runDir, "outer-link.txt"));
    for (const [, files] of await writers()) {
      await files.copy("inner.txt", path.join(runDir, "inner-link.txt"), runDir);
      expect(new TextDecoder().decode(await files.read("inner.txt"))).toBe("inside");
      await expect(files.copy("outer.txt", path.join(runDir, "outer-link.txt"), runDir)).rejects.toThrow(
        UnsafePathError,
      );
      await expect(files.copy("missing.txt", path.join(runDir, "missing.txt"), runDir)).rejects.toThrow(
        InputNotFoundError,
      );
      await expect(files.copy("dir.txt", runDir, runDir)).rejects.toThrow(InputNotFoundError);
      expect(files.list()).toEqual(["inner.txt"]);
    }
    const disk = new FileSystemReportFiles(path.join(await tempDir(), "out"));
    await disk.copy("inner.txt", path.join(runDir, "inner-link.txt"), runDir);
    expect((await lstat(path.join(disk.root, "inner.txt"))).isSymbolicLink()).toBe(false);
  });

  it("refuses to write through a symlinked folder that leads outside the root", async () => {
    const root = await tempDir();
    const elsewhere = await tempDir();
    await symlink(elsewhere, path.join(root, "assets"));
    const files = new FileSystemReportFiles(root);
    await expect(files.write("assets/style.css", "x")).rejects.toThrow(UnsafePathError);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it("reports an unwritable output as OutputError naming the path", async () => {
    const parent = await tempDir();
    await writeFile(path.join(parent, "blocked"), "a file where a folder should be");
    const files = new FileSystemReportFiles(path.join(parent, "blocked"));
    await expect(files.write("index.html", "x")).rejects.toThrow(OutputError);
    await expect(files.write("index.html", "x")).rejects.toThrow(/blocked/);
  });

  it("both targets refuse a file where a folder was written, and the reverse", async () => {
    for (const [, files] of await writers()) {
      await files.write("a/b.txt", "x");
      await expect(files.write("a", "x")).rejects.toThrow(OutputError);
      await expect(files.write("a/b.txt/c", "x")).rejects.toThrow(OutputError);
    }
  });
});

describe("InMemoryReportFiles", () => {
  it("touches no disk", async () => {
    const root = path.join(await tempDir(), "never");
    const files = new InMemoryReportFiles(root);
    await files.write("index.html", "x");
    await expect(lstat(root)).rejects.toThrow();
    await mkdir(root);
    expect(await readdir(root)).toEqual([]);
  });
});
