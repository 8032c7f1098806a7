import { mkdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { buildSite } from "../../src/site/buildSite.js";
import { InputNotFoundError } from "../../src/util/errors.js";
import { writeRunsFolder } from "./helpers/runs.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";

describe("a --css stylesheet that cannot be used", () => {
  it("is named as the --css file, with advice about --css, not about the run", async () => {
    const runs = await writeRunsFolder(1);
    const cwd = path.dirname(runs);
    await mkdir(path.join(cwd, "folder.css"));
    for (const css of ["nope.css", "folder.css"]) {
      const error = await buildSite(runs, {
        outDir: path.join(cwd, "out"),
        css: path.join(cwd, css),
        target: new MemoryTarget(path.join(cwd, "out")),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputNotFoundError);
      const message = (error as Error).message;
      expect(message).toContain(css);
      expect(message).toContain("--css");
      expect(message).not.toContain("re-export");
    }
    let stderr = "";
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (c: string) => (stderr += c) }, cwd, env: {} };
    expect(await main(["runs", "--css", "nope.css"], io)).toBe(3);
    expect(stderr).toContain("--css");
    expect(stderr).not.toContain("re-export");
  });
});
