import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { writeRunsFolder } from "../site/helpers/runs.js";
import { get } from "../site/helpers/http.js";

/** An in-process CLI world writing into strings. */
function captureIo(cwd: string, signal?: AbortSignal): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (c: string) => (out += c) },
    stderr: { write: (c: string) => (err += c) },
    cwd,
    env: {},
    ...(signal === undefined ? {} : { signal }),
    out: () => out,
    err: () => err,
  };
}

describe("main (in-process)", () => {
  it("resolves relative arguments against io.cwd, not the process's directory", async () => {
    const cwd = path.dirname(await writeRunsFolder(1));
    expect(cwd).not.toBe(process.cwd());
    const io = captureIo(cwd);
    expect(await main(["runs/latest", "--out", "site"], io)).toBe(0);
    expect(io.err()).toBe("");
    expect(io.out()).toContain("Wrote site/tiny_1_2026-11-21-T100001/index.html");
    expect(existsSync(path.join(cwd, "site", "index.html"))).toBe(true);
  });

  it("serves until io.signal aborts, then returns 0", async () => {
    const cwd = path.dirname(await writeRunsFolder(1));
    expect(await main(["runs", "--quiet"], captureIo(cwd))).toBe(0);
    const stop = new AbortController();
    const io = captureIo(cwd, stop.signal);
    const running = main(["serve", "--port", "0"], io);
    await expect.poll(() => io.out()).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    const port = Number(/:(\d+)\//.exec(io.out())![1]);
    expect((await get(port, "/latest.json")).status).toBe(200);
    stop.abort();
    expect(await running).toBe(0);
  });
});
