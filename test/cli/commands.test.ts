/**
 * The command table loads each command only when it runs; its names and summaries (all the
 * global help needs) must match the commands' own.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS, DEFAULT_COMMAND, findCommand } from "../../src/cli/commands.js";

describe("command table", () => {
  it("lists each command under its own name and summary", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
      expect(command.help.length).toBeGreaterThan(0);
    }
  });

  it("finds commands by name and builds by default", async () => {
    expect(findCommand("check")?.name).toBe("check");
    expect(findCommand("nope")).toBeUndefined();
    expect((await DEFAULT_COMMAND.load()).name).toBe("build");
  });
});
