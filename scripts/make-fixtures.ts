/**
 * Regenerates the valid run fixtures, `fixtures/runs/<name>/`, one behaviour each, byte for byte
 * the same on every run and machine: fixed clock (UTC), host name, git and command line, and
 * every cache under a temporary root so the paths written are stable relative strings.
 *
 *   npm run fixtures                                  # = node dist/scripts/make-fixtures.js fixtures/runs
 *   node dist/scripts/make-fixtures.js <out dir>
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { IRIS_ARGS, runIris, type IrisArgs } from "../examples/iris.js";
import { tracebackOf } from "../src/record/traceback.js";
import {
  aggregate,
  ArtifactManager,
  FigureReportable,
  HtmlReportable,
  ImageReportable,
  JsonCacher,
  JsonReportable,
  LatexTableReportable,
  Lazy,
  LinePlotReportable,
  MarkdownReportable,
  RawCacher,
  Record,
  stage,
  TableReportable,
  TextCacher,
  type ArtifactManagerOptions,
} from "../src/record/index.js";

/** The fixtures this script owns, in the order they are written. */
export const FIXTURE_NAMES = ["iris", "all-reportables", "failed", "no-reportables", "cached-rerun"] as const;

/** Everything that would otherwise vary between machines and runs. */
function stableOptions(root: string, cli: string): ArtifactManagerOptions {
  let tick = Date.UTC(2026, 0, 15, 9, 30, 0);
  return {
    root,
    cachePath: "data/cache",
    runsPath: "runs",
    // Every reading advances a quarter second, so durations are non-zero and still reproducible.
    clock: () => new Date((tick += 250)),
    utc: true,
    // The error line and the frame that raised, by name: positions and outer frames differ between
    // src/ under the tests' runner and dist/.
    traceback: (error) => tracebackOf(error, { root, locations: false })?.split("\n").slice(0, 2).join("\n") ?? null,
    hostname: "fixture-host",
    git: { commit: "3f9c2a7d4b1e8f6a0c5d9e2b7a4f1c8e6d3b0a95", dirty: false },
    cli,
  };
}

/** Smaller iris args, so the fixture stays a few KB. */
const SMALL_IRIS: readonly IrisArgs[] = IRIS_ARGS.map((args) => ({ ...args, samplesPerClass: 8, epochs: 12 }));

const IRIS_CLI = "node dist/examples/iris.js";

/** Two args sets, two stages each, and an aggregate with a JSON reportable (the example experiment). */
async function iris(root: string): Promise<string> {
  return runIris(
    new ArtifactManager("iris", { ...stableOptions(root, IRIS_CLI), notes: "Tight vs wide clusters." }),
    SMALL_IRIS,
  );
}

/** A second run of iris whose stages all come from the cache; its reportables are still there. */
async function cachedRerun(root: string): Promise<string> {
  await runIris(new ArtifactManager("iris", stableOptions(root, IRIS_CLI)), SMALL_IRIS);
  return runIris(
    new ArtifactManager("iris", { ...stableOptions(root, IRIS_CLI), notes: "Second run: every stage cached." }),
    SMALL_IRIS,
  );
}

/** One args set through one uncached stage, reporting nothing. */
async function noReportables(root: string): Promise<string> {
  const manager = new ArtifactManager("quiet", stableOptions(root, "node experiments/quiet.js"));
  const sum = stage({ name: "sum", outputs: ["total"] }, (record: Record) => ({
    total: (record.args?.["items"] as number[]).reduce((a, b) => a + b, 0),
  }));
  const [args] = manager.registerArgs([{ name: "only", items: [1, 2, 3, 4] }], "quiet");
  return manager.run(async () => {
    await sum(new Record(manager, args ?? null));
  });
}

/** A run whose second stage throws: status error with `"RangeError - <message>"`. */
async function failed(root: string): Promise<string> {
  const manager = new ArtifactManager("failing", {
    ...stableOptions(root, "node experiments/failing.js"),
    notes: "Fails on purpose.",
  });
  const prepare = stage({ name: "prepare", outputs: ["values"] }, () => ({ values: [3, 1, 2] }));
  const explode = stage({ name: "explode", inputs: ["values"] }, (record: Record) => {
    record.report(new JsonReportable({ reached: true }, { name: "before_failure" }));
    throw new RangeError("deliberate failure for <status=error> probe");
  });
  const [args] = manager.registerArgs([{ name: "doomed", threshold: 0.5 }], "failing");
  const record = new Record(manager, args ?? null);
  try {
    await manager.run(async () => {
      await prepare(record);
      await explode(record);
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return manager.runDir;
}

/** An 8×8 PNG (hard-coded: compressing at run time could differ between zlib versions). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAbUlEQVR42hXOUREAUQhCUaMYhShEMcqNQhSi7Fs/OQzjzLCDBg83MGToMLPsosXLLSxZug/ECgmLE4iI6oFZI2NzBhNTPzj20OHjDo4cvQf/7Bt41Rf+F+h7YsIGBYfLHyc0D8oWFZfrX05p+QDeqGABtJu0bQAAAABJRU5ErkJggg==",
  "base64",
);

const bars = (values: readonly number[]): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${values.length * 12}" height="40">` +
  values.map((v, i) => `<rect x="${i * 12}" y="${40 - v * 4}" width="10" height="${v * 4}" fill="#4a7"/>`).join("") +
  "</svg>";

/** Every reportable kind, groups, a Lazy output, makeCopy, getPath/getDir and a full store. */
async function allReportables(root: string): Promise<string> {
  const manager = new ArtifactManager("tour", {
    ...stableOptions(root, "node experiments/tour.js --store-full"),
    storeFull: true,
    notes: "Every reportable kind.\nSecond line.",
  });
  const makeData = stage<object, { numbers: number[]; label: string }>(
    { name: "make_data", outputs: ["numbers", new Lazy("label")], cachers: [JsonCacher, TextCacher] },
    (record) => {
      const size = record.args?.["size"] as number;
      const numbers = Array.from({ length: size }, (_, i) => (i * 7) % 5);
      const rows = numbers.map((n, i) => ({ item: `n${i}`, value: n, share: n / 10, even: n % 2 === 0 }));
      record.report(new TableReportable(rows, { name: "numbers", group: "tables" }));
      record.report(
        new LatexTableReportable(rows, {
          name: "numbers_latex",
          group: "tables",
          floatPrecision: 2,
          caption: "Numbers & shares",
        }),
      );
      record.report(new HtmlReportable("<p>Made <b>" + String(size) + "</b> numbers.</p>"));
      record.report(new JsonReportable({ size, numbers, sum: numbers.reduce((a, b) => a + b, 0) }));
      return { numbers, label: `size ${size}` };
    },
  );
  const exportFiles = stage<{ numbers: number[]; label: string }, { archive: Uint8Array }>(
    { name: "export", inputs: ["numbers", "label"], outputs: ["archive"], cachers: [RawCacher] },
    async (record, { numbers, label }) => {
      const plot = record.getPath("bars.svg");
      await mkdir(path.dirname(plot), { recursive: true });
      await writeFile(plot, bars(numbers), "utf8");
      const dir = await record.getDir("exports");
      await writeFile(path.join(dir, "numbers.csv"), `value\n${numbers.join("\n")}\n`, "utf8");
      record.report(new ImageReportable(plot, { name: "bars", group: "figures", alt: label }));
      record.report(
        new FigureReportable(bars([...numbers].reverse()), { name: "bars reversed (svg)", group: "figures" }),
      );
      record.report(new FigureReportable(PNG, { name: "swatch", group: "figures", alt: "colour swatch" }));
      record.report(
        new LinePlotReportable(
          { value: numbers, double: numbers.map((n) => 2 * n) },
          { name: "lines", x: numbers.map((_, i) => i + 1), xLabel: "item", yLabel: "value" },
        ),
      );
      record.report(
        new MarkdownReportable(`### ${label}\n\n- numbers: ${numbers.join(", ")}\n- *exported* to \`exports/\``),
      );
      return { archive: new TextEncoder().encode(numbers.join(",")) };
    },
  );
  const describe = stage<{ numbers: number[] }, { stats: { min: number; max: number } }>(
    { name: "describe", inputs: ["numbers"], outputs: ["stats"] },
    (_record, { numbers }) => ({ stats: { min: Math.min(...numbers), max: Math.max(...numbers) } }),
  );
  const summarize = aggregate<{ numbers: number[] }, { totals: { [name: string]: number } }>(
    { name: "summarize", inputs: ["numbers"], outputs: ["totals"], cachers: [JsonCacher] },
    (record, { numbers }) => {
      const totals = Object.fromEntries(
        [...numbers].map(([source, values]) => [source.args?.name ?? "None", values.reduce((a, b) => a + b, 0)]),
      );
      record.report(new JsonReportable(totals, { name: "totals" }));
      return { totals };
    },
  );
  const [args] = manager.registerArgs([{ name: "small", size: 4 }], "tour");
  return manager.run(async () => {
    const record = new Record(manager, args ?? null);
    await makeData(record);
    await exportFiles(record);
    // The copy starts from the source's state: its stage reads the source's "numbers" artifact.
    const copy = record.makeCopy({ name: "small_copy", size: 4, copied: true });
    await describe(copy);
    await summarize(new Record(manager, null), [record, copy]);
  });
}

const GENERATORS: { readonly [name in (typeof FIXTURE_NAMES)[number]]: (root: string) => Promise<string> } = {
  iris,
  "all-reportables": allReportables,
  failed,
  "no-reportables": noReportables,
  "cached-rerun": cachedRerun,
};

/** Writes every fixture run folder into `outDir/<name>/` (replacing only those folders); returns their paths. */
export async function makeFixtures(outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const name of FIXTURE_NAMES) {
    const root = await mkdtemp(path.join(tmpdir(), `curi-fixture-${name}-`));
    try {
      const runDir = await GENERATORS[name](root);
      const target = path.join(outDir, name);
      await rm(target, { recursive: true, force: true });
      await mkdir(outDir, { recursive: true });
      await cp(runDir, target, { recursive: true });
      written.push(target);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return written;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  makeFixtures(path.resolve(process.argv[2] ?? "fixtures/runs")).then(
    (dirs) => dirs.forEach((dir) => console.log(path.relative(process.cwd(), dir))),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
