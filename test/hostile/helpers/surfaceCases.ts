/**
 * The case tables of the hostile site suite (surfaces.test.ts): what an attacker or a corruption
 * does to a copy of the base site (helpers/surfaces.ts) before the next build, to the user's state
 * of it, or to a base file given to `summary --base`, and what a user then checks.
 */
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Marked } from "marked";
import { expect } from "vitest";
import { comparePagePath, comparisonName } from "../../../src/render/router.js";
import type { SiteBuildResult } from "../../../src/site/buildSite.js";
import { stateFileFor } from "../../../src/site/incremental.js";
import { makeFifo, makeSparse, plantOutside, SECRET, stateForCopy, type SiteCopy } from "./surfaces.js";

/** A file of the copy's site by its `/`-separated path. */
export const inSite = (copy: SiteCopy, rel: string): string => path.join(copy.site, ...rel.split("/"));
/** The path of report `n`'s (0 or 1) file `name` inside the site. */
export const reportFile = (copy: SiteCopy, n: 0 | 1, name: string): string => `${copy.folders[n]}/${name}`;
/** The comparison page of the two runs, relative to the site. */
export const comparePage = (copy: SiteCopy): string => comparePagePath(comparisonName(copy.folders));

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
export interface BuildCase {
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

export const compareCases: BuildCase[] = [
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

export const runInfoCases: BuildCase[] = [
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
    const state = await stateForCopy(c);
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

export const stateCases: BuildCase[] = [
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

/** A case of `summary --base <file>`. */
export interface BaseCase {
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

export const baseCases: BaseCase[] = [
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
