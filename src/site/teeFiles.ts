/**
 * A report writer that also hands every write to a second one: how the single file sees a
 * report's outputs as they go out. Kept apart from singleFileSink.ts so a build without
 * `--single-file` does not load the sink and its HTML parser.
 */
import type { ReportFiles } from "./ReportFiles.js";

/**
 * A writer that writes to `primary` and passes every write and copy on to `sink` too. The sink is
 * called first, in the order the writes are started (the stream's order), not the order they end
 * in: concurrent writes to disk end in any order, and the sink's choices depend on which page came first.
 */
export function teeFiles(primary: ReportFiles, sink: ReportFiles): ReportFiles {
  return {
    root: primary.root,
    write: async (rel, content) => {
      const kept = sink.write(rel, content);
      await primary.write(rel, content);
      await kept;
    },
    copy: async (rel, source, sourceRoot) => {
      const kept = sink.copy(rel, source, sourceRoot);
      await primary.copy(rel, source, sourceRoot);
      await kept;
    },
    read: (rel) => primary.read(rel),
    list: () => primary.list(),
  };
}
