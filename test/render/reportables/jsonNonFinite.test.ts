import { describe, expect, it } from "vitest";
import { jsonText } from "../../../src/render/reportables/json.js";
import { renderReportable } from "../../../src/render/reportables/index.js";
import type { JsonValue } from "../../../src/run/model.js";
import { context, reportable } from "./make.js";

describe("JSON reportables with numbers JSON cannot hold", () => {
  it("lays out like JSON.stringify(value, null, 2) for plain JSON", () => {
    const values: JsonValue[] = [null, 1.5, 'a\u0000"<b>', [], {}, [1, [2, {}]], { a: { b: [true, null] }, "": "x" }];
    for (const v of values) expect(jsonText(v)).toBe(JSON.stringify(v, null, 2));
  });

  it("shows NaN and ±Infinity as Python prints them, at any depth, and a look-alike string as a string", () => {
    const value: JsonValue = {
      nan: { $float: "NaN" },
      deep: [{ $float: "Infinity" }, { x: { $float: "-Infinity" } }],
      fake: "\u0000NaN\u0000",
      other: { $float: "NaN", extra: 1 },
    };
    const text = jsonText(value);
    expect(text).toContain(`"nan": NaN`);
    expect(text).toContain(`    Infinity,`);
    expect(text).toContain(`"x": -Infinity`);
    expect(text).toContain(`"fake": "\\u0000NaN\\u0000"`);
    expect(text).toContain(`"$float": "NaN"`);
    const html = renderReportable(reportable({ kind: "json", value }), context()).html;
    expect(html).toContain("&quot;nan&quot;: NaN");
  });
});
