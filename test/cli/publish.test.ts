/**
 * The publishing commands as a user and the GitHub workflow run them: `check`, `summary`, `dag`
 * and the steps of docs/workflows/curi-report.yml executed with bash (a fake `gh` stands in for
 * GitHub's API), so everything the workflow calls is exercised here.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMENT_MAX_CHARS, SUMMARY_MARKER } from "../../src/render/summary/summary.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";
import { runMain, TEST_ENV, type CliResult } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WORKFLOW = path.join(ROOT, "docs", "workflows", "curi-report.yml");
const REF = "pub_1_2026-11-26-T233803";
let tmp: string;
let project: string;

/**
 * Runs the CLI in `cwd` with extra environment variables, in this process (`main`, what
 * bin/curi-report.js calls; exit codes and messages through a real process are pinned in
 * test/cli/main.test.ts and the hostile cases). The workflow test below runs the real binary.
 */
function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  // The tests' own $GITHUB_STEP_SUMMARY (under CI) must not leak into the CLI.
  return runMain(args, cwd, { ...TEST_ENV, GITHUB_STEP_SUMMARY: undefined, ...env });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "curi-publish-"));
  project = path.join(tmp, "project");
  await writeRunFolder(
    path.join(project, "runs"),
    wireRun({ records: 3, aggregate: true, rich: true, reference: REF }),
  );
  const built = await cli(["build", "runs", "--out", "reports"], project);
  expect(built.stderr).toBe("");
  expect(built.code).toBe(0);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("curi-report check", () => {
  it("passes a freshly built site and lists outside links for information", async () => {
    const res = await cli(["check", "reports"], project);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe("");
    expect(res.stdout).toContain("info  outside-link");
    expect(res.stdout).toContain("https://example.org/docs");
    expect(res.stdout.trim().split("\n").at(-1)).toBe("reports is ready to publish.");
    expect((await cli(["check", "reports", "--quiet"], project)).stdout).toBe("");
  });

  it("fails with exit 7 and the list of problems", async () => {
    const broken = path.join(project, "broken");
    await cp(path.join(project, "reports"), broken, { recursive: true });
    await rm(path.join(broken, ".nojekyll"));
    await rm(path.join(broken, REF, "style.css"));
    const res = await cli(["check", "broken"], project);
    expect(res.code).toBe(7);
    // .nojekyll, and style.css on the run page and on each record page and record list.
    expect(res.stderr).toMatch(/broken is not ready to publish \(\d+ problems\)/);
    expect(res.stderr).toContain("missing-nojekyll");
    expect(res.stderr).toMatch(/missing-asset +pub_1_2026-11-26-T233803\/index.html: link href "style.css"/);
  });

  it("says what is wrong with its arguments", async () => {
    expect((await cli(["check", "nowhere"], project)).code).toBe(3);
    const budget = await cli(["check", "reports", "--max-file-mib", "0.001"], project);
    expect(budget.code).toBe(7);
    expect(budget.stderr).toContain("too-large");
    expect((await cli(["check", "reports", "--max-file-mib", "lots"], project)).code).toBe(2);
  });
});

describe("curi-report summary", () => {
  it("prints the Markdown, marker first, with links under --base-url", async () => {
    const res = await cli(["summary", "runs/latest", "--base-url", "https://owner.github.io/repo/"], project);
    expect(res.code).toBe(0);
    expect(res.stdout.split("\n")[0]).toBe(SUMMARY_MARKER);
    expect(res.stdout).toContain(`(https://owner.github.io/repo/${REF}/index.html#args-1)`);
    expect(res.stdout).toContain("```mermaid");
    expect(res.stdout.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
  });

  it("keeps within --max-chars", async () => {
    const res = await cli(["summary", "runs/latest", "--max-chars", "1500"], project);
    expect(res.code).toBe(0);
    expect(res.stdout.length).toBeLessThanOrEqual(1500);
    expect(res.stdout).toContain("Shortened to fit");
  });

  it("appends to $GITHUB_STEP_SUMMARY with --step-summary, keeping what was there", async () => {
    const file = path.join(tmp, "step-summary.md");
    await writeFile(file, "# Tests\n\nall passed\n");
    const res = await cli(["summary", "runs/latest", "--step-summary"], project, { GITHUB_STEP_SUMMARY: file });
    expect(res.code).toBe(0);
    const text = await readFile(file, "utf8");
    expect(text.startsWith(`# Tests\n\nall passed\n\n${SUMMARY_MARKER}\n`)).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    expect((await cli(["summary", "runs/latest", "--step-summary"], project)).code).toBe(2);
  });

  it("never takes a job summary past 1 MiB: with 40 bytes left it appends nothing and says so", async () => {
    const file = path.join(tmp, "full-step-summary.md");
    const before = "x".repeat(1024 * 1024 - 40);
    await writeFile(file, before);
    const res = await cli(
      ["summary", "runs/latest", "--step-summary", "--base-url", "https://o.github.io/r"],
      project,
      {
        GITHUB_STEP_SUMMARY: file,
      },
    );
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("no room for the summary");
    expect(await readFile(file, "utf8")).toBe(before);
  });

  it("refuses a bad base URL, format or budget with exit 2, and a missing run with exit 3", async () => {
    expect((await cli(["summary", "runs/latest", "--base-url", "javascript:alert(1)"], project)).code).toBe(2);
    expect((await cli(["summary", "runs/latest", "--base-url", "not a url"], project)).code).toBe(2);
    expect((await cli(["summary", "runs/latest", "--format", "html"], project)).code).toBe(2);
    expect((await cli(["summary", "runs/latest", "--max-chars", "70000"], project)).code).toBe(2);
    expect((await cli(["summary", "runs/nope"], project)).code).toBe(3);
  });
});

describe("curi-report dag", () => {
  it("exports SVG by default, and DOT, Mermaid and JSON", async () => {
    const svg = await cli(["dag", "runs/latest"], project);
    expect(svg.code).toBe(0);
    expect(svg.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(svg.stdout).toContain(`aria-label="Stage map of ${REF}"`);
    expect((await cli(["dag", "runs/latest", "--format", "dot"], project)).stdout.startsWith("digraph {")).toBe(true);
    expect(
      (await cli(["dag", "runs/latest", "--format", "mermaid"], project)).stdout.startsWith("flowchart TB\n"),
    ).toBe(true);
    const json = JSON.parse((await cli(["dag", "runs/latest", "--format", "json"], project)).stdout) as {
      format: string;
      clusters: unknown[];
    };
    expect(json.format).toBe("curi-report-dag");
    expect(json.clusters).toHaveLength(4);
  });

  it("exports one record with --record, and writes --out", async () => {
    const one = JSON.parse(
      (await cli(["dag", "runs/latest", "--format", "json", "--record", "3"], project)).stdout,
    ) as { clusters: { record: number }[]; nodes: { record: number }[] };
    expect(one.clusters.map((c) => c.record)).toEqual([3]);
    // The aggregate's inputs come from the other records' artifacts, which are kept.
    expect(new Set(one.nodes.map((n) => n.record))).toEqual(new Set([0, 1, 2, 3]));
    const res = await cli(["dag", "runs/latest", "--record", "1", "--out", "record1.svg"], project);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe("Wrote record1.svg\n");
    expect(await readFile(path.join(project, "record1.svg"), "utf8")).toContain("Stages of Record 1 (lr_1)");
    const mermaid = await cli(["dag", "runs/latest", "--format", "mermaid", "--record", "1"], project);
    expect([mermaid.code, mermaid.stdout.startsWith("flowchart TB\n")]).toEqual([0, true]);
  });

  it("refuses an unknown format or record with exit 2", async () => {
    expect((await cli(["dag", "runs/latest", "--format", "png"], project)).code).toBe(2);
    expect((await cli(["dag", "runs/latest", "--record", "9"], project)).code).toBe(2);
  });
});

/** One step of a workflow job, as far as this test needs it. */
interface WorkflowStep {
  readonly job: string;
  readonly name: string;
  readonly run: string | null;
  readonly uses: string | null;
}

/**
 * Reads the jobs' steps of a GitHub workflow with a small line parser: jobs at two spaces under
 * `jobs:`, steps as `- ` items at six, their keys at eight, `run: |` blocks indented deeper.
 */
function workflowSteps(yaml: string): WorkflowStep[] {
  const steps: { job: string; name: string; run: string | null; uses: string | null }[] = [];
  const lines = yaml.split("\n");
  let job = "";
  let inJobs = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\S/.test(line)) inJobs = line.startsWith("jobs:");
    const jobMatch = inJobs ? /^ {2}([\w-]+):\s*$/.exec(line) : null;
    if (jobMatch) job = jobMatch[1] as string;
    const item = /^ {6}- (\w[\w-]*):\s*(.*)$/.exec(line);
    if (item) steps.push({ job, name: "", run: null, uses: null });
    const key = item ?? /^ {8}(\w[\w-]*):\s*(.*)$/.exec(line);
    const step = steps.at(-1);
    if (!key || !step || !inJobs) continue;
    const [, name, value] = key as unknown as [string, string, string];
    if (name === "name") step.name = value;
    if (name === "uses") step.uses = value;
    if (name === "run" && value === "|") {
      const block: string[] = [];
      while (i + 1 < lines.length && (/^ {10}/.test(lines[i + 1] as string) || (lines[i + 1] as string).trim() === ""))
        block.push((lines[++i] as string).slice(10));
      step.run = `${block.join("\n").trimEnd()}\n`;
    } else if (name === "run") step.run = `${value}\n`;
  }
  return steps;
}

describe("docs/workflows/curi-report.yml", () => {
  it("is plain YAML (spaces only): the experiment, then the Action with only inputs action.yml declares, each documented", async () => {
    const yaml = await readFile(WORKFLOW, "utf8");
    expect(yaml).not.toContain("\t");
    const steps = workflowSteps(yaml);
    expect(steps.map((s) => s.uses)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      null,
      "owner/curi-report@main",
    ]);
    // The closed event removes the preview, so the workflow must receive it; no experiment then.
    expect(yaml).toContain("types: [opened, synchronize, reopened, closed]");
    expect(yaml).toMatch(/name: Run the experiment\n\s+if: github\.event\.action != 'closed'/);
    expect(yaml).toContain("contents: write");
    expect(yaml).toContain("pull-requests: write");
    const action = await readFile(path.join(ROOT, "action.yml"), "utf8");
    const inputsSection = action.slice(action.indexOf("\ninputs:"), action.indexOf("\noutputs:"));
    const inputs = [...inputsSection.matchAll(/^ {2}([\w-]+):\n {4}description:/gm)].map((m) => m[1] as string);
    expect(inputs).toEqual(expect.arrayContaining(["runs", "publish", "site-url", "comment", "base", "keep"]));
    for (const [, key] of yaml.matchAll(/^ {10}([\w-]+):/gm)) if (key !== "node-version") expect(inputs).toContain(key);
    const docs = await readFile(path.join(ROOT, "docs", "github-actions.md"), "utf8");
    for (const input of inputs) expect(docs, input).toContain(`| \`${input}\` |`);
  });
});

describe("curi-report build --single-file", () => {
  it("writes one self-contained HTML file per report beside the report folders, and the site still passes check", async () => {
    const res = await cli(["build", "runs", "--out", "single", "--single-file"], project);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Wrote single/${REF}.html`);
    const html = await readFile(path.join(project, "single", `${REF}.html`), "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    // Nothing is loaded from beside the file: styles, scripts and images are inside it.
    expect(html).not.toMatch(/<link\b[^>]*rel="stylesheet"/);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/);
    expect(html).not.toMatch(/<img\b[^>]*\bsrc="(?!data:)/);
    expect(html).toContain("<style");
    // An up-to-date rebuild still writes the single file.
    await rm(path.join(project, "single", `${REF}.html`));
    const again = await cli(["build", "runs", "--out", "single", "--single-file"], project);
    expect(again.code).toBe(0);
    expect(await readFile(path.join(project, "single", `${REF}.html`), "utf8")).toBe(html);
    expect((await cli(["check", "single", "--max-file-mib", "20"], project)).code).toBe(0);
  });
});
