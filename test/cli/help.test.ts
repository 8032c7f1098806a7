import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDir } from "../site/helpers/runs.js";
import { BIN, runCli } from "./helpers.js";

/**
 * The modules behind the `loaded <url>` lines: each file of the bundled CLI (dist/src/bundle/)
 * stands for the sources esbuild put in it, as its metafile (dist/bundle-meta.json) lists them.
 */
async function loadedSources(lines: readonly string[]): Promise<string[]> {
  const urls = lines.map((l) => l.slice("loaded ".length));
  if (!urls.some((u) => u.includes("/dist/src/bundle/"))) return urls;
  const meta = JSON.parse(await readFile(new URL("../../dist/bundle-meta.json", import.meta.url), "utf8")) as {
    outputs: { [file: string]: { inputs: { [source: string]: unknown } } };
  };
  return urls.flatMap((u) => {
    const at = u.indexOf("/dist/src/bundle/");
    if (at < 0) return [u];
    const output = meta.outputs[u.slice(at + 1)];
    if (output === undefined) throw new Error(`${u} is not in dist/bundle-meta.json: run npm run build`);
    return Object.keys(output.inputs);
  });
}

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
      const loaded = await loadedSources(stderr.split("\n").filter((l) => l.startsWith("loaded ")));
      expect(
        loaded.some((l) => /\/cli\/main\.(js|ts)$/.test(l)),
        stderr,
      ).toBe(true);
      expect(loaded.filter((l) => /(^|\/)(render|site|run|record)\/|node_modules/.test(l))).toEqual([]);
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
