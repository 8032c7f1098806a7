import { execFileSync } from "node:child_process";
import { appendFile, cp, link, mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import {
  checkSite as checkWholeSite,
  formatSiteProblem,
  siteCheckError,
  type SiteProblem,
  type SiteProblemKind,
} from "../../src/site/check.js";
import { SiteCheckError } from "../../src/util/errors.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";

const RICH = "pub_1_2026-11-26-T233803";
const FIXTURE_RUNS = fileURLToPath(new URL("../../fixtures/runs", import.meta.url));
const HOSTILE = "hostile_2_2026-11-26-T233843";
let tmp: string;
let good: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-check-"));
  const runs = path.join(tmp, "runs");
  await writeRunFolder(runs, wireRun({ records: 3, aggregate: true, rich: true, reference: RICH }));
  await writeRunFolder(runs, wireRun({ records: 2, aggregate: true, rich: true, hostile: true, reference: HOSTILE }));
  good = path.join(tmp, "good");
  const built = await buildSite(runs, { outDir: good, version: "0.0.0-test" });
  expect(built.failures).toEqual([]);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/**
 * The check, without `edited-report`: each case here plants its defect by hand in a built site,
 * which the check also reports as an edit after the build (checkEdited.test.ts covers that); a
 * case looks only at what it planted. A fresh build is checked whole.
 */
const checkSite = async (dir: string, options?: Parameters<typeof checkWholeSite>[1]): Promise<SiteProblem[]> =>
  (await checkWholeSite(dir, options)).filter((p) => p.kind !== "edited-report");

const errors = (problems: readonly SiteProblem[]): SiteProblem[] => problems.filter((p) => p.severity === "error");

/** Copies the good site, lets `plant` break it, and returns the check's errors. */
async function checkPlanted(
  name: string,
  plant: (site: string) => Promise<void>,
  options: { maxFileBytes?: number } = {},
): Promise<SiteProblem[]> {
  const site = path.join(tmp, name);
  await cp(good, site, { recursive: true });
  await plant(site);
  return errors(await checkSite(site, options));
}

/** Replaces the first `from` in a site file (which must contain it). */
async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  const next = text.replace(from, to);
  expect(next, `${file} should contain ${String(from)}`).not.toBe(text);
  await writeFile(file, next);
}

const page = (site: string, folder = RICH): string => path.join(site, folder, "index.html");
const kinds = (problems: readonly SiteProblem[]): SiteProblemKind[] => [...new Set(problems.map((p) => p.kind))];

describe("checkSite on a site built by buildSite", () => {
  it("finds no problem, and lists outside links written by users as info only", async () => {
    const problems = await checkWholeSite(good);
    expect(errors(problems).map(formatSiteProblem)).toEqual([]);
    const info = problems.filter((p) => p.severity === "info");
    expect(info.map((p) => p.url)).toContain("https://example.org/docs");
    expect(info.find((p) => p.url === "https://example.org/docs")?.kind).toBe("outside-link");
    // The hostile run's HTML reportable names a tracker pixel, blocked by its frame's CSP: info, not an error.
    expect(info.find((p) => p.url === "https://tracker.test/p.gif")?.kind).toBe("outside-host");
    expect(siteCheckError(good, problems)).toBeUndefined();
  });
});

describe("checkSite on the site of every fixture run", () => {
  it("builds fixtures/runs with buildSite and finds no problem", async () => {
    const site = path.join(tmp, "fixtures-site");
    const built = await buildSite(FIXTURE_RUNS, { outDir: site, version: "0.0.0-test" });
    expect(built.failures).toEqual([]);
    expect(built.reports.length).toBeGreaterThanOrEqual(5);
    expect(errors(await checkSite(site)).map(formatSiteProblem)).toEqual([]);
  });
});

describe("checkSite catches each defect planted in a copy of a good site", () => {
  it("a link to a file that does not exist", async () => {
    const found = await checkPlanted("broken-link", (site) => rm(path.join(site, RICH, "graphs", "full.gv")));
    expect(kinds(found)).toEqual(["broken-link"]);
    expect(found[0]).toMatchObject({ file: `${RICH}/index.html`, url: "graphs/full.gv" });
  });

  it("a link leading out of the site", async () => {
    const found = await checkPlanted("leaves-site", (site) =>
      edit(path.join(site, "latest", "index.html"), 'href="../index.html"', 'href="../../outside.html"'),
    );
    expect(kinds(found)).toEqual(["broken-link"]);
    expect(found[0]?.message).toContain("outside the site");
  });

  it("an anchor whose id is gone, on the page and across pages", async () => {
    const found = await checkPlanted("broken-anchor", async (site) => {
      await edit(page(site), 'id="args-1"', 'id="args-one"');
      await appendFile(path.join(site, "latest", "index.html"), `<a href="../${RICH}/index.html#no-such-id">x</a>`);
    });
    expect(kinds(found)).toEqual(["broken-anchor"]);
    expect(found.map((p) => p.url).sort()).toEqual([`../${RICH}/index.html#no-such-id`, "#args-1"].sort());
  });

  it("anchors into pages checked long before (more pages than it keeps ids of) are still checked", async () => {
    const found = await checkPlanted("many-pages", async (site) => {
      const dir = path.join(site, "many");
      await mkdir(dir);
      const doc = (body: string): string =>
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>p</title></head><body>${body}</body></html>`;
      // p000 is checked first; p700 (checked 700 pages later) links into it, rightly and wrongly.
      await writeFile(path.join(dir, "p000.html"), doc('<h1 id="top-of-first">first</h1>'));
      for (let i = 1; i < 700; i++)
        await writeFile(path.join(dir, `p${String(i).padStart(3, "0")}.html`), doc(`<p id="x${i}">${i}</p>`));
      await writeFile(
        path.join(dir, "p700.html"),
        doc('<a href="p000.html#top-of-first">ok</a> <a href="p000.html#gone">bad</a> <a href="p350.html#x350">ok</a>'),
      );
    });
    expect(found.map((p) => [p.kind, p.file, p.url])).toEqual([["broken-anchor", "many/p700.html", "p000.html#gone"]]);
  });

  it("ids inside inline SVG count as anchors, and a missing one is caught", async () => {
    const html = await readFile(page(good), "utf8");
    const svgId = /<svg[^>]*>[\s\S]*?<g id="([^"]+)"/.exec(html)?.[1];
    expect(svgId, "the map SVG has ids").toBeDefined();
    const ok = await checkPlanted("svg-anchor-ok", (site) => appendFile(page(site), `<a href="#${svgId}">node</a>`));
    expect(ok).toEqual([]);
    const bad = await checkPlanted("svg-anchor-bad", (site) =>
      appendFile(page(site), `<a href="#${svgId}-gone">node</a>`),
    );
    expect(kinds(bad)).toEqual(["broken-anchor"]);
  });

  it("a stylesheet, script or image that is missing", async () => {
    const found = await checkPlanted("missing-asset", async (site) => {
      await rm(path.join(site, RICH, "style.css"));
      await rm(path.join(site, RICH, "report.js"));
      await rm(path.join(site, RICH, "reportables", "lr_0_fit_photo.png"));
    });
    expect(kinds(found)).toEqual(["missing-asset"]);
    // The run page misses all three; every record page and record list misses the two assets too,
    // and the page of the record that reported the image (it shows its own reportables) the image.
    expect([...new Set(found.map((p) => p.url))].sort()).toEqual([
      "../report.js",
      "../reportables/lr_0_fit_photo.png",
      "../style.css",
      "report.js",
      "reportables/lr_0_fit_photo.png",
      "style.css",
    ]);
  });

  it("a site-absolute URL", async () => {
    const found = await checkPlanted("absolute-url", (site) =>
      edit(page(site), 'href="style.css"', 'href="/style.css"'),
    );
    expect(kinds(found)).toEqual(["absolute-url"]);
  });

  it("file-system paths: /home/…, C:\\…, file:", async () => {
    const found = await checkPlanted("file-path", (site) =>
      appendFile(
        page(site),
        `<img src="/home/me/plot.png" alt=""><img src="C:\\Users\\me\\plot.png" alt=""><a href="file:///tmp/x.html">x</a>`,
      ),
    );
    expect(kinds(found)).toEqual(["file-path"]);
    expect(found).toHaveLength(3);
  });

  it("fetches from outside hosts: script, CSS url(), srcset, meta refresh, protocol-relative", async () => {
    const found = await checkPlanted("outside-host", async (site) => {
      await appendFile(
        page(site),
        `<script src="https://cdn.test/x.js"></script><img srcset="a.png 1x, //cdn.test/b.png 2x" alt="">`,
      );
      await appendFile(path.join(site, RICH, "style.css"), `\nbody { background: url("https://cdn.test/bg.png"); }\n`);
      await edit(path.join(site, "latest", "index.html"), /url=[^"]*"/, 'url=https://elsewhere.test/"');
    });
    expect(kinds(found).sort()).toEqual(["missing-asset", "outside-host"]); // a.png is also missing
    const outside = found.filter((p) => p.kind === "outside-host").map((p) => p.url);
    expect(outside.sort()).toEqual([
      "//cdn.test/b.png",
      "https://cdn.test/bg.png",
      "https://cdn.test/x.js",
      "https://elsewhere.test/",
    ]);
  });

  it("an outside link in a report page is info, not a failure", async () => {
    const site = path.join(tmp, "outside-link");
    await cp(good, site, { recursive: true });
    await appendFile(page(site), `<a href="https://github.com/owner/repo">repo</a>`);
    const problems = await checkSite(site);
    expect(errors(problems)).toEqual([]);
    expect(problems.find((p) => p.url === "https://github.com/owner/repo")).toMatchObject({
      kind: "outside-link",
      severity: "info",
    });
  });

  it("a javascript: URL", async () => {
    const found = await checkPlanted("script-url", (site) =>
      appendFile(page(site), `<a href=" javascript:alert(1)">x</a>`),
    );
    expect(kinds(found)).toEqual(["script-url"]);
  });

  it("a symbolic link anywhere", async () => {
    const found = await checkPlanted("symlink", async (site) => {
      await symlink(path.join(site, RICH), path.join(site, "_latest"));
      await symlink("index.html", path.join(site, RICH, "copy.html"));
    });
    expect(kinds(found).sort()).toEqual(["symlink", "underscore-path"]);
    expect(found.filter((p) => p.kind === "symlink").map((p) => p.file)).toEqual(["_latest", `${RICH}/copy.html`]);
  });

  it("a hard link", async () => {
    const found = await checkPlanted("hard-link", (site) =>
      link(path.join(site, RICH, "style.css"), path.join(site, RICH, "style2.css")),
    );
    expect(kinds(found)).toEqual(["hard-link"]);
    expect(found).toHaveLength(2);
  });

  it("a path segment starting with `_`", async () => {
    const found = await checkPlanted("underscore", async (site) => {
      await mkdir(path.join(site, "_data", "deep"), { recursive: true });
      await writeFile(path.join(site, "_data", "deep", "x.json"), "{}");
      await writeFile(path.join(site, RICH, "_notes.txt"), "x");
    });
    expect(kinds(found)).toEqual(["underscore-path"]);
    expect(found.map((p) => p.file)).toEqual(["_data", `${RICH}/_notes.txt`]);
  });

  it("no .nojekyll", async () => {
    const found = await checkPlanted("nojekyll", (site) => unlink(path.join(site, ".nojekyll")));
    expect(kinds(found)).toEqual(["missing-nojekyll"]);
  });

  it("no latest/ page", async () => {
    const found = await checkPlanted("no-latest", (site) => rm(path.join(site, "latest"), { recursive: true }));
    // The index's "View latest report" link breaks with it.
    expect(kinds(found).sort()).toEqual(["broken-link", "missing-page"]);
    expect(found.find((p) => p.kind === "missing-page")?.message).toContain("latest/index.html");
  });

  it("a page without doctype or UTF-8 charset", async () => {
    const found = await checkPlanted("charset", (site) => edit(page(site, HOSTILE), '<meta charset="utf-8">', ""));
    expect(kinds(found)).toEqual(["missing-charset"]);
  });

  it("a file over the size budget (default 5 MiB, or the option)", async () => {
    const found = await checkPlanted("too-large", (site) =>
      writeFile(path.join(site, RICH, "big.bin"), Buffer.alloc(5 * 1024 * 1024 + 1)),
    );
    expect(kinds(found)).toEqual(["too-large"]);
    expect(found[0]?.file).toBe(`${RICH}/big.bin`);
    const small = await checkPlanted("small-budget", async () => undefined, { maxFileBytes: 1024 });
    expect(kinds(small)).toEqual(["too-large"]);
  });

  it("a pipe or socket in the tree", async () => {
    const found = await checkPlanted("fifo", async (site) => {
      execFileSync("mkfifo", [path.join(site, RICH, "pipe")]);
    });
    expect(kinds(found)).toEqual(["special-file"]);
  });
});

describe("checkSite on what the run's author wrote", () => {
  it("lists broken references in Markdown as info, but fails on an outside fetch there", async () => {
    const site = path.join(tmp, "markdown");
    await cp(good, site, { recursive: true });
    await appendFile(
      page(site),
      `<div class="markdown-body"><p><img src="/etc/hostname" alt=""><img src="../../x.png" alt=""><a href="nope.html">n</a><a href="#gone">g</a></p></div>`,
    );
    const problems = await checkSite(site);
    expect(errors(problems)).toEqual([]);
    const infos = problems.filter((p) => p.message.includes("wrote it in Markdown"));
    expect(infos.map((p) => p.kind).sort()).toEqual(["broken-anchor", "broken-link", "file-path", "missing-asset"]);
    const fetching = await checkPlanted("markdown-fetch", (site2) =>
      appendFile(page(site2), `<div class="notes"><img src="https://cdn.test/p.png" alt=""></div>`),
    );
    expect(kinds(fetching)).toEqual(["outside-host"]);
  });

  it("fails an HTML reportable's image that is not in the site (issue 20: it was 'harmless', the page showed it broken)", async () => {
    const found = await checkPlanted("frame-missing-image", (site) =>
      appendFile(
        page(site),
        `<iframe sandbox="allow-same-origin" srcdoc="&lt;meta http-equiv=&quot;Content-Security-Policy&quot; content=&quot;default-src 'none'; img-src data:&quot;&gt;&lt;img src='reportablesguide.png'&gt;"></iframe>`,
      ),
    );
    expect(kinds(found)).toEqual(["missing-asset"]);
    expect(found[0]?.message).toMatch(
      /^srcdoc > img src "reportablesguide\.png" .*shows a broken image; list the file/,
    );
  });

  it("lists what a sandboxed srcdoc frame cannot do as info; without a CSP, a frame's outside fetch fails", async () => {
    const site = path.join(tmp, "frames");
    await cp(good, site, { recursive: true });
    // As the report writes HTML reportables: sandbox="" and a CSP of the frame's own.
    const frame = `&lt;meta http-equiv=&quot;Content-Security-Policy&quot; content=&quot;default-src 'none'; img-src data:&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0; url=https://evil.test/&quot;&gt;&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;&lt;img src=&quot;/etc/passwd&quot;&gt;`;
    await appendFile(page(site), `<iframe sandbox="" srcdoc="${frame}"></iframe>`);
    const problems = await checkSite(site);
    expect(errors(problems)).toEqual([]);
    const harmless = problems.filter((p) => p.file === `${RICH}/index.html` && p.message.includes("harmless here"));
    expect(harmless.map((p) => p.kind).sort()).toEqual(["file-path", "outside-host", "script-url"]);
    const open = await checkPlanted("frame-no-csp", (site2) =>
      writeFile(
        path.join(site2, "extra.html"),
        `<!DOCTYPE html><meta charset="utf-8"><iframe srcdoc="&lt;img src=&quot;https://evil.test/p.gif&quot;&gt;"></iframe>`,
      ),
    );
    // extra.html is no page of the site's (23.5): its frame without a sandbox is active content too.
    expect(kinds(open)).toEqual(["outside-host", "active-content"]);
  });

  it("fails references inside SVG image files: opened on their own, they fetch and run (and a script URL is active content, 23.5)", async () => {
    const site = path.join(tmp, "svg-file");
    await cp(good, site, { recursive: true });
    await writeFile(
      path.join(site, RICH, "reportables", "lr_0_fit_diagram.svg"),
      `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.test/p.png"/><a href="javascript:alert(1)"><text>x</text></a></svg>`,
    );
    const problems = await checkSite(site);
    expect(
      errors(problems)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(["active-content", "outside-host", "script-url"]);
  });
});

describe("siteCheckError", () => {
  it("is a SiteCheckError (exit 7) listing every error", async () => {
    const site = path.join(tmp, "error-list");
    await cp(good, site, { recursive: true });
    await unlink(path.join(site, ".nojekyll"));
    await rm(path.join(site, RICH, "style.css"));
    const error = siteCheckError(site, await checkSite(site));
    expect(error).toBeInstanceOf(SiteCheckError);
    expect(error?.exitCode).toBe(7);
    // .nojekyll, and style.css on the run page and on each record page and record list.
    expect(error?.message).toMatch(/\b\d+ problems\b/);
    expect(error?.message).toContain("missing-nojekyll");
    expect(error?.message).toContain(`${RICH}/index.html`);
  });
});
