/**
 * Facts about where and when a run happens: git commit and dirtiness, timestamps, the command
 * line, and the next run number. Each can be injected so fixtures are byte-stable.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

/** Git state of the working directory. */
export interface GitInfo {
  /** Full 40-character commit, or `"none"` outside a git repository. */
  readonly commit: string;
  /** True when there are uncommitted changes, untracked files included. */
  readonly dirty: boolean;
}

/** Reads the git commit and dirtiness of `cwd`; `{ commit: "none", dirty: false }` without git. */
export function detectGit(cwd: string): GitInfo {
  const run = (args: string[]): string | null => {
    try {
      return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      // Not a repository, or git is not installed: the run records "none" rather than failing.
      return null;
    }
  };
  const commit = run(["rev-parse", "HEAD"])?.trim() ?? "";
  if (!/^[0-9a-f]{40}$/.test(commit)) return { commit: "none", dirty: false };
  // --porcelain lists untracked files too (curifactory's `git diff --stat` missed them, B10).
  const status = run(["status", "--porcelain"]);
  return { commit, dirty: status === null || status.trim() !== "" };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

function parts(date: Date, utc: boolean): [number, number, number, number, number, number] {
  return utc
    ? [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
      ]
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
}

/** curifactory's run timestamp `YYYY-MM-DD-THHMMSS`, in local time or UTC. */
export function formatTimestamp(date: Date, utc: boolean): string {
  const [y, mo, d, h, mi, s] = parts(date, utc);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}-T${pad(h)}${pad(mi)}${pad(s)}`;
}

/** A log line's time, `YYYY-MM-DD HH:MM:SS`. */
export function formatLogTime(date: Date, utc: boolean): string {
  const [y, mo, d, h, mi, s] = parts(date, utc);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/**
 * The command line as run: the program's base name and the script relative to `cwd`, then the
 * arguments, so no absolute path of the author's machine leaks into a published report.
 */
export function describeCommandLine(argv: readonly string[], cwd: string): string {
  const [program, script, ...rest] = argv;
  const shown: string[] = [];
  if (program !== undefined) shown.push(path.basename(program));
  if (script !== undefined) {
    const relative = path.relative(cwd, script);
    shown.push(
      relative.startsWith("..") || path.isAbsolute(relative)
        ? path.basename(script)
        : relative.split(path.sep).join("/"),
    );
  }
  return [...shown, ...rest].join(" ");
}

/** Matches run folder names `<experiment>_<n>_<YYYY-MM-DD-THHMMSS>`. */
function runFolderPattern(experiment: string): RegExp {
  return new RegExp(`^${experiment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}_(\\d+)_\\d{4}-\\d{2}-\\d{2}-T\\d{6}$`);
}

/** One more than the highest run number of `experiment` in `runsDir` (1 for the first run). */
export function nextRunNumber(runsDir: string, experiment: string): number {
  let names: string[];
  try {
    names = readdirSync(runsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 1;
    throw error;
  }
  const pattern = runFolderPattern(experiment);
  let highest = 0;
  for (const name of names) {
    const match = pattern.exec(name);
    if (match?.[1] !== undefined) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}
