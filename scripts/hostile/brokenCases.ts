/**
 * Hostile cases of broken or oversized input: runs that failed or stopped, huge tables and
 * strings, deep nesting, extreme numbers, and every way run.json can be refused (bad JSON,
 * schema violations, unknown versions, missing files, paths and links leading out, unsafe references).
 */
import { errorCase, reportableOf, reportCase, setData, type HostileCase } from "./case.js";
import { evil } from "./payloads.js";

/** A run that failed and one that stopped half-way: both rendered, with a banner. */
function statusCases(): HostileCase[] {
  return [
    reportCase(
      "status-error",
      {
        description: "a run with status error and its error text: rendered with a red banner",
        texts: ["RuntimeError - the fit diverged"],
        banner: "error",
      },
      (run) => {
        run.run_info.status = "error";
        run.run_info.error = "RuntimeError - the fit diverged";
      },
    ),
    reportCase(
      "status-incomplete",
      {
        description: "a run with status incomplete (it stopped before the end): rendered with an orange banner",
        texts: ["INCOMPLETE", "Run incomplete:"],
        banner: "incomplete",
        bug: "an incomplete run got no banner, only an orange status word; fixed in src/render/views/header.ts and templates/partials/report/info.eta",
      },
      (run) => {
        run.run_info.status = "incomplete";
        const [, r1] = run.records;
        if (r1) Object.assign(r1, { stages: [], stage_inputs: [], stage_outputs: [], state_artifact_reps: {} });
        run.artifacts.pop();
      },
    ),
  ];
}

/** Sizes far past what a page can show: shortened, with a visible note. */
function hugeCases(): HostileCase[] {
  const ten = 10 * 1024 * 1024;
  return [
    reportCase(
      "huge-table",
      {
        description: "a table of 100,000 rows: shown shortened with a note",
        texts: ["Showing the first 1,000 of 100,000 rows."],
        max_page_bytes: 1_048_576,
        setup: { expand: [{ pointer: "/reportables/2/data/rows", repeat: 100_000 }] },
      },
      (run) =>
        setData(run, "table", {
          columns: ["args", "accuracy"],
          column_types: ["string", "float"],
          index: null,
          rows: [["row <b>&</b>", 0.5]],
          float_precision: 3,
        }),
    ),
    reportCase(
      "huge-json-string",
      {
        description: "a 10 MB string in a JSON reportable: shown shortened with a note",
        texts: ["Showing the first 200,000 of"],
        max_page_bytes: 1_048_576,
        setup: { expand: [{ pointer: "/reportables/1/data/value/text", length: ten }] },
      },
      (run) => setData(run, "json", { value: { text: "0123456789<>&\"'" } }),
    ),
    reportCase(
      "huge-strings-everywhere",
      {
        description:
          "10 MB of text in the notes, an artifact representation, an HTML, a Markdown and a LaTeX reportable and a table cell: each shown shortened",
        bug: [
          "10 MB of notes overflowed marked's stack, which took the whole report down (exit 1, no report); fixed in src/render/markup/markdown.ts (length cap, plain-text fallback, never throws)",
          "the HTML reportable's frame and a table cell were shown in full (a 38 MB page); fixed in src/render/reportables/html.ts and src/render/markup/table.ts",
          "OPEN: graphs/dag.json keeps the 10 MB representation (dagJson in src/render/graph/dag.ts), over check's 5 MiB budget per file",
        ].join("; "),
        texts: ["Showing the first"],
        max_page_bytes: 1_048_576,
        setup: {
          expand: [
            { pointer: "/run_info/notes", length: ten },
            { pointer: "/artifacts/0/string", length: ten },
            { pointer: "/reportables/0/data/html", length: ten },
            { pointer: "/reportables/2/data/rows/0/0", length: ten },
            { pointer: "/reportables/4/data/latex", length: ten },
            { pointer: "/reportables/5/data/markdown", length: ten },
          ],
        },
      },
      (run) => {
        run.run_info.notes = "notes line <b>\n";
        run.artifacts[0] = { record: 0, name: "data", string: "representation <b> ", path: null, metadata: null };
        setData(run, "html", { html: "<p>html</p>\n" });
        setData(run, "table", {
          columns: ["text"],
          column_types: ["string"],
          index: null,
          rows: [["cell <b> "]],
          float_precision: 2,
        });
        setData(run, "latex", { latex: "\\textbf{latex} " });
        setData(run, "markdown", { markdown: "markdown *line*\n" });
      },
    ),
    reportCase(
      "huge-run-info-strings",
      {
        description:
          "a megabyte in each run-info string, reportable name, group, stage, record and args name, and 10 MB in an args value: each cut with a visible marker",
        texts: ["more characters]"],
        index_texts: ["more characters]"],
        banner: "error",
        max_page_bytes: 1_048_576,
        bug: "run-info strings, names and args values were shown in full, several times each (a 10 MB args value made a 10 MB page; 10 MB of notes made run_info.json too big for the index, which then listed the run as informal); fixed with clipField (src/util/clip.ts) in the header, reportables, args and index views and in run_info.json",
        setup: {
          expand: [
            ...["experiment_name", "hostname", "cli", "commit", "error"].map((f) => ({
              pointer: `/run_info/${f}`,
              length: 1024 * 1024,
            })),
            { pointer: "/run_info/notes", length: ten },
            { pointer: "/reportables/0/qualified_name", length: 1024 * 1024 },
            { pointer: "/reportables/0/group", length: 1024 * 1024 },
            { pointer: "/reportables/0/stage", length: 1024 * 1024 },
            { pointer: "/records/0/name", length: 1024 * 1024 },
            { pointer: "/records/0/stages/0", length: 1024 * 1024 },
            { pointer: "/args/0/name", length: 1024 * 1024 },
            { pointer: "/args/0/values/blob", length: ten },
          ],
        },
      },
      (run) => {
        Object.assign(run.run_info, { status: "error", error: "Error <b> ", notes: "notes <b>\n" });
        const first = run.reportables[0];
        if (first) Object.assign(first, { group: "group <b> ", stage: "stage <b> " });
        run.args[0] = { name: "base", hash: "9f1c2e", values: { name: "base", blob: "blob <b> " } };
      },
    ),
    reportCase(
      "extreme-numbers",
      {
        description:
          "line plots of huge, tiny, constant, all-missing and many series; table cells of ±1e308, -0 and NaN strings at precision 100",
        texts: ["1.7976931348623157e+308"],
      },
      (run) => {
        setData(run, "lineplot", {
          title: "extremes",
          x_label: null,
          y_label: null,
          series: [
            { name: "huge", y: [1.7976931348623157e308, -1.7976931348623157e308, 0], x: [-1e308, 0, 1e308] },
            { name: "tiny", y: [5e-324, -5e-324, 0], x: null },
            { name: "flat", y: [7, 7, 7], x: [1, 1, 1] },
            { name: "gaps", y: [null, null, null], x: null },
            ...Array.from({ length: 40 }, (_, i) => ({ name: `s${i}`, y: [i, i + 1], x: null })),
          ],
        });
        setData(run, "table", {
          columns: ["float", "int", "mixed"],
          column_types: ["float", "int", "mixed"],
          index: null,
          rows: [
            [1.7976931348623157e308, 1.7976931348623157e308, "NaN"],
            [-0, -0, "-inf"],
            [5e-324, 2 ** 53, "Infinity"],
          ],
          float_precision: 100,
        });
        const curve = reportableOf(run, "lineplot");
        run.reportables.push({
          ...curve,
          qualified_name: "empty plot",
          data: { title: null, x_label: null, y_label: null, series: [{ name: null, y: [], x: [] }] },
        });
      },
    ),
  ];
}

/** run.json that must be refused, each with its error class, exit code and pointers. */
function documentErrorCases(): HostileCase[] {
  return [
    errorCase(
      "deeply-nested-json",
      {
        description: "a JSON reportable nested 100,000 arrays deep: refused with a pointer instead of a stack overflow",
        error: "InvalidRunError",
        exit: 4,
        pointers: [`/reportables/1/data/value${"/0".repeat(196)}`],
        message_includes: ["nested more than 200 levels deep"],
        bug: "a 100,000-deep JSON value passed validation and then overflowed the stack in rendering; fixed in src/run/depth.ts (validateRun refuses documents deeper than 200 levels)",
        setup: { expand: [{ pointer: "/reportables/1/data/value", nest: 100_000 }] },
      },
      (run) => setData(run, "json", { value: "deep" }),
    ),
    errorCase(
      "deeply-nested-args",
      {
        description: "an args value nested 100,000 objects deep: refused with a pointer instead of a stack overflow",
        error: "InvalidRunError",
        exit: 4,
        pointers: [`/args/0/values/deep${"/0".repeat(196)}`],
        message_includes: ["nested more than 200 levels deep"],
        setup: { expand: [{ pointer: "/args/0/values/deep", nest: 100_000 }] },
      },
      (run) => {
        run.args[0] = { name: "base", hash: "9f1c2e", values: { name: "base", deep: 1 } };
      },
    ),
    errorCase(
      "invalid-json",
      {
        description: "run.json that is not JSON (a stray comma and an unclosed string)",
        error: "InvalidRunError",
        exit: 4,
        pointers: [],
        message_includes: ["line 2, column 23"],
      },
      () => `{\n  "schema_version": 1,,\n  "run_info": {"reference": "broken\n}`,
    ),
    errorCase(
      "unknown-schema-version",
      {
        description: "a schema_version this build does not know: the error names the supported ones",
        error: "UnsupportedVersionError",
        exit: 4,
        message_includes: ["99", "1"],
      },
      (run) => ({ ...run, schema_version: 99 }),
    ),
    errorCase(
      "several-schema-violations",
      {
        description: "seven schema violations at once, each reported with its JSON pointer",
        error: "InvalidRunError",
        exit: 4,
        pointers: [
          "/run_info/run_number",
          "/run_info/status",
          "/records/0/stages",
          "/artifacts/0/record",
          "/reportables/0/kind",
          "/reportables/2/data/rows/0",
          "/log",
        ],
        message_includes: ["problems"],
      },
      (run) => {
        const doc = JSON.parse(JSON.stringify(run)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        doc["run_info"].run_number = "one";
        doc["run_info"].status = "<script>";
        doc["records"][0].stages = 5;
        doc["artifacts"][0].record = -1;
        doc["reportables"][0].kind = "exe";
        doc["reportables"][2].data.rows[0] = ["only one cell"];
        doc["log"] = 7;
        return doc;
      },
    ),
    errorCase(
      "escaped-pointer",
      {
        description: "a problem under a key holding / and ~: the pointer escapes them (~1, ~0)",
        error: "InvalidRunError",
        exit: 4,
        pointers: ["/records/0/state_artifact_reps/a~1b~0c"],
        message_includes: ["out of range"],
      },
      (run) => {
        const [r0] = run.records;
        if (r0) r0.state_artifact_reps = { "a/b~c": 99 };
      },
    ),
    errorCase(
      "duplicate-qualified-names",
      {
        description: "two reportables with the same qualified name",
        error: "InvalidRunError",
        exit: 4,
        pointers: ["/reportables/1/qualified_name"],
        message_includes: ["unique"],
      },
      (run) => {
        const [first, second] = run.reportables;
        if (first && second) second.qualified_name = first.qualified_name;
      },
    ),
    errorCase(
      "missing-reportable-file",
      {
        description: "a figure whose file is not in the run folder",
        error: "InvalidRunError",
        exit: 4,
        pointers: ["/reportables/6/file"],
        message_includes: ["does not exist"],
      },
      (run) => {
        reportableOf(run, "figure").file = "reportables/not-there.png";
      },
    ),
    errorCase(
      "missing-log-file",
      {
        description: "a log that is not in the run folder",
        error: "InvalidRunError",
        exit: 4,
        pointers: ["/log"],
        message_includes: ["does not exist"],
      },
      () => undefined,
      [["log.txt", null]],
    ),
  ];
}

/** Files named in run.json that lead outside the run folder. */
function pathErrorCases(): HostileCase[] {
  const unsafe = (name: string, description: string, file: string, includes: string[]) =>
    errorCase(
      name,
      { description, error: "UnsafePathError", exit: 5, pointers: ["/reportables/6/file"], message_includes: includes },
      (run) => {
        reportableOf(run, "figure").file = file;
      },
    );
  return [
    unsafe(
      "figure-path-dotdot",
      "a figure path that climbs out of the run folder with ..",
      "reportables/../../../../etc/hostname",
      [".. segment"],
    ),
    unsafe("figure-path-absolute", "a figure path that is absolute", "/etc/hostname", ["absolute"]),
    unsafe(
      "figure-path-backslash",
      "a figure path with Windows separators climbing out",
      "reportables\\..\\..\\secret.png",
      ["backslash"],
    ),
    unsafe("figure-path-nul", "a figure path with a NUL character", "reportables/fit_scatter.png\u0000.txt", ["NUL"]),
    errorCase(
      "figure-symlink-outside",
      {
        description: "a figure file that is a symbolic link to a file outside the run folder",
        error: "UnsafePathError",
        exit: 5,
        pointers: ["/reportables/6/file"],
        message_includes: ["symbolic link"],
        setup: { symlinks: [{ path: "reportables/fit_scatter.png", target: "/etc/hostname" }] },
      },
      () => undefined,
      [["reportables/fit_scatter.png", null]],
    ),
    errorCase(
      "figure-relative-symlink-outside",
      {
        description: "a figure file that is a relative symbolic link climbing out of the run folder",
        error: "UnsafePathError",
        exit: 5,
        pointers: ["/reportables/7/file"],
        message_includes: ["symbolic link"],
        setup: { symlinks: [{ path: "reportables/fit_bars.svg", target: `${"../".repeat(24)}etc/hostname` }] },
      },
      () => undefined,
      [["reportables/fit_bars.svg", null]],
    ),
    errorCase(
      "log-symlink-outside",
      {
        description: "a log file that is a symbolic link to /etc/hostname",
        error: "UnsafePathError",
        exit: 5,
        pointers: ["/log"],
        message_includes: ["symbolic link"],
        setup: { symlinks: [{ path: "log.txt", target: "/etc/hostname" }] },
      },
      () => undefined,
      [["log.txt", null]],
    ),
    errorCase(
      "reportables-folder-symlink-outside",
      {
        description: "a reportables/ folder that is a symbolic link to /etc, with a figure named reportables/hostname",
        error: "UnsafePathError",
        exit: 5,
        pointers: ["/reportables/6/file"],
        message_includes: ["symbolic link"],
        setup: { symlinks: [{ path: "reportables", target: "/etc" }] },
      },
      (run) => {
        reportableOf(run, "figure").file = "reportables/hostname";
        run.reportables = run.reportables.filter((r) => r.kind !== "image");
      },
      [
        ["reportables/fit_scatter.png", null],
        ["reportables/fit_bars.svg", null],
      ],
    ),
  ];
}

/** References that would name a folder outside the site, or one of the site's own files. */
function referenceErrorCases(): HostileCase[] {
  const ref = (name: string, reference: string, error: "InvalidRunError" | "UnsafePathError", includes: string[]) =>
    errorCase(
      name,
      {
        description: `the run reference ${JSON.stringify(reference)}, which would write outside the site or over its own files`,
        error,
        exit: error === "InvalidRunError" ? 4 : 5,
        ...(error === "InvalidRunError" ? { pointers: ["/run_info/reference"] } : {}),
        message_includes: includes,
      },
      (run) => {
        run.run_info.reference = reference;
      },
    );
  return [
    ref("reference-dotdot", "..", "InvalidRunError", ["cannot name a folder"]),
    ref("reference-path-traversal", "../../../tmp/evil", "InvalidRunError", ["cannot name a folder"]),
    ref("reference-backslash-traversal", "..\\..\\evil", "InvalidRunError", ["cannot name a folder"]),
    ref("reference-named-latest", "latest", "UnsafePathError", ["reserved"]),
    ref("reference-named-index", "index.html", "UnsafePathError", ["reserved"]),
    ref("reference-named-assets-upper-case", "ASSETS", "UnsafePathError", ["reserved"]),
  ];
}

/** The error text of a failed run: here as a plain string that must show in full. */
function errorTextCase(): HostileCase {
  return reportCase(
    "error-text-multiline",
    {
      description: "a failed run whose error text spans lines and holds markup",
      texts: [`Traceback:\n  line 1\n${evil("error")}`],
      banner: "error",
    },
    (run) => {
      run.run_info.status = "error";
      run.run_info.error = `Traceback:\n  line 1\n${evil("error")}`;
    },
  );
}

/** Every broken-input case. */
export function brokenCases(): HostileCase[] {
  return [
    ...statusCases(),
    errorTextCase(),
    ...hugeCases(),
    ...documentErrorCases(),
    ...pathErrorCases(),
    ...referenceErrorCases(),
  ];
}
