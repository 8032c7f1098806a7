import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDir } from "../site/helpers/runs.js";
import { BIN, runCli } from "./helpers.js";

describe("curi-report --help and --version", () => {
  it("prints the version from package.json", async () => {
    const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    for (const flag of ["--version", "-V"]) {
      const res = await runCli([flag], await tempDir());
      expect([res.code, res.stdout]).toEqual([0, `${pkg.version}\n`]);
    }
  });

  it("loads neither eta, Graphviz nor any render or site module for --help and --version", async () => {
    const hook = fileURLToPath(new URL("../helpers/loadLog.mjs", import.meta.url));
    for (const flag of ["--help", "--version"]) {
      const { stderr } = await promisify(execFile)(process.execPath, ["--import", hook, BIN, flag], {
        cwd: await tempDir(),
      });
      const loaded = stderr.split("\n").filter((l) => l.startsWith("loaded "));
      expect(
        loaded.some((l) => l.includes("/cli/main.js")),
        stderr,
      ).toBe(true);
      expect(loaded.filter((l) => /\/(render|site|run|record)\/|node_modules/.test(l))).toEqual([]);
    }
  });

  it("lists the commands, the default command, examples and every exit code", async () => {
    const res = await runCli(["--help"], await tempDir());
    expect(res.code).toBe(0);
    for (const text of [
      "build",
      "index",
      "serve",
      "Without a command, `build` is used",
      "Examples:",
      "curi-report runs/latest",
    ])
      expect(res.stdout).toContain(text);
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7]) expect(res.stdout).toMatch(new RegExp(`^  ${code}  \\w`, "m"));
    expect((await runCli(["help"], await tempDir())).stdout).toBe(res.stdout);
  });

  it.each([
    ["build", ["--out <dir>", "(default: reports)", "--css <file>", "--quiet"]],
    ["index", ["--out <dir>", "(default: reports)"]],
    ["serve", ["--port <n>", "(default: 8080)", "(default: 127.0.0.1", "[dir]"]],
  ])("%s --help states its options, defaults and examples", async (command, texts) => {
    const cwd = await tempDir();
    for (const args of [
      [command, "--help"],
      [command, "-h"],
      ["help", command],
    ]) {
      const res = await runCli(args, cwd);
      expect([res.code, res.stderr]).toEqual([0, ""]);
      expect(res.stdout).toContain(`Usage: curi-report ${command === "build" ? "[build]" : command}`);
      expect(res.stdout).toContain("Examples:");
      for (const text of texts) expect(res.stdout).toContain(text);
    }
  });

  it("shows the build help for `curi-report <run> --help`", async () => {
    const res = await runCli(["runs/latest", "--help"], await tempDir());
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Usage: curi-report [build]");
  });
});
