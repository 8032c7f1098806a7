/**
 * A single file keeps the images an HTML reportable takes from its linked files (a Python custom
 * reportable's render() output): they become data: URIs inside the frame's document.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";
import { attr, scanHtml } from "../../src/site/htmlScan.js";
import { baseWire, tempDir, writeFolder } from "../run/helpers/runFolders.js";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

describe("a single file of a report whose HTML reportable links files", () => {
  it("inlines the linked image inside the frame's document", async () => {
    const doc = baseWire();
    doc.reportables = [
      {
        qualified_name: "gallery",
        name: "gallery",
        group: null,
        record: 0,
        stage: "fit",
        kind: "html",
        data: { html: '<p>plot</p><img alt="dot" src="reportables/custom/dot.png">' },
        file: null,
        files: ["reportables/custom/dot.png"],
      },
    ];
    const runs = tempDir("linked-runs");
    writeFolder(path.join(runs, doc.run_info.reference), doc, { "reportables/custom/dot.png": PNG });
    const target = new MemoryTarget(path.join(tempDir("linked-site"), "site"));
    const result = await buildSite(runs, { outDir: target.root, target, singleFile: true });
    const single = result.reports[0]?.singleFile;
    const html = single === undefined ? "" : await target.memory.readText(single.path);
    const warnings = single?.warnings;
    expect(warnings).toEqual([]);
    const frames = scanHtml(html).filter((t) => t.name === "iframe" && !t.closing);
    expect(frames).toHaveLength(1);
    const srcdoc = attr(frames[0]!, "srcdoc") ?? "";
    expect(srcdoc).toContain(`src="data:image/png;base64,${PNG.toString("base64")}"`);
    expect(srcdoc).not.toContain("reportables/custom/dot.png");
  });
});
