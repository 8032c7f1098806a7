/**
 * A limit on how deeply run.json may nest. JSON.parse reads any depth, but everything after it
 * recurses (the schema check, JSON.stringify, canonical JSON for the args diff), so a value nested
 * 100,000 arrays deep would crash the build with a stack overflow instead of saying what is wrong.
 * The walk recurses at most `maxDepth` calls deep (it stops descending there), so it cannot
 * overflow itself, and it builds no JSON pointer until it has found a problem: a pointer per
 * object cost 11% of a 200-record build.
 */
import type { Diagnostic } from "../util/errors.js";
import { escapePointer } from "./checks.js";

/** Deepest nesting a run document may have; real runs stay below 20. */
export const MAX_JSON_DEPTH = 200;

/**
 * One diagnostic for the first place (in document order) where `doc` nests deeper than
 * `maxDepth`, pointing at the container that crosses the limit; `[]` when it does not.
 */
export function depthProblems(doc: unknown, file: string, maxDepth = MAX_JSON_DEPTH): Diagnostic[] {
  if (typeof doc !== "object" || doc === null) return [];
  const keys = firstTooDeep(doc, 0, maxDepth);
  if (keys === null) return [];
  // Keys were collected on the way back up: innermost first.
  const pointer = keys
    .reverse()
    .map((k) => `/${typeof k === "number" ? k : escapePointer(k)}`)
    .join("");
  return [{ file, pointer, message: `nested more than ${maxDepth} levels deep; flatten the value (no report needs such depth, and it would overflow the stack)` }];
}

/** The keys (innermost first) leading to the first container at depth `maxDepth`, or null. */
function firstTooDeep(value: object, depth: number, maxDepth: number): (string | number)[] | null {
  if (depth >= maxDepth) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = childTooDeep(value[i], depth, maxDepth);
      if (found !== null) return (found.push(i), found);
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const found = childTooDeep((value as Record<string, unknown>)[key], depth, maxDepth);
    if (found !== null) return (found.push(key), found);
  }
  return null;
}

function childTooDeep(child: unknown, depth: number, maxDepth: number): (string | number)[] | null {
  return typeof child === "object" && child !== null ? firstTooDeep(child, depth + 1, maxDepth) : null;
}
