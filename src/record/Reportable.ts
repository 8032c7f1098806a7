/**
 * `Reportable`: something a stage shows in the run's report (a table, a plot, some JSON). The
 * manager names it when a record reports it; at the end of the run (and when its stage is cached)
 * it renders to the wire data of its kind plus, for figures and images, the bytes of a file.
 */
import type { WireReportable, WireReportableDataByKind, WireReportableKind } from "../run/wire.js";
import { ReportableError } from "./errors.js";
import type { Record } from "./Record.js";

/** Options every reportable takes. */
export interface ReportableOptions {
  /** Last part of the qualified name; unnamed reportables are numbered within their record and stage. */
  readonly name?: string | null;
  /** Reportables with the same group are shown together under that heading. */
  readonly group?: string | null;
}

/** A file a reportable renders to (figures, images). */
export interface ReportableFile {
  /** Extension with its dot, e.g. `.png`. */
  readonly ext: string;
  readonly bytes: Uint8Array;
}

/** What a reportable renders to: the data of its kind and an optional file. */
export type RenderedReportable = {
  [K in WireReportableKind]: {
    readonly kind: K;
    readonly data: WireReportableDataByKind[K];
    readonly file: ReportableFile | null;
  };
}[WireReportableKind];

/** Where a reported reportable sits: set once, by the manager, when a record reports it. */
export interface ReportablePlacement {
  readonly record: Record;
  readonly stage: string;
  readonly name: string;
  readonly qualifiedName: string;
}

/** Base class of reportables. Subclasses set `kind` and implement `build()`. */
export abstract class Reportable {
  /** The name given by the author, or null (then a number is assigned when reported). */
  readonly givenName: string | null;
  /** Group heading, or null. */
  readonly group: string | null;
  /** The wire kind this reportable renders to. */
  abstract readonly kind: WireReportableKind;
  private placement: ReportablePlacement | null = null;
  private rendering: Promise<RenderedReportable> | null = null;

  constructor(options: ReportableOptions = {}) {
    this.givenName = options.name ?? null;
    this.group = options.group ?? null;
  }

  /** Produces the data (and file) of this reportable. Called at most once. */
  protected abstract build(): Promise<RenderedReportable> | RenderedReportable;

  /** The rendered data and file; memoized, so a stage's cache and the run folder see the same bytes. */
  render(): Promise<RenderedReportable> {
    this.rendering ??= Promise.resolve().then(() => this.build());
    return this.rendering;
  }

  /** Name after reporting (given or numbered); the given name (or null) before. */
  get name(): string | null {
    return this.placement?.name ?? this.givenName;
  }

  /** `[(Aggregate)_][argsName_]stage_name`, unique in the run; null until reported. */
  get qualifiedName(): string | null {
    return this.placement?.qualifiedName ?? null;
  }

  /** The record that reported this, or null. */
  get record(): Record | null {
    return this.placement?.record ?? null;
  }

  /** The stage it was reported in, or null. */
  get stage(): string | null {
    return this.placement?.stage ?? null;
  }

  /**
   * The run.json entry of this reported reportable, and its file bytes if any. `placeFile` names
   * the file (relative to the run folder) once its extension is known.
   */
  async toWire(
    placeFile: (file: ReportableFile) => string,
  ): Promise<{ wire: WireReportable; file: ReportableFile | null }> {
    const placement = this.placement;
    if (placement === null)
      throw new ReportableError("A reportable gets its run.json entry only after record.report() placed it.");
    const rendered = await this.render();
    const wire: WireReportable = {
      qualified_name: placement.qualifiedName,
      name: placement.name,
      group: this.group,
      record: placement.record.index,
      stage: placement.stage,
      kind: rendered.kind,
      data: rendered.data,
      file: rendered.file === null ? null : placeFile(rendered.file),
    };
    return { wire, file: rendered.file };
  }

  /** Called by the manager when a record reports this; a reportable can be reported once. */
  place(placement: ReportablePlacement): void {
    if (this.placement !== null) {
      throw new ReportableError(
        `Reportable ${this.placement.qualifiedName} was reported twice; create a new reportable for each report() call.`,
      );
    }
    this.placement = placement;
  }
}

/** A reportable restored from a stage's cache: it renders to exactly what was stored. */
export class CachedReportable extends Reportable {
  readonly kind: WireReportableKind;

  constructor(
    private readonly stored: RenderedReportable,
    options: ReportableOptions,
  ) {
    super(options);
    this.kind = stored.kind;
  }

  protected build(): RenderedReportable {
    return this.stored;
  }
}
