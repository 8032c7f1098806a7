import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";

async function run(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const cwd = await mkdtemp(path.join(tmpdir(), "curi-usage-"));
  let stderr = "";
  const sink = { write: (chunk: string) => (stderr += chunk) };
  const io: CliIo = { stdout: { write: () => true }, stderr: sink, cwd, env: {} };
  return { code: await main(args, io), stderr };
}

/** Every quote and backtick in `text` is closed. */
function balanced(text: string): boolean {
  return ['"', "`", "'"].every((q) => text.split(q).length % 2 === 1);
}

describe("an unknown option", () => {
  it.each([
    [["runs", "--colour"], "build"],
    [["index", "--colour"], "index"],
    [["check", "site", "-x"], "check"],
    [["summary", "runs/latest", "--format=html", "--bogus"], "summary"],
  ])("%j gets a balanced message pointing to %s's help", async (args, command) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(`see \`curi-report ${command} --help\``);
    expect(balanced(stderr), stderr).toBe(true);
  });

  it("before the command points to that command's help, not the default command's", async () => {
    const { code, stderr } = await run(["--quiet", "index"]);
    expect(code).toBe(2);
    expect(stderr).toContain("`curi-report index --help`");
    expect(stderr).not.toContain("build --help");
    expect(balanced(stderr), stderr).toBe(true);
  });
});
