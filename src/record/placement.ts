/**
 * Naming reported reportables: `[(Aggregate)_][argsName_]stage_name`, unnamed ones numbered by
 * their position within their record and stage (not by the run-wide count, curifactory's B12), and
 * duplicates suffixed `_2`, `_3`, … so every qualified name is unique in the run.
 */
import type { ArtifactManager } from "./ArtifactManager.js";
import type { Record } from "./Record.js";
import type { Reportable } from "./Reportable.js";

/** Names `reportable` as reported by `record` now, claiming its qualified name in `taken`. */
export function placeReportable(
  manager: ArtifactManager,
  record: Record,
  reportable: Reportable,
  taken: Set<string>,
): void {
  // The record's own last stage (curifactory's `record.stages[-1]`), not the manager's current one:
  // outside a stage that may be another record's (issue 12, point 17).
  const stage = record.stages.at(-1) ?? "none";
  const position = manager.reportables.filter((r) => r.record === record && r.stage === stage).length;
  const name = reportable.givenName ?? String(position);
  const base = `${record.isAggregate ? "(Aggregate)_" : ""}${record.args === null ? "" : `${record.args.name}_`}${stage}_${name}`;
  let qualifiedName = base;
  for (let n = 2; taken.has(qualifiedName); n++) qualifiedName = `${base}_${n}`;
  reportable.place({ record, stage, name, qualifiedName });
  taken.add(qualifiedName);
}
