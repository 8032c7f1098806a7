/**
 * View data of the Reportables section and its table of contents. Groups come first, in order
 * of first use, then the ungrouped items; items keep report order (curifactory's order). Each
 * reportable's HTML comes from `renderReportable`, which turns its own failures into an error box,
 * so one bad reportable never takes the report down (curifactory B8).
 */
import type { RunContext } from "../context.js";
import type { Reportable, Run } from "../../run/model.js";
import { renderReportable } from "../reportables/index.js";
import type { ReportablePlan } from "../router.js";
import { groupAnchor, relativeUrl, REPORT_PATHS } from "../router.js";
import type { CopiedFile, RenderedFile } from "../types.js";
import { clipField } from "../../util/clip.js";
import { recordHeading } from "../facts/names.js";
import { count } from "../facts/recordShapes.js";

/** CSS class of record i's colour swatch (`rec-0` … `rec-8`, cycling like the record colours). */
export function swatchClass(recordIndex: number): string {
  return `rec-${((recordIndex % 9) + 9) % 9}`;
}

/** One reportable as shown. */
export interface ReportableItemView {
  readonly anchor: string;
  readonly qualifiedName: string;
  readonly swatchClass: string;
  readonly recordName: string;
  readonly stage: string;
  /** Trusted HTML from `renderReportable` (escaped or sanitized there). */
  readonly html: string;
  /** Heading level of the item: 4 under a group heading, 3 otherwise. */
  readonly level: 3 | 4;
}

/** A group of reportables; `title` is the heading shown, null for the ungrouped ones in a run without groups. */
export interface ReportableGroupView {
  readonly id: string | null;
  readonly title: string | null;
  readonly items: readonly ReportableItemView[];
}

/** One line of the reportables TOC. */
export interface ReportableTocItem {
  readonly href: string;
  readonly label: string;
  readonly swatchClass: string;
}

/** The reportables TOC: groups with their items, then ungrouped items (title null: listed at top level). */
export interface ReportableTocGroup {
  readonly title: string | null;
  readonly href: string | null;
  readonly items: readonly ReportableTocItem[];
}

/** The whole section, plus the files its reportables need written or copied. */
export interface ReportablesSection {
  readonly count: number;
  readonly groups: readonly ReportableGroupView[];
  readonly toc: readonly ReportableTocGroup[];
  readonly files: readonly RenderedFile[];
  readonly copies: readonly CopiedFile[];
}

/** Planned reportables that the report shows under one heading, with what the heading says. */
export interface ReportableBucket {
  /** The group, or null for the ungrouped ones. */
  readonly group: string | null;
  /** True for the aggregate records' reportables of a sweep's reportable pages (kept apart, first). */
  readonly aggregate: boolean;
  readonly plans: ReportablePlan[];
}

/**
 * Splits planned reportables, taken in the order the report shows them (`order`), into buckets of
 * one group: groups in order of first use, then the ungrouped ones. On a sweep's reportable pages
 * (`isAggregate` picks the aggregate records' reportables) those are buckets of their own, before
 * the rest (the plan orders them first).
 */
export function groupReportables(
  plans: readonly ReportablePlan[],
  isAggregate: (plan: ReportablePlan) => boolean = () => false,
): ReportableBucket[] {
  const buckets = new Map<string, ReportableBucket>();
  for (const plan of [...plans].sort((a, b) => a.order - b.order)) {
    const group = plan.reportable.group === null || plan.reportable.group === "" ? null : plan.reportable.group;
    const aggregate = isAggregate(plan);
    // `a`/`r` tell the aggregate's from the rest, `u`/`g` no group from a group (of any name).
    const key = `${aggregate ? "a" : "r"}${group === null ? "u" : `g${group}`}`;
    const bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, { group, aggregate, plans: [plan] });
    else bucket.plans.push(plan);
  }
  // In display order, buckets come in order of first use: the plan's order already puts them right.
  return [...buckets.values()];
}

/** True when the report's reportables are on pages of their own: the aggregate's are then kept apart. */
function aggregateTest(ctx: RunContext): (plan: ReportablePlan) => boolean {
  if (ctx.plan.reportablePages === 0) return () => false;
  return (plan) => ctx.run.records[plan.reportable.record]?.isAggregate === true;
}

/** The heading of a bucket: its group, `Aggregate` for the aggregate's ungrouped ones, else `Ungrouped`. */
export function bucketTitle(bucket: ReportableBucket): string {
  const group = bucket.group === null ? null : clipField(bucket.group, 200);
  if (bucket.aggregate) return group === null ? "Aggregate" : `${group} (aggregate)`;
  return group ?? "Ungrouped";
}

/** `record 30`, `records 0–24`: the records whose reportables a bucket holds, by their index. */
export function recordRange(plans: readonly ReportablePlan[]): string {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of plans) {
    lo = Math.min(lo, p.reportable.record);
    hi = Math.max(hi, p.reportable.record);
  }
  if (lo > hi) return "no records";
  return lo === hi ? `record ${count(lo)}` : `records ${count(lo)}–${count(hi)}`;
}

/**
 * The title of a reportable page of a sweep: each bucket on it with its records, e.g.
 * `Aggregate, record 30; details, records 0–23`. A run without groups says only the records.
 */
export function reportablesPageTitle(ctx: RunContext, page: string): string {
  const buckets = groupReportables(ctx.reportablesOn(page), aggregateTest(ctx));
  const plain = !ctx.reportablesGrouped;
  return buckets
    .map((b) => (plain && !b.aggregate ? recordRange(b.plans) : `${bucketTitle(b)}, ${recordRange(b.plans)}`))
    .join("; ");
}

/**
 * Builds the Reportables section of the page at `page`: renders the reportables shown there and
 * arranges them by group.
 */
export function buildReportablesSection(ctx: RunContext, page: string = REPORT_PATHS.page): ReportablesSection {
  const run = ctx.run;
  const files: RenderedFile[] = [];
  const copies: CopiedFile[] = [];
  const shown = ctx.reportablesOn(page);
  const buckets = groupReportables(shown, aggregateTest(ctx));
  const hasGroups = buckets.some((b) => b.group !== null || b.aggregate);
  const groups: ReportableGroupView[] = [];
  const toc: ReportableTocGroup[] = [];
  buckets.forEach((bucket, n) => {
    // Ungrouped items get a heading of their own only beside groups, so headings never skip a level.
    const id = hasGroups ? groupAnchor(n) : null;
    const title = hasGroups ? bucketTitle(bucket) : null;
    const level: 3 | 4 = hasGroups ? 4 : 3;
    const items = bucket.plans.map((p) => {
      const fragment = renderReportable(p.reportable, { fileBase: p.fileBase, idPrefix: p.idPrefix });
      files.push(...fragment.files);
      copies.push(...fragment.copies);
      return itemView(run, p.reportable, p.anchor, fragment.html, level);
    });
    groups.push({ id, title, items });
    const listed = bucket.group !== null || bucket.aggregate;
    toc.push({
      title: listed ? title : null,
      href: listed && id !== null ? `#${id}` : null,
      items: items.map((i) => ({ href: `#${i.anchor}`, label: i.qualifiedName, swatchClass: i.swatchClass })),
    });
  });
  return { count: shown.length, groups, toc, files, copies };
}

/** One group of reportables in the report page's index of reportable pages. */
export interface ReportableIndexGroup {
  readonly title: string;
  readonly count: number;
  /** The pages holding the group's reportables: label (the records it holds there, `records 0–24`) and relative URL. */
  readonly pages: readonly { readonly label: string; readonly href: string }[];
}

/**
 * The reportables of a run too big for one page: per group (the aggregate's first), its count and
 * the pages that hold it, each named by the records whose reportables it holds there.
 */
export function buildReportablesIndex(ctx: RunContext, from: string): ReportableIndexGroup[] {
  return groupReportables(ctx.plan.reportables, aggregateTest(ctx)).map((bucket) => {
    const byPage = new Map<string, ReportablePlan[]>();
    for (const p of bucket.plans) {
      const list = byPage.get(p.page);
      if (list === undefined) byPage.set(p.page, [p]);
      else list.push(p);
    }
    return {
      title: bucketTitle(bucket),
      count: bucket.plans.length,
      pages: [...byPage].map(([page, plans]) => ({ label: recordRange(plans), href: relativeUrl(from, page) })),
    };
  });
}

/** View of one reportable. */
function itemView(run: Run, r: Reportable, anchor: string, html: string, level: 3 | 4): ReportableItemView {
  return {
    anchor,
    qualifiedName: clipField(r.qualifiedName),
    swatchClass: swatchClass(r.record),
    recordName: clipField(recordHeading(run, r.record)),
    stage: clipField(r.stage),
    html,
    level,
  };
}
