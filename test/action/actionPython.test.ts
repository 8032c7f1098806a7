/**
 * The GitHub Action for a Python curifactory project: each workflow run is a fresh checkout in
 * which real curifactory (the vendored 0.20.2) runs the project's experiment through
 * `python3 -m curi_report experiment …`, which exports runs/<reference>/ and runs/latest; then the
 * Action's steps run with bash as in action.test.ts. Three pushes to main, a pull request opened,
 * pushed again and closed.
 */
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUMMARY_MARKER } from "../../src/render/summary/summary.js";
import { curifactoryPath, python } from "../python/curifactory.js";
import {
  checkout,
  fetchPage,
  parseAction,
  ROOT,
  runAction,
  startWorld,
  type ActionRun,
  type ActionSpec,
  type World,
} from "./actionRunner.js";

let spec: ActionSpec;
let world: World;
let pythonPath: string;

beforeAll(async () => {
  spec = parseAction(await readFile(path.join(ROOT, "action.yml"), "utf8"));
  world = await startWorld();
  pythonPath = [path.join(ROOT, "python"), await curifactoryPath(ROOT)].join(path.delimiter);
});

afterAll(async () => {
  await world.close();
});

/** One workflow run: a fresh checkout, the experiment (unless the PR closed), then the Action; returns the run's reference. */
async function workflowRun(run: Omit<ActionRun, "world" | "workspace">): Promise<string> {
  const workspace = await checkout(world, `ws-${run.runId}`);
  let reference = "";
  if (run.pr?.action !== "closed") {
    await cp(path.join(ROOT, "examples", "curifactory"), workspace, { recursive: true });
    const ran = await python(
      workspace,
      ["-m", "curi_report", "experiment", "sine", "-p", "sine", "--plain"],
      pythonPath,
    );
    expect(ran.code, ran.stderr).toBe(0);
    reference = (await readFile(path.join(workspace, "runs", "latest"), "utf8")).trim();
  }
  const res = await runAction(spec, { ...run, world, workspace });
  const last = res.steps.at(-1);
  expect(last?.code, `${last?.stdout}\n${last?.stderr}`).toBe(0);
  expect(res.steps).toHaveLength(spec.steps.length);
  return reference;
}

describe("the curi-report Action on a Python curifactory project", () => {
  // Six workflow runs, five of them with Python and a build: ~200 s at load 24 here, past the
  // suite's 300 s limit at a higher load. The limit only stops a hung test.
  it(
    "keeps every main run, previews the pull request while it is open, and keeps one comment",
    { timeout: 900_000 },
    async () => {
      const main: string[] = [];
      for (const runId of [1, 2, 3]) main.push(await workflowRun({ event: "push", branch: "main", runId }));
      expect(new Set(main).size).toBe(3);
      const history = JSON.parse((await fetchPage(`${world.siteUrl}/history.json`)).text) as {
        runs: { reference: string; branch: string }[];
      };
      expect(history.runs.map((r) => [r.reference, r.branch])).toEqual(main.map((r) => [r, "main"]));
      const index = (await fetchPage(`${world.siteUrl}/`)).text;
      for (const ref of main) {
        expect(index).toContain(`href="${ref}/index.html"`);
        expect((await fetchPage(`${world.siteUrl}/${ref}/index.html`)).status).toBe(200);
      }

      const pr = { event: "pull_request" as const, branch: "feature" };
      await workflowRun({ ...pr, pr: { number: 9, action: "opened" }, runId: 4 });
      expect((await fetchPage(`${world.siteUrl}/pr/9/`)).status).toBe(200);
      const pushed = await workflowRun({ ...pr, pr: { number: 9, action: "synchronize" }, runId: 5 });
      expect((await fetchPage(`${world.siteUrl}/pr/9/${pushed}/index.html`)).status).toBe(200);
      await workflowRun({ ...pr, pr: { number: 9, action: "closed" }, runId: 6 });
      expect((await fetchPage(`${world.siteUrl}/pr/9/`)).status).toBe(404);

      const comments = Object.values(await world.comments());
      expect(comments.map((c) => [c.issue, c.edits])).toEqual([[9, 1]]);
      const body = comments[0]?.body ?? "";
      expect(body.split("\n")[0]).toBe(SUMMARY_MARKER);
      expect(body).toContain(pushed);
      // Compared with main's newest run.
      expect(body).toContain(main[2]);
      expect(body).toContain(`${world.siteUrl}/pr/9/`);
    },
  );
});
