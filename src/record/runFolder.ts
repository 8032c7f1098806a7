/**
 * Writing a run folder: `reportables/<file>` for figures and images, `log.txt`, `run.json` (through
 * `writeRunDocument`) and, when the run ends, `runs/latest`. Nothing is written for a dry run.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { writeLatest } from "../run/latest.js";
import type { WireReportable } from "../run/wire.js";
import { writeRunDocument } from "../run/write.js";
import { escapeHtml } from "../util/escape.js";
import { safeFileStem, UniqueNames } from "../util/names.js";
import type { ArtifactManager } from "./ArtifactManager.js";
import { describeError } from "./errors.js";
import type { Reportable } from "./Reportable.js";
import { toWireRun } from "./serialize.js";
import { makeDirectory } from "../util/makeDirectory.js";

/**
 * Folder of reportable files inside a run folder (docs/architecture.md, "The run folder"). A report
 * copies the files a reportable links to the same path, so this is also the report's folder for
 * them, the router's REPORT_DIRS.reportables (test/render/router/linkedFiles.test.ts holds them equal).
 */
export const REPORTABLES_DIR = "reportables";
/** Log file inside a run folder. */
export const LOG_FILE = "log.txt";

/** Writes the run folder; `final` also renders reportables and points `runs/latest` at the run. */
export async function writeRunFolder(manager: ArtifactManager, options: { final: boolean }): Promise<void> {
  if (manager.dry) return;
  const dir = manager.runDir;
  await makeDirectory(dir);
  const reportables = options.final ? await writeReportables(manager, dir) : [];
  let log: string | null = null;
  if (manager.logEnabled) {
    await writeFile(path.join(dir, LOG_FILE), manager.log.text(), "utf8");
    log = LOG_FILE;
  }
  await writeRunDocument(dir, toWireRun(manager, reportables, log));
  if (options.final) await writeLatest(manager.runsDir, manager.getReferenceName());
}

/** Renders every reportable of a record in the run; one that fails becomes a visible error in its place. */
async function writeReportables(manager: ArtifactManager, dir: string): Promise<WireReportable[]> {
  const names = new UniqueNames();
  const out: WireReportable[] = [];
  for (const reportable of manager.reportables) {
    const { record, qualifiedName } = reportable;
    if (record === null || qualifiedName === null) continue;
    if (record.hidden) {
      manager.log.warn(`reportable ${qualifiedName} of a hidden record is left out of the run`);
      continue;
    }
    try {
      const { wire, file } = await reportable.toWire(
        (f) => `${REPORTABLES_DIR}/${names.claim(safeFileStem(qualifiedName), f.ext)}`,
      );
      if (file !== null && wire.file !== null) {
        await makeDirectory(path.join(dir, REPORTABLES_DIR));
        await writeFile(path.join(dir, wire.file), file.bytes);
      }
      out.push(wire);
    } catch (error) {
      out.push(failedReportable(manager, reportable, qualifiedName, error));
    }
  }
  return out;
}

/** An HTML entry saying that a reportable failed, in its place (the error is logged too). */
function failedReportable(
  manager: ArtifactManager,
  reportable: Reportable,
  qualifiedName: string,
  error: unknown,
): WireReportable {
  const message = describeError(error);
  manager.log.error(`reportable ${qualifiedName} failed to render: ${message}`);
  const html = `<div class="reportable-error"><p><strong>This reportable failed to render.</strong></p><pre>${escapeHtml(message)}</pre></div>`;
  return {
    qualified_name: qualifiedName,
    name: reportable.name ?? qualifiedName,
    group: reportable.group,
    record: reportable.record?.index ?? -1,
    stage: reportable.stage ?? "none",
    kind: "html",
    data: { html },
    file: null,
  };
}
