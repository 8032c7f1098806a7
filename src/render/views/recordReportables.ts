/**
 * The reportables of one record on its own page (`records/<i>.html`): the first few rendered right
 * there, so a reader sees what the record reported without leaving its page, the rest linked to
 * where the report shows them. Bounded: at most MAX_RENDERED items, smaller table and text limits
 * than the report's, and a character budget for all of them, so even an aggregate that reported
 * hundreds of tables keeps a small page.
 */
import type { RunContext } from "../context.js";
import { clipField } from "../../util/clip.js";
import { counted } from "../facts/recordShapes.js";
import { renderReportable } from "../reportables/index.js";
import { hrefTo, relativeUrl, REPORT_PATHS, type ReportablePlan } from "../router.js";
import type { LinkView } from "./recordLinks.js";
import { swatchClass } from "./reportables.js";

/** Most reportables rendered on a record page; the others are linked. */
export const MAX_RENDERED = 10;
/** Most further reportables linked by name (the rest are counted). */
const MAX_LINKED = 100;
/** Characters of rendered reportable HTML one record page holds at most (the page stays far below 1 MiB). */
export const RENDERED_BUDGET = 400_000;
/** Limits of each rendered reportable: a taste of a big table or text; the report page shows more. */
const LIMITS = { maxTableRows: 100, maxTextChars: 20_000 } as const;

/** One reportable rendered on the record page. */
export interface RecordReportableView {
  readonly anchor: string;
  readonly qualifiedName: string;
  readonly swatchClass: string;
  readonly stage: string;
  readonly group: string | null;
  /** Trusted HTML from `renderReportable` (escaped or sanitized there). */
  readonly html: string;
  /** Where the report shows it in full. */
  readonly href: string;
  /** `the report page` or `reportables page 3`. */
  readonly where: string;
}

/** The Reportables section of a record page. */
export interface RecordReportablesView {
  /** How many reportables the record reported. */
  readonly count: number;
  readonly rendered: readonly RecordReportableView[];
  /** The others (beyond the bound, or kinds that show only in their place), linked. */
  readonly linked: readonly LinkView[];
  /** Why some are only linked, and how many are not even linked; null when all are rendered. */
  readonly note: string | null;
}

/** The page that shows a reportable, in words. */
function whereShown(plan: ReportablePlan): string {
  if (plan.page === REPORT_PATHS.page) return "the report page";
  return `reportables page ${plan.page.replace(/^reportables-(\d+)\.html$/, "$1")}`;
}

/**
 * True when a reportable shows right only in its place in the report: raw HTML with linked files
 * names them relative to the report folder, and a sandboxed frame on a page one folder down
 * would look for them in the wrong place (the CSP forbids a `<base>` that could fix it).
 */
function onlyInPlace(plan: ReportablePlan): boolean {
  return plan.reportable.kind === "html" && (plan.reportable.files ?? []).length > 0;
}

/** Builds the Reportables section of record `index`'s page at `from`. */
export function buildRecordReportables(ctx: RunContext, index: number, from: string): RecordReportablesView {
  const own = ctx.neighbours.reportables[index] ?? [];
  const plans = own.map((i) => ctx.plan.reportables[i]).filter((p): p is ReportablePlan => p !== undefined);
  const rendered: RecordReportableView[] = [];
  const rest: ReportablePlan[] = [];
  let used = 0;
  let inPlace = 0;
  for (const plan of plans) {
    if (onlyInPlace(plan)) inPlace++;
    if (rendered.length >= MAX_RENDERED || used >= RENDERED_BUDGET || onlyInPlace(plan)) {
      rest.push(plan);
      continue;
    }
    // Images are linked from this page one folder down; the report's own page writes the files.
    const fragment = renderReportable(plan.reportable, {
      fileBase: relativeUrl(from, plan.fileBase),
      idPrefix: plan.idPrefix,
      ...LIMITS,
    });
    used += fragment.html.length;
    rendered.push(itemView(plan, fragment.html, from));
  }
  const linked = rest.slice(0, MAX_LINKED).map((plan) => ({
    href: hrefTo(from, plan.page, plan.anchor),
    label: clipField(plan.reportable.qualifiedName, 300),
  }));
  return { count: plans.length, rendered, linked, note: noteText(plans.length, rendered.length, rest.length, inPlace) };
}

/** What the section says about the reportables it does not render, or null. */
function noteText(total: number, rendered: number, rest: number, inPlace: number): string | null {
  if (rest === 0) return null;
  const parts = [
    rest > inPlace ? `${counted(rendered, "reportable")} of ${total} shown here; the others are linked` : null,
    inPlace > 0
      ? `${counted(inPlace, "HTML reportable")} with files of its own ${inPlace === 1 ? "shows" : "show"} only in the report`
      : null,
    rest > MAX_LINKED ? `${counted(rest - MAX_LINKED, "more reportable")} on the report's reportable pages` : null,
  ].filter((p) => p !== null);
  return `${parts.join("; ")}.`;
}

/** View of one rendered reportable. */
function itemView(plan: ReportablePlan, html: string, from: string): RecordReportableView {
  const r = plan.reportable;
  return {
    anchor: plan.anchor,
    qualifiedName: clipField(r.qualifiedName),
    swatchClass: swatchClass(r.record),
    stage: clipField(r.stage),
    group: r.group === null || r.group === "" ? null : clipField(r.group, 200),
    html,
    href: hrefTo(from, plan.page, plan.anchor),
    where: whereShown(plan),
  };
}
