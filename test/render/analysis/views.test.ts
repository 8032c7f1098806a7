import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { analyseSweep } from "../../../src/render/analysis/analyse.js";
import type { SweepAnalysis } from "../../../src/render/analysis/model.js";
import { plusMinus, winnerSentence } from "../../../src/render/analysis/sentences.js";
import { buildAnalysisView } from "../../../src/render/analysis/views.js";
import { renderTemplate } from "../../../src/render/templates.js";
import { LRS, runOf, truthSweep, type SweepRow } from "./sweeps.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/** Every element of an HTML fragment, in document order, as the browser's parser builds them. */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const visit = (n: Node): void => {
    if ("tagName" in n) out.push(n);
    if ("childNodes" in n) n.childNodes.forEach(visit);
  };
  visit(parseFragment(html));
  return out;
}

/** The text of an element. */
function text(n: Node): string {
  if ("value" in n && n.nodeName === "#text") return n.value;
  return "childNodes" in n ? n.childNodes.map(text).join("") : "";
}

function attr(e: Element, name: string): string {
  return e.attrs.find((a) => a.name === name)?.value ?? "";
}

/** The analysis of a run, or of rows whose metrics all declare "higher is better" (unknown goals are not analysed). */
function analyse(rows: SweepRow[] | ReturnType<typeof truthSweep>): SweepAnalysis {
  const a = analyseSweep(Array.isArray(rows) ? runOf(rows, declaredMax(rows)) : rows);
  if (a === null) throw new Error("expected an analysis");
  return a;
}

/** Every metric of `rows` declared "higher is better". */
function declaredMax(rows: readonly SweepRow[]): Record<string, "max"> {
  return Object.fromEntries(rows.flatMap((r) => Object.keys(r.metrics)).map((name) => [name, "max" as const]));
}

const link = (i: number) => ({ href: `records/${i}.html`, label: `record ${i}` });

/** Two configurations of five seeds whose means are `gap` apart, spread ±2 × `spread`. */
function twoConfigs(gap: number, spread: number): SweepRow[] {
  return [1, 2].flatMap((lr) =>
    [-2, -1, 0, 1, 2].map((o, seed) => ({
      args: { lr, seed },
      metrics: { accuracy: 0.9 + (lr === 2 ? gap : 0) + spread * o },
    })),
  );
}

describe("the winner in words", () => {
  it("says by how much and over how many seeds, and that a margin inside the spread is not significant", () => {
    const sentence = winnerSentence(analyse(twoConfigs(0.001, 0.01)));
    expect(sentence).toMatch(
      /^lr=2 wins by 0\.001 ± 0\.010 accuracy over 5 seeds, which is not significant: the margin is inside the seed spread \(Welch's t-test, p = 0\.\d+ ≥ 0\.05\)\.$/,
    );
  });

  it("names a significant margin with its p-value", () => {
    expect(winnerSentence(analyse(twoConfigs(0.05, 0.002)))).toMatch(
      /^lr=2 wins by 0\.0500 ± 0\.0020 accuracy over 5 seeds \(Welch's t-test, p < 0\.001\)\.$/,
    );
  });

  it("shows a value to the decimals its spread allows", () => {
    expect(plusMinus(0.90094, 0.0039689)).toBe("0.9009 ± 0.0040");
    expect(plusMinus(123.456, 12.3)).toBe("123 ± 12");
    expect(plusMinus(0.5, null)).toBe("0.5");
    expect(plusMinus(0.5, 0)).toBe("0.5");
  });

  it("names the best record when nothing was repeated", () => {
    const rows = LRS.map((lr, i) => ({ args: { lr }, metrics: { accuracy: 0.5 + i / 10 } }));
    expect(winnerSentence(analyse(rows))).toBe(
      "lr=0.1 is best by accuracy (0.8); no configuration was repeated, so there is no seed spread to test it against.",
    );
  });
});

describe("the analysis section, rendered", () => {
  const a = analyse(truthSweep());
  const view = buildAnalysisView(a, link);
  const html = renderTemplate("/partials/analysis/section", { analysis: view });
  const all = elements(html);

  it("leads with the best configuration, flagged not significant, linking to its best record", () => {
    const card = all.find((e) => attr(e, "class").includes("an-best-card"))!;
    expect(attr(card, "class")).toContain("an-not-significant");
    expect(text(card.childNodes.find((n) => "tagName" in n && n.tagName === "h3")!)).toContain("not significant");
    expect(text(card)).toContain("over 5 seeds");
    const links = card.childNodes
      .flatMap((n) => ("childNodes" in n ? n.childNodes : []))
      .filter((n): n is Element => "tagName" in n && n.tagName === "a");
    expect(links.map((e) => attr(e, "href"))).toEqual([`records/${a.best.records[0]}.html`]);
  });

  it("ranks the args per metric with a meter each and the correlation beside it", () => {
    const tables = all.filter((e) => attr(e, "class") === "an-importance");
    expect(tables).toHaveLength(2);
    const rows = elements(renderTemplate("/partials/analysis/metric", { metric: view.metrics[0] }))
      .filter((e) => e.tagName === "tr")
      .slice(1, 4);
    expect(rows.map((r) => text(r.childNodes[0]!).trim())).toEqual(["lr", "wd", "batch"]);
    const meters = all
      .filter((e) => e.tagName === "meter")
      .slice(0, 3)
      .map((m) => Number(attr(m, "value")));
    expect(meters[0]).toBeGreaterThan(0.8);
    expect(meters).toEqual([...meters].sort((x, y) => y - x));
    expect(text(tables[0]!)).toMatch(/ρ = -0\.\d+/);
  });

  it("ranks configurations with mean ± std and n, and shows every chart: parallel, a slice per arg, the heat map", () => {
    const ranking = all.find((e) => attr(e, "class") === "an-ranking")!;
    expect(text(ranking)).toMatch(/lr=0\.01, wd=0, batch=\d+\s*0\.9\d* ± 0\.00\d+\s*5/);
    const svgs = all.filter((e) => e.tagName === "svg").map((s) => attr(s, "class"));
    expect(svgs.filter((c) => c.includes("an-parallel"))).toHaveLength(1);
    expect(svgs.filter((c) => c.includes("an-slice"))).toHaveLength(6);
    expect(svgs.filter((c) => c.includes("an-heatmap"))).toHaveLength(2);
    const ids = all.map((e) => attr(e, "id")).filter((id) => id !== "");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("says how the numbers are computed: the forest, Spearman and eta squared, Welch's test", () => {
    const method = all.find((e) => attr(e, "class") === "an-method")!;
    expect(text(method)).toContain("random forest");
    expect(text(method)).toContain("Spearman");
    expect(text(method)).toContain("η²");
    expect(text(method)).toContain("Welch's t-test");
  });

  it("cuts megabyte names from the run, so the section stays small", () => {
    const key = "k".repeat(1_000_000);
    const metricName = "m".repeat(1_000_000);
    const b = analyse(
      [0, 1, 2, 3].map((i) => ({
        args: { [key]: i, [`${key}2`]: `v${i}`.repeat(100_000) },
        metrics: { [metricName]: i },
      })),
    );
    expect(b.args.every((x) => x.name.length <= 120)).toBe(true);
    expect(b.metrics[0]!.name).toHaveLength(120);
    const page = renderTemplate("/partials/analysis/section", { analysis: buildAnalysisView(b, link) });
    expect(page.length).toBeLessThan(300_000);
    expect(page).toContain("…");
  });

  it("escapes names from the run in the page", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const b = analyse([0, 1, 2, 3].map((i) => ({ args: { [evil]: i, seed: i % 2 }, metrics: { [evil + "m"]: i } })));
    const page = elements(renderTemplate("/partials/analysis/section", { analysis: buildAnalysisView(b, link) }));
    expect(page.filter((e) => e.tagName === "img")).toEqual([]);
    expect(page.filter((e) => e.tagName === "script")).toEqual([]);
  });
});
