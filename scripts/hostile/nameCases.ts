/**
 * Hostile cases about names: quotes, slashes and `..` used as file names, graph and Mermaid
 * breakers, Unicode that vanishes or reorders, very long and empty names, odd references,
 * prototype keys, and figure files that are not what they claim.
 */
import type { WireRun } from "../../src/run/wire.js";
import { PNG_1X1 } from "./base.js";
import { reportCase, reportableOf, setData, type HostileCase } from "./case.js";
import {
  DOT_BREAKERS,
  EVIL_HOST,
  evilNoSlash,
  MERMAID_BREAKERS,
  PWN,
  shownUnicode,
  UNICODE_NAMES,
} from "./payloads.js";

/** Names the stage graphs must show: one per artifact name, representation and path, and stage. */
function namesInGraphs(run: WireRun, names: readonly string[]): void {
  const [r0] = run.records;
  if (!r0) return;
  const stages = names.map((n) => `stage ${n}`);
  r0.stages = stages;
  r0.stage_inputs = names.map((_, i) => (i === 0 ? [] : [i - 1]));
  r0.stage_outputs = names.map((_, i) => [i]);
  r0.stage_info = undefined;
  r0.state_artifact_reps = Object.fromEntries(names.map((n, i) => [`state ${n}`, i]));
  const r1 = run.records[1];
  run.artifacts = names.map((n) => ({
    record: 0,
    name: n,
    string: `rep ${n}`,
    path: `data/cache/${n}`,
    metadata: null,
  }));
  if (r1) Object.assign(r1, { stage_inputs: [[names.length - 1]], stage_outputs: [[names.length]] });
  run.artifacts.push({ record: 1, name: "scores", string: "(Object) {}", path: null, metadata: null });
  for (const r of run.reportables) r.stage = stages[1] ?? "fit";
}

/** Apostrophes and quotes in names that become attributes, anchors and image file names (B2). */
function quotesCase(): HostileCase {
  const names = ["it's a plot", `say "cheese"`, "it's <b>bold", `both ' and " quotes`];
  return reportCase(
    "quotes-in-names",
    {
      description:
        "apostrophes and quotes in args and reportable names used in attributes, anchors and image files (curifactory B2)",
      texts: [...names, "it's bold args"],
    },
    (run) => {
      run.reportables.forEach((r, i) => {
        const name = names[i % names.length] ?? "x";
        r.qualified_name = `${name} ${r.kind}`;
        r.name = name;
      });
      const figure = reportableOf(run, "figure");
      figure.qualified_name = "it's a plot";
      run.args[0] = { name: "it's bold args", hash: "9f1c2e", values: { name: "it's bold args", "it's": `"quoted"` } };
      run.run_info.params = { params: [["it's bold args", "9f1c2e"]] };
    },
  );
}

/** `/`, `..`, absolute and Windows paths in names that become file names (B3). */
function slashCase(): HostileCase {
  const names = [
    "../../../escape",
    "a/b/c",
    "..",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "%2e%2e%2fencoded",
    ".hidden",
    "_underscore",
  ];
  return reportCase(
    "slash-and-dotdot-in-names",
    {
      description: "slashes, .., absolute and Windows paths in qualified names that name report files (curifactory B3)",
      texts: names,
    },
    (run) => {
      run.reportables.forEach((r, i) => {
        r.qualified_name = names[i] ?? `x${i}`;
        r.name = names[i] ?? `x${i}`;
      });
      run.reportables.push(
        { ...reportableOf(run, "figure"), qualified_name: "../index", name: "../index" },
        { ...reportableOf(run, "image"), qualified_name: "../../index.html", name: "x" },
      );
      for (const r of run.records) r.stages = r.stages.map((s) => `../${s}/..`);
      for (const r of run.reportables) r.stage = "../fit/..";
    },
  );
}

/** Comment, CDATA, script and style enders everywhere a string can go. */
function enderCase(): HostileCase {
  const enders = [
    `</script><script>${PWN}</script>`,
    `--><script>${PWN}</script><!--`,
    `]]><script>${PWN}</script><![CDATA[`,
    "</style></textarea></title></noscript></template>",
  ];
  const all = enders.join(" ");
  return reportCase(
    "comment-and-cdata-enders",
    {
      description: "</script>, -->, ]]>, </style>, </title> and friends in the title, info, names, graphs and JSON",
      texts: [`enders ${all}`, `host ${all}`, JSON.stringify(all)],
      graph_texts: enders,
    },
    (run) => {
      Object.assign(run.run_info, { experiment_name: `enders ${all}`, hostname: `host ${all}`, cli: all });
      run.artifacts.forEach((a, i) => {
        a.name = enders[i % enders.length] ?? "x";
        a.string = enders[(i + 1) % enders.length] ?? "x";
        a.path = enders[(i + 2) % enders.length] ?? "x";
      });
      run.records.forEach((r, i) => (r.stages = r.stages.map((_, s) => enders[(i + s) % enders.length] ?? "x")));
      setData(run, "json", { value: { [all]: all } });
    },
  );
}

/** Text that breaks DOT strings and HTML-like labels (the map and the detail graphs). */
function dotCase(): HostileCase {
  return reportCase(
    "dot-breakers",
    {
      description:
        "quotes, backslash escapes, braces, > and < and HTML-like label breakers in stage and artifact names, representations and paths",
      texts: [],
      graph_texts: DOT_BREAKERS.flatMap((n) => [`stage ${n}`, n, `rep ${n}`, `data/cache/${n}`]),
    },
    (run) => namesInGraphs(run, DOT_BREAKERS),
  );
}

/** Text that breaks Mermaid diagrams (the DAG in pull-request comments). */
function mermaidCase(): HostileCase {
  return reportCase(
    "mermaid-breakers",
    {
      description: "Mermaid syntax, directives, click callbacks, style lines and fences in stage and artifact names",
      texts: [],
      graph_texts: MERMAID_BREAKERS.flatMap((n) => [`stage ${n}`, n]),
    },
    (run) => namesInGraphs(run, MERMAID_BREAKERS),
  );
}

/** Control characters, bidi overrides, zero-width characters, emoji and other scripts (B5). */
function unicodeCase(): HostileCase {
  const lone = "lone surrogate \ud800 end";
  return reportCase(
    "unicode-b5",
    {
      description:
        "newlines, control characters, RTL override, zero-width characters, emoji and non-ASCII in names, cells and graphs (curifactory B5)",
      texts: [
        ...UNICODE_NAMES.map((n) => shownUnicode(`experiment ${n}`)),
        ...UNICODE_NAMES.map((n) => shownUnicode(`cell ${n}`)),
        "lone surrogate \ufffd end",
      ],
      graph_texts: UNICODE_NAMES.flatMap((n) => shownUnicode(n).split("\n")),
      index_texts: [shownUnicode(`experiment ${UNICODE_NAMES[2] ?? ""}`)],
    },
    (run) => {
      namesInGraphs(run, UNICODE_NAMES);
      run.run_info.experiment_name = UNICODE_NAMES.map((n) => `experiment ${n}`).join(" | ");
      run.run_info.hostname = lone;
      run.reportables.forEach((r, i) => {
        r.qualified_name = `${UNICODE_NAMES[i % UNICODE_NAMES.length] ?? ""} ${i}`;
      });
      setData(run, "table", {
        columns: ["text"],
        column_types: ["string"],
        index: null,
        rows: UNICODE_NAMES.map((n) => [`cell ${n}`]),
        float_precision: 2,
      });
    },
  );
}

/** Names far longer than any file system or layout allows. */
function longCase(): HostileCase {
  const long = `long-${"x".repeat(10_000)}-end`;
  const experiment = `experiment-${"y".repeat(5_000)}`;
  return reportCase(
    "very-long-names",
    {
      description:
        "a 10,000-character reportable name (an image: a file name), a 5,000-character experiment name and a 250-character reference",
      texts: [long, experiment],
    },
    (run) => {
      run.run_info.reference = `case-very-long-names-${"r".repeat(230)}`;
      run.run_info.experiment_name = experiment;
      for (const r of run.reportables) r.qualified_name = `${long} ${r.kind}`;
      const [r0] = run.records;
      if (r0) r0.stages = [`load-${"s".repeat(2_000)}`, "fit"];
    },
  );
}

/** Empty and blank strings wherever the schema allows them. */
function emptyCase(): HostileCase {
  const bug = [
    "an empty artifact name made an empty <td></td> in a Graphviz HTML label, which left the WebAssembly module broken for the next graph (an error box instead of a record's graph); fixed in src/render/graph/graphviz.ts (a fresh instance after a failure)",
    'and it made the Mermaid node a0[""], which Mermaid refuses, losing the whole PR-summary diagram; fixed in src/render/graph/mermaid.ts (mermaidText of "" is a space)',
  ].join("; ");
  return reportCase(
    "empty-and-blank-names",
    { description: "empty and blank names, groups, stages, hostnames and args names", texts: ["Run info"], bug },
    (run) => {
      Object.assign(run.run_info, { experiment_name: "", hostname: "", cli: "", commit: "" });
      for (const r of run.records) r.stages = r.stages.map(() => " ");
      for (const a of run.artifacts) Object.assign(a, { name: "", string: "" });
      run.reportables.forEach((r, i) =>
        Object.assign(r, { qualified_name: " ".repeat(i + 1), name: "", group: i % 2 === 0 ? "" : " ", stage: "" }),
      );
      run.args[0] = { name: "", hash: "", values: {} };
    },
  );
}

/** Names a file system treats specially: Windows device names, and names equal but for case. */
function reservedCase(): HostileCase {
  const names = ["CON", "con", "nul.txt", "Plot", "plot", "PLOT", "aux.png", "COM1"];
  return reportCase(
    "reserved-and-case-colliding-names",
    { description: "Windows device names and names differing only in case used as image file names", texts: names },
    (run) => {
      run.reportables.forEach((r, i) => Object.assign(r, { qualified_name: names[i] ?? `x${i}` }));
      for (const n of names.slice(0, 4))
        run.reportables.push({ ...reportableOf(run, "figure"), qualified_name: `${n} figure` });
    },
  );
}

/** A reference full of markup (it names the report folder and shows on the index). */
function referenceCase(): HostileCase {
  const reference = `${evilNoSlash("ref")} ü 😀`;
  return reportCase(
    "reference-with-markup",
    {
      description: "a run reference with markup, quotes, emoji and spaces (it becomes the report folder name)",
      texts: [reference],
      index_texts: [reference],
    },
    (run) => {
      run.run_info.reference = reference;
    },
  );
}

/** Keys that are special to JavaScript objects. */
function prototypeCase(): HostileCase {
  const keys = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "__defineGetter__"];
  return reportCase(
    "prototype-keys",
    {
      description: "__proto__, constructor, toString and other Object.prototype names as keys and names everywhere",
      texts: [...keys.map((k) => JSON.stringify(k)), "__proto__ figure"],
    },
    (run) => {
      const values: Record<string, string> = { name: "base" };
      for (const k of keys)
        Object.defineProperty(values, k, {
          value: `value of ${k}`,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      run.args[0] = { name: "base", hash: "9f1c2e", values };
      const params: Record<string, [string, string][]> = {};
      Object.defineProperty(params, "__proto__", { value: [["base", "9f1c2e"]], enumerable: true });
      run.run_info.params = params;
      const reps: Record<string, number> = {};
      keys.forEach((k, i) => Object.defineProperty(reps, k, { value: i % 2, enumerable: true }));
      const [r0] = run.records;
      if (r0) r0.state_artifact_reps = reps;
      for (const a of run.artifacts) a.name = "__proto__";
      setData(run, "json", {
        value: JSON.parse(
          `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}`,
        ) as Record<string, never>,
      });
      reportableOf(run, "figure").qualified_name = "__proto__ figure";
      reportableOf(run, "image").qualified_name = "constructor";
      reportableOf(run, "table").qualified_name = "toString";
    },
  );
}

/** Figure files that are not what their format says, and an SVG that carries script. */
function fileContentCases(): HostileCase[] {
  const fakePng = `<!DOCTYPE html><html><body><script>${PWN};alert("fake png")</script></body></html>`;
  const evilSvg = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" onload="${PWN};alert('svg onload')">`,
    `<script>${PWN};alert("svg script")</script>`,
    `<foreignObject width="40" height="20"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:${PWN}"></iframe></foreignObject>`,
    `<image href="${EVIL_HOST}/svg-image.png" width="10" height="10"/>`,
    `<a xlink:href="javascript:${PWN}"><rect width="40" height="20" fill="#4a90d9"/></a>`,
    "</svg>",
  ].join("\n");
  return [
    reportCase(
      "figure-not-a-png",
      {
        description:
          "a png figure whose file is really an HTML page with a script: shown as a broken image, nothing runs",
        texts: ["base_fit_scatter"],
        broken_images: 1,
      },
      () => undefined,
      [["reportables/fit_scatter.png", fakePng]],
    ),
    reportCase(
      "svg-image-with-script",
      {
        description:
          "an SVG image reportable carrying script, an onload handler, a foreignObject iframe and an outside image: published with its static graphics only",
        texts: ["base_fit_bars"],
        bug: "the SVG file was copied into the site as it was, so opening reportables/*.svg directly ran its script with the site's origin; fixed in src/site/buildReport.ts (copyFromRun) with src/render/reportables/svgFile.ts (sanitizeSvg)",
      },
      () => undefined,
      [["reportables/fit_bars.svg", evilSvg]],
    ),
    reportCase(
      "png-named-svg",
      {
        description:
          "an svg image whose file is really a PNG, and a png figure whose file is really an SVG with script: two broken images, nothing runs",
        texts: ["base_fit_bars"],
        broken_images: 2,
      },
      () => undefined,
      [
        ["reportables/fit_bars.svg", PNG_1X1],
        ["reportables/fit_scatter.png", evilSvg],
      ],
    ),
  ];
}

/** Every name case. */
export function nameCases(): HostileCase[] {
  return [
    quotesCase(),
    slashCase(),
    enderCase(),
    dotCase(),
    mermaidCase(),
    unicodeCase(),
    longCase(),
    emptyCase(),
    reservedCase(),
    referenceCase(),
    prototypeCase(),
    ...fileContentCases(),
  ];
}
