/**
 * Golden files: each fixture run's report, built into memory, compared with fixtures/expected/.
 * HTML is compared normalized (each inline SVG replaced by its node ids and edges, so a layout
 * change of a few points does not churn the goldens, while a lost node or edge does); every other
 * text file is compared byte for byte. Regenerate with `npm run golden` and review the diff.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { buildReport } from "../../src/site/buildReport.js";
import { MARKER_FILE } from "../../src/site/reportMarker.js";
import { normalizeHtml } from "./normalize.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const runsDir = path.join(root, "fixtures/runs");
const expectedDir = path.join(root, "fixtures/expected");
const update = process.env.UPDATE_GOLDEN === "1";
const fixtures = (await readdir(runsDir, { withFileTypes: true }))
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/**
 * Files whose bytes are pinned. Binary reportable files are checked by the site tests, and the
 * stylesheet and script are copied unchanged from templates/assets, so pinning them adds nothing;
 * the marker is checked by test/site/incremental.test.ts.
 */
function isPinned(file: string): boolean {
  // The marker holds the build key, a digest of curi-report's own code: it changes with every commit by design.
  return /\.(html|gv|json|txt)$/.test(file) && path.posix.basename(file) !== MARKER_FILE;
}

describe("golden reports", () => {
  it("has fixtures to compare", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of fixtures) {
    it(`${name} renders as its golden files`, async () => {
      const run = await readRun(path.join(runsDir, name));
      const built = await buildReport(run, {
        outDir: "/golden",
        target: new MemoryTarget("/golden"),
        version: "0.0.0-golden",
        updateIndex: false,
      });
      const memory = built.memory;
      if (memory === undefined) throw new Error("memory build returned no files");
      const actual = new Map<string, string>();
      for (const file of memory.list().filter(isPinned)) {
        const text = await memory.readText(file);
        const relative = path.posix.relative(built.folder, file);
        actual.set(relative, file.endsWith(".html") ? normalizeHtml(text) : text);
      }
      const dir = path.join(expectedDir, name);
      if (update) {
        await rm(dir, { recursive: true, force: true });
        for (const [file, text] of actual) {
          await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
          await writeFile(path.join(dir, file), text, "utf8");
        }
      }
      const expectedFiles = await listFiles(dir);
      expect([...actual.keys()].sort()).toEqual(expectedFiles);
      for (const [file, text] of actual) {
        expect(text.length, `${name}/${file} is empty`).toBeGreaterThan(0);
        expect(
          text,
          `${name}/${file} differs from fixtures/expected; run \`npm run golden\` and review the diff if the change is intended`,
        ).toBe(await readFile(path.join(dir, file), "utf8"));
      }
    });
  }
});

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else files.push(rel);
  }
  return files.sort();
}
