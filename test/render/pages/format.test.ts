import { describe, expect, it } from "vitest";
import { firstLine, formatDuration, formatTimestamp, statusView } from "../../../src/render/markup/format.js";

describe("formatTimestamp", () => {
  it("reads the run's wall-clock digits without time zone maths", () => {
    expect(formatTimestamp("2026-11-26-T233842")).toEqual({
      text: "26 Nov 2026, 23:38:42",
      datetime: "2026-11-26T23:38:42",
    });
    expect(formatTimestamp("2026-01-02-T000000")).toEqual({
      text: "2 Jan 2026, 00:00:00",
      datetime: "2026-01-02T00:00:00",
    });
  });

  it("shows anything else as it is, with no machine-readable date", () => {
    for (const raw of ["", "yesterday", "2026-13-01-T000000", "2026-11-26T23:38:42", "2026-11-26-T256000"]) {
      expect(formatTimestamp(raw)).toEqual({ text: raw, datetime: null });
    }
  });
});

describe("formatDuration", () => {
  it.each([
    [0.4213, "0.42 s"],
    [12.34, "12.3 s"],
    [75.4, "1 min 15 s"],
    [3600 + 3 * 60 + 7, "1 h 03 min 07 s"],
  ])("%s s is %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it("is null when unknown or nonsense", () => {
    for (const s of [undefined, null, Number.NaN, -1, Number.POSITIVE_INFINITY]) expect(formatDuration(s)).toBeNull();
  });
});

describe("statusView and firstLine", () => {
  it("maps each status to its label and colour class", () => {
    expect(statusView("LIVE")).toEqual({ label: "LIVE", className: "status-live" });
    expect(statusView("error")).toEqual({ label: "ERROR", className: "status-error" });
  });

  it("takes the first non-blank line of the notes", () => {
    expect(firstLine("\n  \nfirst line  \r\nsecond")).toBe("first line");
    expect(firstLine(null)).toBeNull();
    expect(firstLine(" \n ")).toBeNull();
  });
});
