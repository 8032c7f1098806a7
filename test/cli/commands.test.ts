/**
 * One declaration per command feeds parsing, its `--help` and the global command list: every
 * declared option parses and is in the help with its default, the global help lists every
 * command with its declared summary, and a mistyped command is named with the nearest one.
 */
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../../src/cli/args.js";
import { COMMANDS, DEFAULT_COMMAND, findCommand } from "../../src/cli/commands.js";
import { nearestCommand } from "../../src/cli/main.js";
import { globalHelp } from "../../src/cli/help.js";
import { UsageError } from "../../src/util/errors.js";

/** Arguments that satisfy `command`'s positionals. */
function positionalsFor(min: number): string[] {
  return Array.from({ length: min }, (_, i) => `input-${i}`);
}

describe("command declarations", () => {
  it("parse every option they declare, and show it in the help with its default", () => {
    for (const command of COMMANDS) {
      const help = command.help();
      expect(help, command.name).toContain(`Usage: curi-report ${command.doc.usageName ?? command.name}`);
      for (const [name, option] of Object.entries(command.doc.options)) {
        const given = option.type === "boolean" ? [`--${name}`] : [`--${name}`, option.choices?.[0] ?? "7"];
        const parsed = parseCommandArgs(command.doc, [...positionalsFor(command.doc.positionals.min), ...given]);
        const value = (parsed.values as Record<string, unknown>)[name];
        expect(value, `${command.name} --${name}`).toEqual(
          option.type === "boolean" ? true : option.multiple ? [given[1]] : given[1],
        );
        if (option.hidden === true) continue;
        const line = help.split("\n").find((l) => l.startsWith(`  --${name}`));
        expect(line, `${command.name} --${name} in the help`).toBeDefined();
        const stated = option.defaultHelp ?? option.default ?? (option.type === "boolean" ? "off" : "none");
        expect(help.replace(/\n\s+/g, " "), `${command.name} --${name}'s default`).toContain(`(default: ${stated})`);
      }
    }
  });

  it("apply defaults, and refuse unknown options, extra arguments and values outside the choices", () => {
    const dag = findCommand("dag")!;
    expect(parseCommandArgs(dag.doc, ["runs/latest"]).values).toMatchObject({ format: "svg", collapse: false });
    const serve = findCommand("serve")!;
    expect(parseCommandArgs(serve.doc, []).positionals).toEqual(["reports"]);
    for (const args of [["runs/latest", "--format", "png"], ["runs/latest", "--colour"], ["a", "b"], []])
      expect(() => parseCommandArgs(dag.doc, args), JSON.stringify(args)).toThrow(UsageError);
    expect(() => parseCommandArgs(dag.doc, ["runs/latest", "--format", "png"])).toThrow(
      '--format must be one of svg, dot, mermaid or json, not "png"',
    );
  });

  it("make the global help's command list, each with its declared summary", () => {
    const help = globalHelp(
      COMMANDS.map((c) => c.doc),
      DEFAULT_COMMAND.name,
    );
    for (const command of COMMANDS)
      expect(help).toMatch(new RegExp(`^  ${command.name} +${command.summary.replace(/[()]/g, "\\$&")}$`, "m"));
    expect(DEFAULT_COMMAND.name).toBe("build");
  });

  it("name the nearest command to a typo, and none to a word far from every command", () => {
    expect(nearestCommand("buidl")?.name).toBe("build");
    expect(nearestCommand("serv")?.name).toBe("serve");
    expect(nearestCommand("chekc")?.name).toBe("check");
    expect(nearestCommand("sumary")?.name).toBe("summary");
    for (const word of ["runs", "x", "reports", "latest", "public"]) expect(nearestCommand(word), word).toBeUndefined();
  });
});
