import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { terminalText, type CliIo } from "../../src/cli/io.js";

/** Every C0 control but newline, DEL and every C1 control (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function capture(cwd: string): { io: CliIo; out: () => string } {
  let text = "";
  const sink = { write: (chunk: string) => (text += chunk) };
  return { io: { stdout: sink, stderr: sink, cwd, env: {} }, out: () => text };
}

describe("messages printed to a terminal", () => {
  it("show C0, DEL and C1 controls from the input as \\u escapes, keeping the message's own lines", () => {
    expect(terminalText("a\u001b[2Jb\u009b31mc\u0085d\u007fe\tf\rg\nh")).toBe(
      "a\\u001b[2Jb\\u009b31mc\\u0085d\\u007fe\\u0009f\\u000dg\nh",
    );
  });

  it("escape a hostile run path in the error the CLI prints", async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), "curi-term-"));
    const { io, out } = capture(cwd);
    const code = await main([`runs/x\u009b2J\u001b]0;owned\u0007y`], io);
    expect(code).toBe(3);
    expect(out()).toContain("runs/x\\u009b2J\\u001b]0;owned\\u0007y");
    expect(out()).not.toMatch(RAW_CONTROL);
  });
});
