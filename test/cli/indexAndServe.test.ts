import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeRunsFolder } from "../site/helpers/runs.js";
import { get } from "../site/helpers/http.js";
import { BIN, runCli } from "./helpers.js";

async function builtProject(count: number): Promise<string> {
  const cwd = path.dirname(await writeRunsFolder(count));
  expect((await runCli(["runs", "--quiet"], cwd)).code).toBe(0);
  return cwd;
}

describe("curi-report index", () => {
  it("rebuilds the index from the report folders, warning about broken run_info.json", async () => {
    const cwd = await builtProject(2);
    await mkdir(path.join(cwd, "reports", "broken"));
    await writeFile(path.join(cwd, "reports", "broken", "run_info.json"), "{");
    const res = await runCli(["index"], cwd);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe("Indexed 2 reports (1 informal) → reports/index.html\n");
    expect(res.stderr).toMatch(/^curi-report: warning: .*broken.*run_info\.json is not valid JSON.*informal run\.$/m);
    expect(await readFile(path.join(cwd, "reports", "index.html"), "utf8")).toContain("broken");
  });
});

describe("curi-report serve", () => {
  it("prints its URL, serves on 127.0.0.1 with content types, refuses /../ and stops on SIGINT", async () => {
    const cwd = await builtProject(1);
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on("exit", () => reject(new Error(`serve exited early: ${stdout}${stderr}`)));
    });
    expect(stdout).toMatch(/^Serving reports at http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl\+C to stop\)/);
    const port = Number(new URL(url).port);
    const index = await get(port, "/");
    expect([index.status, index.type]).toEqual([200, "text/html; charset=utf-8"]);
    const folder = "tiny_1_2026-11-21-T100001";
    expect((await get(port, `/${folder}/graphs/full.gv`)).type).toBe("text/plain; charset=utf-8");
    expect((await get(port, "/../package.json")).status).toBe(403);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
  });
});
