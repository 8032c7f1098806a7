/**
 * A stage's cache as a whole: its outputs (through their cachers) and its reportables (one JSON
 * file), so a cached re-run ends in the same state and reports the same things (curifactory lost
 * reportables on cached re-runs, B14). A stage counts as cached only when all of it is there.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { numFromWire, numToWire } from "../run/numbers.js";
import type { WireNum } from "../run/wire.js";
import type { WireReportableKind } from "../run/wire.js";
import { ArtifactRepresentation } from "./ArtifactRepresentation.js";
import { exists } from "./Cacher.js";
import type { Record } from "./Record.js";
import { CachedReportable, type RenderedReportable, type Reportable } from "./Reportable.js";
import type { StageSpec } from "./runStage.js";
import { makeDirectory } from "../util/makeDirectory.js";

/** One output ready to go into the state. */
export interface CachedOutput {
  readonly name: string;
  readonly value: unknown;
  readonly rep: ArtifactRepresentation;
}

/** Object name of a stage's reportable cache: `[prefix]_[hash]_[stage]_reportables.cache.json`. */
export const REPORTABLE_CACHE_NAME = "reportables.cache.json";
const REPORTABLE_CACHE_VERSION = 1;

interface StoredReportable {
  readonly name: string | null;
  readonly group: string | null;
  readonly kind: WireReportableKind;
  readonly data: unknown;
  readonly file: { readonly ext: string; readonly base64: string } | null;
}

/**
 * Loads a stage's outputs and reportables from cache when every output has a cacher and every file
 * exists; null means the stage must run (also when a cache file is unreadable: it is logged).
 */
export async function loadCachedStage(record: Record, spec: StageSpec): Promise<CachedOutput[] | null> {
  const manager = record.manager;
  const cachers = spec.cachers;
  if (manager.overwrite || cachers === null || spec.outputs.length === 0 || cachers.some((c) => c === null))
    return null;
  const targets = spec.outputs.map((output) => ({ record, stage: spec.name, name: output.name }));
  const checks = await Promise.all(
    targets.map((target, i) => (cachers[i] as NonNullable<(typeof cachers)[number]>).check(target)),
  );
  const reportablesFile = record.getPath(REPORTABLE_CACHE_NAME, { stageName: spec.name, track: false });
  if (checks.includes(false) || !(await exists(reportablesFile))) return null;
  try {
    const { reportables, metrics } = parseReportableCache(await readFile(reportablesFile, "utf8"));
    const outputs: CachedOutput[] = [];
    for (const [i, output] of spec.outputs.entries()) {
      const cacher = cachers[i] as NonNullable<(typeof cachers)[number]>;
      const target = targets[i] as (typeof targets)[number];
      const metadata = await cacher.loadMetadata(target);
      const value = output.lazy !== null ? output.lazy.bind(cacher, target) : await cacher.load(target);
      const rep = new ArtifactRepresentation(record, output.name, value, metadata);
      rep.path = cacher.getPath(target);
      outputs.push({ name: output.name, value, rep });
      cacher.track(target);
    }
    record.getPath(REPORTABLE_CACHE_NAME, { stageName: spec.name });
    for (const stored of reportables)
      record.report(new CachedReportable(restore(stored), { name: stored.name, group: stored.group }));
    // Metrics logged by the stage come back too, so a cached re-run reports the same numbers.
    for (const m of metrics)
      record.logMetric(m.name, numFromWire(m.value), {
        ...(m.step === undefined ? {} : { step: m.step }),
        ...(m.goal === undefined ? {} : { goal: m.goal }),
      });
    record.output = Object.fromEntries(outputs.map((o) => [o.name, o.value]));
    return outputs;
  } catch (error) {
    manager.log.warn(
      `${record.getReferenceName()} stage ${spec.name}: cache unusable, running the stage again (${error instanceof Error ? error.message : String(error)})`,
    );
    return null;
  }
}

/** Writes the reportables `record` reported in this stage (unless dry); a render failure leaves the stage uncached. */
export async function saveReportableCache(
  record: Record,
  spec: StageSpec,
  reported: readonly Reportable[],
): Promise<void> {
  const manager = record.manager;
  if (manager.dry || manager.dryCache) return;
  const stored: StoredReportable[] = [];
  for (const reportable of reported) {
    if (reportable.record !== record || reportable.stage !== spec.name) continue;
    try {
      const rendered = await reportable.render();
      const file =
        rendered.file === null
          ? null
          : { ext: rendered.file.ext, base64: Buffer.from(rendered.file.bytes).toString("base64") };
      stored.push({
        name: reportable.givenName,
        group: reportable.group,
        kind: rendered.kind,
        data: rendered.data,
        file,
      });
    } catch (error) {
      manager.log.warn(
        `${record.getReferenceName()} stage ${spec.name}: reportable ${reportable.qualifiedName ?? "?"} failed to render, so the stage is not cached (${String(error)})`,
      );
      return;
    }
  }
  const file = record.getPath(REPORTABLE_CACHE_NAME, { stageName: spec.name });
  await makeDirectory(path.dirname(file));
  const metrics: StoredMetric[] = record.metricCalls
    .filter((c) => c.stage === spec.name)
    .map((c) => ({
      name: c.name,
      value: numToWire(c.value),
      ...(c.step === undefined ? {} : { step: c.step }),
      ...(c.goal === undefined ? {} : { goal: c.goal }),
    }));
  await writeFile(
    file,
    `${JSON.stringify({ version: REPORTABLE_CACHE_VERSION, reportables: stored, metrics }, null, 2)}\n`,
    "utf8",
  );
}

/** A `logMetric` call of a stage, as its cache keeps it (non-finite values tagged like run.json). */
interface StoredMetric {
  readonly name: string;
  readonly value: WireNum;
  readonly step?: number;
  readonly goal?: "min" | "max";
}

function parseReportableCache(text: string): { reportables: StoredReportable[]; metrics: StoredMetric[] } {
  const parsed = JSON.parse(text) as { version?: unknown; reportables?: unknown; metrics?: unknown };
  if (parsed.version !== REPORTABLE_CACHE_VERSION || !Array.isArray(parsed.reportables)) {
    throw new Error(`unsupported reportable cache (version ${String(parsed.version)})`);
  }
  // Caches written before metrics existed have none.
  return {
    reportables: parsed.reportables as StoredReportable[],
    metrics: Array.isArray(parsed.metrics) ? (parsed.metrics as StoredMetric[]) : [],
  };
}

function restore(stored: StoredReportable): RenderedReportable {
  const file =
    stored.file === null
      ? null
      : { ext: stored.file.ext, bytes: new Uint8Array(Buffer.from(stored.file.base64, "base64")) };
  return { kind: stored.kind, data: stored.data, file } as RenderedReportable;
}
