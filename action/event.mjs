// The facts the curi-report Action (action/publish.sh) needs from GitHub's event and from the
// published site, one a call, printed on stdout: `node event.mjs <field> [file]`. Read with
// command substitution, never eval'd, since branch names come from whoever opened the PR.
import { readFileSync } from "node:fs";

const env = process.env;

/** The event payload GitHub wrote to $GITHUB_EVENT_PATH ({} when there is none). */
function payload() {
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? "", "utf8"));
  } catch {
    return {};
  }
}

const isPullRequest = () => env.GITHUB_EVENT_NAME === "pull_request" || env.GITHUB_EVENT_NAME === "pull_request_target";

/** The field's value (see the module comment). */
function field(name, arg, arg2) {
  const event = payload();
  const pr = event.pull_request ?? {};
  switch (name) {
    // push: the site's root; preview: pr/<n>/; closed: remove pr/<n>/.
    case "kind":
      if (!isPullRequest()) return "push";
      return event.action === "closed" ? "closed" : "preview";
    case "pr":
      return String(pr.number ?? event.number ?? "");
    case "branch":
      if (isPullRequest()) return String(pr.head?.ref ?? env.GITHUB_HEAD_REF ?? "");
      return env.GITHUB_REF_NAME || String(env.GITHUB_REF ?? "").replace(/^refs\/(heads|tags)\//, "");
    case "default-branch":
      return String(event.repository?.default_branch ?? "");
    // A pull request from a fork gets a read-only token: no push, no comment.
    case "fork":
      return String(isPullRequest() && (pr.head?.repo?.full_name ?? env.GITHUB_REPOSITORY) !== env.GITHUB_REPOSITORY);
    // The report folder of the default branch's (arg2, else the history's) newest run whose report the site holds.
    case "base-folder": {
      let history;
      try {
        history = JSON.parse(readFileSync(arg, "utf8"));
      } catch {
        return "";
      }
      const main = arg2 || history.default_branch;
      const runs = (history.runs ?? []).filter((r) => r.report !== null && (r.branch ?? main) === main);
      return runs.at(-1)?.folder ?? "";
    }
    // Every field above, a line each (git refuses control characters in branch names).
    case "facts":
      return ["kind", "pr", "branch", "fork", "default-branch"].map((f) => `${field(f)}\n`).join("");
    default:
      throw new Error(`event.mjs: unknown field ${name}`);
  }
}

const [, , name, arg, arg2] = process.argv;
process.stdout.write(field(name, arg, arg2));
