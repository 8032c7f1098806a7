/**
 * A limit on how deeply run.json may nest. JSON.parse reads any depth, but everything after it
 * recurses (the schema check, JSON.stringify, canonical JSON for the args diff), so a value nested
 * 100,000 arrays deep would crash the build with a stack overflow instead of saying what is wrong.
 * The check is an iterative walk with two plain stacks (values and depths) that builds no JSON
 * pointer: a pointer per object cost 11% of a 200-record build. Only a document that is too deep
 * is walked again to name the place, recursing at most `maxDepth` calls deep, so neither walk can
 * overflow the stack.
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
  if (typeof doc !== "object" || doc === null || !tooDeep(doc, maxDepth)) return [];
  const keys = firstTooDeep(doc, 0, maxDepth);
  if (keys === null) return [];
  // Keys were collected on the way back up: innermost first.
  const pointer = keys
    .reverse()
    .map((k) => `/${typeof k === "number" ? k : escapePointer(k)}`)
    .join("");
  return [
    {
      file,
      pointer,
      message: `nested more than ${maxDepth} levels deep; flatten the value (no report needs such depth, and it would overflow the stack)`,
    },
  ];
}

/**
 * True when `doc` holds a container at depth `maxDepth` or more. `for…in` visits the same keys as
 * `Object.keys` on parsed JSON (its objects inherit nothing enumerable) without an array per
 * object; this walk runs once per run.json, mostly before V8 has optimized it, so it is kept plain.
 */
function tooDeep(doc: object, maxDepth: number): boolean {
  const values: object[] = [doc];
  const depths: number[] = [0];
  for (
    let value = values.pop(), depth = depths.pop() ?? 0;
    value !== undefined;
    value = values.pop(), depth = depths.pop() ?? 0
  ) {
    if (depth >= maxDepth) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (typeof child === "object" && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in value) {
        const child = (value as Record<string, unknown>)[key];
        if (typeof child === "object" && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}

/** The keys (innermost first) leading to the first container at depth `maxDepth`, or null. */
function firstTooDeep(value: object, depth: number, maxDepth: number): (string | number)[] | null {
  if (depth >= maxDepth) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = childTooDeep(value[i], depth, maxDepth);
      if (found !== null) {
        found.push(i);
        return found;
      }
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const found = childTooDeep((value as Record<string, unknown>)[key], depth, maxDepth);
    if (found !== null) {
      found.push(key);
      return found;
    }
  }
  return null;
}

function childTooDeep(child: unknown, depth: number, maxDepth: number): (string | number)[] | null {
  return typeof child === "object" && child !== null ? firstTooDeep(child, depth + 1, maxDepth) : null;
}
