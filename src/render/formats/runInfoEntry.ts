/**
 * A report folder's run_info.json as the index knows it (`IndexEntry`), converted from the parsed
 * file. `readRunInfoText` (runInfo.ts) checks a file against its schema first; on its own (tests,
 * a document built in memory) the converter keeps what is sound and lists what was not, never throwing.
 */
import { RUN_STATUSES, type RunStatus } from "../../run/model.js";
import type { MetricGoal } from "../facts/metrics.js";
import { recordOf } from "./format.js";

/** One run as the index knows it: `run_info.json`'s fields plus where its report lives. */
export interface IndexEntry {
  /** Name of the report folder inside the site (from the directory listing, not the JSON). */
  readonly folder: string;
  readonly reference: string;
  readonly experiment_name: string;
  readonly run_number: number | null;
  /** `YYYY-MM-DD-THHMMSS`, or `""` when missing. */
  readonly timestamp: string;
  readonly commit: string;
  readonly workdir_dirty: boolean;
  readonly param_files: readonly string[] | null;
  readonly params: Readonly<Record<string, readonly (readonly [string, string])[]>>;
  readonly full_store: boolean;
  readonly status: RunStatus | "unknown";
  readonly cli: string;
  readonly hostname: string;
  readonly notes: string | null;
  readonly reproduce: string | null;
  readonly error: string | null;
  readonly duration_s: number | null;
  /** Ours: how many reportables the report shows, when known. */
  readonly reportable_count: number | null;
  /** Ours: how many records the run had, when known. */
  readonly record_count: number | null;
  /** Ours (issue 10): run-level headline metrics (the run's own and aggregate records'), for trends. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Ours: which direction is better per metric name. */
  readonly metric_goals: Readonly<Record<string, MetricGoal>>;
  /** Ours: per args key, the distinct values (canonical JSON) the run's args sets use, for trends. */
  readonly args_summary: Readonly<Record<string, readonly string[]>>;
  /** Ours: how many records had a stage that raised, when known. */
  readonly failed_record_count: number | null;
  /** What was missing or malformed in `run_info.json`; empty when it was sound. */
  readonly problems: readonly string[];
}

/** Reads one field leniently, noting a problem when it is present but of the wrong type. */
class FieldReader {
  readonly problems: string[] = [];
  constructor(private readonly obj: Record<string, unknown>) {}

  string(key: string, fallback: string, required = true): string {
    const v = this.obj[key];
    if (typeof v === "string") return v;
    if (v !== undefined || required) this.problems.push(`${key}: expected a string`);
    return fallback;
  }

  optString(key: string): string | null {
    const v = this.obj[key];
    if (typeof v === "string") return v;
    if (v !== undefined && v !== null) this.problems.push(`${key}: expected a string or null`);
    return null;
  }

  bool(key: string): boolean {
    const v = this.obj[key];
    if (typeof v === "boolean") return v;
    this.problems.push(`${key}: expected true or false`);
    return false;
  }

  number(key: string, integer: boolean, required = true): number | null {
    const v = this.obj[key];
    if (typeof v === "number" && Number.isFinite(v) && v >= 0 && (!integer || Number.isInteger(v))) return v;
    if (v !== undefined || required)
      this.problems.push(`${key}: expected a ${integer ? "non-negative integer" : "non-negative number"}`);
    return null;
  }

  /** `metrics`: name → number (or `{"$float": …}`); absent in reports of older versions. */
  metrics(): Record<string, number> {
    const v = this.obj.metrics;
    if (v === undefined) return {};
    if (!isObject(v)) return this.problem("metrics: expected an object", {});
    const out = recordOf<number>([]);
    for (const [k, x] of Object.entries(v)) {
      const tag = isObject(x) ? x.$float : undefined;
      if (typeof x === "number") out[k] = x;
      else if (tag === "NaN" || tag === "Infinity" || tag === "-Infinity") out[k] = Number(tag);
      else this.problems.push(`metrics/${k}: expected a number`);
    }
    return out;
  }

  /** `metric_goals`: name → "min" | "max". */
  goals(): Record<string, MetricGoal> {
    const v = this.obj.metric_goals;
    if (v === undefined) return {};
    if (!isObject(v)) return this.problem("metric_goals: expected an object", {});
    return recordOf(Object.entries(v).filter((e): e is [string, MetricGoal] => e[1] === "min" || e[1] === "max"));
  }

  /** `args_summary`: key → list of value texts. */
  argsSummary(): Record<string, string[]> {
    const v = this.obj.args_summary;
    if (v === undefined) return {};
    if (!isObject(v)) return this.problem("args_summary: expected an object", {});
    return recordOf(
      Object.entries(v).map(([k, x]) => [
        k,
        Array.isArray(x) ? x.filter((t): t is string => typeof t === "string") : [],
      ]),
    );
  }

  private problem<T>(text: string, fallback: T): T {
    this.problems.push(text);
    return fallback;
  }

  paramFiles(): string[] | null {
    const v = this.obj.param_files;
    if (v === null || v === undefined) return null;
    if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
    this.problems.push("param_files: expected a list of strings or null");
    return null;
  }

  params(): Record<string, [string, string][]> {
    const v = this.obj.params;
    if (!isObject(v)) {
      this.problems.push("params: expected an object");
      return {};
    }
    return recordOf(
      Object.entries(v).map(([file, pairs]) => {
        const ok = Array.isArray(pairs) ? pairs.filter(isNameHashPair) : [];
        if (!Array.isArray(pairs) || ok.length !== pairs.length)
          this.problems.push(`params/${file}: expected [name, hash] pairs`);
        return [file, ok.map(([n, h]) => [n, h] as [string, string])];
      }),
    );
  }
}

/**
 * Turns the parsed contents of a report folder's `run_info.json` into an index entry. Never
 * throws: missing or malformed fields get neutral defaults (reference → the folder name, status →
 * `unknown`) and are listed in `problems`, so a tampered folder still shows up, marked as damaged.
 */
export function indexEntryFromRunInfo(json: unknown, folder: string): IndexEntry {
  if (!isObject(json)) {
    return { ...emptyEntry(folder), problems: ["run_info.json: expected a JSON object"] };
  }
  const r = new FieldReader(json);
  const rawStatus = json.status;
  const status = RUN_STATUSES.find((s) => s === rawStatus) ?? "unknown";
  if (status === "unknown") r.problems.push(`status: expected ${RUN_STATUSES.join(", ")}`);
  return {
    folder,
    reference: r.string("reference", folder),
    experiment_name: r.string("experiment_name", "(unknown experiment)"),
    run_number: r.number("run_number", true),
    timestamp: r.string("timestamp", ""),
    commit: r.string("commit", ""),
    workdir_dirty: r.bool("workdir_dirty"),
    param_files: r.paramFiles(),
    params: r.params(),
    full_store: r.bool("full_store"),
    status,
    cli: r.string("cli", ""),
    hostname: r.string("hostname", ""),
    notes: r.optString("notes"),
    reproduce: r.optString("reproduce"),
    error: r.optString("error"),
    duration_s: r.number("duration_s", false, false),
    reportable_count: r.number("reportable_count", true, false),
    record_count: r.number("record_count", true, false),
    metrics: r.metrics(),
    metric_goals: r.goals(),
    args_summary: r.argsSummary(),
    failed_record_count: r.number("failed_record_count", true, false),
    problems: r.problems,
  };
}

/** An entry with every field at its neutral default. */
function emptyEntry(folder: string): IndexEntry {
  return {
    folder,
    reference: folder,
    experiment_name: "(unknown experiment)",
    run_number: null,
    timestamp: "",
    commit: "",
    workdir_dirty: false,
    param_files: null,
    params: {},
    full_store: false,
    status: "unknown",
    cli: "",
    hostname: "",
    notes: null,
    reproduce: null,
    error: null,
    duration_s: null,
    reportable_count: null,
    record_count: null,
    metrics: {},
    metric_goals: {},
    args_summary: {},
    failed_record_count: null,
    problems: [],
  };
}

/** True for a plain JSON object (not null, not an array). */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True for a `[name, hash]` pair of strings. */
function isNameHashPair(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string";
}
