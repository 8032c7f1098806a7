import { MAX_PAGE_BYTES } from "../../../src/render/pageBound.js";
import { describe, expect, it } from "vitest";
import type { IndexEntry } from "../../../src/render/views/indexPage.js";
import { indexEntryFromRunInfo, renderIndex } from "../../../src/render/views/indexPage.js";
import { renderReport } from "../../../src/render/report.js";
import type { RenderedFile } from "../../../src/render/types.js";
import { richRun } from "./make.js";
import { decodeEntities, fileText, pageProblems, textOf } from "./pageCheck.js";

/** A run_info.json-shaped object. */
function info(
  reference: string,
  experiment: string,
  run: number,
  timestamp: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    reference,
    experiment_name: experiment,
    run_number: run,
    timestamp,
    commit: "abc",
    workdir_dirty: false,
    param_files: [experiment],
    params: {
      [experiment]: [
        ["simple_lr", "h1"],
        ["simple_rf", "h2"],
      ],
    },
    full_store: false,
    status: "complete",
    cli: `experiment ${experiment} -p ${experiment}`,
    hostname: "vm",
    notes: null,
    ...extra,
  };
}

function entry(
  reference: string,
  experiment: string,
  run: number,
  timestamp: string,
  extra: Record<string, unknown> = {},
): IndexEntry {
  return indexEntryFromRunInfo(info(reference, experiment, run, timestamp, extra), reference);
}

function file(files: RenderedFile[], path: string): string {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path}`);
  return String(f.content);
}

const ENTRIES: IndexEntry[] = [
  entry("quirks_4_2026-11-26-T234038", "quirks", 4, "2026-11-26-T234038", {
    status: "error",
    error: "ValueError - deliberate failure",
    workdir_dirty: true,
    cli: "experiment quirks -p quirks_fail --no-log",
  }),
  entry("iris_1_2026-11-26-T233842", "iris", 1, "2026-11-26-T233842"),
  entry("iris_3_2026-11-26-T233906", "iris", 3, "2026-11-26-T233906", {
    cli: "experiment iris -p iris --cache data/runs/iris_2/artifacts --dry-cache",
  }),
  entry("iris_2_2026-11-26-T233857", "iris", 2, "2026-11-26-T233857", {
    full_store: true,
    notes: "store-full run of iris\nsecond line",
  }),
  entry("synthetic_all_2_2026-11-26-T233941", "synthetic_all", 2, "2026-11-26-T233941", { status: "LIVE" }),
];

describe("renderIndex", () => {
  it("writes the index, a latest page, latest.json, compare.html and the list of every run", () => {
    const files = renderIndex(ENTRIES, [], { version: "1.2.3" });
    expect(files.map((f) => f.path)).toEqual([
      "index.html",
      "latest/index.html",
      "latest.json",
      "compare.html",
      "runs/1.html",
    ]);
    expect(pageProblems(file(files, "runs/1.html"))).toEqual([]);
    expect(pageProblems(file(files, "index.html"))).toEqual([]);
    expect(pageProblems(file(files, "latest/index.html"))).toEqual([]);
    expect(pageProblems(file(files, "compare.html"))).toEqual([]);
    // compare.html loads only the site's report folders, which it lists, and says what to do without JavaScript.
    const app = file(files, "compare.html");
    expect(app).toContain(
      `data-reports="${ENTRIES.map((e) => e.folder)
        .sort()
        .join(" ")}"`,
    );
    expect(app).toContain('<script src="assets/compare.js" defer></script>');
    expect(app).toContain("needs JavaScript");
  });

  it("lists experiments by name, each with its runs newest first, then all runs newest first", () => {
    const html = file(renderIndex(ENTRIES, [], { version: "1" }), "index.html");
    expect(textOf(html, /<section class="experiment" id="exp-\d+">\s*<h2>([\s\S]*?)<\/h2>/g)).toEqual([
      "iris",
      "quirks",
      "synthetic_all",
    ]);
    const iris =
      /<section class="experiment" id="exp-0">[\s\S]*?<ul class="runs">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
    expect(textOf(iris, /<a href="[^"]*\/index.html"><bdi>([^<]*)<\/bdi><\/a>/g)).toEqual([
      "iris_3_2026-11-26-T233906",
      "iris_2_2026-11-26-T233857",
      "iris_1_2026-11-26-T233842",
    ]);
    const all = /<section class="experiment" id="all-runs">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(textOf(all, /<a href="[^"]*\/index.html"><bdi>([^<]*)<\/bdi><\/a>/g)).toEqual([
      "quirks_4_2026-11-26-T234038",
      "synthetic_all_2_2026-11-26-T233941",
      "iris_3_2026-11-26-T233906",
      "iris_2_2026-11-26-T233857",
      "iris_1_2026-11-26-T233842",
    ]);
    const nav = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
    expect(textOf(nav, /<a href="#[^"]*">([\s\S]*?)<\/a>/g)).toEqual(["iris", "quirks", "synthetic_all", "All runs"]);
  });

  it("shows what curifactory's run line shows: status, dirty star, host, error, stores, args, notes, command", () => {
    const html = file(renderIndex(ENTRIES, [], { version: "1" }), "index.html");
    const line = (ref: string): string =>
      [...html.matchAll(/<li class="run">([\s\S]*?)<\/li>/g)]
        .map((m) => m[1] ?? "")
        .find((l) => l.includes(`<bdi>${ref}`)) ?? "";
    const quirks = line("quirks_4");
    expect(quirks).toContain(
      '<span class="status-dot status-error" role="img" aria-label="ERROR" title="ERROR"></span>',
    );
    expect(quirks).toContain('<a href="quirks_4_2026-11-26-T234038/index.html">');
    expect(quirks).toContain('<span class="dirty" title="uncommitted changes">*</span>');
    expect(quirks).toContain('<span class="host">[vm]</span>');
    expect(quirks).toContain('<span class="error-text">ValueError - deliberate failure</span>');
    expect(quirks).toContain('<code class="cli">experiment quirks -p quirks_fail --no-log</code>');
    expect(line("iris_2")).toContain('<span class="tag tag-full">(full store)</span>');
    expect(line("iris_2")).toContain('<span class="notes-line">store-full run of iris</span>');
    expect(line("iris_2")).not.toContain("second line");
    expect(line("iris_3")).toContain('<span class="tag tag-stored">(from stored)</span>');
    expect(line("iris_1")).toContain("<b><bdi>iris</bdi></b>(<bdi>simple_lr, simple_rf</bdi>)");
    expect(line("iris_1")).not.toMatch(/tag-|dirty|error-text|notes-line/);
    expect(line("synthetic_all_2")).toContain("status-live");
  });

  it("lists folders without run info as informal runs, sorted, with relative links", () => {
    const html = file(renderIndex(ENTRIES, ["zeta run", "alpha"], { version: "1" }), "index.html");
    const informal = /<section class="experiment" id="informal-runs">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(informal).toContain('<li><a href="alpha/">alpha</a></li>\n<li><a href="zeta%20run/">zeta run</a></li>');
    expect(html).toContain('<a href="#informal-runs">Informal runs</a>');
    expect(file(renderIndex(ENTRIES, [], { version: "1" }), "index.html")).not.toContain("informal-runs");
  });

  it("leads to the newest report from latest/ with a meta refresh and a plain link, and says so in latest.json", () => {
    const files = renderIndex(ENTRIES, [], { version: "1" });
    const latest = file(files, "latest/index.html");
    expect(latest).toContain('<meta http-equiv="refresh" content="0; url=../quirks_4_2026-11-26-T234038/index.html">');
    expect(latest).toContain('<a href="../quirks_4_2026-11-26-T234038/index.html">quirks_4_2026-11-26-T234038</a>');
    expect(latest).toContain('<link rel="stylesheet" href="../assets/style.css">');
    expect(latest).toContain('<a href="../index.html">All reports</a>');
    expect(JSON.parse(file(files, "latest.json"))).toEqual({
      reference: "quirks_4_2026-11-26-T234038",
      path: "quirks_4_2026-11-26-T234038/index.html",
      timestamp: "2026-11-26-T234038",
      facts: null,
      latest_version: 2,
    });
    expect(file(files, "index.html")).toContain('<a href="latest/index.html">View latest report</a>');
    expect(file(files, "index.html")).toContain('<link rel="stylesheet" href="assets/style.css">');
  });

  it("handles an empty site: no latest report, no refresh", () => {
    const files = renderIndex([], ["stray"], { version: "1" });
    expect(file(files, "index.html")).toContain("No reports yet.");
    expect(file(files, "index.html")).not.toContain("View latest report");
    expect(file(files, "latest/index.html")).not.toContain("refresh");
    expect(file(files, "latest/index.html")).toContain("There are no reports yet.");
    expect(JSON.parse(file(files, "latest.json"))).toEqual({
      reference: null,
      path: null,
      timestamp: null,
      facts: null,
      latest_version: 2,
    });
  });

  it("breaks timestamp ties by run number, then reference, and ignores input order", () => {
    const same = [
      entry("b_1", "x", 1, "2026-01-01-T000000"),
      entry("a_2", "x", 2, "2026-01-01-T000000"),
      entry("c_2", "x", 2, "2026-01-01-T000000"),
      // A second experiment, so the index lists all runs too (with one, its own list is all of them).
      entry("d_1", "y", 1, "2025-01-01-T000000"),
    ];
    const one = file(renderIndex(same, [], { version: "1" }), "index.html");
    const two = file(renderIndex([...same].reverse(), [], { version: "1" }), "index.html");
    expect(one).toBe(two);
    const all = /<section class="experiment" id="all-runs">([\s\S]*?)<\/section>/.exec(one)?.[1] ?? "";
    expect(textOf(all, /<bdi>([^<]*)<\/bdi><\/a>/g)).toEqual(["a_2", "c_2", "b_1", "d_1"]);
  });

  it("bounds a sweep's args sets: counted, the first few named, the rest a link to the run's Args section", () => {
    const names = Array.from({ length: 300 }, (_, i) => [`sweep_member_${i}`, `hash${i}`]);
    const sweep = entry("sweep_1_2026-01-01-T000000", "sweep", 1, "2026-01-01-T000000", {
      params: { sweep: names },
    });
    const html = file(renderIndex([sweep, ...ENTRIES], [], { version: "1" }), "index.html");
    const lines = [...html.matchAll(/<li class="run">([\s\S]*?)<\/li>/g)]
      .map((m) => m[1] ?? "")
      .filter((l) => l.includes("<bdi>sweep_1_"));
    expect(lines).toHaveLength(2); // its experiment's list and all runs
    for (const l of lines) {
      expect(l).toContain(
        "<b><bdi>sweep</bdi></b>: 300 args sets (<bdi>sweep_member_0, sweep_member_1, sweep_member_2</bdi>, " +
          '<a href="sweep_1_2026-01-01-T000000/index.html#args">297 more</a>)',
      );
      expect(l).not.toContain("sweep_member_3");
    }
    // Before: every name, twice (about 2 × 300 × 16 characters); now a few hundred characters per line.
    expect(lines.join("").length).toBeLessThan(1500);
  });

  it("names every args set of a short list, as curifactory's run line does", () => {
    const four = entry("few_1_2026-01-01-T000000", "few", 1, "2026-01-01-T000000", {
      params: {
        few: [
          ["a", "1"],
          ["b", "2"],
          ["c", "3"],
          ["d", "4"],
        ],
      },
    });
    const html = file(renderIndex([four], [], { version: "1" }), "index.html");
    expect(html).toContain("<b><bdi>few</bdi></b>(<bdi>a, b, c, d</bdi>)");
    // One experiment: its own list is all the runs, so the index does not spell them out twice.
    expect((html.match(/<li class="run">/g) ?? []).length).toBe(1);
  });

  it("stays light at 10,000 runs", () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      entry(
        `exp${i % 7}_${i}_2026-01-01-T${String(i).padStart(6, "0")}`,
        `exp${i % 7}`,
        i,
        `2026-01-01-T${String(i).padStart(6, "0")}`,
        { notes: `note ${i}` },
      ),
    );
    const files = renderIndex(many, [], { version: "1" });
    const html = file(files, "index.html");
    // Two lines per run (its experiment and all runs) made a ~10 MB index, then one cut at 1 MiB
    // that lost the older runs. Now the index shows the newest (20 per experiment, 200 in all) and
    // says so, and the runs list's pages hold every run (test/render/pages/runsList.test.ts).
    expect(Buffer.byteLength(html, "utf8")).toBeLessThan(MAX_PAGE_BYTES / 2);
    expect(html).not.toContain('class="page-cut"');
    expect((html.match(/<li class="run">/g) ?? []).length).toBe(7 * 20 + 200);
    expect(html).toContain(
      '<p class="note runs-cut">Showing the newest 200 of 10,000 runs — <a href="runs/1.html">all runs</a></p>',
    );
    expect(html).toContain('<a href="runs/1.html">Every run, newest first</a> (20 pages)');
    expect(files.filter((f) => f.path.startsWith("runs/"))).toHaveLength(20);
    expect(pageProblems(html)).toEqual([]);
  });
});

describe("renderIndex trends", () => {
  /** `experiments` experiments of `runs` runs each, every run with four run-level metrics. */
  function withMetrics(experiments: number, runs: number): IndexEntry[] {
    return Array.from({ length: experiments * runs }, (_, i) => {
      const stamp = `2026-01-01-T${String(i).padStart(6, "0")}`;
      const metrics = { accuracy: 0.5 + (i % 97) / 200, loss: 1 / (1 + i), f1: (i % 13) / 13, seconds: 3 + (i % 5) };
      return entry(`exp${i % experiments}_${i}_${stamp}`, `exp${i % experiments}`, i, stamp, { metrics });
    });
  }

  it("share the page: seven experiments of 150 runs keep every experiment's trends within the bound, uncut", () => {
    const html = file(renderIndex(withMetrics(7, 150), [], { version: "1" }), "index.html");
    // Each experiment's own limits (100 table rows, 300 points a plot) made 1.5 MB, cut after four experiments.
    expect(Buffer.byteLength(html, "utf8")).toBeLessThanOrEqual(MAX_PAGE_BYTES);
    expect(html).not.toContain('class="page-cut"');
    for (let e = 0; e < 7; e++) {
      expect(html).toContain(`id="exp-${e}-trends"`);
      expect((html.match(new RegExp(`id="exp-${e}-t\\d+-title"`, "g")) ?? []).length).toBe(4);
    }
    // The note says how many runs the plots and the table show.
    expect(html).toMatch(/The plots show the newest \d+ of 150 runs\./);
    expect(html).toMatch(/The table lists the newest \d+ runs; \d+ older ones are in the site's history\.json\./);
    expect(pageProblems(html)).toEqual([]);
  });

  it("keeps one experiment's trends whole up to their own limits: 100 table rows, 300 runs a plot", () => {
    const html = file(renderIndex(withMetrics(1, 150), [], { version: "1" }), "index.html");
    expect(html).not.toMatch(/The plots show the newest/);
    expect(html).toContain("The table lists the newest 100 runs; 50 older ones are in the site's history.json.");
  });
});

describe("renderIndex comparisons", () => {
  it("lists the newest runs' comparisons and links every run's from its line, on the index and the list of every run", () => {
    const runs = Array.from({ length: 300 }, (_, i) => {
      const stamp = `2026-01-01-T${String(i).padStart(6, "0")}`;
      return entry(`exp_${i}_${stamp}`, "exp", i, stamp);
    });
    const folders = runs.map((e) => e.folder);
    // Each run compared with the one before it, and one comparison of three runs that no line links.
    const comparisons = [...folders.slice(1).map((f, i) => `${folders[i]}--${f}`), folders.slice(0, 3).join("--")];
    const files = renderIndex(runs, [], { version: "1", comparisons });
    const html = file(files, "index.html");
    const section = html.slice(html.indexOf('id="comparisons"'));
    const listed = [...section.matchAll(/<li><a href="compare\/([^"]+)\/index\.html">/g)].map((m) => m[1]);
    expect(listed).toHaveLength(51);
    expect(listed).toContain(folders.slice(0, 3).join("--"));
    expect(listed).toContain(`${folders[298]}--${folders[299]}`);
    expect(listed).not.toContain(`${folders[0]}--${folders[1]}`);
    expect(html).toContain("Showing 51 of 300 comparisons, the newest runs&#39; ones");
    // Every comparison page is linked from the index or a page of the list of every run.
    const pages = files
      .filter((f) => f.path === "index.html" || f.path.startsWith("runs/"))
      .map((f) => String(f.content));
    const linked = new Set(
      pages.flatMap((p) => [...p.matchAll(/href="(?:\.\.\/)?compare\/([^"]+)\/index\.html"/g)].map((m) => m[1])),
    );
    for (const name of comparisons) expect(linked.has(name), name).toBe(true);
    const list = file(files, "runs/1.html");
    expect(list).toContain(
      `<a class="vs-previous" href="../compare/${folders[0]}--${folders[1]}/index.html">vs previous</a>`,
    );
    expect(pageProblems(html)).toEqual([]);
  });
});

describe("indexEntryFromRunInfo", () => {
  it("reads back what renderReport wrote", async () => {
    const report = await renderReport(richRun({ durationS: 3.5, notes: "n" }), { version: "1" });
    const e = indexEntryFromRunInfo(JSON.parse(fileText(report, "run_info.json")), report.folder);
    expect(e).toMatchObject({
      folder: "synthetic_all_3_2026-11-26-T233947",
      reference: "synthetic_all_3_2026-11-26-T233947",
      experiment_name: "synthetic_all",
      run_number: 3,
      status: "complete",
      notes: "n",
      duration_s: 3.5,
      reportable_count: 6,
      record_count: 3,
      problems: [],
    });
  });

  it("keeps what is sound in a tampered file and lists the rest as problems, never throwing", () => {
    // JSON.parse makes "__proto__" an own key, as a hostile file would.
    const tampered: unknown = JSON.parse(
      '{"reference": 5, "experiment_name": "x", "status": "pwned", "params": {"f": [["a", "h"], "junk"], "__proto__": [["p", "q"]]}, "run_number": -1, "workdir_dirty": "yes"}',
    );
    const e = indexEntryFromRunInfo(tampered, "folder_1");
    expect(e.reference).toBe("folder_1");
    expect(e.experiment_name).toBe("x");
    expect(e.status).toBe("unknown");
    expect(e.run_number).toBeNull();
    expect(e.params.f).toEqual([["a", "h"]]);
    expect(Object.getPrototypeOf(e.params)).toBeNull();
    expect(Object.hasOwn(e.params, "__proto__")).toBe(true);
    expect(e.problems).toEqual(
      expect.arrayContaining([
        "reference: expected a string",
        "status: expected complete, incomplete, error, LIVE",
        "params/f: expected [name, hash] pairs",
      ]),
    );
    for (const bad of [null, 3, "text", [], undefined]) {
      const x = indexEntryFromRunInfo(bad, "f");
      expect(x.reference).toBe("f");
      expect(x.problems).toEqual(["run_info.json: expected a JSON object"]);
    }
  });

  it("shows a damaged entry on the index with what was wrong", () => {
    const damaged = indexEntryFromRunInfo(
      { reference: "r", experiment_name: "x", timestamp: "2026-01-01-T000000" },
      "r",
    );
    const html = file(renderIndex([damaged], [], { version: "1" }), "index.html");
    const problems = textOf(html, /<span class="problems">([\s\S]*?)<\/span>/g)[0] ?? "";
    expect(decodeEntities(problems)).toMatch(
      /^run_info.json is damaged: .*run_number: expected a non-negative integer/,
    );
    expect(html).toContain(
      '<span class="status-dot status-unknown" role="img" aria-label="UNKNOWN" title="UNKNOWN"></span>',
    );
  });
});
