/**
 * The parts of a run summary that lead it (issue 10): headline metrics with their deltas against
 * a base run, the args changed since the base, and failed stages with their errors. Without a base
 * the headline is the run's own metrics and its best records.
 */
import type { RunContext } from "../context.js";
import type { Run } from "../../run/model.js";
import { argsMarkdown, changesMarkdown, headlineMarkdown } from "../compare/compareMarkdown.js";
import { diffFacts, type FactsDiff } from "../compare/factsDiff.js";
import { mdCell, mdCode, mdTable, mdText } from "../markup/mdText.js";
import { formatMetric, isBetter, scalarOf } from "../facts/metrics.js";
import { type RunFacts } from "../facts/runFacts.js";
import { recordHeading } from "../facts/names.js";
import { goalNotes } from "../compare/headlineText.js";

/** How much of the leading sections to show. */
export interface LeadLimits {
  /** Most changed metrics and changed args listed (each). */
  readonly rows: number;
}

/** The diff of `run` against `base` (base first), or null without a base. */
export function baseDiff(ctx: RunContext, base: RunFacts | null): FactsDiff | null {
  return base === null ? null : diffFacts([base, ctx.facts]);
}

/** Headline metrics: deltas against the base, or the run's own metrics and best records. */
export function headlineSection(
  ctx: RunContext,
  base: RunFacts | null,
  diff: FactsDiff | null,
  limits: LeadLimits,
): string {
  const run = ctx.run;
  if (base !== null && diff !== null) {
    const head = `### Metrics vs base ${mdCode(base.reference, 60)}`;
    const labels = [base.reference, run.info.reference];
    const headline = headlineMarkdown(diff, labels);
    return [head, headline === "" ? "No metrics." : headline, changesMarkdown(diff, labels, limits.rows)].join("\n\n");
  }
  return ownMetrics(ctx, limits.rows);
}

/** The run's run-level metrics and its best records by the first metric (no base to compare with). */
function ownMetrics(ctx: RunContext, rows: number): string {
  const { run, metrics: m } = ctx;
  const parts: string[] = [];
  if (m.runLevel.size > 0) {
    parts.push(
      mdTable(
        ["metric", "value"],
        [...m.runLevel]
          .slice(0, rows)
          .map(([n, e]) => [
            `${mdCode(n, 40)}${e.derived ? " (derived)" : ""}`,
            mdCode(formatMetric(scalarOf(e.value)), 30),
          ]),
      ),
    );
  }
  const first = m.primary;
  const goal = first === null ? undefined : m.judgements.get(first)?.goal;
  if (first !== null && goal != null && rows > 0) {
    const value = (i: number): number => {
      const e = m.perRecord.get(i)?.get(first);
      return e === undefined ? Number.NaN : scalarOf(e.value);
    };
    const best = [...m.perRecord.keys()]
      .sort((a, b) => (isBetter(value(a), value(b), goal) ? -1 : isBetter(value(b), value(a), goal) ? 1 : a - b))
      .slice(0, Math.min(5, rows));
    const names = m.recordNames.slice(0, 6);
    const table = best.map((i) => [
      `${failedMark(run, i)}${mdCell(run.records[i]?.argsName ?? recordHeading(run, i), 40)}`,
      ...names.map((n) => {
        const e = m.perRecord.get(i)?.get(n);
        return e === undefined ? "—" : mdCode(formatMetric(scalarOf(e.value)), 30);
      }),
    ]);
    parts.push(
      `Best records by ${mdCode(first, 40)} (${goal === "min" ? "lowest" : "highest"} first):\n\n${mdTable(["record", ...names.map((n) => mdCode(n, 30))], table)}`,
    );
  }
  // Which goals were guessed or are unknown, and how to declare them.
  const notes = goalNotes(m.judgements);
  if (notes.length > 0 && parts.length > 0) parts.push(notes.map((n) => `_${mdText(n)}_`).join("\n\n"));
  return parts.length === 0 ? "" : `### Metrics\n\n${parts.join("\n\n")}`;
}

/** The args changed since the base (args sets matched by name). */
export function changedArgsSection(base: RunFacts, diff: FactsDiff, run: Run, limits: LeadLimits): string {
  const parts = ["### Args changed since the base"];
  const table = argsMarkdown(diff, [base.reference, run.info.reference], limits.rows);
  if (table !== "") parts.push(table);
  const added = diff.argsSets.filter((s) => s.present[1] === true).map((s) => mdCode(s.set, 40));
  const removed = diff.argsSets.filter((s) => s.present[0] === true).map((s) => mdCode(s.set, 40));
  if (added.length > 0)
    parts.push(
      `New args sets: ${added.slice(0, limits.rows).join(", ")}${added.length > limits.rows ? ` and ${added.length - limits.rows} more` : ""}.`,
    );
  if (removed.length > 0)
    parts.push(
      `Args sets no longer run: ${removed.slice(0, limits.rows).join(", ")}${removed.length > limits.rows ? ` and ${removed.length - limits.rows} more` : ""}.`,
    );
  if (parts.length === 1) parts.push("No args changed.");
  return parts.join("\n\n");
}

/** Stages that failed, with their errors (schema v2 stage_info `error`), or `""` when none did. */
export function failuresSection(run: Run, limits: LeadLimits): string {
  const failed: string[][] = [];
  for (const r of run.records) {
    for (const [i, info] of (r.stageInfo ?? []).entries()) {
      if (info.error !== null)
        failed.push([
          `❌ ${mdCell(recordHeading(run, r.index), 60)}`,
          mdCode(r.stages[i] ?? `stage ${i}`, 40),
          mdCode(info.error, 200),
        ]);
    }
  }
  if (failed.length === 0) return "";
  const more =
    failed.length > Math.max(1, limits.rows)
      ? `\n\n_${failed.length - Math.max(1, limits.rows)} more failed stages are in the report._`
      : "";
  return `### Failed stages\n\n${mdTable(["record", "stage", "error"], failed.slice(0, Math.max(1, limits.rows)))}${more}`;
}

/** `❌ ` before a record one of whose stages failed, else nothing. */
function failedMark(run: Run, index: number): string {
  return (run.records[index]?.stageInfo ?? []).some((s) => s.error !== null) ? "❌ " : "";
}
