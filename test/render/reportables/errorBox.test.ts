import { describe, expect, it } from "vitest";
import { describeError, errorBox } from "../../../src/render/reportables/index.js";
import { CuriError } from "../../../src/util/errors.js";
import { elementTexts, wellFormedProblems } from "./htmlCheck.js";

describe("errorBox", () => {
  it("is an alert box with the escaped title and message", () => {
    const html = errorBox("Map of <b>run</b> failed", new Error("bad <svg> & worse"));
    expect(html.startsWith('<div class="error-box" role="alert">')).toBe(true);
    expect(elementTexts(html, "strong")).toEqual(["Map of <b>run</b> failed"]);
    expect(elementTexts(html, "pre")).toEqual(["Error: bad <svg> & worse"]);
    expect(wellFormedProblems(html)).toEqual([]);
  });

  it("names the error class and follows the cause chain, without a stack", () => {
    const error = new CuriError("table row 2 is short", { cause: new TypeError("inner") });
    expect(describeError(error)).toBe("CuriError: table row 2 is short\ncaused by TypeError: inner");
    expect(errorBox("t", error)).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("describes thrown non-errors, even ones whose toString throws", () => {
    expect(describeError("plain string")).toBe("plain string");
    const hostile = {
      toString: (): string => {
        throw new Error("no");
      },
    };
    expect(describeError(hostile)).toBe("[object Object]");
  });

  it("stops after a few causes of a cyclic chain", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(describeError(a).split("\n")).toHaveLength(6);
  });

  it("makes control characters visible", () => {
    expect(errorBox("t", new Error("bell\u0007"))).toContain("bell\\u0007");
  });
});
