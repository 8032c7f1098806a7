/**
 * `stage()` and `aggregate()`: wrap a function of a record's artifacts into a step that records its
 * inputs and outputs, caches them, and is skipped on a re-run whose outputs are all cached.
 *
 * ```ts
 * const train = stage({ name: "train_model", inputs: ["train"], outputs: ["model"], cachers: [JsonCacher] },
 *   async (record, { train }) => ({ model: fit(train) }));
 * await train(record);
 * ```
 * Stages of one manager must run one after another (not in parallel): the current stage is run-wide.
 */
import type { Cacher } from "./Cacher.js";
import { StageDefinitionError } from "./errors.js";
import { Lazy } from "./Lazy.js";
import type { Record } from "./Record.js";
import { runStage, type StageSpec } from "./runStage.js";

/** A cacher instance, or a cacher class constructed with its defaults. */
export type CacherSpec = Cacher | (new () => Cacher);

/** What a stage takes from and adds to a record's state. */
export interface StageOptions<I extends object, O extends object> {
  /** Stage name shown in the report (default: the function's name). */
  readonly name?: string;
  /** Names of state entries the stage reads. */
  readonly inputs?: readonly (keyof I & string)[];
  /** Names of the entries it returns, or `new Lazy(name)` for outputs loaded only on demand. */
  readonly outputs?: readonly ((keyof O & string) | Lazy)[];
  /** One cacher (or null for none) per output; a stage whose outputs all have cachers can be skipped. */
  readonly cachers?: readonly (CacherSpec | null)[] | null;
}

/** A defined stage: runs on a record and resolves to it. */
export type StageFunction = (record: Record) => Promise<Record>;

/** A defined aggregate: runs on a record over input records (default: every other record of the manager). */
export type AggregateFunction = (record: Record, inputRecords?: readonly Record[]) => Promise<Record>;

/** Aggregate inputs: per input name, each input record's value. */
export type AggregateInputs<I extends object> = { [K in keyof I]: Map<Record, I[K]> };

/** What a stage function may return: its outputs, or nothing when it declares none. */
export type StageResult<O extends object> = O | void | Promise<O | void>;

/** Defines a stage. The function gets the record and its inputs and returns `{ output: value, … }`. */
export function stage<I extends object = { [name: string]: unknown }, O extends object = { [name: string]: unknown }>(
  options: StageOptions<I, O>,
  fn: (record: Record, inputs: I) => StageResult<O>,
): StageFunction {
  const spec = defineStage(options, fn.name);
  return (record) => runStage(record, spec, null, async (inputs) => fn(record, inputs as I));
}

/**
 * Defines an aggregate stage: it runs on a (usually argless) record over input records, gets each
 * input as a `Map<Record, value>`, marks the record aggregate and hashes it by its inputs' hashes.
 */
export function aggregate<
  I extends object = { [name: string]: unknown },
  O extends object = { [name: string]: unknown },
>(
  options: StageOptions<I, O>,
  fn: (record: Record, inputs: AggregateInputs<I>, inputRecords: readonly Record[]) => StageResult<O>,
): AggregateFunction {
  const spec = defineStage(options, fn.name);
  return (record, inputRecords) => {
    const sources = inputRecords === undefined ? record.manager.records.filter((r) => r !== record) : [...inputRecords];
    record.setAggregate(sources);
    return runStage(record, spec, sources, async (inputs) => fn(record, inputs as AggregateInputs<I>, sources));
  };
}

/** Checks stage options once, at definition time, and normalizes them. */
function defineStage<I extends object, O extends object>(options: StageOptions<I, O>, fnName: string): StageSpec {
  const name = options.name ?? fnName;
  if (name === "") throw new StageDefinitionError("A stage needs a name: pass { name } or a named function.");
  const outputs = (options.outputs ?? []).map((output) =>
    output instanceof Lazy ? { name: output.name, lazy: output } : { name: output, lazy: null },
  );
  const names = outputs.map((output) => output.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined)
    throw new StageDefinitionError(
      `Stage ${name} declares output "${duplicate}" twice; give each output its own name.`,
    );
  let cachers: (Cacher | null)[] | null = null;
  if (options.cachers !== undefined && options.cachers !== null) {
    if (options.cachers.length !== outputs.length) {
      throw new StageDefinitionError(
        `Stage ${name} has ${outputs.length} outputs but ${options.cachers.length} cachers; give one cacher (or null) per output.`,
      );
    }
    cachers = options.cachers.map((c) => (c === null ? null : typeof c === "function" ? new c() : c));
  }
  outputs.forEach((output, i) => {
    if (output.lazy !== null && (cachers?.[i] ?? null) === null) {
      throw new StageDefinitionError(
        `Stage ${name} declares Lazy output "${output.name}" without a cacher; a Lazy value is loaded from its cache, so give it one.`,
      );
    }
  });
  return { name, inputs: [...(options.inputs ?? [])], outputs, cachers };
}
