/**
 * scanHtml parses pages on a lean tree of its own (src/site/scanTree.ts) for speed; these tests
 * hold it to the tags of parse5's default tree (helpers/htmlScanReference.ts) on every markup file
 * of the fixtures and templates, on tree-construction corner cases, on the hostile fixtures' strings and
 * files, and on the pages built from the hostile fixtures, each iframe's srcdoc included.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { buildReport } from "../../src/site/buildReport.js";
import { attr, scanHtml, type HtmlTag } from "../../src/site/htmlScan.js";
import { MemoryTarget } from "../../src/site/MemoryTarget.js";
import { HOSTILE_DIR, listCases } from "../hostile/helpers/cases.js";
import { referenceScanHtml } from "./helpers/htmlScanReference.js";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** Every document in which scanHtml and the reference differ: `where` and the first differing tag. */
function differences(html: string, where: string): string[] {
  const fast = scanHtml(html);
  const reference = referenceScanHtml(html);
  const found: string[] = [];
  const at = reference.findIndex((tag, i) => JSON.stringify(tag) !== JSON.stringify(fast[i]));
  if (at >= 0 || fast.length !== reference.length)
    found.push(
      `${where}: tag ${at < 0 ? reference.length : at}: ${JSON.stringify(fast[at])} ≠ ${JSON.stringify(reference[at])}`,
    );
  // A frame's document is parsed on its own (htmlRefs reads it so): compare it too.
  reference.forEach((tag: HtmlTag, i) => {
    const srcdoc = tag.name === "iframe" && !tag.closing ? attr(tag, "srcdoc") : undefined;
    if (srcdoc !== undefined) found.push(...differences(srcdoc, `${where} > iframe ${i} srcdoc`));
  });
  return found;
}

async function filesUnder(dir: string, pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && pattern.test(entry.name)) found.push(path.join(entry.parentPath, entry.name));
  return found.sort();
}

/** The hostile case a file is in. */
function name(file: string): string {
  return path.relative(HOSTILE_DIR, file).split(path.sep)[0] ?? "";
}

/** Every string value in a JSON document. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) strings(v, out);
  return out;
}

// Where tree construction moves, reopens, merges or drops elements, and where locations are tricky.
const CORNER_CASES: readonly string[] = [
  "<p><b>x<p>y</b>z</p>",
  "<a href=1><div><a href=2>x</a></div></a>",
  "<b><i><div><p>misnested</b>after</i>end",
  "<table><tr><td>a</td></tr><b>fostered</b><img src=x>text</table>",
  "<table><!--c--><style>s{}</style>text<script>1</script><input type=hidden><input></table>",
  "<table><td>implied<table><caption><p>c</table></td>",
  "<b><table><td><i></table>x",
  "<body a=1><body b=2 a=3><html lang=x><p>merged attributes</p>",
  "<a href=kept>text</a><frameset><frame src=f><noframes><img src=n></noframes></frameset>",
  "<a href=gone></a><frameset><frame src=f></frameset>",
  "<template><img src=t><a href=u>v</a><template><p id=inner></template></template>",
  `<svg viewBox="0 0 1 1"><foreignObject><img src=i></foreignObject><a xlink:href="#q"/><clipPath id=c></clipPath></svg>`,
  `<math><mi>x</mi><annotation-xml encoding="text/html"><img src=m></annotation-xml><mtext><table><td>x</table></mtext></math>`,
  "<svg><style>a{}</style><script>x</script><title><b>t</b></title><desc><p>html</desc></svg>",
  "<title>a<!--b-->c</title><textarea>x<b>y</textarea><xmp><img></xmp><style></style><script></script>",
  "<script>never closed <img src=s>",
  "<style>p{} /* unclosed",
  "<textarea>\n\nleading newline dropped</textarea><title></title>",
  "<select><option>a<textarea>b</textarea><input><option>c</select>",
  "<p\r\nid=a\r\n>x\r\n</p>\r<br\r/>",
  "\uFEFF<p>\u0000null<a href='\u0000'>\u0000</a></p>",
  `<a x\u00a0y=1 z\u2003=2 href = 'q' title= "t" w =v data-e= >`,
  "<br / ><img src=a/ ><p/><img src=b /\u00a0>",
  "<plaintext><a href=x>not a tag",
  "<noscript><img src=n></noscript><noembed><img></noembed>",
  "<head><link rel=stylesheet href=a></head><link href=late><meta http-equiv=refresh content='0;url=x'>",
  `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 3.2//EN"><table><p>quirks</table>`,
  "<ruby><rb>a<rt>b<rp>(</ruby><dl><dt>a<dd>b</dl>",
  "<div></p></br></div></span>",
  `<iframe srcdoc="<img src=x><iframe srcdoc='<a href=y>'></iframe>"></iframe>`,
  "<input type=hidden><form><form><button><button>",
  "<html><head></head><body></body></html><!-- after --><p>after html</p>",
  "</html><p>x</p></body><div>y",
  "<div>".repeat(600) + "deep" + "</div>".repeat(600),
  "a < b <img src=x> <img src=y",
  "<![CDATA[ <a href=c> ]]><svg><![CDATA[ <a href=d> ]]></svg><!--- -- ---><!-->",
];

describe("scanHtml's lean tree gives the tags of parse5's default tree", () => {
  it("on every HTML, XML and SVG file of the fixtures, and every template", async () => {
    const files = [
      ...(await filesUnder(path.join(REPO, "fixtures"), /\.(x?html?|xml|svg)$/i)),
      ...(await filesUnder(path.join(REPO, "templates"), /\.(x?html?|eta)$/i)),
    ];
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) found.push(...differences(await readFile(file, "utf8"), path.relative(REPO, file)));
    expect(found).toEqual([]);
  });

  it("on corner cases of tree construction", () => {
    const found = CORNER_CASES.flatMap((html, i) => differences(html, `case ${i}`));
    expect(found).toEqual([]);
    // Not vacuous: the cases do reopen elements and drop them, as browsers do.
    expect(scanHtml("<p><b>x<p>y</b>z</p>").filter((t) => t.name === "b" && !t.closing)).toHaveLength(2);
    expect(scanHtml("<a href=gone></a><frameset><frame src=f></frameset>").map((t) => t.name)).toEqual([
      "frameset",
      "frame",
      "frameset",
    ]);
  });

  it("on every string of the hostile fixtures' runs and every text file beside them", async () => {
    const found: string[] = [];
    for (const file of await filesUnder(HOSTILE_DIR, /\.(json|x?html?|xml|svg|md|txt)$/i)) {
      const text = await readFile(file, "utf8");
      const where = path.relative(REPO, file);
      found.push(...differences(text, where));
      // One case is a run.json that is not JSON: its text was compared above.
      if (!file.endsWith(".json") || name(file) === "invalid-json") continue;
      for (const [i, value] of strings(JSON.parse(text)).entries())
        if (value.includes("<")) found.push(...differences(value, `${where} string ${i}`));
    }
    expect(found).toEqual([]);
  });

  it("on every page built from the hostile fixtures that build a report (frames included)", async () => {
    const found: string[] = [];
    let pages = 0;
    for (const { name, expected } of await listCases()) {
      // Cases with huge values or links made at test time are the hostile suite's; their markup is in the others.
      if (expected.outcome !== "report" || expected.setup !== undefined) continue;
      const target = new MemoryTarget();
      await buildReport(await readRun(path.join(HOSTILE_DIR, name)), { outDir: target.root, target });
      for (const file of target.files.list().filter((f) => /\.html$/.test(f))) {
        pages++;
        found.push(...differences(await target.files.readText(file), `${name}: ${file}`));
      }
    }
    expect(pages).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
