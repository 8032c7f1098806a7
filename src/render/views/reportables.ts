/**
 * View data of the Reportables section and its table of contents. Groups come first, in order
 * of first use, then the ungrouped items; items keep report order (curifactory's order). Each
 * reportable's HTML comes from `renderReportable`, which turns its own failures into an error box,
 * so one bad reportable never takes the report down (curifactory B8).
 */
import type { RunContext } from "../context.js";
import type { Reportable, Run } from "../../run/model.js";
import { renderReportable } from "../reportables/index.js";
import type { ReportablePlan, ReportPlan } from "../router.js";
import { groupAnchor, relativeUrl, REPORT_PATHS } from "../router.js";
import type { CopiedFile, RenderedFile } from "../types.js";
import { clipField } from "../../util/clip.js";
import { recordHeading } from "../facts/names.js";

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

/** Splits planned reportables into groups in order of first use, then one bucket of ungrouped ones. */
export function groupReportables(
  plans: readonly ReportablePlan[],
): { title: string | null; plans: ReportablePlan[] }[] {
  const groups = new Map<string, ReportablePlan[]>();
  const ungrouped: ReportablePlan[] = [];
  for (const plan of plans) {
    const group = plan.reportable.group;
    if (group === null || group === "") {
      ungrouped.push(plan);
      continue;
    }
    const bucket = groups.get(group);
    if (bucket) bucket.push(plan);
    else groups.set(group, [plan]);
  }
  const result: { title: string | null; plans: ReportablePlan[] }[] = [...groups].map(([title, members]) => ({
    title,
    plans: members,
  }));
  if (ungrouped.length > 0) result.push({ title: null, plans: ungrouped });
  return result;
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
  const buckets = groupReportables(shown);
  const hasGroups = buckets.some((b) => b.title !== null);
  const groups: ReportableGroupView[] = [];
  const toc: ReportableTocGroup[] = [];
  buckets.forEach((bucket, n) => {
    // Ungrouped items get a heading of their own only beside groups, so headings never skip a level.
    const id = hasGroups ? groupAnchor(n) : null;
    const title = bucket.title === null ? (hasGroups ? "Ungrouped" : null) : clipField(bucket.title);
    const level: 3 | 4 = hasGroups ? 4 : 3;
    const items = bucket.plans.map((p) => {
      const fragment = renderReportable(p.reportable, { fileBase: p.fileBase, idPrefix: p.idPrefix });
      files.push(...fragment.files);
      copies.push(...fragment.copies);
      return itemView(run, p.reportable, p.anchor, fragment.html, level);
    });
    groups.push({ id, title, items });
    toc.push({
      title: bucket.title === null ? null : clipField(bucket.title),
      href: bucket.title === null || id === null ? null : `#${id}`,
      items: items.map((i) => ({ href: `#${i.anchor}`, label: i.qualifiedName, swatchClass: i.swatchClass })),
    });
  });
  return { count: shown.length, groups, toc, files, copies };
}

/** One group of reportables in the report page's index of reportable pages. */
export interface ReportableIndexGroup {
  readonly title: string;
  readonly count: number;
  /** The pages holding the group's reportables: label (`3`) and relative URL. */
  readonly pages: readonly { readonly label: string; readonly href: string }[];
}

/** The reportables of a run too big for one page: per group, its count and the pages that hold it. */
export function buildReportablesIndex(plan: ReportPlan, from: string): ReportableIndexGroup[] {
  return groupReportables(plan.reportables).map((bucket) => {
    const pages = [...new Set(bucket.plans.map((p) => p.page))];
    return {
      title: bucket.title === null ? "Ungrouped" : clipField(bucket.title),
      count: bucket.plans.length,
      pages: pages.map((page) => ({
        label: page.replace(/^reportables-(\d+)\.html$/, "$1"),
        href: relativeUrl(from, page),
      })),
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
