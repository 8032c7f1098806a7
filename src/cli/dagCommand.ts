/**
 * `curi-report dag <run>`: exports the stage DAG as SVG, DOT, Mermaid or JSON, for docs and CI.
 */
import { writeFile } from "node:fs/promises";
import { exportDag } from "../render/graph/dagExport.js";
import { runShapes } from "../render/facts/recordShapes.js";
import { withRenderCaches } from "../render/renderCaches.js";
import { readRun } from "../run/read.js";
import { defaultStateDir } from "../site/incremental.js";
import { OutputError, UsageError } from "../util/errors.js";
import type { ArgsOf } from "./commandSpec.js";
import type { DAG } from "./commands.js";
import { displayPath, resolveArg, say, type CliIo } from "./io.js";

/** Runs `curi-report dag` with its parsed arguments; resolves to the exit code. */
export async function runDag({ values, positionals }: ArgsOf<typeof DAG>, io: CliIo): Promise<number> {
  const run = await readRun(resolveArg(io, positionals[0] ?? ""));
  const recordText = values.record;
  const record = recordText === undefined ? undefined : Number(recordText);
  if (record !== undefined && !(Number.isInteger(record) && record >= 0 && record < run.records.length)) {
    throw new UsageError(
      `--record ${JSON.stringify(recordText)} is not a record of ${run.info.reference}; it has records 0 to ${run.records.length - 1}.`,
    );
  }
  // Graphviz layouts made before (by `dag` or a build), from the user's cache folder.
  const text = await withRenderCaches(defaultStateDir(), () =>
    exportDag(run, runShapes(run), {
      format: values.format,
      ...(record === undefined ? {} : { record }),
      ...(values.collapse ? { collapse: true } : {}),
    }),
  );
  await writeOutput(io, values.out, text);
  return 0;
}

/** Writes `text` to the file named by `--out`, or to stdout without one. */
async function writeOutput(io: CliIo, out: string | undefined, text: string): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  const file = resolveArg(io, out);
  await writeFile(file, text, "utf8").catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new OutputError(
      `Cannot write ${displayPath(io, file)} (${code}); check that its folder exists and is writable, or choose another --out.`,
      { cause: error },
    );
  });
  say(io, `Wrote ${displayPath(io, file)}`);
}
