/**
 * A limit on how deeply run.json may nest. JSON.parse reads any depth, but everything after it
 * recurses (the schema check, JSON.stringify, canonical JSON for the args diff), so a value nested
 * 100,000 arrays deep would crash the build with a stack overflow instead of saying what is wrong.
 * The walk here is iterative, so it cannot overflow itself.
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
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value: doc, pointer: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop() as { value: unknown; pointer: string; depth: number };
    if (typeof value !== "object" || value === null) continue;
    if (depth >= maxDepth) {
      return [{ file, pointer, message: `nested more than ${maxDepth} levels deep; flatten the value (no report needs such depth, and it would overflow the stack)` }];
    }
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    // Pushed in reverse so the walk visits (and reports) in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      if (typeof child === "object" && child !== null) stack.push({ value: child, pointer: `${pointer}/${escapePointer(key)}`, depth: depth + 1 });
    }
  }
  return [];
}
