/**
 * One context per run: everything derived from a run that more than one page, file or section
 * needs (the router's plan, the pipelines, who feeds whom, the metrics, the facts, the args sets by
 * hash, the reportables of each page, the sweep analysis). Whoever renders a run builds ONE `RunContext` and hands it
 * down; each part is computed on first use and kept by the context, never in a module-level cache
 * keyed by the run. Runs are immutable, so a context never goes stale.
 */
import type { ArgsSet, Run, RunRecord } from "../run/model.js";
import { analyseSweep, type SweepAnalysis } from "./analysis/index.js";
import { NO_DECLARATIONS, type MetricDeclarations } from "./facts/metricGoals.js";
import { argsSetLookup, type ArgsSetLookup } from "./facts/argsSets.js";
import { collectMetrics, type RunMetrics } from "./facts/metrics.js";
import { runNeighbours, type Neighbours } from "./facts/neighbours.js";
import { runShapes, type RunShapes } from "./facts/recordShapes.js";
import { runFacts, type RunFacts } from "./facts/runFacts.js";
import { planReport, type ReportablePlan, type ReportPlan } from "./router.js";

/** What a context is told besides the run. */
export interface RunContextOptions {
  /** The args that are repetitions (`--group-by`), instead of guessing seeds from their names. */
  readonly groupBy?: readonly string[] | undefined;
  /** The project file's metric declarations (curi-report.config.json); below the run's own. */
  readonly project?: MetricDeclarations | undefined;
}

/** What render derives from one run, built once and handed down. */
export class RunContext {
  /** The run, as read and validated. */
  readonly run: Run;
  readonly options: RunContextOptions;
  /** The project file's metric declarations (curi-report.config.json); below the run's own. */
  readonly project: MetricDeclarations;
  #plan: ReportPlan | undefined;
  #shapes: RunShapes | undefined;
  #neighbours: Neighbours | undefined;
  #metrics: RunMetrics | undefined;
  #facts: RunFacts | undefined;
  #argsOf: ArgsSetLookup | undefined;
  #reportablesByPage: Map<string, ReportablePlan[]> | undefined;
  #reportablesGrouped: boolean | undefined;
  #analysis: SweepAnalysis | null | undefined;

  constructor(run: Run, options: RunContextOptions = {}) {
    this.run = run;
    this.options = options;
    this.project = options.project ?? NO_DECLARATIONS;
  }

  /** Every path, anchor and id prefix of the run's report (the router's plan). */
  get plan(): ReportPlan {
    return (this.#plan ??= planReport(this.run));
  }

  /** The run's records grouped into pipelines. */
  get shapes(): RunShapes {
    return (this.#shapes ??= runShapes(this.run));
  }

  /** Input records, output records and reportables of every record. */
  get neighbours(): Neighbours {
    return (this.#neighbours ??= runNeighbours(this.run));
  }

  /** Every metric of the run, logged and derived, with goals. */
  get metrics(): RunMetrics {
    return (this.#metrics ??= collectMetrics(this.run, this.project));
  }

  /** The run's facts (what results.json publishes and comparisons read). */
  get facts(): RunFacts {
    return (this.#facts ??= runFacts(this.run, this.metrics));
  }

  /**
   * The sweep analysis (issue 19), shared by the run page, analysis.html, analysis.json, the summary
   * and comparisons; null for a run with one args set or one record, or without a record metric.
   */
  get analysis(): SweepAnalysis | null {
    if (this.#analysis === undefined) {
      const { run } = this;
      const sweep = run.args.length > 1 && run.records.length > 1;
      const groupBy = this.options.groupBy;
      this.#analysis = sweep ? analyseSweep(run, this.metrics, groupBy === undefined ? {} : { groupBy }) : null;
    }
    return this.#analysis;
  }

  /**
   * The args set a record ran with: the set with the record's args name and hash, else the first
   * set with its hash (two sets can share a hash: their values are equal as far as the hash goes,
   * but only the record's own set carries its name).
   */
  argsOf(record: RunRecord): ArgsSet | undefined {
    return (this.#argsOf ??= argsSetLookup(this.run))(record);
  }

  /**
   * Whether any reportable of the run names a group. Asked for every reportable page's title and its
   * neighbours' (thousands of pages in a sweep), so it is found once: a scan of every reportable for
   * each title made a 50,000-record build quadratic (371 s).
   */
  get reportablesGrouped(): boolean {
    return (this.#reportablesGrouped ??= this.plan.reportables.some(
      (p) => p.reportable.group !== null && p.reportable.group !== "",
    ));
  }

  /** The planned reportables shown on the page at `page`, in the order the report shows them (`order`). */
  reportablesOn(page: string): readonly ReportablePlan[] {
    if (this.#reportablesByPage === undefined) {
      const pages = new Map<string, ReportablePlan[]>();
      for (const p of this.plan.reportables) {
        const list = pages.get(p.page);
        if (list === undefined) pages.set(p.page, [p]);
        else list.push(p);
      }
      for (const list of pages.values()) list.sort((a, b) => a.order - b.order);
      this.#reportablesByPage = pages;
    }
    return this.#reportablesByPage.get(page) ?? [];
  }
}
