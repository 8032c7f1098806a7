/**
 * The GitHub Action (action.yml) end to end, its steps run with bash as GitHub runs them: three
 * pushes to main each add a run to the gh-pages branch of a local bare repository, then a pull
 * request is opened, pushed again and closed. Pages (a local HTTP server on the branch) then shows
 * every main run in the trends, each with a working report; the preview existed while the PR was
 * open and is gone after; the PR had one comment, edited in place, with deltas against main's
 * newest run; a prune keeps the trend whole and the site checkable. Then two runs publish at once.
 */
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WireRun } from "../../src/run/wire.js";
import { SUMMARY_MARKER } from "../../src/render/summary/summary.js";
import { runCli } from "../cli/helpers.js";
import { wireRun, writeRunFolder } from "../fixtures-publish/runs.js";
import {
  checkout,
  exec,
  fetchPage,
  parseAction,
  ROOT,
  runAction,
  startWorld,
  type ActionRun,
  type ActionSpec,
  type World,
} from "./actionRunner.js";

/** A run of experiment `exp` made in a fresh CI checkout (run number 1), started `minute` minutes into the day, with `val_loss` per record shifted by `shift`. */
function ciRun(minute: number, shift: number): WireRun {
  const stamp = `2026-12-01-T10${String(minute).padStart(2, "0")}00`;
  const wire = wireRun({ records: 2, reference: `exp_1_${stamp}` });
  wire.schema_version = 2;
  wire.run_info.experiment_name = "exp";
  wire.run_info.timestamp = stamp;
  wire.run_info.param_files = ["exp"];
  wire.run_info.params = { exp: wire.run_info.params["pub"] ?? [] };
  wire.metrics = { val_loss: 0.5 - shift };
  wire.metric_goals = { val_loss: "min" };
  wire.records.forEach((r, i) => (r.metrics = { val_loss: 0.4 + i / 10 - shift }));
  return wire;
}

/** Runs the Action for one workflow run with `wire` in its fresh checkout; fails the test when a step fails. */
async function publish(
  spec: ActionSpec,
  world: World,
  run: Omit<ActionRun, "world" | "workspace">,
  wire: WireRun | null,
): Promise<{ summary: string; out: string }> {
  const workspace = await checkout(world, `ws-${run.runId}`);
  if (wire !== null) await writeRunFolder(path.join(workspace, "runs"), wire);
  const res = await runAction(spec, { ...run, world, workspace });
  const last = res.steps.at(-1);
  expect(last?.code, `${last?.stdout}\n${last?.stderr}`).toBe(0);
  expect(res.steps).toHaveLength(spec.steps.length);
  return { summary: res.summary, out: res.steps.map((s) => s.stdout).join("") };
}

/** The gh-pages branch's history.json. */
async function history(world: World): Promise<{ runs: { reference: string; branch: string; report: unknown }[] }> {
  return JSON.parse((await fetchPage(`${world.siteUrl}/history.json`)).text) as never;
}

/** The rows of the first trends table of an index page (runs, newest first). */
function trendRows(html: string): string[] {
  const table = /<table class="[^"]*trends-table[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
  return [...table.matchAll(/<tr><td>[\s\S]*?<\/tr>/g)].map((m) => m[0]);
}

let spec: ActionSpec;
let world: World;

beforeAll(async () => {
  spec = parseAction(await readFile(path.join(ROOT, "action.yml"), "utf8"));
  world = await startWorld();
});

afterAll(async () => {
  await world.close();
});

describe("the curi-report Action on a TypeScript project", () => {
  it("keeps every main run, previews a pull request under pr/<n>/ while it is open, and keeps one comment", async () => {
    expect(spec.steps.map((s) => s.name)).toEqual([
      "Install curi-report from the Action's own checkout",
      "Build, publish, summarise",
    ]);
    for (const [k, minute] of [0, 10, 20].entries())
      await publish(spec, world, { event: "push", branch: "main", runId: k + 1 }, ciRun(minute, k / 10));
    const h = await history(world);
    expect(h.runs.map((r) => [r.reference, r.branch])).toEqual([
      ["exp_1_2026-12-01-T100000", "main"],
      ["exp_1_2026-12-01-T101000", "main"],
      ["exp_1_2026-12-01-T102000", "main"],
    ]);
    // The third push, built on a checkout of the branch (no build state), changed no earlier report.
    const bare = world.remote.replace(/^file:\/\//, "");
    const changed = (await exec("git", ["diff", "--name-only", "gh-pages~1", "gh-pages"], bare, world.env)).stdout;
    expect(changed).toContain("exp_1_2026-12-01-T102000/index.html");
    expect(changed).not.toMatch(/^exp_1_2026-12-01-T10[01]000\//m);
    const index = await fetchPage(`${world.siteUrl}/`);
    const rows = trendRows(index.text);
    expect(rows).toHaveLength(3);
    for (const r of h.runs) {
      const report = await fetchPage(`${world.siteUrl}/${r.reference}/index.html`);
      expect([r.reference, report.status]).toEqual([r.reference, 200]);
      expect(index.text).toContain(`href="${r.reference}/index.html"`);
    }

    // A pull request: opened, pushed again, closed.
    const pr = { event: "pull_request" as const, branch: "feature" };
    await publish(spec, world, { ...pr, pr: { number: 5, action: "opened" }, runId: 4 }, ciRun(30, 0.05));
    expect((await fetchPage(`${world.siteUrl}/pr/5/`)).status).toBe(200);
    const second = await publish(
      spec,
      world,
      { ...pr, pr: { number: 5, action: "synchronize" }, runId: 5 },
      ciRun(40, 0.3),
    );
    const preview = await fetchPage(`${world.siteUrl}/pr/5/`);
    expect(trendRows(preview.text)).toHaveLength(2);
    expect((await fetchPage(`${world.siteUrl}/pr/5/exp_1_2026-12-01-T104000/index.html`)).status).toBe(200);
    expect(second.summary.split("\n")[0]).toBe(SUMMARY_MARKER);
    await publish(spec, world, { ...pr, pr: { number: 5, action: "closed" }, runId: 6 }, null);
    expect((await fetchPage(`${world.siteUrl}/pr/5/`)).status).toBe(404);
    expect((await fetchPage(`${world.siteUrl}/pr/5/index.html`)).status).toBe(404);
    // The PR's runs never reached main's history.
    expect((await history(world)).runs).toHaveLength(3);

    const comments = Object.values(await world.comments());
    expect(comments).toHaveLength(1);
    const comment = comments[0] as { issue: number; body: string; edits: number };
    expect([comment.issue, comment.edits]).toEqual([5, 1]);
    expect(comment.body.split("\n")[0]).toBe(SUMMARY_MARKER);
    // Against main's newest run (val_loss 0.3 there, 0.2 in the PR's second push).
    expect(comment.body).toContain("exp_1_2026-12-01-T102000");
    expect(comment.body).toMatch(/val_loss[^\n]*0\.3[^\n]*0\.2/);
    expect(comment.body).toContain(`${world.siteUrl}/pr/5/`);

    // Retention: prune a checkout of the branch, as the Action's keep input does.
    const pages = path.join(world.tmp, "pages");
    const clone = await exec("git", ["clone", "-q", "-b", "gh-pages", world.remote, pages], world.tmp, world.env);
    expect(clone.code, clone.stderr).toBe(0);
    await rm(path.join(pages, ".git"), { recursive: true }); // a site holds no .git (check refuses one)
    const prune = await runCli(["prune", pages, "--keep", "2"], ROOT);
    expect(prune.stdout).toContain("Removed exp_1_2026-12-01-T100000");
    const pruned = await readFile(path.join(pages, "index.html"), "utf8");
    expect(trendRows(pruned)).toHaveLength(3);
    expect(trendRows(pruned).filter((r) => r.includes("(report pruned)"))).toHaveLength(1);
    expect(pruned).not.toContain(`href="exp_1_2026-12-01-T100000/`);
    const check = await runCli(["check", pages], ROOT);
    expect(check.code, check.stderr).toBe(0);
  });

  it("stops at the install step, saying what to add, when the runner's Node.js is older than 20", async () => {
    // A runner whose `node` is 18: the install step reads its version and stops before anything runs.
    const bin = path.join(world.tmp, "node-18");
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, "node"), '#!/bin/sh\n[ "$1" = --version ] && echo v18.20.4 && exit 0\nexit 9\n');
    await chmod(path.join(bin, "node"), 0o755);
    const old = { ...world, env: { ...world.env, PATH: `${bin}:${world.env["PATH"] ?? ""}` } };
    const workspace = await checkout(world, "ws-node-18");
    const res = await runAction(spec, { world: old, workspace, event: "push", branch: "main", runId: 20 });
    expect(res.steps.map((s) => s.code)).toEqual([1]);
    expect(res.steps[0]?.stdout).toContain(
      "::error::curi-report needs Node.js 20 or newer (found: v18.20.4); add actions/setup-node with node-version: 20",
    );
  });

  it("loses no run when two workflow runs publish at once: the later push rebuilds on the fresh branch", async () => {
    const before = (await history(world)).runs.length;
    await Promise.all([
      publish(spec, world, { event: "push", branch: "main", runId: 11 }, ciRun(50, 0.4)),
      publish(spec, world, { event: "push", branch: "main", runId: 12 }, ciRun(51, 0.5)),
    ]);
    const refs = (await history(world)).runs.map((r) => r.reference);
    expect(refs).toHaveLength(before + 2);
    expect(refs).toEqual(expect.arrayContaining(["exp_1_2026-12-01-T105000", "exp_1_2026-12-01-T105100"]));
    for (const ref of refs.slice(-2)) expect((await fetchPage(`${world.siteUrl}/${ref}/index.html`)).status).toBe(200);
  });
});
