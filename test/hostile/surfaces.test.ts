/**
 * The hostile site suite (issue 23): what a build reads back from a site it built before, from the
 * user's cache and from a base file is untrusted too. Each case is the small base site (two runs of
 * one experiment, helpers/surfaces.ts) altered as an attacker or a corruption would, then the next
 * build, `summary --base` or `check` runs, and the test checks what a user would: the exit and the
 * message naming the file and what to do, no SECRET (planted outside the site) in any published
 * file, nothing outside the site changed, the rest of the site intact, and `check` finding only the
 * planted file. Builds run in this process and rebuild no report (the built run is proven up to
 * date by its content), so the suite stays cheap. Last, `serve` on a copy with links leading out.
 */
import { readFile, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, type SiteBuildResult } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { get } from "../site/helpers/http.js";
import { serveReports, type RunningServer } from "../../src/site/serve.js";
import { runMain } from "../cli/helpers.js";
import {
  buildBaseSite,
  CHUNKED_BYTES,
  copySite,
  filesHolding,
  makeFifo,
  SECRET,
  treeState,
  withWarnings,
  type BaseSite,
  type SiteCopy,
} from "./helpers/surfaces.js";
import {
  baseCases,
  compareCases,
  comparePage,
  inSite,
  reportFile,
  runInfoCases,
  stateCases,
} from "./helpers/surfaceCases.js";

let base: BaseSite;
beforeAll(async () => {
  base = await buildBaseSite();
});

/** Runs the next build of `copy` (run 2 only: run 1's report is read back, never rebuilt), with its warnings. */
async function nextBuild(copy: SiteCopy): Promise<{ result: SiteBuildResult; warnings: string[] }> {
  const { value, warnings } = await withWarnings(() =>
    buildSite(copy.runs[1], { outDir: copy.site, stateDir: copy.stateDir, compareDataMaxBytes: CHUNKED_BYTES }),
  );
  return { result: value, warnings };
}

describe.each([
  ["compare data", compareCases],
  ["an earlier report's run_info.json (trends)", runInfoCases],
  ["the incremental state", stateCases],
] as const)("the next build reads back %s", (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const copy = await copySite(base);
    await c.alter(copy);
    await rm(inSite(copy, comparePage(copy)));
    const outsideBefore = [await treeState(copy.root, ["site", "cache"]), await treeState(path.dirname(copy.runs[0]))];
    const builtAfterMs = Date.now() - 1;
    const { result, warnings } = await nextBuild(copy);
    expect(result.failures).toEqual([]);
    // Run 2 is never rebuilt: its report is proven up to date (or vouched for), so what is tested is the read-back.
    expect(result.reports).toEqual([]);
    for (const pattern of c.warns(copy))
      expect(warnings, String(pattern)).toContainEqual(expect.stringMatching(pattern));
    // Nothing from outside the site is published, nothing outside it changed.
    const holding = await filesHolding(copy.site, [SECRET, "linked plot"], builtAfterMs);
    expect(holding[SECRET]).toEqual([]);
    expect([await treeState(copy.root, ["site", "cache"]), await treeState(path.dirname(copy.runs[0]))]).toEqual(
      outsideBefore,
    );
    // The rest of the site is intact: both reports on the index, the comparison as the data allows.
    const index = await readFile(inSite(copy, "index.html"), "utf8");
    // Both runs stay listed (one whose run_info.json was refused as an informal run, by its folder).
    for (const folder of copy.folders) expect(index).toContain(`href="${folder}/`);
    const page = reportFile(copy, 1, "index.html");
    expect(await readFile(inSite(copy, page), "utf8")).toBe(await readFile(path.join(base.root, "site", page), "utf8"));
    await expect(
      readFile(inSite(copy, comparePage(copy)), "utf8").then(
        () => true,
        () => false,
      ),
    ).resolves.toBe(c.compared);
    if (c.checkErrors !== undefined) {
      const errors = (await checkSite(copy.site)).filter((p) => p.severity === "error");
      expect(errors.map((p) => `${p.kind} ${p.file}`).sort()).toEqual([...c.checkErrors(copy)].sort());
    }
    await c.also?.(copy, result);
  });
});

describe("summary --base reads a hostile base file", () => {
  it.each(baseCases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const copy = await copySite(base);
    const file = await c.base(copy);
    const res = await runMain(["summary", copy.runs[1], "--base", file], copy.root);
    expect(res.code, res.stderr).toBe(c.exit);
    expect(res.stderr).toMatch(c.says);
    if (c.exit !== 0) {
      expect(res.stderr).toContain(file);
      expect(res.stdout).toBe("");
    }
    expect(res.stdout).not.toContain(SECRET);
    c.also?.(res.stdout);
  });
});

// serve on a hostile site: the base site with links to outside (a file, a folder, a report's page),
// a FIFO and a secret beside it. Every request leading out, by URL or by link, is refused without
// the secret; a FIFO never blocks an answer; only GET and HEAD, only to this machine's names; and a
// report's linked page is served as the build contained it.
let copy: SiteCopy;
let server: RunningServer;

beforeAll(async () => {
  copy = await copySite(base);
  const secret = path.join(copy.outside, "secret.txt");
  await symlink(secret, path.join(copy.site, "leak.html"));
  await symlink(copy.outside, path.join(copy.site, "outside-folder"));
  const page = path.join(copy.site, copy.folders[0], "index.html");
  await rm(page);
  await symlink(secret, page);
  makeFifo(path.join(copy.site, "pipe.txt"));
  server = await serveReports(copy.site, { port: 0 });
});
afterAll(async () => server?.close());

/** One request with the path sent as given and `host` as the Host header. */
function ask(rawPath: string, method = "GET", host = `127.0.0.1:${server.port}`) {
  return get(server.port, rawPath, method, host);
}

describe("serve on a hostile site", () => {
  it("refuses every path leading out, by URL or by link, and never shows the secret", async () => {
    const cases: [string, number][] = [
      ["/../outside/secret.txt", 403],
      ["/%2e%2e/outside/secret.txt", 403],
      ["/%2E%2E%2Foutside%2Fsecret.txt", 403],
      [`/${copy.folders[1]}/..%2f..%2foutside/secret.txt`, 403],
      ["/index.html%00.txt", 403],
      ["/%00/../outside/secret.txt", 403],
      ["/..%5c..%5coutside%5csecret.txt", 403],
      ["/leak.html", 403],
      ["/outside-folder/secret.txt", 403],
      ["/outside-folder/", 403],
      [`/${copy.folders[0]}/`, 403],
      [`/${copy.folders[0]}/index.html`, 403],
      ["/pipe.txt", 404],
    ];
    for (const [raw, status] of cases) {
      const res = await ask(raw);
      expect([raw, res.status]).toEqual([raw, status]);
      expect(res.body, raw).not.toContain(SECRET);
    }
    // The rest of the site is served.
    expect((await ask(`/${copy.folders[1]}/`)).status).toBe(200);
  });

  it("answers only GET and HEAD, and only to this machine's names", async () => {
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
      expect([method, (await ask("/", method)).status]).toEqual([method, 405]);
    const head = await ask("/", "HEAD");
    expect([head.status, head.body]).toEqual([200, ""]);
    for (const host of ["evil.test", `evil.test:${server.port}`, `127.0.0.1.evil.test:${server.port}`]) {
      const res = await ask("/", "GET", host);
      expect([host, res.status]).toEqual([host, 421]);
      expect(res.body).not.toContain(copy.folders[1]);
    }
  });

  it("serves a report's linked page as the build contained it: no script, a policy first", async () => {
    const res = await ask(`/${copy.folders[1]}/reportables/plot.html`);
    expect(res.status).toBe(200);
    expect(res.body).toContain("linked plot");
    // The page's own policy allows no script at all, and the linked page sits in a frame sandboxed without scripts.
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(res.body)?.[1] ?? "";
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).not.toMatch(/script-src/);
    expect(res.body).not.toMatch(/<script/i);
    const sandboxes = [...res.body.matchAll(/<iframe[^>]*\ssandbox="([^"]*)"/g)].map((m) => m[1]);
    expect(sandboxes.length).toBeGreaterThan(0);
    for (const sandbox of sandboxes) expect(sandbox).not.toContain("allow-scripts");
  });
});
