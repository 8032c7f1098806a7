/**
 * Synthetic `Run` models for render tests, built directly as validated model objects (no run.json,
 * no runtime): a small builder for hand-made shapes (copies, aggregates, missing inputs, repeated
 * stages) and `syntheticRun` for N records × stages. Reusable by any render test.
 */
import type { Run, RunArtifact, RunInfo, RunRecord, StageInfo } from "../../../src/run/model.js";

/** An output to create: a name, or a name with its representation and cache path. */
export type OutputSpec = string | { readonly name: string; readonly string?: string; readonly path?: string | null };

/** A stage to add to a record. */
export interface StageSpec {
  /** Inputs by artifact name (looked up in the record's state), by artifact index, or -1 for missing. */
  readonly inputs?: readonly (string | number)[];
  readonly outputs?: readonly OutputSpec[];
  /** Timing facts; omit both to leave the record without stageInfo. */
  readonly durationMs?: number | null;
  readonly cached?: boolean;
  /** The stage raised this (`<ExceptionClass> - <message>`), with this traceback. */
  readonly error?: string;
  readonly traceback?: string;
}

interface DraftRecord {
  index: number;
  argsName: string | null;
  isAggregate: boolean;
  inputRecords: number[];
  stages: string[];
  stageInputs: number[][];
  stageOutputs: number[][];
  state: Record<string, number>;
  stageInfo: StageInfo[];
  hasInfo: boolean;
}

/** Builds a `Run` record by record and stage by stage. */
export class RunBuilder {
  private readonly drafts: DraftRecord[] = [];
  private readonly artifacts: RunArtifact[] = [];

  constructor(private readonly info: Partial<RunInfo> = {}) {}

  /** Adds a record; returns its index. */
  record(argsName: string | null, options: { aggregate?: boolean; inputRecords?: number[] } = {}): number {
    const index = this.drafts.length;
    this.drafts.push({
      index,
      argsName,
      isAggregate: options.aggregate ?? false,
      inputRecords: [...(options.inputRecords ?? [])],
      stages: [],
      stageInputs: [],
      stageOutputs: [],
      state: {},
      stageInfo: [],
      hasInfo: false,
    });
    return index;
  }

  /** curifactory's `make_copy`: a new record whose state is the source's, with the source as input record. */
  copy(from: number, argsName?: string | null): number {
    const source = this.draft(from);
    const index = this.record(argsName === undefined ? source.argsName : argsName, { inputRecords: [from] });
    this.draft(index).state = { ...source.state };
    return index;
  }

  /** Runs stage `name` in `record`; returns the indices of the artifacts it output. */
  stage(record: number, name: string, spec: StageSpec = {}): number[] {
    const draft = this.draft(record);
    const inputs = (spec.inputs ?? []).map((input) => {
      if (typeof input === "number") return input;
      const index = draft.state[input];
      if (index === undefined) throw new Error(`record ${record} has no artifact named ${input}`);
      return index;
    });
    const outputs = (spec.outputs ?? []).map((out) => {
      const o = typeof out === "string" ? { name: out } : out;
      const index = this.artifacts.length;
      this.artifacts.push({
        index,
        record,
        name: o.name,
        string: o.string ?? `(int) ${index}`,
        path: o.path === undefined ? `data/cache/test_${record}_${name}_${o.name}.json` : o.path,
        metadata: null,
      });
      draft.state[o.name] = index;
      return index;
    });
    draft.stages.push(name);
    draft.stageInputs.push(inputs);
    draft.stageOutputs.push(outputs);
    if (spec.durationMs !== undefined || spec.cached !== undefined || spec.error !== undefined) draft.hasInfo = true;
    draft.stageInfo.push({
      durationMs: spec.durationMs ?? null,
      cached: spec.cached ?? false,
      error: spec.error ?? null,
      traceback: spec.traceback ?? null,
    });
    return outputs;
  }

  /** The finished, immutable run. */
  build(): Run {
    const records: RunRecord[] = this.drafts.map((d) => ({
      index: d.index,
      name: `Record ${d.index} (${d.argsName ?? "None"})`,
      argsHash: d.argsName === null ? null : `hash${d.index}`,
      argsName: d.argsName,
      isAggregate: d.isAggregate,
      comboHash: d.isAggregate ? `combo${d.index}` : null,
      inputRecords: d.inputRecords,
      stages: d.stages,
      stageInputs: d.stageInputs,
      stageOutputs: d.stageOutputs,
      stateArtifactReps: d.state,
      storedPaths: [],
      ...(d.hasInfo ? { stageInfo: d.stageInfo } : {}),
      inManager: true,
      metrics: {},
    }));
    return {
      schemaVersion: 1,
      dir: "/nonexistent/runs/test_1",
      info: { ...baseInfo(), ...this.info },
      args: [],
      records,
      artifacts: this.artifacts,
      reportables: [],
      log: null,
      metrics: {},
      metricGoals: {},
    };
  }

  private draft(index: number): DraftRecord {
    const d = this.drafts[index];
    if (!d) throw new Error(`no record ${index}`);
    return d;
  }
}

function baseInfo(): RunInfo {
  return {
    reference: "test_1_2026-01-02-T030405",
    experimentName: "test",
    runNumber: 1,
    timestamp: "2026-01-02-T030405",
    commit: "0123456789abcdef0123456789abcdef01234567",
    workdirDirty: false,
    paramFiles: ["test"],
    params: {},
    fullStore: false,
    status: "complete",
    cli: "experiment test -p test",
    hostname: "host",
    notes: null,
  };
}

/** Options of `syntheticRun`. */
export interface SyntheticOptions {
  /** Stage names of each record, run in a chain. Default load, clean, train, test. */
  readonly stages?: readonly string[];
  /** Outputs of each stage. Default 2. */
  readonly outputsPerStage?: number;
  /** Add one aggregate record reading the last stage's first output of every record. Default true. */
  readonly aggregate?: boolean;
}

/** N records × stages, each stage reading the previous stage's outputs, plus an optional aggregate. */
export function syntheticRun(n: number, options: SyntheticOptions = {}): Run {
  const stages = options.stages ?? ["load", "clean", "train", "test"];
  const perStage = options.outputsPerStage ?? 2;
  const b = new RunBuilder();
  const finals: number[] = [];
  for (let r = 0; r < n; r++) {
    const record = b.record(`args${r}`);
    let previous: number[] = [];
    stages.forEach((stage, k) => {
      const outputs = Array.from({ length: perStage }, (_, j) => ({
        name: `${stage}_out${j}`,
        string: `(list) [${r}, ${k}, ${j}] len: 3`,
      }));
      previous = b.stage(record, stage, { inputs: previous, outputs, durationMs: 10 * (k + 1), cached: false });
    });
    if (previous[0] !== undefined) finals.push(previous[0]);
  }
  if (options.aggregate ?? true) {
    const agg = b.record(null, { aggregate: true, inputRecords: Array.from({ length: n }, (_, i) => i) });
    b.stage(agg, "compare", {
      inputs: finals,
      outputs: [{ name: "scores", path: null }],
      durationMs: 5,
      cached: false,
    });
  }
  return b.build();
}

/**
 * Names that break naive escaping: quotes, markup, backslashes (also before a closing quote),
 * slashes, newlines, emoji and accents, right-to-left text and overrides, control characters,
 * DOT/HTML/Mermaid syntax, and the sentinels Mermaid uses internally for entities.
 */
export const HOSTILE_NAMES: readonly string[] = [
  `quote "double" and 'single'`,
  `<b>bold</b> & <script>alert(1)</script> &amp; &#60;`,
  `back\\slash \\n \\N \\l \\" end\\`,
  `slash/path/../x`,
  "line1\nline2\r\nline3",
  "emoji 😀🧪 café ü 日本語",
  "rtl \u202Eoverride\u202C \u200Fעברית\u200F العربية",
  "bell\u0007 esc\u001b del\u007f",
  "#quot; style:#35; ```code``` %%{init}%% click a call b",
  "]]> --> <!-- ${x} {a} [b] (c) |d| ;,= -> --",
  "¶ß ﬂ° ß¶ classDef x fill:#f00; $$x^2$$ __init__ https://a.example/x",
  "  leading and trailing spaces  ",
];

/** A run whose record args names, stage names, artifact names, representations and paths are all hostile. */
export function hostileRun(): Run {
  const b = new RunBuilder();
  const first = b.record(HOSTILE_NAMES[0] ?? null);
  HOSTILE_NAMES.forEach((name, i) => {
    const record = i === 0 ? first : b.record(name);
    const outputs = b.stage(record, name, {
      outputs: [{ name, string: name, path: `data/cache/${name}.pkl` }],
      durationMs: 1234,
      cached: i % 2 === 1,
    });
    b.stage(record, `use ${name}`, { inputs: outputs });
  });
  return b.build();
}
