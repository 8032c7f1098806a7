/**
 * Files named by run.json must stay inside the run folder: by their text and on disk. Symlinks
 * leading out are refused when reading and never followed when writing.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unsafePathReason } from "../../src/run/paths.js";
import { readRun } from "../../src/run/read.js";
import { writeRun } from "../../src/run/write.js";
import type { Run } from "../../src/run/model.js";
import { InvalidRunError, UnsafePathError } from "../../src/util/errors.js";
import { baseWire, figureReportable, SVG, tempDir, writeFolder } from "./helpers/runFolders.js";

function withFigure(file: string): ReturnType<typeof baseWire> {
  const doc = baseWire();
  doc.reportables.push(figureReportable("base_fit_plot", file));
  return doc;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error as Error,
  );
}

describe("unsafePathReason", () => {
  it("accepts plain relative paths and refuses every way out", () => {
    expect(unsafePathReason("reportables/plot.svg")).toBeUndefined();
    expect(unsafePathReason("./log.txt")).toBeUndefined();
    expect(unsafePathReason("a..b/c...svg")).toBeUndefined();
    expect(unsafePathReason("/etc/passwd")).toBe("is absolute");
    expect(unsafePathReason("reportables/../../x")).toBe("contains a .. segment");
    expect(unsafePathReason("..")).toBe("contains a .. segment");
    expect(unsafePathReason("C:/x")).toBe("starts with a drive letter");
    expect(unsafePathReason("c:x")).toBe("starts with a drive letter");
    expect(unsafePathReason("reportables\\x")).toMatch(/backslash/);
    expect(unsafePathReason("\\\\server\\share")).toMatch(/backslash/);
    expect(unsafePathReason("a\0b")).toMatch(/NUL/);
    expect(unsafePathReason("")).toBe("is empty");
  });
});

describe("symbolic links", () => {
  it("refuses a reportable file that is a link to a file outside the run folder", async () => {
    const outside = path.join(tempDir("outside"), "secret.svg");
    writeFileSync(outside, SVG);
    const dir = writeFolder(tempDir("link-file"), withFigure("reportables/plot.svg"));
    mkdirSync(path.join(dir, "reportables"));
    symlinkSync(outside, path.join(dir, "reportables/plot.svg"));
    const error = await failure(readRun(dir));
    expect(error).toBeInstanceOf(UnsafePathError);
    expect(error.message).toContain(
      `${path.join(dir, "run.json")}#/reportables/4/file: "reportables/plot.svg" is a symbolic link (or lies below one) leading outside the run folder`,
    );
  });

  it("refuses a file below a linked folder that leads outside", async () => {
    const outsideDir = tempDir("outside-dir");
    writeFileSync(path.join(outsideDir, "plot.svg"), SVG);
    writeFileSync(path.join(outsideDir, "log.txt"), "x");
    const dir = writeFolder(tempDir("link-dir"), { ...withFigure("reportables/plot.svg"), log: "reportables/log.txt" });
    symlinkSync(outsideDir, path.join(dir, "reportables"));
    const error = await failure(readRun(dir));
    expect(error).toBeInstanceOf(UnsafePathError);
    expect([...error.message.matchAll(/run\.json#(\S*):/g)].map((m) => m[1])).toEqual(["/reportables/4/file", "/log"]);
  });

  it("accepts links that stay inside the run folder, and a run folder reached through a link", async () => {
    const dir = writeFolder(tempDir("link-inside"), withFigure("reportables/plot.svg"), { "figures/real.svg": SVG });
    mkdirSync(path.join(dir, "reportables"));
    symlinkSync("../figures/real.svg", path.join(dir, "reportables/plot.svg"));
    const alias = path.join(tempDir("alias"), "run");
    symlinkSync(dir, alias);
    const run = await readRun(alias);
    const figure = run.reportables[4];
    expect(figure?.kind === "figure" && readFileSync(figure.file.absolute, "utf8")).toBe(SVG);
  });

  it("reports a dangling link as a missing file", async () => {
    const dir = writeFolder(tempDir("dangling"), withFigure("reportables/plot.svg"));
    mkdirSync(path.join(dir, "reportables"));
    symlinkSync("nowhere.svg", path.join(dir, "reportables/plot.svg"));
    const error = await failure(readRun(dir));
    expect(error).toBeInstanceOf(InvalidRunError);
    expect((error as InvalidRunError).diagnostics).toEqual([
      {
        file: path.join(dir, "run.json"),
        pointer: "/reportables/4/file",
        message: '"reportables/plot.svg" is a symbolic link to nothing; restore the file or re-export the run',
      },
    ]);
  });

  it("collects every missing file at once", async () => {
    const doc = withFigure("reportables/a.svg");
    doc.reportables.push(figureReportable("base_fit_plot2", "reportables/b.svg"));
    doc.log = "log.txt";
    const error = await failure(readRun(writeFolder(tempDir("missing"), doc)));
    expect((error as InvalidRunError).diagnostics.map((d) => d.pointer)).toEqual([
      "/reportables/4/file",
      "/reportables/5/file",
      "/log",
    ]);
  });
});

describe("writeRun refuses to leave its folder", () => {
  it("does not write through a link in the destination that leads outside", async () => {
    const source = writeFolder(tempDir("w-src"), withFigure("reportables/plot.svg"), { "reportables/plot.svg": SVG });
    const run = await readRun(source);
    const outside = tempDir("w-outside");
    const target = tempDir("w-target");
    symlinkSync(outside, path.join(target, "reportables"));
    await expect(writeRun(run, target)).rejects.toThrow(UnsafePathError);
    expect(existsSync(path.join(outside, "plot.svg"))).toBe(false);
    expect(existsSync(path.join(target, "run.json"))).toBe(false);
  });

  it("replaces a file link in the destination instead of overwriting its target", async () => {
    const source = writeFolder(tempDir("w-src2"), withFigure("reportables/plot.svg"), { "reportables/plot.svg": SVG });
    const victim = path.join(tempDir("w-victim"), "important.txt");
    writeFileSync(victim, "keep me");
    const target = tempDir("w-target2");
    mkdirSync(path.join(target, "reportables"));
    symlinkSync(victim, path.join(target, "reportables/plot.svg"));
    await writeRun(await readRun(source), target);
    expect(readFileSync(victim, "utf8")).toBe("keep me");
    expect(readFileSync(path.join(target, "reportables/plot.svg"), "utf8")).toBe(SVG);
  });

  it("refuses a hand-made model whose file path leaves the folder", async () => {
    const run = await readRun(
      writeFolder(tempDir("w-src3"), withFigure("reportables/plot.svg"), { "reportables/plot.svg": SVG }),
    );
    const bad: Run = {
      ...run,
      log: { relative: "../escape.txt", absolute: path.join(run.dir, "reportables/plot.svg") },
    };
    const target = path.join(tempDir("w-target3"), "run");
    await expect(writeRun(bad, target)).rejects.toThrow(/#\/log: "\.\.\/escape\.txt" contains a \.\. segment/);
    expect(existsSync(path.join(target, "..", "escape.txt"))).toBe(false);
  });
});
