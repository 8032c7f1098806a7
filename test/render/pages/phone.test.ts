/**
 * Issue 21 point 17, on a 390 px phone in Chromium: titles wrap between words (the parts of an
 * `a_b_c` name count as words), a name with no such place still wraps without widening the page,
 * and the results come before the run info's list of args-set hashes, which starts collapsed to
 * its count. Measured, not eyeballed: where each line of a title starts, where the results start.
 */
import { mkdir, mkdtemp, rm, writeFile, copyFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../../../src/render/report.js";
import { ASSETS_DIR } from "../../../src/render/templates.js";
import type { ArgsSet, Run } from "../../../src/run/model.js";
import { launchChromium } from "../../helpers/browser.js";
import { syntheticRun } from "../helpers/runs.js";

const PHONE = { width: 390, height: 844 };
const N = 30;
/** A name with no place to break: it must wrap inside its box rather than widen the page. */
const UNBROKEN = `x${"y".repeat(70)}`;

/** A 30-record sweep with long `a_b_c` names everywhere a title shows one, and a metric per record. */
function phoneRun(): Run {
  const base = syntheticRun(N, { stages: ["train_the_transformer_model"], outputsPerStage: 1 });
  const name = (i: number) => (i === 7 ? UNBROKEN : `transformer_with_learning_rate_${i}_and_long_name`);
  const args: ArgsSet[] = Array.from({ length: N }, (_, i) => ({
    name: name(i),
    hash: `${String(i).padStart(2, "0")}${"ab".repeat(15)}`,
    values: { name: name(i), lr: 0.01 * (i + 1) },
    ignored: [],
    reprs: {},
  }));
  return {
    ...base,
    info: {
      ...base.info,
      experimentName: "hyperparameter_sweep_of_learning_rates",
      reference: "hyperparameter_sweep_of_learning_rates_1_2026-11-30-T100001",
      params: { sweep: args.map((a) => [a.name, a.hash] as const) },
    },
    args,
    records: base.records.map((r) =>
      r.isAggregate
        ? r
        : {
            ...r,
            argsName: name(r.index),
            argsHash: args[r.index]?.hash ?? null,
            metrics: { accuracy: 0.5 + r.index / 100 },
          },
    ),
  };
}

/**
 * Breaks inside a word of each element matched by `selector`: a line that starts between two
 * letters or digits of a word short enough to fit a line. Returns `element: …before|after…` per break.
 */
async function midWordBreaks(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const found: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      const chars: { c: string; top: number }[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n !== null; n = walker.nextNode() as Text | null) {
        for (let i = 0; i < n.data.length; i++) {
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const rect = range.getClientRects()[0];
          if (rect !== undefined) chars.push({ c: n.data[i] ?? "", top: rect.top });
        }
      }
      const text = chars.map((x) => x.c).join("");
      for (let i = 1; i < chars.length; i++) {
        const prev = chars[i - 1];
        const next = chars[i];
        if (prev === undefined || next === undefined || next.top <= prev.top + 2) continue;
        if (!/[\p{L}\p{N}]/u.test(prev.c) || !/[\p{L}\p{N}]/u.test(next.c)) continue;
        const word = /[\p{L}\p{N}]*$/u.exec(text.slice(0, i))?.[0].length ?? 0;
        const rest = /^[\p{L}\p{N}]*/u.exec(text.slice(i))?.[0].length ?? 0;
        if (word + rest < 25)
          found.push(`${el.tagName}: ${text.slice(Math.max(0, i - 10), i)}|${text.slice(i, i + 10)}`);
      }
    }
    return found;
  }, selector);
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "curi-phone-"));
  const report = await renderReport(phoneRun(), { version: "0.0.0-test" });
  for (const f of report.files) {
    await mkdir(path.dirname(path.join(dir, f.path)), { recursive: true });
    await writeFile(path.join(dir, f.path), f.content);
  }
  for (const asset of await readdir(ASSETS_DIR)) await copyFile(path.join(ASSETS_DIR, asset), path.join(dir, asset));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

async function open(file: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`file://${path.join(dir, file)}`);
  return page;
}

describe("at 390 px", () => {
  it("the run page shows the results before the args-set hashes, which start collapsed", async () => {
    const page = await open("index.html");
    const results = await page.locator("#results").evaluate((e) => e.getBoundingClientRect().top + scrollY);
    // Before: the 30 hashes, a line each, pushed the results about two screens down (2,250 px).
    // Now the results heading is on the first screen (782 px here).
    expect(results).toBeLessThan(PHONE.height);
    await expect(page.locator("details.args-sets > summary").innerText()).resolves.toBe("Args sets (30)");
    expect(await page.locator("details.args-sets .hash").first().isVisible()).toBe(false);
    await page.locator("details.args-sets > summary").click();
    expect(await page.locator("details.args-sets .hash").first().isVisible()).toBe(true);
    await page.context().close();
  });

  for (const file of ["index.html", "records/3.html", "records/7.html"]) {
    it(`${file}: titles wrap between words and nothing widens the page`, async () => {
      const page = await open(file);
      const selector = "h1, h2, h3, h4, .breadcrumb, .record-nav a, .info-grid dd";
      expect(await midWordBreaks(page, selector)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.context().close();
    });
  }
});
