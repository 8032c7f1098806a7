/**
 * An iris-like classification experiment, written with the record runtime. Copy it to start your own.
 *
 * Two args sets (`baseline`, `wide`) each run `load_data` → `train_model` → `evaluate_model`,
 * logging the loss of every epoch and the test accuracy as metrics; an aggregate `compare_models`
 * then logs the best accuracy (a run-level metric) and reports a JSON summary, a table, the
 * training loss curves and a few notes. Outputs (and the metrics logged with them) are cached in
 * `data/cache/`, so a second run loads them instead of training again.
 *
 *   npm run build && node dist/examples/iris.js            # writes runs/iris_<n>_<time>/ and runs/latest
 *   node dist/examples/iris.js --store-full --notes "…"    # also copies the artifacts into the run folder
 *   node dist/examples/iris.js --overwrite                 # ignore the cache
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  aggregate,
  ArtifactManager,
  JsonCacher,
  JsonReportable,
  LinePlotReportable,
  MarkdownReportable,
  Record,
  runOptionsFromArgv,
  stage,
  TableReportable,
  type Args,
} from "../src/record/index.js";

/** The knobs of one experiment line. `name` labels it; every other field is part of its hash. */
export interface IrisArgs extends Args {
  readonly seed: number;
  readonly samplesPerClass: number;
  /** Standard deviation of the features around each species' centre, as a fraction of the iris one. */
  readonly spread: number;
  readonly testFraction: number;
  readonly learningRate: number;
  readonly epochs: number;
}

/** The two args sets: tight clusters, and clusters twice as wide (harder to separate). */
export const IRIS_ARGS: readonly IrisArgs[] = [
  { name: "baseline", seed: 7, samplesPerClass: 40, spread: 1, testFraction: 0.25, learningRate: 0.5, epochs: 40 },
  { name: "wide", seed: 7, samplesPerClass: 40, spread: 2, testFraction: 0.25, learningRate: 0.5, epochs: 40 },
];

const SPECIES = ["setosa", "versicolor", "virginica"];
/** Mean sepal length, sepal width, petal length and petal width of each species (cm). */
const CENTRES = [
  [5.0, 3.4, 1.5, 0.2],
  [5.9, 2.8, 4.3, 1.3],
  [6.6, 3.0, 5.6, 2.0],
];
/** Standard deviation of each feature around its species' mean, before `spread` scales it. */
const STD_DEVS = [0.35, 0.38, 0.17, 0.1];

/** A data set: one row of four features and one species index per sample. */
export interface Dataset {
  readonly features: number[][];
  readonly labels: number[];
}

/** A softmax (multinomial logistic) regression with the standardization it was trained with. */
export interface Model {
  readonly mean: number[];
  readonly std: number[];
  /** One row per species: four feature weights, then the bias. */
  readonly weights: number[][];
  /** Cross-entropy on the training set after each epoch. */
  readonly loss: number[];
}

/** Synthetic iris data from a seeded generator (no download), split into train and test. */
export const loadData = stage<object, { train: Dataset; test: Dataset }>(
  { name: "load_data", outputs: ["train", "test"], cachers: [JsonCacher, JsonCacher] },
  (record) => {
    const args = record.args as IrisArgs;
    const random = gaussian(uniform(args.seed));
    const samples: { x: number[]; y: number }[] = [];
    for (const [y, centre] of CENTRES.entries()) {
      for (let i = 0; i < args.samplesPerClass; i++) {
        samples.push({ x: centre.map((mu, f) => round(mu + (STD_DEVS[f] ?? 0) * args.spread * random())), y });
      }
    }
    shuffle(samples, uniform(args.seed + 1));
    const testCount = Math.round(samples.length * args.testFraction);
    const split = (part: typeof samples): Dataset => ({ features: part.map((s) => s.x), labels: part.map((s) => s.y) });
    return { train: split(samples.slice(testCount)), test: split(samples.slice(0, testCount)) };
  },
);

/** Trains the model by full-batch gradient descent and keeps the loss of every epoch. */
export const trainModel = stage<{ train: Dataset }, { model: Model }>(
  { name: "train_model", inputs: ["train"], outputs: ["model"], cachers: [JsonCacher] },
  (record, { train }) => {
    const args = record.args as IrisArgs;
    const { mean, std } = standardization(train.features);
    // Standardized features plus a constant 1 that multiplies the bias.
    const xs = train.features.map((row) => [...standardize(row, mean, std), 1]);
    const weights = SPECIES.map(() => [0, 0, 0, 0, 0]);
    const loss: number[] = [];
    for (let epoch = 0; epoch < args.epochs; epoch++) {
      loss.push(round(gradientStep(weights, xs, train.labels, args.learningRate), 5));
      // Metrics as data: the loss of every epoch is a step series in the report's results table.
      record.logMetric("loss", loss[epoch] as number, { step: epoch });
    }
    return { model: { mean, std, weights: weights.map((row) => row.map((w) => round(w, 5))), loss } };
  },
);

/** Scores a record's model on its test set and logs the accuracy (a metric per record). */
export const evaluateModel = stage<{ model: Model; test: Dataset }, { accuracy: number }>(
  { name: "evaluate_model", inputs: ["model", "test"], outputs: ["accuracy"], cachers: [JsonCacher] },
  (record, { model, test }) => {
    const correct = test.features.filter((row, i) => predict(model, row) === test.labels[i]).length;
    const accuracy = correct / test.labels.length;
    record.logMetric("accuracy", accuracy, { goal: "max" });
    return { accuracy };
  },
);

/** Scores every model on its own test set and reports the comparison. */
export const compareModels = aggregate<{ model: Model; test: Dataset }, { scores: { [args: string]: number } }>(
  { name: "compare_models", inputs: ["model", "test"], outputs: ["scores"], cachers: [JsonCacher] },
  (record, { model, test }) => {
    const scores: { [args: string]: number } = {};
    const rows: { args: string; accuracy: number; correct: number; tested: number; final_loss: number }[] = [];
    const curves: { [args: string]: number[] } = {};
    for (const [source, trained] of model) {
      const data = test.get(source);
      if (data === undefined) continue;
      const name = source.args?.name ?? source.getReferenceName();
      const correct = data.features.filter((row, i) => predict(trained, row) === data.labels[i]).length;
      scores[name] = correct / data.labels.length;
      rows.push({
        args: name,
        accuracy: correct / data.labels.length,
        correct,
        tested: data.labels.length,
        final_loss: trained.loss.at(-1) ?? NaN,
      });
      curves[name] = trained.loss;
    }
    // A run-level metric: logged on the aggregate record, it heads the run's results and trends.
    record.logMetric("best_accuracy", Math.max(...Object.values(scores)), { goal: "max" });
    record.report(new JsonReportable(scores, { name: "scores" }));
    record.report(new TableReportable(rows, { name: "results", floatPrecision: 3 }));
    record.report(
      new LinePlotReportable(curves, {
        name: "training_loss",
        title: "Training loss",
        xLabel: "epoch",
        yLabel: "cross-entropy",
      }),
    );
    record.report(
      new MarkdownReportable(
        "## Notes\n\nThe `wide` args set doubles the spread of every species, so *versicolor* and *virginica* overlap " +
          "and accuracy drops. Both models train for the same number of epochs with the same learning rate.",
        { name: "notes" },
      ),
    );
    return { scores };
  },
);

/** Runs the whole experiment with `manager`: every args set through its stages, then the comparison. */
export async function runIris(manager: ArtifactManager, argsSets: readonly IrisArgs[] = IRIS_ARGS): Promise<string> {
  const registered = manager.registerArgs(argsSets, "iris");
  return manager.run(async () => {
    const records: Record[] = [];
    for (const args of registered) {
      const record = new Record(manager, args);
      await loadData(record);
      await trainModel(record);
      await evaluateModel(record);
      records.push(record);
    }
    await compareModels(new Record(manager, null), records);
  });
}

// ---- small numeric helpers ----

/** A seeded uniform [0, 1) generator (mulberry32): same seed, same numbers, on every machine. */
function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal(0, 1) numbers from a uniform generator (Box–Muller). */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Fisher–Yates shuffle in place. */
function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function standardization(rows: readonly number[][]): { mean: number[]; std: number[] } {
  const columns = (rows[0] ?? []).map((_, f) => rows.map((row) => row[f] ?? 0));
  const mean = columns.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
  const std = columns.map((c, f) => Math.sqrt(c.reduce((a, b) => a + (b - (mean[f] ?? 0)) ** 2, 0) / c.length) || 1);
  return { mean: mean.map((m) => round(m, 5)), std: std.map((s) => round(s, 5)) };
}

function standardize(row: readonly number[], mean: readonly number[], std: readonly number[]): number[] {
  return row.map((v, f) => (v - (mean[f] ?? 0)) / (std[f] ?? 1));
}

/** One full-batch gradient descent step on the cross-entropy; returns the loss before the step. */
function gradientStep(weights: number[][], xs: readonly number[][], labels: readonly number[], rate: number): number {
  const gradient = weights.map((row) => row.map(() => 0));
  let loss = 0;
  xs.forEach((x, i) => {
    const p = probabilities(weights, x);
    const label = labels[i] ?? 0;
    loss -= Math.log(p[label] ?? 1);
    gradient.forEach((g, k) => {
      const error = (p[k] ?? 0) - (k === label ? 1 : 0);
      x.forEach((xf, f) => {
        g[f] = (g[f] ?? 0) + (error * xf) / xs.length;
      });
    });
  });
  weights.forEach((row, k) =>
    row.forEach((w, f) => {
      row[f] = w - rate * (gradient[k]?.[f] ?? 0);
    }),
  );
  return loss / xs.length;
}

/** Softmax of the class scores of `x` (which ends with the bias input 1). */
function probabilities(weights: readonly number[][], x: readonly number[]): number[] {
  const scores = weights.map((row) => x.reduce((sum, xf, f) => sum + xf * (row[f] ?? 0), 0));
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

function predict(model: Model, row: readonly number[]): number {
  const p = probabilities(model.weights, [...standardize(row, model.mean, model.std), 1]);
  return p.indexOf(Math.max(...p));
}

/** The example's usage, printed by `--help` and after a mistyped flag. */
export const IRIS_USAGE = `Usage: node dist/examples/iris.js [options]

Runs the iris example experiment into runs/iris_<n>_<time>/ and points runs/latest at it.

Options (curifactory's run flags):
  --cache <dir>     cache folder (default: data/cache)
  --overwrite       ignore cached outputs and compute every stage again
  --dry-cache       read the cache but write nothing to it
  --dry             run without writing a run folder or cache
  --store-full      also copy every artifact into the run folder
  --notes <text>    notes shown in the report (Markdown)
  --no-log          keep no log.txt
  -h, --help        show this help`;

/** Where `irisMain` prints. */
export interface IrisIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/**
 * Entry point: parses curifactory's run flags, runs the experiment and prints the run folder.
 * `--help` prints the usage; an unknown flag or argument runs nothing and exits 2.
 */
export async function irisMain(argv: readonly string[], io: IrisIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(IRIS_USAGE);
    return 0;
  }
  const { options, rest } = runOptionsFromArgv(argv);
  if (rest.length > 0) {
    io.err(
      `iris: unknown argument${rest.length > 1 ? "s" : ""} ${rest.map((r) => JSON.stringify(r)).join(", ")}; nothing was run. See --help.`,
    );
    return 2;
  }
  const manager = new ArtifactManager("iris", { notes: "Synthetic iris: tight vs wide clusters.", ...options });
  const runDir = await runIris(manager);
  io.out(path.relative(process.cwd(), runDir) || runDir);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  irisMain(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
