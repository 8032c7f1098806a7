/**
 * Reading a run.json too big for one string (a sweep of tens of thousands of records) element by
 * element: each element of `args`, `records`, `artifacts` and `reportables` is checked against its
 * schema definition and the checks that need nothing else as soon as the stream completes it, then
 * converted to the model, and dropped. Peak memory is the model's, not the model's plus the whole
 * document's. What needs the whole document waits for its end: the rest of the document against
 * the schema, indices against the lengths of the lists they point into (checked on the model),
 * repeated qualified names of a version 1 run, and the files reportables name.
 *
 * The problems, their pointers, messages and order are exactly those of `validateRun` on the same
 * document (test/run/readStreaming.test.ts holds every invalid fixture to that).
 */
import path from "node:path";
import { InvalidRunError, type Diagnostic } from "../util/errors.js";
import {
  checkIndex,
  checkRecordRefs,
  checkRecordShape,
  checkReportableShape,
  checkRunSemantics,
  isObject,
  repeatedNameMessage,
  type Counts,
  type Report,
} from "./checks.js";
import {
  argsFromWire,
  artifactFromWire,
  metricDeclarationsFromWire,
  metricsFromWire,
  recordFromWire,
  reportableAt,
  reportableFileRefs,
  runInfoFromWire,
} from "./convert.js";
import { JsonShare } from "./jsonShare.js";
import { parseJsonFileStreaming } from "./jsonStream.js";
import type { ArgsSet, Reportable, Run, RunArtifact, RunRecord } from "./model.js";
import { resolveRunFiles, type FileRef } from "./paths.js";
import { runValidators, type ElementList } from "./schema.js";
import { checkSchemaVersion, reportableContext, sortDiagnostics, translateErrors } from "./validate.js";
import type { WireArgs, WireArtifact, WireRecord, WireReportable, WireRun, WireRunInfo } from "./wire.js";

const LISTS: ReadonlySet<string> = new Set<ElementList>(["args", "records", "artifacts", "reportables"]);

/**
 * Reads, validates and converts the run.json at `file` of the run folder `runDir` as a stream.
 * Throws what `readRun` throws, with the same diagnostics as the whole-document path.
 */
export async function readRunStreaming(file: string, runDir: string): Promise<Run> {
  const run = new StreamedRun(file);
  const skeleton = await parseJsonFileStreaming(file, {
    elementLists: LISTS,
    onElement: (list, index, value, array) => run.add(list as ElementList, index, value, array),
  });
  return run.finish(skeleton, runDir);
}

/** The model of each list so far; an element that failed its schema keeps its wire form instead. */
interface Lists {
  args: (ArgsSet | undefined)[];
  records: (RunRecord | undefined)[];
  artifacts: (RunArtifact | undefined)[];
  reportables: (Reportable | undefined)[];
}

/** The run being read: models, kept invalid elements and problems, element by element. */
class StreamedRun {
  private readonly lists: Lists = { args: [], records: [], artifacts: [], reportables: [] };
  /** Elements with a problem, by list and index: the checks at the end read them as they were. */
  private readonly invalid = new Map<ElementList, Map<number, unknown>>();
  /** The array each list came in (a repeated key replaces the list, as JSON.parse does). */
  private readonly arrays = new Map<ElementList, unknown[]>();
  private readonly schemaProblems: Diagnostic[] = [];
  private readonly semantic: Diagnostic[] = [];
  /** Valid reportables that name files: converted once the files are resolved. */
  private readonly withFiles = new Map<number, WireReportable>();
  private readonly firstUse = new Map<string, number>();
  /** Repeated qualified names: a problem only if the run turns out to be version 1. */
  private readonly repeats: { k: number; name: string; first: number; context: string | undefined }[] = [];
  /** One copy of the values the artifacts' metadata repeats (see jsonShare.ts). */
  private readonly share = new JsonShare();

  constructor(private readonly file: string) {}

  /** Validates element `index` of `list` and keeps its model (or, when invalid, the element itself). */
  add(list: ElementList, index: number, value: unknown, array: unknown[]): void {
    if (this.arrays.get(list) !== array) this.restart(list, array);
    const at = `/${list}/${index}`;
    const context = list === "reportables" ? reportableContext(value, index) : undefined;
    const withContext = (d: Diagnostic): Diagnostic => (context === undefined ? d : { ...d, context });
    const report: Report = (pointer, message) => this.semantic.push(withContext({ file: this.file, pointer, message }));
    const validate = runValidators().elements[list];
    const valid = validate(value);
    const semanticBefore = this.semantic.length;
    if (!valid) this.schemaProblems.push(...translateErrors(validate.errors ?? [], this.file, at).map(withContext));
    if (list === "records" && isObject(value)) checkRecordShape(value, index, report);
    if (list === "reportables" && isObject(value)) this.reportableChecks(value, index, context, report);
    // Only an element without problems is converted (a figure without its file cannot be).
    if (valid && this.semantic.length === semanticBefore) this.keep(list, index, value);
    else this.invalidOf(list).set(index, value);
  }

  private restart(list: ElementList, array: unknown[]): void {
    this.arrays.set(list, array);
    this.lists[list].length = 0;
    this.invalidOf(list).clear();
    const inList = (d: Diagnostic): boolean => !d.pointer.startsWith(`/${list}/`);
    for (const problems of [this.schemaProblems, this.semantic])
      problems.splice(0, problems.length, ...problems.filter(inList));
    if (list === "reportables") {
      this.withFiles.clear();
      this.firstUse.clear();
      this.repeats.length = 0;
    }
  }

  private invalidOf(list: ElementList): Map<number, unknown> {
    let found = this.invalid.get(list);
    if (found === undefined) this.invalid.set(list, (found = new Map()));
    return found;
  }

  private reportableChecks(
    value: Record<string, unknown>,
    k: number,
    context: string | undefined,
    report: Report,
  ): void {
    const name = value["qualified_name"];
    if (typeof name === "string") {
      const first = this.firstUse.get(name);
      if (first === undefined) this.firstUse.set(name, k);
      else this.repeats.push({ k, name, first, context });
    }
    checkReportableShape(value, k, report);
  }

  /** Converts a valid element to the model (a reportable naming files waits for them to be resolved). */
  private keep(list: ElementList, index: number, value: unknown): void {
    switch (list) {
      case "args":
        this.lists.args[index] = argsFromWire(value as WireArgs);
        return;
      case "records":
        this.lists.records[index] = recordFromWire(value as WireRecord);
        return;
      case "artifacts":
        this.lists.artifacts[index] = artifactFromWire(value as WireArtifact, index, this.share);
        return;
      case "reportables": {
        const wire = value as WireReportable;
        if (reportableFileRefs(wire, index).length > 0) this.withFiles.set(index, wire);
        else this.lists.reportables[index] = reportableAt(wire, index, () => undefined);
      }
    }
  }

  /** Checks what needs the whole document, then resolves files and returns the model. */
  finish(skeleton: unknown, runDir: string): Run {
    checkSchemaVersion(skeleton, this.file);
    const doc = isObject(skeleton) ? skeleton : null;
    // A key given twice counts the last time (as in JSON.parse): forget a list streamed under an earlier one.
    for (const list of LISTS as ReadonlySet<ElementList>) {
      const last = doc?.[list];
      if (this.arrays.has(list) && this.arrays.get(list) !== last) this.restart(list, Array.isArray(last) ? last : []);
    }
    const counts: Counts = { records: this.countOf(doc, "records"), artifacts: this.countOf(doc, "artifacts") };
    // The big arrays were handed over element by element; the rest of the document is checked whole.
    if (doc !== null) for (const list of LISTS) if (Array.isArray(doc[list])) doc[list] = [];
    const validate = runValidators().run;
    const top = validate(skeleton) ? [] : translateErrors(validate.errors ?? [], this.file);
    const semantic = [
      ...(doc === null ? [] : checkRunSemantics(doc, this.file)),
      ...this.semantic,
      ...this.referenceProblems(counts, doc),
    ];
    const diagnostics = sortDiagnostics([...top, ...this.schemaProblems, ...semantic]);
    if (diagnostics.length > 0 || doc === null) throw new InvalidRunError(this.file, diagnostics);
    return this.model(doc, runDir);
  }

  private countOf(doc: Record<string, unknown> | null, list: ElementList): number | undefined {
    return doc !== null && Array.isArray(doc[list]) ? (this.arrays.get(list)?.length ?? 0) : undefined;
  }

  /** Indices out of range, on the model of valid elements and the wire form of invalid ones. */
  private referenceProblems(counts: Counts, doc: Record<string, unknown> | null): Diagnostic[] {
    const out: Diagnostic[] = [];
    const report: Report = (pointer, message) => out.push({ file: this.file, pointer, message });
    const wire = (list: ElementList, i: number): Record<string, unknown> | undefined => {
      const value = this.invalid.get(list)?.get(i);
      return isObject(value) ? value : undefined;
    };
    for (let i = 0; i < (counts.records ?? 0); i++) {
      const m = this.lists.records[i];
      const w = wire("records", i);
      if (m !== undefined)
        checkRecordRefs(
          {
            inputRecords: m.inputRecords,
            stageInputs: m.stageInputs,
            stageOutputs: m.stageOutputs,
            stateArtifactReps: m.stateArtifactReps,
          },
          i,
          counts,
          report,
        );
      else if (w !== undefined)
        checkRecordRefs(
          {
            inputRecords: w["input_records"],
            stageInputs: w["stage_inputs"],
            stageOutputs: w["stage_outputs"],
            stateArtifactReps: w["state_artifact_reps"],
          },
          i,
          counts,
          report,
        );
    }
    for (let j = 0; j < (this.arrays.get("artifacts")?.length ?? 0); j++) {
      checkIndex(
        this.lists.artifacts[j]?.record ?? wire("artifacts", j)?.["record"],
        counts.records,
        "record",
        `/artifacts/${j}/record`,
        report,
      );
    }
    for (let k = 0; k < (this.arrays.get("reportables")?.length ?? 0); k++) {
      const w = this.withFiles.get(k) ?? wire("reportables", k);
      const m = this.lists.reportables[k];
      const before = out.length;
      checkIndex(m?.record ?? w?.["record"], counts.records, "record", `/reportables/${k}/record`, report);
      if (out.length > before) {
        const context = reportableContext(
          m === undefined ? w : { qualified_name: m.qualifiedName, record: m.record, stage: m.stage },
          k,
        );
        out[before] = { ...(out[before] as Diagnostic), ...(context === undefined ? {} : { context }) };
      }
    }
    if (doc?.["schema_version"] === 1) {
      for (const r of this.repeats)
        out.push({
          file: this.file,
          pointer: `/reportables/${r.k}/qualified_name`,
          message: repeatedNameMessage(r.name, r.first),
          ...(r.context === undefined ? {} : { context: r.context }),
        });
    }
    return out;
  }

  /** The model of a valid document: files resolved under the run folder, waiting reportables converted. */
  private model(doc: Record<string, unknown>, dir: string): Run {
    const runDir = path.resolve(dir);
    const log = doc["log"] as string | null;
    const refs: FileRef[] = [...this.withFiles].flatMap(([k, r]) => reportableFileRefs(r, k));
    if (typeof log === "string") refs.push({ pointer: "/log", relative: log });
    const files = resolveRunFiles(runDir, refs, this.file);
    const fileAt = (pointer: string): ReturnType<typeof files.get> => files.get(pointer);
    for (const [k, r] of this.withFiles) this.lists.reportables[k] = reportableAt(r, k, fileAt);
    return {
      schemaVersion: doc["schema_version"] as number,
      dir: runDir,
      info: runInfoFromWire(doc["run_info"] as WireRunInfo),
      args: this.lists.args as ArgsSet[],
      records: this.lists.records as RunRecord[],
      artifacts: this.lists.artifacts as RunArtifact[],
      reportables: this.lists.reportables as Reportable[],
      log: log === null ? null : (fileAt("/log") ?? null),
      metrics: metricsFromWire(doc["metrics"] as Parameters<typeof metricsFromWire>[0]),
      metricGoals: { ...((doc["metric_goals"] as Record<string, "min" | "max"> | undefined) ?? {}) },
      ...metricDeclarationsFromWire(doc as Pick<WireRun, "primary_metric" | "metric_tolerances">),
    };
  }
}
