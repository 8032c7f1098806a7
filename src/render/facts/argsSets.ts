/**
 * Which args set a record ran with, looked up in an index built once per run (a scan per record
 * made a 10,000-record table quadratic). Two sets can share a hash (their values are equal as far
 * as the hash goes), but only the record's own set carries its name: the set with the record's
 * name and hash wins, else the first set with its hash.
 */
import type { ArgsSet, Run, RunRecord } from "../../run/model.js";

/** A record's args set, or undefined when it has none. */
export type ArgsSetLookup = (record: RunRecord) => ArgsSet | undefined;

/** Index key of an args set by name and hash (NUL cannot occur in a hash). */
function argsKey(name: string | null, hash: string): string {
  return `${hash}\u0000${name ?? ""}`;
}

/** Indexes `run`'s args sets by name and hash and by hash alone (the first of each). */
export function argsSetLookup(run: Run): ArgsSetLookup {
  const index = new Map<string, ArgsSet>();
  for (const a of run.args) {
    const named = argsKey(a.name, a.hash);
    if (!index.has(named)) index.set(named, a);
    if (!index.has(a.hash)) index.set(a.hash, a);
  }
  return (record) =>
    record.argsHash === null
      ? undefined
      : (index.get(argsKey(record.argsName, record.argsHash)) ?? index.get(record.argsHash));
}
