/**
 * The other places a hostile run's strings are published: the pull-request summary (GitHub
 * Markdown) and its Mermaid DAG. For every hostile run that builds, the summary rendered as GitHub
 * would (GFM) holds no markup, script URL, image, link to the outside or @mention from the run,
 * and its Mermaid diagram parses; the Mermaid-breaker names show in the drawn diagram intact.
 */
import path from "node:path";
import { Marked } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MERMAID_BREAKERS } from "../../scripts/hostile/payloads.js";
import { renderSummary } from "../../src/render/summary/summary.js";
import { readRun } from "../../src/run/read.js";
import { MermaidPage } from "../render/helpers/mermaid.js";
import { listCases, prepareCase, tempDir } from "./helpers/cases.js";

const cases = (await listCases()).filter(
  (c) => c.expected.outcome === "report" && c.expected.setup?.expand === undefined,
);
const gfm = new Marked({ gfm: true, async: false });
let mermaid: MermaidPage;
let root: string;

beforeAll(async () => {
  mermaid = await MermaidPage.open();
  root = await tempDir("curi-hostile-summary-");
}, 120_000);
afterAll(async () => {
  await mermaid?.close();
});

/** Tags GitHub's renderer may show from our Markdown; anything else came from a run. */
const ALLOWED_TAGS = new Set([
  "h1",
  "h2",
  "h3",
  "h4",
  "p",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "code",
  "pre",
  "strong",
  "em",
  "a",
  "ul",
  "ol",
  "li",
  "br",
  "hr",
  "del",
  "details",
  "summary",
  "blockquote",
]);

/** Problems of the summary as GitHub would render it (its HTML comment marker aside). */
function summaryProblems(markdown: string): string[] {
  const html = gfm.parse(markdown.replace(/^<!-- curi-report -->\n/, ""), { async: false });
  const problems: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, name = "", attrs = ""] = m;
    if (!ALLOWED_TAGS.has(name.toLowerCase())) problems.push(`tag ${tag}`);
    if (/\son\w+\s*=/i.test(attrs)) problems.push(`event handler ${tag}`);
    const href = /\shref="([^"]*)"/.exec(attrs)?.[1];
    if (href !== undefined && !href.startsWith("#")) problems.push(`link ${href}`);
  }
  if (/@octocat/.test(html)) problems.push("an @mention");
  return problems;
}

describe.concurrent.each(cases)("summary of hostile run $name", (c) => {
  it("renders as GitHub Markdown with nothing from the run acting as markup, and its Mermaid DAG parses", async () => {
    const dir = path.join(root, c.name);
    await prepareCase(c.name, dir, c.expected.setup);
    const summary = renderSummary(await readRun(dir));
    expect(summaryProblems(summary.markdown)).toEqual([]);
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(summary.markdown)?.[1];
    if (diagram !== undefined) expect(await mermaid.parse(diagram)).toBeNull();
  });
});

describe("the Mermaid-breaker run", () => {
  it("draws every breaker name intact in the DAG", async () => {
    const dir = path.join(root, "mermaid-breakers-drawn");
    await prepareCase("mermaid-breakers", dir, undefined);
    const summary = renderSummary(await readRun(dir));
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(summary.markdown)?.[1] ?? "";
    const drawn = await mermaid.render(diagram);
    const texts = Object.values(drawn.nodes).map((t) => t.replace(/\u2060/g, ""));
    for (const name of MERMAID_BREAKERS) {
      expect(texts, `no node shows ${JSON.stringify(name)}`).toContain(name);
      expect(texts, `no stage shows ${JSON.stringify(`stage ${name}`)}`).toContain(`stage ${name}`);
    }
  });
});
