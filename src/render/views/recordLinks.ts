/**
 * Who feeds whom, for record pages: the records a record reads from (its inputs) and the records
 * that read from it (its outputs), and the reportables each record made. Indexed once per run, so
 * 10,000 record pages stay linear. Lists are capped, with the rest counted per pipeline and linked
 * to the pipeline's record list, so an aggregate's page stays small.
 */
import type { Run } from "../../run/model.js";
import { clipField } from "../../util/clip.js";
import { recordHeading } from "../facts/names.js";
import { count, counted, runShapes } from "../facts/recordShapes.js";
import { hrefTo, recordPagePath, shapePagePath } from "../router.js";

/** A link with its text. */
export interface LinkView {
  readonly href: string;
  readonly label: string;
}

/** A link to a record, marked when the record is not in the manager's records (`in_manager: false`). */
export interface RecordLinkView extends LinkView {
  readonly outsideManager: boolean;
}

/**
 * What a record outside the manager is, in the report's words: curifactory's
 * `record.make_copy(add_to_manager=False)` makes a record that owns artifacts but is not in the
 * manager's list of records. Keep in sync with templates/partials/outsideManager.eta.
 */
export const OUTSIDE_MANAGER_NOTE =
  "not in the manager: made with add_to_manager=False, so it is not among the manager's records (curifactory's own report leaves it out)";

/** A capped list of record links, the rest counted per pipeline. */
export interface RecordLinksView {
  readonly total: number;
  /** `9,999`. */
  readonly totalText: string;
  readonly shown: readonly LinkView[];
  /** `and 9,950 more: 9,950 of pipeline 1` with links to the pipelines' lists. */
  readonly more: readonly LinkView[];
}

/** Most records listed by name in one list. */
export const MAX_LISTED = 50;

interface Neighbours {
  readonly inputs: readonly (readonly number[])[];
  readonly outputs: readonly (readonly number[])[];
  readonly reportables: readonly (readonly number[])[];
}

const cache = new WeakMap<Run, Neighbours>();

/** Input records, output records and reportables of every record (memoized per run). */
export function neighbours(run: Run): Neighbours {
  let n = cache.get(run);
  if (n !== undefined) return n;
  const inputs = run.records.map(() => new Set<number>());
  for (const record of run.records) {
    const own = inputs[record.index] as Set<number>;
    for (const r of record.inputRecords) if (r !== record.index) own.add(r);
    for (const slots of record.stageInputs) {
      for (const a of slots) {
        const owner = a >= 0 ? run.artifacts[a]?.record : undefined;
        if (owner !== undefined && owner !== record.index) own.add(owner);
      }
    }
  }
  const outputs: number[][] = run.records.map(() => []);
  inputs.forEach((sources, to) => {
    for (const from of sources) outputs[from]?.push(to);
  });
  const reportables: number[][] = run.records.map(() => []);
  run.reportables.forEach((r, i) => reportables[r.record]?.push(i));
  n = { inputs: inputs.map((s) => [...s].sort((a, b) => a - b)), outputs, reportables };
  cache.set(run, n);
  return n;
}

/** Links to `records` from the page at `from`: the first MAX_LISTED by name, the rest per pipeline. */
export function recordLinks(run: Run, records: readonly number[], from: string): RecordLinksView {
  const shapes = runShapes(run);
  const shown = records
    .slice(0, MAX_LISTED)
    .map((r) => ({ href: hrefTo(from, recordPagePath(r), null), label: clipField(recordHeading(run, r), 200) }));
  const rest = new Map<number, number>();
  for (const r of records.slice(MAX_LISTED)) {
    const shape = shapes.shapeOf[r] ?? 0;
    rest.set(shape, (rest.get(shape) ?? 0) + 1);
  }
  const more = [...rest].map(([shape, n]) => ({
    href: hrefTo(from, shapePagePath(shape, 0), null),
    label: `${counted(n, "more record")} of pipeline ${count(shape + 1)}`,
  }));
  return { total: records.length, totalText: count(records.length), shown, more };
}
