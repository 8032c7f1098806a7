/**
 * Metrics derived from JSON reportables, for runs that log none: a number is a metric named after
 * the reportable, an object gives one metric per top-level numeric field. An aggregate's score
 * dictionary, whose keys name args sets (`{"baseline": 0.93, "wide": 0.91}`), scores the records
 * it names: each of those records gets a metric named after the reportable (`scores`), a record
 * scope, rather than the run getting metrics named after args sets (issue 20.9).
 */
import type { JsonValue, Run } from "../../run/model.js";
import { isNonFiniteTag, numFromWire } from "../../run/numbers.js";
import type { MetricEntry } from "./metrics.js";

/** Most numbers a record's JSON reportables may hold and still give derived metrics (see `addDerived`). */
export const MAX_DERIVED_PER_RECORD = 100;

/** One number found in a JSON reportable, and whose metric it becomes. */
interface Candidate {
  /** Index of the record it belongs to (for a scored record, that record, not the aggregate). */
  readonly record: number;
  readonly reportable: string;
  readonly key: string;
  readonly value: number;
  /** True for a number an aggregate gave a record it names. */
  readonly scored: boolean;
}

/**
 * Adds derived metrics to `perRecord` and `runLevel` (logged ones of the same name win). A field
 * name that two reportables of one record share is qualified with the reportable's name
 * everywhere, so names stay unambiguous. A record whose JSON reportables hold more than
 * `MAX_DERIVED_PER_RECORD` numbers of its own derives none: that is data (an aggregate's
 * statistics of every record of a sweep), not a few headline metrics, and 100,000 of them made a
 * 14 MiB report page. Returns the derived names of non-aggregate records.
 */
export function addDerived(
  run: Run,
  perRecord: Map<number, Map<string, MetricEntry>>,
  runLevel: Map<string, MetricEntry>,
): string[] {
  const candidates = findCandidates(run);
  const own = new Map<number, number>();
  for (const c of candidates) if (!c.scored) own.set(c.record, (own.get(c.record) ?? 0) + 1);
  const found = candidates.filter((c) => c.scored || (own.get(c.record) ?? 0) <= MAX_DERIVED_PER_RECORD);
  const ambiguous = ambiguousKeys(found);
  const names: string[] = [];
  const named = new Set<string>();
  for (const c of found) {
    const name = !c.scored && ambiguous.has(c.key) && c.key !== c.reportable ? `${c.reportable}.${c.key}` : c.key;
    const record = run.records[c.record];
    const target = record === undefined ? undefined : record.isAggregate ? runLevel : perRecord.get(c.record);
    if (target === undefined || target.has(name)) continue;
    target.set(name, { value: c.value, derived: true });
    if (target !== runLevel && !named.has(name)) {
      named.add(name);
      names.push(name);
    }
  }
  return names;
}

/** Every number of every JSON reportable, with the record it belongs to, in report order. */
function findCandidates(run: Run): Candidate[] {
  const byArgsName = new Map<string, number[]>();
  for (const r of run.records) {
    if (r.isAggregate || r.argsName === null) continue;
    const list = byArgsName.get(r.argsName);
    if (list === undefined) byArgsName.set(r.argsName, [r.index]);
    else list.push(r.index);
  }
  const out: Candidate[] = [];
  for (const r of run.reportables) {
    if (r.kind !== "json") continue;
    const aggregate = run.records[r.record]?.isAggregate === true;
    for (const [key, value] of numericFields(r.value, r.name)) {
      const scored = aggregate && key !== r.name ? byArgsName.get(key) : undefined;
      if (scored === undefined) out.push({ record: r.record, reportable: r.name, key, value, scored: false });
      else for (const record of scored) out.push({ record, reportable: r.name, key: r.name, value, scored: true });
    }
  }
  return out;
}

/** Field names that two reportables of one record both hold. */
function ambiguousKeys(found: readonly Candidate[]): Set<string> {
  const owners = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const c of found) {
    if (c.scored) continue;
    const owner = `${c.record}\u0000${c.reportable}`;
    const slot = `${c.record}\u0000${c.key}`;
    const first = owners.get(slot);
    if (first !== undefined && first !== owner) ambiguous.add(c.key);
    owners.set(slot, first ?? owner);
  }
  return ambiguous;
}

/** The numeric top-level fields of a JSON value (a bare number is one field named `name`). */
function numericFields(value: JsonValue, name: string): [string, number][] {
  const single = numberOf(value);
  if (single !== null) return [[name, single]];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const out: [string, number][] = [];
  for (const [key, field] of Object.entries(value)) {
    const n = numberOf(field);
    if (n !== null) out.push([key, n]);
  }
  return out;
}

/** A JSON number, or a v2 NonFinite (`{"$float": "NaN"}`), as a number; else null. Booleans are not metrics. */
function numberOf(value: JsonValue | undefined): number | null {
  if (typeof value === "number") return value;
  return isNonFiniteTag(value) ? numFromWire(value) : null;
}
