/**
 * Issue 12, point 4: `check` finds every reference to outside the site in HTML, CSS (escaped
 * forms, image-set, @import) and SVG (any namespace prefix, style=), reading them with real
 * parsers, and finds files that should not be published.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { checkSite, type SiteProblem } from "../../src/site/check.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";

const REF = "parsers_1_2026-11-26-T233803";
let tmp: string;
let good: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-check-parsers-"));
  await writeRunFolder(path.join(tmp, "runs"), wireRun({ records: 2, rich: true, reference: REF }));
  good = path.join(tmp, "good");
  expect((await buildSite(path.join(tmp, "runs"), { outDir: good })).failures).toEqual([]);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/**
 * The errors `check` finds in a copy of the good site after `plant` wrote into it, but
 * `edited-report` (what is planted in a report folder is an edit after its build: checkEdited.test.ts).
 */
async function planted(name: string, plant: (site: string) => Promise<void>): Promise<SiteProblem[]> {
  const site = path.join(tmp, name);
  await cp(good, site, { recursive: true });
  await plant(site);
  return (await checkSite(site)).filter((p) => p.severity === "error" && p.kind !== "edited-report");
}

const PAGE = (body: string): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

describe("check reads references as browsers do", () => {
  it("finds the good site clean", async () => {
    expect(await planted("clean", async () => undefined)).toEqual([]);
  });

  it.each([
    [
      "a style sheet url( written with an escape",
      "extra.css",
      `body { background: \\75 rl(https://evil.test/a.png); }`,
    ],
    ["a style sheet @import written with an escape", "extra.css", `@\\69mport "https://evil.test/b.css";`],
    [
      "image-set() in a style sheet",
      "extra.css",
      `body { background-image: image-set("https://evil.test/c.png" 1x); }`,
    ],
    ["style= in a page, escaped", "extra.html", PAGE(`<p style="background:\\75 rl(https://evil.test/d.png)">x</p>`)],
    [
      // These names once found Object.prototype's members in a table of attributes by tag: check crashed.
      "a fetch beside elements named constructor and __proto__",
      "extra.html",
      PAGE(`<constructor data-x=1></constructor><__proto__ title=t></__proto__><img src="https://evil.test/h.png">`),
    ],
    [
      "an SVG file's href under another namespace prefix",
      "extra.svg",
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:q="http://www.w3.org/1999/xlink"><image q:href="https://evil.test/e.png"/></svg>`,
    ],
    [
      "an SVG file's style=",
      "extra.svg",
      `<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:\\75 rl(https://evil.test/f.png)"/></svg>`,
    ],
    [
      "an SVG file's <style> with CDATA",
      "extra.svg",
      `<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[rect{fill:url("https://evil.test/g.png")}]]></style></svg>`,
    ],
  ])("finds %s", async (what, file, text) => {
    const problems = await planted(file.replace(/\W/g, "-") + what.length, async (site) =>
      writeFile(path.join(site, REF, file), text),
    );
    expect(problems.map((p) => [p.file, p.kind])).toEqual([[`${REF}/${file}`, "outside-host"]]);
  });
});

describe("check finds files that should not be published", () => {
  it.each([
    [".curi-report-manifest.json", "build state of an older curi-report"],
    [".DS_Store", "hidden file"],
    [`${REF}/.index.html.123.4.tmp`, "hidden file"],
    [`${REF}/run.json`, "a run's own file"],
    [".git/HEAD", "hidden file"],
  ])("%s", async (file, reason) => {
    const problems = await planted(`unpublishable-${file.replace(/\W/g, "-")}`, async (site) => {
      await mkdir(path.dirname(path.join(site, file)), { recursive: true });
      await writeFile(path.join(site, file), "{}");
    });
    const top = file.startsWith(".git/") ? ".git" : file;
    expect(problems.map((p) => [p.file, p.kind])).toEqual([[top, "unpublishable"]]);
    expect(problems[0]?.message).toContain(reason);
  });
});
