/**
 * Who feeds whom: the records a record reads from (its inputs), the records that read from it (its
 * outputs), and the reportables each record made. Computed once per run (RunContext), so 10,000
 * record pages stay linear.
 */
import type { Run } from "../../run/model.js";

/** Input records, output records and reportables of every record, by record index. */
export interface Neighbours {
  readonly inputs: readonly (readonly number[])[];
  readonly outputs: readonly (readonly number[])[];
  readonly reportables: readonly (readonly number[])[];
}

/** Indexes who feeds whom in `run` (a record is never its own neighbour). */
export function runNeighbours(run: Run): Neighbours {
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
  return { inputs: inputs.map((s) => [...s].sort((a, b) => a - b)), outputs, reportables };
}
