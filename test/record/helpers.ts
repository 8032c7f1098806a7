/**
 * Shared helpers of the record tests: a temporary project root per test and manager options that
 * make output reproducible (fixed clock, host, git, command line).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import type { ArtifactManagerOptions } from "../../src/record/index.js";
import type { WireRun } from "../../src/run/wire.js";

const roots: string[] = [];

/** A fresh temporary folder, removed after the test. */
export async function tempRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "curi-record-test-"));
  roots.push(root);
  return root;
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** Options with a clock that ticks one second a reading, fixed host/git/cli, rooted at `root`. */
export function stableOptions(root: string, start = Date.UTC(2026, 2, 1, 12, 0, 0)): ArtifactManagerOptions {
  let tick = start;
  return {
    root,
    clock: () => new Date((tick += 1000)),
    utc: true,
    hostname: "test-host",
    git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
    cli: "node test.js",
  };
}

/** Parses `<runDir>/run.json`. */
export async function readWire(runDir: string): Promise<WireRun> {
  return JSON.parse(await readFile(path.join(runDir, "run.json"), "utf8")) as WireRun;
}
