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
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Marked } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparePagePath, comparisonName } from "../../src/render/router.js";
import { buildSite, type SiteBuildResult } from "../../src/site/buildSite.js";
import { checkSite } from "../../src/site/check.js";
import { stateFileFor } from "../../src/site/incremental.js";
import { request } from "node:http";
import { serveReports, type RunningServer } from "../../src/site/serve.js";
import { runMain } from "../cli/helpers.js";
import {
  buildBaseSite,
  CHUNKED_BYTES,
  copySite,
  filesHolding,
  makeFifo,
  makeSparse,
  plantOutside,
  SECRET,
  stateForCopy,
  treeState,
  withWarnings,
  type BaseSite,
  type SiteCopy,
} from "./helpers/surfaces.js";

let base: BaseSite;
beforeAll(async () => {
  base = await buildBaseSite();
});

/** A file of the copy's site by its `/`-separated path. */
const inSite = (copy: SiteCopy, rel: string): string => path.join(copy.site, ...rel.split("/"));
/** The path of report `n`'s (0 or 1) file `name` inside the site. */
const reportFile = (copy: SiteCopy, n: 0 | 1, name: string): string => `${copy.folders[n]}/${name}`;
/** The comparison page of the two runs, relative to the site. */
const comparePage = (copy: SiteCopy): string => comparePagePath(comparisonName(copy.folders));

/** Reads, edits and writes back a site file as text. */
async function editText(copy: SiteCopy, rel: string, edit: (text: string) => string): Promise<void> {
  const file = inSite(copy, rel);
  await writeFile(file, edit(await readFile(file, "utf8")));
}

/** Reads, edits and writes back a site file as JSON. */
async function editJson(copy: SiteCopy, rel: string, edit: (doc: Record<string, unknown>) => void): Promise<void> {
  await editText(copy, rel, (text) => {
    const doc = JSON.parse(text) as Record<string, unknown>;
    edit(doc);
    return JSON.stringify(doc, null, 4);
  });
}

/** Replaces a site file by a link to a copy of it outside the site, with `from` replaced by SECRET. */
async function linkOutside(copy: SiteCopy, rel: string, from: string): Promise<void> {
  const text = await readFile(inSite(copy, rel), "utf8");
  const target = await plantOutside(copy, path.basename(rel), text.replaceAll(from, SECRET));
  await rm(inSite(copy, rel));
  await symlink(target, inSite(copy, rel));
}

/** A case in which the next build reads back an altered site. */
interface BuildCase {
  readonly name: string;
  /** What the attacker or corruption does to the copy before the build. */
  readonly alter: (copy: SiteCopy) => Promise<void>;
  /** Patterns every one of which some warning must match (each names the planted file). */
  readonly warns: (copy: SiteCopy) => readonly RegExp[];
  /** Whether the comparison of the two runs is (re)written from their comparison data. */
  readonly compared: boolean;
  /**
   * `check`'s errors afterwards, as `<kind> <file>`: the planted file only. Left out where check's
   * finding is its own test's (links, FIFOs, sizes: test/site/check.test.ts), to keep the suite cheap.
   */
  readonly checkErrors?: (copy: SiteCopy) => readonly string[];
  /** What else a user would check on the result. */
  readonly also?: (copy: SiteCopy, result: SiteBuildResult) => Promise<void>;
}

/** A pattern matching `text` literally. */
const literally = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

const CHUNK = "compare-data-1.js";
const DATA = "compare-data.js";

const compareCases: BuildCase[] = [
  {
    name: "a compare-data.js that is code, not data",
    alter: (c) => editText(c, reportFile(c, 0, DATA), (t) => `${t}location.href = "https://evil.test/";\n`),
    warns: (c) => [literally(reportFile(c, 0, DATA))],
    compared: false,
    checkErrors: (c) => [`invalid-data ${reportFile(c, 0, DATA)}`, `edited-report ${reportFile(c, 0, DATA)}`],
  },
  {
    name: "a chunk that is a FIFO",
    alter: async (c) => makeFifo(inSite(c, reportFile(c, 0, CHUNK))),
    warns: (c) => [new RegExp(`${literally(reportFile(c, 0, CHUNK)).source} is not a regular file`)],
    compared: false,
  },
  {
    name: "a chunk that is a link to a file outside the site",
    alter: (c) => linkOutside(c, reportFile(c, 0, CHUNK), "(Array) [1, 2, 3] len: 3"),
    warns: (c) => [new RegExp(`${literally(reportFile(c, 0, CHUNK)).source} could not be read \\(it is a link\\)`)],
    compared: false,
  },
  {
    name: "a chunk over its bound (40 MB)",
    alter: async (c) => makeSparse(inSite(c, reportFile(c, 0, CHUNK)), 40 * 1024 * 1024),
    warns: (c) => [new RegExp(`${literally(reportFile(c, 0, CHUNK)).source} is 41943040 bytes, over its`)],
    compared: false,
  },
  {
    name: "a chunk of another version",
    alter: (c) => editText(c, reportFile(c, 0, CHUNK), (t) => t.replace('"version":3', '"version":99')),
    warns: (c) => [literally(reportFile(c, 0, CHUNK))],
    compared: false,
    checkErrors: (c) => [`invalid-data ${reportFile(c, 0, CHUNK)}`, `edited-report ${reportFile(c, 0, CHUNK)}`],
  },
  {
    name: "a compare-data.js linking to /dev/zero",
    alter: async (c) => {
      await rm(inSite(c, reportFile(c, 0, DATA)));
      await symlink("/dev/zero", inSite(c, reportFile(c, 0, DATA)));
    },
    warns: (c) => [new RegExp(`${literally(reportFile(c, 0, DATA)).source} could not be read \\(it is a link\\)`)],
    compared: false,
  },
];

const RUN_INFO = "run_info.json";
/** Markup that would run if a name reached a page unescaped. */
const MARKUP = "<img src=x onerror=alert(1)>";
/** The site's files that must stay small whatever run_info.json names. */
const ROOT_FILES = ["index.html", "history.json", "latest.json"];

const runInfoCases: BuildCase[] = [
  {
    name: "metric names that are markup, __proto__ and constructor",
    alter: (c) =>
      editJson(c, reportFile(c, 0, RUN_INFO), (doc) => {
        doc["metrics"] = JSON.parse(`{${JSON.stringify(MARKUP)}: 0.5, "__proto__": 0.25, "constructor": 1}`) as object;
        doc["metric_goals"] = JSON.parse(`{${JSON.stringify(MARKUP)}: "max", "__proto__": "min"}`) as object;
      }),
    warns: () => [],
    compared: true,
    checkErrors: (c) => [`edited-report ${reportFile(c, 0, RUN_INFO)}`],
    also: async (c) => {
      const index = await readFile(inSite(c, "index.html"), "utf8");
      expect(index).not.toContain(MARKUP);
      expect(index).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(index).toContain("__proto__");
      const history = JSON.parse(await readFile(inSite(c, "history.json"), "utf8")) as {
        runs: { folder: string; metric_goals: Record<string, string> }[];
      };
      const first = history.runs.find((r) => r.folder === c.folders[0]);
      expect(first && Object.hasOwn(first.metric_goals, "__proto__") && first.metric_goals["__proto__"]).toBe("min");
    },
  },
  {
    name: "a 2 MB metric name and a 1 MB experiment name",
    alter: (c) =>
      editJson(c, reportFile(c, 0, RUN_INFO), (doc) => {
        doc["metrics"] = { ["m".repeat(2_000_000)]: 0.5 };
        doc["hostname"] = "h".repeat(1_000_000);
      }),
    warns: () => [],
    compared: true,
    checkErrors: (c) => [`edited-report ${reportFile(c, 0, RUN_INFO)}`],
    also: async (c) => {
      for (const f of ROOT_FILES) expect((await readFile(inSite(c, f))).length, f).toBeLessThan(1024 * 1024);
    },
  },
  {
    name: "a run_info.json of another version",
    alter: (c) => editJson(c, reportFile(c, 0, RUN_INFO), (doc) => void (doc["run_info_version"] = 99)),
    warns: (c) => [new RegExp(`${literally(reportFile(c, 0, RUN_INFO)).source}.*99.*rebuild this report`)],
    compared: false,
    checkErrors: (c) => [`invalid-data ${reportFile(c, 0, RUN_INFO)}`, `edited-report ${reportFile(c, 0, RUN_INFO)}`],
  },
  {
    name: "a run_info.json that is a link to one outside the site",
    alter: (c) => linkOutside(c, reportFile(c, 0, RUN_INFO), "lab-1"),
    warns: (c) => [new RegExp(`${literally(reportFile(c, 0, RUN_INFO)).source} could not be read \\(it is a link\\)`)],
    compared: false,
  },
  {
    name: "a run_info.json that is a FIFO",
    alter: async (c) => makeFifo(inSite(c, reportFile(c, 0, RUN_INFO))),
    warns: (c) => [new RegExp(`${literally(reportFile(c, 0, RUN_INFO)).source} is not a regular file`)],
    compared: false,
  },
];

/** Gives the copy the state its build would have left in the user's cache, changed by `damage` (none: as it is). */
function withState(
  damage: (file: string, state: { reports: Record<string, unknown> }, copy: SiteCopy) => Promise<void> = async () =>
    undefined,
) {
  return async (c: SiteCopy): Promise<void> => {
    const file = stateFileFor(c.site, c.stateDir);
    const state = await stateForCopy(base, c);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(state));
    await damage(file, state, c);
  };
}

/** Writes `state` as the state file `file`. */
const writeState = (file: string, state: unknown): Promise<void> => writeFile(file, JSON.stringify(state));

/** A state case: the state refused as a whole, so the next build proves run 2 up to date by content and compares it again. */
const refusedState = (name: string, damage: Parameters<typeof withState>[0]): BuildCase => ({
  name,
  alter: withState(damage),
  warns: () => [],
  compared: true,
});

const stateCases: BuildCase[] = [
  // The control: a sound state vouches for run 2, so nothing is rebuilt, compared or refreshed.
  { name: "(control) the state as the build left it", alter: withState(), warns: () => [], compared: false },
  refusedState("an entry naming a folder outside the site", (file, state) => {
    state.reports = { "../outside/escape": Object.values(state.reports)[0] };
    return writeState(file, state);
  }),
  refusedState("a null entry", (file, state) => {
    state.reports[Object.keys(state.reports)[0] ?? ""] = null;
    return writeState(file, state);
  }),
  refusedState("an entry of wrong types", (file, state) => {
    state.reports[Object.keys(state.reports)[0] ?? ""] = { source: 1, inputs: "x", folderId: [], marker: {} };
    return writeState(file, state);
  }),
  refusedState("a state file of 300 MB", async (file) => makeSparse(file, 300 * 1024 * 1024)),
  refusedState("a state file that is a FIFO", async (file) => makeFifo(file)),
  // The link's target is outside: the build must neither trust it nor write through it (treeState checks).
  refusedState("a state file that is a link to a file outside", async (file, state, c) => {
    const target = await plantOutside(c, "state.json", JSON.stringify(state));
    await rm(file);
    await symlink(target, file);
  }),
];

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

/** A case of `summary --base <file>`. */
interface BaseCase {
  readonly name: string;
  /** Writes the base file (from the site's latest.json) and returns its path. */
  readonly base: (copy: SiteCopy) => Promise<string>;
  readonly exit: number;
  /** What stderr must say (besides naming the file, for a refusal). */
  readonly says: RegExp;
  /** What a user checks in the printed summary. */
  readonly also?: (stdout: string) => void;
}

/** The site's latest.json, edited by `edit`, written beside the site as `name`; returns its path. */
async function latestBase(copy: SiteCopy, name: string, edit: (doc: { facts: Record<string, unknown> }) => void) {
  const doc = JSON.parse(await readFile(inSite(copy, "latest.json"), "utf8")) as { facts: Record<string, unknown> };
  edit(doc);
  const file = path.join(copy.root, name);
  await writeFile(file, JSON.stringify(doc));
  return file;
}

const gfm = new Marked({ gfm: true, async: false });
/** `text` as marked escapes it in HTML. */
const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
/** Names with markup, issue references and a mention: none may act in the pull-request comment. */
const HOSTILE_NAMES = [`${MARKUP} #12`, "see org/repo#3 and GH-7", "@octocat", "</details><script>x</script>"];

const baseCases: BaseCase[] = [
  {
    name: "a latest.json of 20 MB",
    base: async (c) => {
      const file = path.join(c.root, "huge.json");
      makeSparse(file, 20 * 1024 * 1024);
      return file;
    },
    exit: 4,
    says: /too big for a latest\.json; pass a run folder/,
  },
  {
    name: "a latest.json of another version",
    base: (c) => latestBase(c, "v7.json", (doc) => Object.assign(doc, { latest_version: 7 })),
    exit: 4,
    says: /latest_version 7.*pass a run folder/s,
  },
  {
    name: "a latest.json that is not JSON",
    base: (c) => plantOutside(c, "broken.json", '{"facts": {'),
    exit: 4,
    says: /is not valid JSON.*a run folder/s,
  },
  {
    name: "a link to /dev/zero",
    base: async (c) => {
      const file = path.join(c.root, "zero.json");
      await symlink("/dev/zero", file);
      return file;
    },
    exit: 4,
    says: /is not a regular file; pass a run folder/,
  },
  {
    name: "a FIFO",
    base: async (c) => {
      const file = path.join(c.root, "fifo.json");
      makeFifo(file);
      return file;
    },
    exit: 4,
    says: /is not a regular file; pass a run folder/,
  },
  {
    name: "a base naming its metrics and args sets with markup, issue references and mentions",
    base: (c) =>
      latestBase(c, "names.json", (doc) => {
        const f = doc.facts;
        f["run_metrics"] = Object.fromEntries(HOSTILE_NAMES.map((n, i) => [n, i]));
        f["metric_goals"] = Object.fromEntries(HOSTILE_NAMES.map((n) => [n, { goal: "max", source: "declared" }]));
        f["args"] = Object.fromEntries(
          HOSTILE_NAMES.map((n) => [n, { hash: "0", values: { [n]: JSON.stringify(n) } }]),
        );
      }),
    exit: 0,
    says: /^$/,
    also: (stdout) => {
      // As GitHub renders it: each name shown (so the check is not vacuous), and outside code spans
      // (where GitHub links nothing) no tag, issue reference or mention from the base.
      const html = gfm.parse(stdout, { async: false });
      for (const name of HOSTILE_NAMES) expect(html).toContain(escapeHtml(name));
      const live = html.replace(/<code>[^<]*<\/code>/g, "");
      for (const tag of ["<img", "<script"]) expect(live).not.toContain(tag);
      for (const ref of [/#12/, /org\/repo#3/, /GH-7/, /@octocat/]) expect(live).not.toMatch(ref);
    },
  },
];

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
function ask(
  rawPath: string,
  method = "GET",
  host = `127.0.0.1:${server.port}`,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: server.port, path: rawPath, method, headers: { Host: host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
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
