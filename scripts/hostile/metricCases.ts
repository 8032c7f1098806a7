/**
 * Hostile cases for surfaces issue 23 added: metrics (names and values) and a custom reportable's
 * linked pages. Each says what it guards and the fix it pins.
 */
import type { WireRun } from "../../src/run/wire.js";
import { reportCase, reportableOf, type HostileCase } from "./case.js";
import { EVIL_HOST, PWN, SCRIPT } from "./payloads.js";

/** A metric name made of markup. */
const MARKUP_NAME = `<img src=x onerror="${PWN}">acc`;
/** A name as long as a run's author might paste by mistake (issue 23.8: 2.6 MB took a run out of the index). */
const LONG_NAME = `long_${"m".repeat(20_000)}`;

/** Metrics with names that are markup, object-prototype keys and huge, and values JSON cannot hold. */
function metricNamesCase(): HostileCase {
  return reportCase(
    "metric-names",
    {
      description:
        "run and record metrics named with markup, __proto__ and constructor (23.9), a 20,000-character name (23.8), and NaN, ±Infinity and huge values",
      texts: ["__proto__", "constructor", MARKUP_NAME],
      bug: "23.9: a metric named __proto__ lost its goal and vanished from the trends (fixed with null-prototype maps, formats); 23.8: a huge name made run_info.json too big for the index (fixed: names clipped in every published file)",
    },
    (run: WireRun) => {
      run.schema_version = 2;
      // Computed keys: a literal `__proto__:` would set the prototype, not make a key.
      run.metrics = {
        ["__proto__"]: 0.5,
        constructor: { $float: "NaN" as const },
        [MARKUP_NAME]: { $float: "Infinity" as const },
        [LONG_NAME]: 1e308,
        loss: [
          { step: 0, value: { $float: "-Infinity" as const } },
          { step: 1, value: 5e-324 },
        ],
      };
      run.metric_goals = { ["__proto__"]: "min", [MARKUP_NAME]: "max" };
      const record = run.records[0];
      if (record !== undefined) record.metrics = { ["__proto__"]: 1, [MARKUP_NAME]: 2 };
    },
  );
}

/** A page a custom reportable's render() wrote (a plotly write_html page), which runs script opened on its own. */
const LINKED_PAGE = [
  `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0;url=${EVIL_HOST}/away">${SCRIPT}</head>`,
  `<body onload="${PWN}"><h1>linked plot</h1><a href="javascript:${PWN}">go</a>`,
  `<object data="${EVIL_HOST}/x.swf"></object><iframe src="${EVIL_HOST}/frame"></iframe></body></html>`,
].join("");

/** A reportable's linked HTML, XHTML and XML files (23.5). */
function linkedPagesCase(): HostileCase {
  const files = ["reportables/plot.html", "reportables/plot.htm", "reportables/page.xhtml", "reportables/feed.xml"];
  return reportCase(
    "linked-pages",
    {
      description:
        "an HTML reportable linking pages its render() wrote (.html, .htm, .xhtml, .xml) full of script, handlers, a refresh away and plugins",
      texts: [],
      bug: "23.5: linked pages were copied as they were and ran their scripts opened on their own (fixed: framed without scripts by containedPage.ts; check fails active markup)",
    },
    (run: WireRun) => {
      run.schema_version = 2;
      const html = reportableOf(run, "html");
      html.data = { html: files.map((f) => `<a href="${f}">${f}</a>`).join(" ") };
      html.files = files;
    },
    files.map((f) => [f, f.endsWith(".html") || f.endsWith(".htm") ? LINKED_PAGE : xhtmlPage()] as [string, string]),
  );
}

/** XHTML with a script: run from an .xhtml or .xml name. */
function xhtmlPage(): string {
  return `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body onload="${PWN}"><p>xhtml</p><script>${PWN}</script></body></html>`;
}

/** Every metric and linked-page case. */
export function metricCases(): HostileCase[] {
  return [metricNamesCase(), linkedPagesCase()];
}
