import { existsSync } from "node:fs";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, writeRunsFolder } from "../site/helpers/runs.js";
import { runCli, runMain } from "./helpers.js";

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
    // The rest in this process: the exit code is main's return value, which the launcher above passes on.
    const unknown = await runMain(["runs/latest", "--colour"], cwd);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--colour.*curi-report build --help/);
    expect((await runMain(["index", "runs"], cwd)).code).toBe(2);
    expect((await runMain(["serve", "--port", "http"], cwd)).code).toBe(2);
    expect((await runMain(["help", "nope"], cwd)).code).toBe(2);
  });

  it("3: the input does not exist, with a hint for a mistyped command", async () => {
    const cwd = await project();
    const res = await runCli(["runs/nope"], cwd);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/^curi-report: \S*runs\/nope does not exist/);
    expect(res.stderr).not.toMatch(STACK);
    expect((await runMain(["nope"], cwd)).stderr).toContain("`nope` is not one");
    expect((await runMain(["runs", "--css", "missing.css"], cwd)).code).toBe(3);
    expect((await runMain(["index", "--out", "nope"], cwd)).code).toBe(3);
    expect((await runMain(["serve", "nope"], cwd)).code).toBe(3);
  });

  it("2: a mistyped command, named with the nearest one, unless a path of that name exists (issue 21)", async () => {
    const cwd = await project();
    // In this process: the exit code 2 of a real process is the first test's.
    const typo = await runMain(["buidl", "runs/latest"], cwd);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown command "buidl"; did you mean "build"?');
    expect(typo.stderr).not.toMatch(STACK);
    const serv = await runMain(["serv"], cwd);
    expect([serv.code, serv.stderr]).toEqual([2, expect.stringContaining('did you mean "serve"?')]);
    // The default command takes paths: a folder called like a typo is built, as before.
    await cp(path.join(cwd, "runs"), path.join(cwd, "buidl"), { recursive: true });
    const built = await runMain(["buidl", "--out", "site", "--quiet"], cwd);
    expect([built.code, built.stderr]).toEqual([0, ""]);
    expect(existsSync(path.join(cwd, "site", "index.html"))).toBe(true);
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
    const debug = await runMain(["bad", "--debug"], cwd);
    expect(debug.code).toBe(4);
    expect(debug.stderr).toMatch(STACK);
  });

  it("4: an unsupported schema_version", async () => {
    const cwd = await tempDir();
    await mkdir(path.join(cwd, "future"));
    await writeFile(path.join(cwd, "future", "run.json"), JSON.stringify({ schema_version: 99 }));
    expect((await runMain(["future"], cwd)).code).toBe(4);
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
