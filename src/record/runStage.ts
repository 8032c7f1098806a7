/**
 * Running one stage on one record: record its inputs, reuse cached outputs or call the function,
 * store outputs with their representations, cache its reportables, copy tracked paths.
 */
import { ArtifactRepresentation } from "./ArtifactRepresentation.js";
import type { Cacher, JsonObject } from "./Cacher.js";
import { describeError, MissingInputError, StageOutputError } from "./errors.js";
import { Lazy } from "./Lazy.js";
import type { Record, StageRunInfo } from "./Record.js";
import { loadCachedStage, saveReportableCache, type CachedOutput } from "./stageCache.js";

/** A stage's normalized definition. */
export interface StageSpec {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly { readonly name: string; readonly lazy: Lazy | null }[];
  /** One per output (null: not cached), or null when the stage has no cachers. */
  readonly cachers: readonly (Cacher | null)[] | null;
}

/** Runs `spec` on `record`; `sources` are an aggregate's input records (null for a plain stage). */
export async function runStage(
  record: Record,
  spec: StageSpec,
  sources: readonly Record[] | null,
  call: (inputs: object) => Promise<unknown>,
): Promise<Record> {
  const manager = record.manager;
  await manager.start();
  manager.currentStage = spec.name;
  record.stages.push(spec.name);
  record.stageInputs.push(inputIndices(record, spec, sources));
  const outputIndices: number[] = [];
  record.stageOutputs.push(outputIndices);
  const info: StageRunInfo = { durationMs: null, cached: false, error: null, traceback: null };
  record.stageInfo.push(info);
  const started = manager.now().getTime();
  const label = `${record.getReferenceName()} stage ${spec.name}`;
  manager.log.info(`${label} started`);
  try {
    const reportedBefore = manager.reportables.length;
    const cached = await loadCachedStage(record, spec);
    if (cached !== null) {
      info.cached = true;
      applyOutputs(record, cached, outputIndices);
    } else {
      const result = await call(
        sources === null ? await gatherInputs(record, spec) : gatherAggregateInputs(spec, sources),
      );
      applyOutputs(record, await saveOutputs(record, spec, result), outputIndices);
      record.output = result;
      if (spec.cachers !== null) await saveReportableCache(record, spec, manager.reportables.slice(reportedBefore));
    }
    await record.storeTrackedPaths();
  } catch (error) {
    // The stage that raised is named in run.json (a record's stage_info), not only in the banner.
    info.error = describeError(error);
    info.traceback = manager.tracebackOf(error);
    manager.log.error(`${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    info.durationMs = manager.now().getTime() - started;
  }
  manager.log.info(`${label} finished in ${info.durationMs} ms${info.cached ? " (cached)" : ""}`);
  return record;
}

/** Artifact indices of the inputs (every input record's, for an aggregate); -1 where there is none. */
function inputIndices(record: Record, spec: StageSpec, sources: readonly Record[] | null): number[] {
  const owners = sources ?? [record];
  return spec.inputs.flatMap((name) => owners.map((owner) => owner.stateArtifactReps.get(name)?.index ?? -1));
}

/** The inputs of a plain stage; Lazy inputs are loaded unless declared with `resolve: false`. */
async function gatherInputs(record: Record, spec: StageSpec): Promise<object> {
  const inputs: { [name: string]: unknown } = {};
  for (const name of spec.inputs) {
    if (!record.state.has(name)) {
      throw new MissingInputError(
        `Stage ${spec.name} of ${record.getReferenceName()} needs "${name}", which is not in the record's state; run the stage that outputs it first, or fix the name.`,
      );
    }
    const raw = record.state.getRaw(name);
    inputs[name] = raw instanceof Lazy ? (raw.resolve ? await raw.load() : raw) : raw;
  }
  return inputs;
}

/** The inputs of an aggregate: per name, a Map from each input record that has it to its value. */
function gatherAggregateInputs(spec: StageSpec, sources: readonly Record[]): object {
  const inputs: { [name: string]: Map<Record, unknown> } = {};
  for (const name of spec.inputs) {
    const values = new Map<Record, unknown>();
    for (const source of sources) if (source.state.has(name)) values.set(source, source.state.getRaw(name));
    inputs[name] = values;
  }
  return inputs;
}

/** Saves each declared output with its cacher; Lazy outputs are replaced by a bound `Lazy`. */
async function saveOutputs(record: Record, spec: StageSpec, result: unknown): Promise<CachedOutput[]> {
  if (spec.outputs.length === 0) return [];
  const names = spec.outputs.map((o) => o.name);
  if (result === null || typeof result !== "object") {
    throw new StageOutputError(
      `Stage ${spec.name} returned ${String(result)}; return an object with its outputs (${names.join(", ")}).`,
    );
  }
  const outputs: CachedOutput[] = [];
  for (const [i, output] of spec.outputs.entries()) {
    if (!(output.name in result)) {
      throw new StageOutputError(
        `Stage ${spec.name} returned no "${output.name}"; return an object with every declared output (${names.join(", ")}).`,
      );
    }
    const value = (result as { [name: string]: unknown })[output.name];
    const cacher = spec.cachers?.[i] ?? null;
    const target = { record, stage: spec.name, name: output.name };
    const metadata: JsonObject | null = cacher === null ? null : await cacher.save(target, value);
    const written = !record.manager.dry && !record.manager.dryCache;
    const stored =
      output.lazy !== null && cacher !== null
        ? output.lazy.bind(cacher, target, written ? undefined : { value })
        : value;
    const rep = new ArtifactRepresentation(record, output.name, value, metadata);
    rep.path = cacher === null ? null : cacher.getPath(target);
    outputs.push({ name: output.name, value: stored, rep });
  }
  return outputs;
}

/** Puts outputs into the state and their representations into the manager. */
function applyOutputs(record: Record, outputs: readonly CachedOutput[], indices: number[]): void {
  for (const output of outputs) {
    record.state.set(output.name, output.value);
    record.stateArtifactReps.set(output.name, output.rep);
    indices.push(record.manager.addArtifact(output.rep));
  }
}
