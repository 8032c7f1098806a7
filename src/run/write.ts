/**
 * Writing run folders: `run.json` as canonical JSON (2-space indent, fixed key order from the
 * wire objects, trailing newline), written aside and renamed so a reader never sees half a file.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { RUN_FILE } from "./version.js";
import type { WireRun } from "./wire.js";

/** Serializes a wire run exactly as it is stored on disk. Same input, same bytes. */
export function serializeRunDocument(doc: WireRun): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Writes `<dir>/run.json` atomically (temp file + rename), creating `dir` if needed. */
export async function writeRunDocument(dir: string, doc: WireRun): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, RUN_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, serializeRunDocument(doc), "utf8");
  await rename(temp, target);
}
