import { describe, expect, it } from "vitest";
import { pageProblems } from "./pageCheck.js";

const HEAD = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="x"><meta http-equiv="Content-Security-Policy" content="x"><title>t</title></head><body>`;

describe("pageProblems (the checker the page tests rely on)", () => {
  it("passes a sound page", () => {
    expect(pageProblems(`${HEAD}<p id="a"><a href="#a">x</a></p></body></html>`)).toEqual([]);
  });

  it.each([
    [`<p id="a"></p><p id="a"></p>`, "duplicate id a"],
    [`<a href="#nowhere">x</a>`, "link to missing #nowhere"],
    [`<p style="color:red">x</p>`, "inline style attribute"],
    [`<p>a</br>b</p>`, "</br>"],
    [`<p>run: <pre>x</pre></p>`, "block element inside <p>"],
    [`<script>alert(1)</script>`, "inline script"],
    [`<div><span></div>`, "</div> closes <span> at"],
  ])("flags %s", (body, problem) => {
    expect(pageProblems(`${HEAD}${body}</body></html>`).join("\n")).toContain(problem);
  });

  it("flags a page without doctype or charset", () => {
    expect(pageProblems(`<html><body></body></html>`)).toEqual(
      expect.arrayContaining(["no doctype first", "no charset", "no CSP"]),
    );
  });
});
