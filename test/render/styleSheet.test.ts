/**
 * The site's style sheet parses as CSS without a single error: one brace lost in a merge once
 * swallowed every rule after it (the results table's failure colour and the overlay chart's phone
 * width among them), which only a browser test of those features noticed.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "css-tree";
import { describe, expect, it } from "vitest";
import { TEMPLATES_DIR } from "../../src/render/templates.js";

describe("templates/assets/style.css", () => {
  it("parses without an error", async () => {
    const text = await readFile(path.join(TEMPLATES_DIR, "assets", "style.css"), "utf8");
    const errors: string[] = [];
    parse(text, { onParseError: (e) => errors.push(`${e.message} (line ${String((e as { line?: number }).line)})`) });
    expect(errors).toEqual([]);
  });
});
