import { describe, expect, it } from "vitest";
import { ArtifactManager, InvalidMetricError, Record } from "../../src/record/index.js";
import { readRun } from "../../src/run/read.js";
import { readWire, stableOptions, tempRoot } from "./helpers.js";

describe("logging metrics", () => {
  it("writes record and run-level metrics, series sorted by step, NaN tagged, goals, into run.json that reads back", async () => {
    const manager = new ArtifactManager("m", stableOptions(await tempRoot()));
    const dir = await manager.run(() => {
      const r = new Record(manager, { name: "a", lr: 1 });
      r.logMetric("accuracy", 0.9);
      r.logMetric("loss", 0.5, { step: 2 });
      r.logMetric("loss", 1, { step: 0 });
      r.logMetric("loss", 0.7, { step: 1 });
      r.logMetric("loss", 0.4, { step: 2 }); // a step logged twice keeps the last value
      r.logMetrics({ f1: 0.8, score: Number.NaN });
      manager.logMetric("wall_s", 12, { goal: "min" });
      manager.logMetrics({ mean_accuracy: 0.9 });
      r.logMetric("accuracy", 0.95, { goal: "max" });
    });
    const wire = await readWire(dir);
    expect(wire.schema_version).toBe(2);
    expect(wire.records[0]?.metrics).toEqual({
      accuracy: 0.95,
      loss: [
        { step: 0, value: 1 },
        { step: 1, value: 0.7 },
        { step: 2, value: 0.4 },
      ],
      f1: 0.8,
      score: { $float: "NaN" },
    });
    expect(wire.metrics).toEqual({ wall_s: 12, mean_accuracy: 0.9 });
    expect(wire.metric_goals).toEqual({ wall_s: "min", accuracy: "max" });
    const run = await readRun(dir);
    expect(run.records[0]?.metrics.score).toBeNaN();
    expect(run.metricGoals).toEqual({ wall_s: "min", accuracy: "max" });
  });

  it("writes no metrics field when nothing was logged", async () => {
    const manager = new ArtifactManager("m", stableOptions(await tempRoot()));
    const dir = await manager.run(() => void new Record(manager, { name: "a" }));
    const wire = await readWire(dir);
    expect(wire.metrics).toBeUndefined();
    expect(wire.records[0]?.metrics).toBeUndefined();
  });

  it("refuses bad names, values and steps, and mixing a scalar with a series, saying what to do", async () => {
    const manager = new ArtifactManager("m", stableOptions(await tempRoot()));
    const r = new Record(manager, { name: "a" });
    expect(() => r.logMetric("", 1)).toThrow(InvalidMetricError);
    expect(() => r.logMetric("x", "1" as unknown as number)).toThrow(/must be a number/);
    expect(() => r.logMetric("x", 1, { step: -1 })).toThrow(/not a whole number/);
    expect(() => r.logMetric("x", 1, { step: 0.5 })).toThrow(/not a whole number/);
    r.logMetric("s", 1);
    expect(() => r.logMetric("s", 1, { step: 0 })).toThrow(/is a scalar/);
    r.logMetric("t", 1, { step: 0 });
    expect(() => r.logMetric("t", 2)).toThrow(/is a series/);
    expect(() => manager.setMetricGoal("x", "up" as "min")).toThrow(/"min" or "max"/);
  });
});
