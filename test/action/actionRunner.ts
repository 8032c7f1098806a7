/**
 * Runs the repository's GitHub Action (action.yml) as GitHub would, with bash: its composite steps
 * read from action.yml, `${{ inputs.* }}` filled from the inputs (or their defaults), the
 * environment GitHub sets (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REF, GITHUB_STEP_SUMMARY,
 * GITHUB_OUTPUT, GITHUB_PATH, GITHUB_ENV, …), and `bash --noprofile --norc -eo pipefail`. Around
 * it: a local bare git repository as the remote (with its `gh-pages` branch), a local HTTP server
 * serving that branch as Pages does, and a stand-in for `gh` (fakeGh.sh) that keeps the PR comments in a folder.
 */
import { execFile } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the Action's checkout ($GITHUB_ACTION_PATH). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** One composite step of action.yml. */
export interface ActionStep {
  readonly name: string;
  readonly shell: string;
  readonly env: Readonly<Record<string, string>>;
  readonly run: string;
}

/** action.yml as far as running it needs: input defaults and steps. */
export interface ActionSpec {
  readonly defaults: Readonly<Record<string, string>>;
  readonly steps: readonly ActionStep[];
}

/**
 * Reads action.yml with a small line parser for the layout it has: inputs at two spaces with
 * `default:` at four; steps as `- ` items at four spaces under `runs:`, their keys at six, `env:`
 * entries at eight, `run: |` blocks deeper.
 */
export function parseAction(yaml: string): ActionSpec {
  const defaults: Record<string, string> = {};
  const steps: { name: string; shell: string; env: Record<string, string>; run: string }[] = [];
  const lines = yaml.split("\n");
  let section = "";
  let input = "";
  let inEnv = false;
  const unquote = (v: string) => v.replace(/^"(.*)"$/, "$1");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\S/.test(line)) section = line.replace(/:.*/, "");
    if (section === "inputs") {
      const name = /^ {2}([\w-]+):\s*$/.exec(line);
      if (name) input = name[1] as string;
      const def = /^ {4}default:\s*(.*)$/.exec(line);
      if (def) defaults[input] = unquote(def[1] as string);
    }
    if (section !== "runs") continue;
    if (/^ {4}- /.test(line)) steps.push({ name: "", shell: "", env: {}, run: "" });
    const step = steps.at(-1);
    const key = /^ {4}(?:- | {2})([\w-]+):\s*(.*)$/.exec(line);
    if (step === undefined) continue;
    if (key) {
      const [, k, v] = key as unknown as [string, string, string];
      inEnv = k === "env";
      if (k === "name") step.name = v;
      if (k === "shell") step.shell = v;
      if (k === "run" && v === "|") {
        const block: string[] = [];
        while (i + 1 < lines.length && /^( {8}|\s*$)/.test(lines[i + 1] as string))
          block.push((lines[++i] as string).slice(8));
        step.run = `${block.join("\n").trimEnd()}\n`;
      } else if (k === "run") step.run = `${v}\n`;
      continue;
    }
    const env = inEnv ? /^ {8}(\w+):\s*(.*)$/.exec(line) : null;
    if (env) step.env[env[1] as string] = unquote(env[2] as string);
  }
  return { defaults, steps };
}

/** What one process did. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file args` in `cwd` with `env`; resolves with its exit code and output. */
export function exec(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== "number") return reject(error);
      resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

/** A pull-request comment as the stand-in `gh` keeps it. */
export interface Comment {
  readonly issue: number;
  readonly body: string;
  readonly edits: number;
  readonly user: string;
}

/** The world an Action run happens in: the remote, Pages, `gh`, and a clean git setup. */
export interface World {
  readonly tmp: string;
  /** The bare repository standing in for GitHub's (`file://` URL, so shallow clones work). */
  readonly remote: string;
  /** Pages: serves the remote's gh-pages branch. */
  readonly siteUrl: string;
  /** The stand-in `gh`'s comments, by id. */
  comments(): Promise<Record<string, Comment>>;
  /** Environment every process here gets: git identity, HOME and PATH with the stand-in `gh`. */
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** The stand-in for GitHub's CLI (`gh api` on issue comments; see the script). */
const FAKE_GH = fileURLToPath(new URL("./fakeGh.sh", import.meta.url));

/** The comments the stand-in `gh` keeps in `store`, by id. */
async function readComments(store: string): Promise<Record<string, Comment>> {
  const ids = await readdir(store, { withFileTypes: true }).catch(() => []);
  const comments: Record<string, Comment> = {};
  for (const d of ids.filter((e) => e.isDirectory())) {
    const read = (f: string) => readFile(path.join(store, d.name, f), "utf8");
    comments[d.name] = {
      issue: Number(await read("issue")),
      body: await read("body"),
      edits: Number(await read("edits")),
      user: (await read("user")).trim(),
    };
  }
  return comments;
}

/** Starts a world: an empty remote with one commit on main, Pages, `gh`. */
export async function startWorld(): Promise<World> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "curi-action-"));
  const bare = path.join(tmp, "remote.git");
  const bin = path.join(tmp, "bin");
  await mkdir(bin);
  await copyFile(FAKE_GH, path.join(bin, "gh"));
  await chmod(path.join(bin, "gh"), 0o755);
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env["PATH"] ?? ""}`,
    HOME: tmp,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "dev",
    GIT_AUTHOR_EMAIL: "dev@example.org",
    GIT_COMMITTER_NAME: "dev",
    GIT_COMMITTER_EMAIL: "dev@example.org",
    GH_STORE: path.join(tmp, "gh"),
    NO_COLOR: "1",
    XDG_CACHE_HOME: path.join(tmp, "cache"),
  };
  const git = async (args: string[], cwd: string) => {
    const r = await exec("git", args, cwd, env);
    if (r.code !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };
  await git(["init", "-q", "--bare", "-b", "main", bare], tmp);
  const seed = path.join(tmp, "seed");
  await git(["init", "-q", "-b", "main", seed], tmp);
  await writeFile(path.join(seed, "README.md"), "# project\n");
  await git(["add", "."], seed);
  await git(["commit", "-q", "-m", "start"], seed);
  await git(["push", "-q", `file://${bare}`, "main"], seed);
  // Pages: the gh-pages branch as it is now, a folder's index.html for the folder.
  const server: Server = createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/site\//, "");
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    execFile("git", ["show", `gh-pages:${rel}`], { cwd: bare, env, encoding: "buffer" }, (error, stdout) => {
      res.writeHead(error === null ? 200 : 404).end(error === null ? stdout : "not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    tmp,
    remote: `file://${bare}`,
    siteUrl: `http://127.0.0.1:${port}/site`,
    env,
    comments: () => readComments(env["GH_STORE"] as string),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One workflow run: its event and where its checkout is. */
export interface ActionRun {
  readonly world: World;
  /** A fresh clone of the remote, as actions/checkout leaves it (the runs are written into it). */
  readonly workspace: string;
  readonly event: "push" | "pull_request";
  /** The pushed branch, or the PR's head branch. */
  readonly branch: string;
  readonly pr?: { readonly number: number; readonly action: "opened" | "synchronize" | "closed" };
  readonly inputs?: Readonly<Record<string, string>>;
  readonly runId: number;
}

/** A fresh shallow clone of the world's remote, as actions/checkout makes (its `origin` is the remote). */
export async function checkout(world: World, name: string): Promise<string> {
  const dir = path.join(world.tmp, name);
  const r = await exec("git", ["clone", "-q", "--depth", "1", world.remote, dir], world.tmp, world.env);
  if (r.code !== 0) throw new Error(r.stderr);
  return dir;
}

/** Runs the Action's steps in order as GitHub does; resolves with each step's result and the step summary. */
export async function runAction(spec: ActionSpec, run: ActionRun): Promise<{ steps: Ran[]; summary: string }> {
  const runner = path.join(run.world.tmp, `runner-${run.runId}`);
  await mkdir(runner, { recursive: true });
  const event =
    run.event === "push"
      ? { ref: `refs/heads/${run.branch}`, repository: { default_branch: "main", full_name: "owner/repo" } }
      : {
          action: run.pr?.action,
          number: run.pr?.number,
          pull_request: {
            number: run.pr?.number,
            head: { ref: run.branch, repo: { full_name: "owner/repo" } },
            base: { ref: "main" },
          },
          repository: { default_branch: "main", full_name: "owner/repo" },
        };
  await writeFile(path.join(runner, "event.json"), JSON.stringify(event));
  const files = Object.fromEntries(
    ["GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV"].map((k) => [k, path.join(runner, k)]),
  );
  const github: NodeJS.ProcessEnv = {
    ...run.world.env,
    ...files,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_WORKSPACE: run.workspace,
    GITHUB_EVENT_NAME: run.event,
    GITHUB_EVENT_PATH: path.join(runner, "event.json"),
    GITHUB_REF: run.event === "push" ? `refs/heads/${run.branch}` : `refs/pull/${run.pr?.number}/merge`,
    GITHUB_REF_NAME: run.event === "push" ? run.branch : `${run.pr?.number}/merge`,
    GITHUB_HEAD_REF: run.event === "push" ? "" : run.branch,
    GITHUB_BASE_REF: run.event === "push" ? "" : "main",
    GITHUB_REPOSITORY: "owner/repo",
    GITHUB_REPOSITORY_OWNER: "owner",
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    GITHUB_RUN_ID: String(run.runId),
    GITHUB_SERVER_URL: "https://github.com",
    RUNNER_TEMP: runner,
  };
  const inputs: Record<string, string> = { ...spec.defaults, "site-url": run.world.siteUrl, ...run.inputs };
  const fill = (v: string): string =>
    v.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string): string => {
      if (expr.startsWith("inputs.")) return fill(inputs[expr.slice(7)] ?? "");
      if (expr === "github.token") return "fake-token";
      throw new Error(`action.yml: no value for \${{ ${expr} }}`);
    });
  const steps: Ran[] = [];
  for (const step of spec.steps) {
    // Later steps see what earlier ones added to $GITHUB_PATH and $GITHUB_ENV.
    const added = (await readFile(files["GITHUB_PATH"] as string, "utf8").catch(() => "")).split("\n").filter(Boolean);
    const envFile = (await readFile(files["GITHUB_ENV"] as string, "utf8").catch(() => "")).split("\n");
    const exported = Object.fromEntries(envFile.filter((l) => l.includes("=")).map((l) => l.split(/=(.*)/s, 2)));
    const env = {
      ...github,
      ...exported,
      ...Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, fill(v)])),
      PATH: [...added.reverse(), github["PATH"]].join(":"),
    };
    if (step.shell !== "bash") throw new Error(`step ${step.name}: shell ${step.shell}, not bash`);
    const ran = await exec("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run], run.workspace, env);
    steps.push(ran);
    if (ran.code !== 0) break;
  }
  return { steps, summary: await readFile(files["GITHUB_STEP_SUMMARY"] as string, "utf8").catch(() => "") };
}

/** Fetches `url` from the world's Pages: status and text. */
export async function fetchPage(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}
