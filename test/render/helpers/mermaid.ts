/**
 * Mermaid's own parser and renderer, run in real Chromium: mermaid 11 needs a DOM (DOMPurify)
 * even for `mermaid.parse`, so it cannot run under Node. One page loads the packaged
 * `mermaid.min.js` from node_modules (no network) and serves every check.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../helpers/browser.js";

/** A box on the page, in CSS pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What a rendered diagram shows. */
export interface RenderedMermaid {
  /** Flowchart node id (as written in the source) → its text content. */
  readonly nodes: Readonly<Record<string, string>>;
  /** Subgraph titles' text content, in DOM order. */
  readonly clusters: readonly string[];
  /** Edge label texts. */
  readonly edgeLabels: readonly string[];
  /** Node id → where it is drawn. */
  readonly nodeBoxes: Readonly<Record<string, Box>>;
  /** Node id → its classes (`node default failed`). */
  readonly nodeClasses: Readonly<Record<string, string>>;
  /** Each subgraph: its id, its box, and its title's box. */
  readonly subgraphs: readonly { readonly id: string; readonly box: Box; readonly title: Box }[];
  /** The diagram's own size (its viewBox), before any scaling. */
  readonly width: number;
  readonly height: number;
}

/** A Chromium page with mermaid loaded. */
export class MermaidPage {
  /** What each diagram text rendered to: a diagram several tests read is laid out once. */
  private readonly rendered = new Map<string, Promise<RenderedMermaid>>();

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Launches Chromium and loads mermaid (strict security level, as GitHub uses). */
  static async open(): Promise<MermaidPage> {
    const browser = await launchChromium();
    const page = await browser.newPage();
    await page.setContent(
      `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="out"></div></body></html>`,
    );
    const script = path.join(
      path.dirname(createRequire(import.meta.url).resolve("mermaid/package.json")),
      "dist",
      "mermaid.min.js",
    );
    await page.addScriptTag({ path: script });
    await page.evaluate(() =>
      (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
      }),
    );
    return new MermaidPage(browser, page);
  }

  /** `mermaid.parse(text)`: resolves to null when valid, or the parser's error message. */
  parse(text: string): Promise<string | null> {
    return this.page.evaluate(async (t) => {
      try {
        await (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid.parse(t);
        return null;
      } catch (error) {
        return String(error instanceof Error ? error.message : error);
      }
    }, text);
  }

  /** Renders the diagram into the page and reads back what it shows (once per text: the result is plain data). */
  render(text: string): Promise<RenderedMermaid> {
    let drawn = this.rendered.get(text);
    if (drawn === undefined) {
      drawn = this.draw(text);
      this.rendered.set(text, drawn);
    }
    return drawn;
  }

  /** Renders the diagram into the page and reads back what it shows. */
  private draw(text: string): Promise<RenderedMermaid> {
    return this.page.evaluate(async (t) => {
      const m = (window as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      const out = document.getElementById("out") as HTMLElement;
      out.innerHTML = (await m.render("diagram", t)).svg;
      const box = (e: Element | null) => {
        const b = e?.getBoundingClientRect() ?? { x: 0, y: 0, width: 0, height: 0 };
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      };
      const nodes: Record<string, string> = {};
      const nodeBoxes: Record<string, ReturnType<typeof box>> = {};
      const nodeClasses: Record<string, string> = {};
      for (const n of Array.from(out.querySelectorAll(".node"))) {
        const id = /flowchart-(.+)-\d+$/.exec(n.id)?.[1];
        if (!id) continue;
        nodes[id] = n.textContent ?? "";
        nodeBoxes[id] = box(n);
        nodeClasses[id] = n.getAttribute("class") ?? "";
      }
      const clusters = Array.from(out.querySelectorAll(".cluster-label"), (c) => c.textContent ?? "");
      const edgeLabels = Array.from(out.querySelectorAll("g.edgeLabel"), (c) => c.textContent ?? "").filter(
        (s) => s !== "",
      );
      const subgraphs = Array.from(out.querySelectorAll("g.cluster"), (c) => ({
        id: c.id.replace(/^diagram-/, ""),
        box: box(c.querySelector("rect")),
        title: box(c.querySelector(".cluster-label")),
      }));
      const viewBox = out.querySelector("svg")?.viewBox.baseVal;
      return {
        nodes,
        clusters,
        edgeLabels,
        nodeBoxes,
        nodeClasses,
        subgraphs,
        width: viewBox?.width ?? 0,
        height: viewBox?.height ?? 0,
      };
    }, text);
  }

  /** Closes the browser. */
  close(): Promise<void> {
    return this.browser.close();
  }
}
