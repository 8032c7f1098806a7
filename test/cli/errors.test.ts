import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, writeRunsFolder } from "../site/helpers/runs.js";
import { runCli } from "./helpers.js";

async function project(count = 1): Promise<string> {
  return path.dirname(await writeRunsFolder(count));
}

/** No stack trace lines in the output. */
const STACK = /^\s+at /m;

describe("curi-report exit codes", () => {
  it("2: nothing to do, an unknown option, or an extra argument", async () => {
    const cwd = await project();
    const none = await runCli([], cwd);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: curi-report");
    const unknown = await runCli(["runs/latest", "--colour"], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--colour.*curi-report build --help/);
    expect((await runCli(["runs/latest", "runs"], cwd)).code).toBe(2);
    expect((await runCli(["serve", "--port", "http"], cwd)).code).toBe(2);
    expect((await runCli(["help", "nope"], cwd)).code).toBe(2);
  });

  it("3: the input does not exist, with a hint for a mistyped command", async () => {
    const cwd = await project();
    const res = await runCli(["runs/nope"], cwd);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/^curi-report: \S*runs\/nope does not exist/);
    expect(res.stderr).not.toMatch(STACK);
    expect((await runCli(["serv"], cwd)).stderr).toContain("`serv` is not one");
    expect((await runCli(["runs", "--css", "missing.css"], cwd)).code).toBe(3);
    expect((await runCli(["index", "--out", "nope"], cwd)).code).toBe(3);
    expect((await runCli(["serve", "nope"], cwd)).code).toBe(3);
  });

  it("4: an invalid run, listing its problems; --debug adds the stack trace", async () => {
    const cwd = await tempDir();
    await mkdir(path.join(cwd, "bad"));
    await writeFile(path.join(cwd, "bad", "run.json"), JSON.stringify({ schema_version: 1, run_info: {} }));
    const res = await runCli(["bad"], cwd);
    expect(res.code).toBe(4);
    expect(res.stderr).toMatch(/^curi-report: .*bad\/run\.json is not a valid run/);
    expect(res.stderr).toContain("#/run_info");
    expect(res.stderr).not.toMatch(STACK);
    const debug = await runCli(["bad", "--debug"], cwd);
    expect(debug.code).toBe(4);
    expect(debug.stderr).toMatch(STACK);
  });

  it("4: an unsupported schema_version", async () => {
    const cwd = await tempDir();
    await mkdir(path.join(cwd, "future"));
    await writeFile(path.join(cwd, "future", "run.json"), JSON.stringify({ schema_version: 99 }));
    expect((await runCli(["future"], cwd)).code).toBe(4);
  });

  it("5: a latest marker leading out of the runs folder", async () => {
    const cwd = await project();
    await writeFile(path.join(cwd, "runs", "latest"), "../../etc\n");
    const res = await runCli(["runs/latest"], cwd);
    expect(res.code).toBe(5);
    expect(res.stderr).toMatch(/^curi-report: .*latest/);
  });

  it("6: the output folder is blocked by a file", async () => {
    const cwd = await project();
    await writeFile(path.join(cwd, "reports"), "not a folder");
    const res = await runCli(["runs/latest"], cwd);
    expect(res.code).toBe(6);
    expect(res.stderr).toMatch(/^curi-report: Cannot write .*reports/);
    expect(res.stderr).not.toMatch(STACK);
  });
});
