/**
 * Links to the records that feed a record and that it feeds (who feeds whom comes from the run's
 * context, facts/neighbours.ts). Lists are capped, with the rest counted per pipeline and linked
 * to the pipeline's record list, so an aggregate's page stays small.
 */
import type { RunContext } from "../context.js";
import { clipField } from "../../util/clip.js";
import { recordHeading } from "../facts/names.js";
import { count, counted } from "../facts/recordShapes.js";
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

/** Links to `records` from the page at `from`: the first MAX_LISTED by name, the rest per pipeline. */
export function recordLinks(ctx: RunContext, records: readonly number[], from: string): RecordLinksView {
  const { run, shapes } = ctx;
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
