/**
 * Real run folders for the run-format tests: temp dirs under os.tmpdir(), the hand-written
 * `fixtures/invalid/BASE.json` as a starting document, and helpers to list and compare files.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import type { WireReportable, WireRun } from "../../../src/run/wire.js";

/** The package root. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** `fixtures/invalid`, one defect per folder. */
export const INVALID_DIR = path.join(ROOT, "fixtures", "invalid");

/** `fixtures/runs`, valid runs made by the record runtime (may not exist yet). */
export const VALID_DIR = path.join(ROOT, "fixtures", "runs");

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test file finishes. */
export function tempDir(label = "run"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `curi-${label}-`));
  made.push(dir);
  return dir;
}

/** A fresh copy of the small valid document every invalid fixture is based on. */
export function baseWire(): WireRun {
  return JSON.parse(readFileSync(path.join(INVALID_DIR, "BASE.json"), "utf8")) as WireRun;
}

/** A figure reportable of record 0 whose bytes are at `file`. */
export function figureReportable(qualifiedName: string, file: string | null): WireReportable {
  return {
    qualified_name: qualifiedName,
    name: "plot",
    group: null,
    record: 0,
    stage: "fit",
    kind: "figure",
    data: { format: "svg", alt: "a plot" },
    file,
  };
}

/** An image reportable of record 0 whose bytes are at `file`. */
export function imageReportable(qualifiedName: string, file: string): WireReportable {
  return {
    qualified_name: qualifiedName,
    name: "photo",
    group: "pictures",
    record: 0,
    stage: "fit",
    kind: "image",
    data: { format: "png", alt: null, source_name: "photo.png" },
    file,
  };
}

/** The smallest SVG, as a figure file. */
export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n';

/** Writes `doc` as `<dir>/run.json` (pretty, as a person would) plus `files`, creating folders. */
export function writeFolder(
  dir: string,
  doc: unknown,
  files: Readonly<Record<string, string | Uint8Array>> = {},
): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "run.json"), typeof doc === "string" ? doc : `${JSON.stringify(doc, null, 2)}\n`);
  return addFiles(dir, files);
}

/** Writes `files` (relative path → content) under `dir`, creating folders. */
export function addFiles(dir: string, files: Readonly<Record<string, string | Uint8Array>>): string {
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }
  return dir;
}

/** Every regular file under `dir` as relative path → bytes (hex), sorted by path. */
export function fileTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out[child] = readFileSync(path.join(dir, child)).toString("hex");
    }
  };
  walk("");
  return out;
}
