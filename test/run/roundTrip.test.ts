/**
 * Read → write → read: every valid run (the generated fixtures/runs/* and runs built here by hand)
 * comes back with identical run.json bytes and the same files.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { modelToWire } from "../../src/run/convert.js";
import { readRun } from "../../src/run/read.js";
import { serializeRunDocument, writeRun, writeRunDocument } from "../../src/run/write.js";
import type { Run } from "../../src/run/model.js";
import type { WireRun } from "../../src/run/wire.js";
import {
  addFiles,
  baseWire,
  fileTree,
  figureReportable,
  imageReportable,
  SVG,
  tempDir,
  VALID_DIR,
  writeFolder,
} from "./helpers/runFolders.js";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** Reads `source`, writes it to a new folder, reads that back and writes it again. */
async function roundTrip(source: string): Promise<{ first: Run; second: Run; a: string; b: string }> {
  const first = await readRun(source);
  const a = tempDir("rt-a");
  await writeRun(first, a);
  const second = await readRun(a);
  const b = tempDir("rt-b");
  await writeRun(second, b);
  return { first, second, a, b };
}

/** The model without where it lives on disk, for comparing runs read from different folders. */
function portable(run: Run): unknown {
  return JSON.parse(
    JSON.stringify(run, (key, value: unknown) => (key === "dir" || key === "absolute" ? undefined : value)),
  );
}

function runJson(dir: string): string {
  return readFileSync(path.join(dir, "run.json"), "utf8");
}

/** A run using every kind, every optional field, files in nested folders and awkward strings. */
function richWire(): WireRun {
  const doc = baseWire();
  doc.run_info = {
    ...doc.run_info,
    status: "error",
    error: 'ValueError - <bad> & "quoted"',
    reproduce: "experiment tiny --cache data/runs/x/artifacts --dry-cache",
    duration_s: 12.25,
    notes: "line one\nline two ✓",
  };
  doc.args[0]!.values = {
    name: "base",
    seed: 1,
    nested: { list: [1, 2.5, null, true, "é"] },
    ["__proto__"]: "not a prototype",
    "10": "integer-like key",
  };
  doc.records[0]!.stage_info = [
    { duration_ms: 3.75, cached: false },
    { duration_ms: null, cached: true },
  ];
  doc.reportables.push(
    figureReportable("base_fit_plot", "reportables/plot.svg"),
    imageReportable("base_fit_photo", "reportables/pictures/photo.png"),
    {
      qualified_name: "base_fit_tex",
      name: "tex",
      group: null,
      record: 0,
      stage: "fit",
      kind: "latex",
      data: { latex: "\\begin{tabular}{ll}\\end{tabular}" },
      file: null,
    },
    {
      qualified_name: "base_fit_md",
      name: "md",
      group: "text",
      record: 0,
      stage: "fit",
      kind: "markdown",
      data: { markdown: "# Title\n\n<script>x</script>" },
      file: null,
    },
  );
  doc.log = "log.txt";
  return doc;
}

/** Payload fields and maps hold the caller's own keys, whose order is data and is kept as it is. */
const PAYLOAD_KEYS = new Set(["values", "metadata", "value", "params", "state_artifact_reps"]);

/** The same wire document with the keys of every format object in reverse order. */
function reverseKeys(value: unknown, payload = false): unknown {
  if (Array.isArray(value)) return value.map((item) => reverseKeys(item, payload));
  if (payload || value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reverseKeys(child, PAYLOAD_KEYS.has(key))]),
  );
}

const RICH_FILES = {
  "reportables/plot.svg": SVG,
  "reportables/pictures/photo.png": PNG,
  "log.txt": "INFO start\nINFO end\n",
};

describe("round trip of hand-built runs", () => {
  it("keeps run.json bytes and files of a run with every kind and optional field", async () => {
    const source = tempDir("rich");
    await writeRunDocument(source, richWire());
    addFiles(source, { ...RICH_FILES, "scratch/notes.txt": "not named by run.json, so not part of the run" });
    const { first, second, a, b } = await roundTrip(source);
    expect(runJson(a)).toBe(runJson(source));
    expect(runJson(b)).toBe(runJson(a));
    expect(fileTree(a)).toEqual(fileTree(b));
    expect(Object.keys(fileTree(a))).toEqual([
      "log.txt",
      "reportables/pictures/photo.png",
      "reportables/plot.svg",
      "run.json",
    ]);
    expect(readFileSync(path.join(a, "reportables/pictures/photo.png"))).toEqual(Buffer.from(PNG));
    expect(portable(second)).toEqual(portable(first));
  });

  it("keeps a minimal run (no records, artifacts, reportables or log)", async () => {
    const doc = baseWire();
    doc.args = [];
    doc.records = [];
    doc.artifacts = [];
    doc.reportables = [];
    doc.run_info = { ...doc.run_info, param_files: null, params: {}, status: "LIVE" };
    const source = tempDir("minimal");
    await writeRunDocument(source, doc);
    const { a, b } = await roundTrip(source);
    expect(runJson(a)).toBe(runJson(source));
    expect(runJson(b)).toBe(runJson(a));
    expect(Object.keys(fileTree(a))).toEqual(["run.json"]);
  });

  it("writes canonical bytes from a hand-formatted run.json, and from then on the same bytes", async () => {
    const source = writeFolder(tempDir("pretty"), `${JSON.stringify(richWire(), null, 4)}\n`, RICH_FILES);
    const { a, b } = await roundTrip(source);
    expect(runJson(a)).toBe(serializeRunDocument(richWire()));
    expect(runJson(b)).toBe(runJson(a));
  });

  it("writes the same bytes however the caller ordered the keys of its wire objects", () => {
    const doc = richWire();
    const reversed = reverseKeys(doc) as WireRun;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(doc));
    expect(serializeRunDocument(reversed)).toBe(serializeRunDocument(doc));
  });

  it("converts the model back to the wire form it came from", async () => {
    const source = writeFolder(tempDir("model"), richWire(), RICH_FILES);
    const run = await readRun(source);
    expect(serializeRunDocument(modelToWire(run))).toBe(serializeRunDocument(richWire()));
    const figure = run.reportables.find((r) => r.kind === "figure");
    expect(figure?.kind === "figure" && figure.file).toEqual({
      relative: "reportables/plot.svg",
      absolute: path.join(source, "reportables/plot.svg"),
    });
    expect(run.log).toEqual({ relative: "log.txt", absolute: path.join(source, "log.txt") });
    expect(run.artifacts.map((artifact) => artifact.index)).toEqual([0, 1, 2]);
    expect(Object.getPrototypeOf(run.args[0]!.values)).toBe(Object.prototype);
    expect(Object.keys(run.args[0]!.values)).toContain("__proto__");
  });

  it("writes a run onto its own folder without losing files", async () => {
    const source = writeFolder(tempDir("self"), richWire(), RICH_FILES);
    const before = fileTree(source);
    await writeRun(await readRun(source), source);
    const after = fileTree(source);
    expect(after["reportables/plot.svg"]).toBe(before["reportables/plot.svg"]);
    expect(after["log.txt"]).toBe(before["log.txt"]);
    expect(runJson(source)).toBe(serializeRunDocument(richWire()));
  });
});

const generated = existsSync(VALID_DIR)
  ? readdirSync(VALID_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(VALID_DIR, entry.name, "run.json")))
      .map((entry) => entry.name)
      .sort()
  : [];

describe.runIf(generated.length > 0)("round trip of fixtures/runs", () => {
  it.each(generated)("%s survives read → write → read", async (name) => {
    const source = path.join(VALID_DIR, name);
    const { first, second, a, b } = await roundTrip(source);
    // The record runtime writes through writeRunDocument, so its bytes are already canonical.
    expect(runJson(a)).toBe(runJson(source));
    expect(runJson(b)).toBe(runJson(a));
    expect(fileTree(b)).toEqual(fileTree(a));
    for (const [relative, bytes] of Object.entries(fileTree(a))) {
      if (relative !== "run.json")
        expect(readFileSync(path.join(source, relative)).toString("hex"), relative).toBe(bytes);
    }
    expect(portable(second)).toEqual(portable(first));
  });
});
